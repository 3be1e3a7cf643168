/**
 * Reaction statistics (SPEC §7, reaction_stats.py): the earliest action per signal gives the reaction time;
 * each signal gets one category; the summary runs over every signal that has an action (SKIPPED included).
 */
import type { DrillAction, DrillSignal, ReactionCategory } from './types';
import { REACTION_CATEGORIES } from './types';

export const IMPULSIVE_BELOW_MS = 300;
export const LATE_ABOVE_MS = 3000;

export interface ReactionRecord {
  signalId: string;
  bar: number;
  reactionMs: number | null;
  userAction: DrillAction['userAction'] | null;
  category: ReactionCategory;
}

export interface ReactionSummary {
  counts: Record<ReactionCategory, number>;
  /** records with an action */
  n: number;
  mean: number | null;
  median: number | null;
  /** population std (ddof 0) */
  std: number | null;
  p50: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
  min: number | null;
  max: number | null;
}

/** The action's reaction time: its measured latency when present, else its time − the signal's time. */
export function reactionMsOf(a: DrillAction, s: DrillSignal): number {
  return a.latencyMs ?? Math.max(0, a.time - s.time);
}

/** Earliest action per signal id (ties: the first one listed). Off-signal actions (signalId null) are ignored. */
export function earliestActions(signals: readonly DrillSignal[], actions: readonly DrillAction[]): Map<string, DrillAction> {
  const byId = new Map(signals.map((s) => [s.signalId, s]));
  const out = new Map<string, DrillAction>();
  for (const a of actions) {
    if (a.signalId === null) continue;
    const s = byId.get(a.signalId);
    if (!s) continue;
    const prev = out.get(a.signalId);
    if (!prev || reactionMsOf(a, s) < reactionMsOf(prev, s)) out.set(a.signalId, a);
  }
  return out;
}

export function categorise(userAction: string | null, reactionMs: number | null): ReactionCategory {
  if (userAction === null || reactionMs === null) return 'MISSED';
  if (userAction === 'SKIPPED') return 'SKIPPED';
  if (reactionMs < IMPULSIVE_BELOW_MS) return 'IMPULSIVE';
  if (reactionMs > LATE_ABOVE_MS) return 'LATE';
  return 'ON_TIME';
}

export function reactionRecords(signals: readonly DrillSignal[], actions: readonly DrillAction[]): ReactionRecord[] {
  const first = earliestActions(signals, actions);
  return signals.map((s) => {
    const a = first.get(s.signalId);
    const ms = a ? reactionMsOf(a, s) : null;
    return { signalId: s.signalId, bar: s.bar, reactionMs: ms, userAction: a?.userAction ?? null, category: categorise(a?.userAction ?? null, ms) };
  });
}

/** Linear-interpolated percentile (numpy's default): position q·(n−1) in the sorted values. */
export function percentileLinear(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function summariseReactions(records: readonly ReactionRecord[]): ReactionSummary {
  const counts = Object.fromEntries(REACTION_CATEGORIES.map((c) => [c, 0])) as Record<ReactionCategory, number>;
  for (const r of records) counts[r.category]++;
  const xs = records.flatMap((r) => (r.reactionMs === null ? [] : [r.reactionMs])).sort((a, b) => a - b);
  const n = xs.length;
  if (n === 0) return { counts, n, mean: null, median: null, std: null, p50: null, p90: null, p95: null, p99: null, min: null, max: null };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const std = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / n);
  const p = (q: number) => percentileLinear(xs, q);
  return { counts, n, mean, median: p(0.5), std, p50: p(0.5), p90: p(0.9), p95: p(0.95), p99: p(0.99), min: xs[0], max: xs[n - 1] };
}
