/**
 * Psychology heatmap, report method (SPEC §7, calculate_psychology_scores_from_events): events are clustered by
 * their tags, each event adds per-dimension increments, and a cluster's score is min(3, Σ/count·2.5).
 *
 * Two SPEC quirks are switchable so both results can be pinned:
 *  - 'intended' (default): the rule-break tag check matches "break" only as a whole tag word (rule_break,
 *    break-rule), never as part of "breakout"; a missed event is not impulsive (it has no delay at all).
 *  - 'spec': the original — substring "break" (so every breakout tag is a rule break) and a missed event's
 *    delay of 0 s counting as an impulsive (< 1 s) reaction.
 */
import type { Cluster, Dimension } from './types';
import { CLUSTERS, DIMENSIONS } from './types';
import type { DrillEvent } from './outcomes';

export type QuirkMode = 'intended' | 'spec';

/** First rule that matches any tag wins; tags are compared lower-case. */
export function clusterOf(tags: readonly string[]): Cluster {
  const t = tags.map((x) => x.toLowerCase());
  const any = (f: (s: string) => boolean) => t.some(f);
  if (any((s) => s.startsWith('break'))) return 'breakout';
  if (any((s) => s.includes('counter') || s.includes('reversal'))) return 'counter_trend';
  if (any((s) => s.includes('exit') || s === 'tp' || s.startsWith('tp_') || s.includes('take_profit'))) return 'exit';
  if (any((s) => s.includes('reentry') || s.includes('scaling') || s.includes('add'))) return 'reentry';
  if (any((s) => s.includes('trend') || s.includes('discipline'))) return 'trend_follow';
  return 'other';
}

const words = (tag: string) => tag.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);

export function hasRuleBreakTag(tags: readonly string[], mode: QuirkMode): boolean {
  return tags.some((raw) => {
    const s = raw.toLowerCase();
    if (s.includes('violation') || s.includes('no_setup')) return true;
    return mode === 'spec' ? s.includes('break') : words(s).includes('break');
  });
}

export type Increments = Record<Dimension, number>;
const zero = (): Increments => ({ fomo: 0, loss_fear: 0, impulsivity: 0, hesitation: 0, rule_break: 0 });

export function eventIncrements(e: DrillEvent, mode: QuirkMode = 'intended'): Increments {
  const inc = zero();
  const pnl = e.pnlAfterBars ?? 0;
  const tags = e.tags.map((t) => t.toLowerCase());
  const d = e.delayS;
  if (e.outcome === 'FOMO') inc.fomo += 1;
  if (e.outcome === 'LATE' && pnl < 0) inc.fomo += 0.5;
  if (tags.some((t) => t.includes('fear') || t.includes('loss_aversion'))) inc.loss_fear += 0.7;
  if (d > 10 && pnl > 50) inc.loss_fear += 0.3;
  const acted = mode === 'spec' || e.outcome !== 'MISSED';
  if (acted && d < 1) inc.impulsivity += 0.4;
  if (e.outcome === 'FOMO') inc.impulsivity += 0.5;
  if (e.outcome === 'MISSED') inc.hesitation += 1;
  else if (e.outcome === 'LATE') inc.hesitation += 0.7;
  else if (d > 8 && pnl > 30) inc.hesitation += 0.4;
  if (e.outcome === 'RULE_BREAK') inc.rule_break += 1.2;
  if (hasRuleBreakTag(e.tags, mode)) inc.rule_break += 0.6;
  return inc;
}

export interface HeatCell {
  cluster: Cluster;
  dimension: Dimension;
  score: number;
  heat: HeatLevel;
  /** signal ids of the events behind the cell (every event of the cluster) */
  signalIds: string[];
}
export type HeatLevel = 0 | 1 | 2 | 3;

export interface Heatmap {
  method: 'report' | 'features';
  quirks: QuirkMode;
  cells: HeatCell[];
  counts: Record<Cluster, number>;
  problemClusters: Cluster[];
}

export const PROBLEM_SCORE = 2.5;

export function heatLevel(score: number): HeatLevel {
  if (score < 0.5) return 0;
  if (score < 1.5) return 1;
  if (score < 2.5) return 2;
  return 3;
}

/** Python's round(): half to even (the original's display rounding). */
export function roundHalfEven(x: number, digits = 0): number {
  const f = 10 ** digits;
  const y = x * f;
  const r = Math.round(y);
  const isHalf = Math.abs(Math.abs(y - Math.trunc(y)) - 0.5) < 1e-9;
  const out = isHalf ? (r % 2 === 0 ? r : r - 1) : r;
  return out / f;
}

const round2 = (x: number) => Math.round(x * 100 + Number.EPSILON * 100) / 100;

export function reportHeatmap(events: readonly DrillEvent[], mode: QuirkMode = 'intended'): Heatmap {
  const sums = new Map<Cluster, Increments>(CLUSTERS.map((c) => [c, zero()]));
  const ids = new Map<Cluster, string[]>(CLUSTERS.map((c) => [c, []]));
  for (const e of events) {
    const c = clusterOf(e.tags);
    const inc = eventIncrements(e, mode);
    const s = sums.get(c) as Increments;
    for (const d of DIMENSIONS) s[d] += inc[d];
    (ids.get(c) as string[]).push(e.signalId);
  }
  return assemble('report', mode, (c, d) => {
    const n = (ids.get(c) as string[]).length;
    return n === 0 ? 0 : round2(Math.min(3, ((sums.get(c) as Increments)[d] / n) * 2.5));
  }, ids);
}

export function assemble(method: Heatmap['method'], quirks: QuirkMode, score: (c: Cluster, d: Dimension) => number, ids: Map<Cluster, string[]>): Heatmap {
  const cells: HeatCell[] = [];
  const problem = new Set<Cluster>();
  for (const c of CLUSTERS) {
    for (const d of DIMENSIONS) {
      const s = score(c, d);
      if (s >= PROBLEM_SCORE) problem.add(c);
      cells.push({ cluster: c, dimension: d, score: s, heat: heatLevel(s), signalIds: ids.get(c) ?? [] });
    }
  }
  const counts = Object.fromEntries(CLUSTERS.map((c) => [c, (ids.get(c) ?? []).length])) as Record<Cluster, number>;
  return { method, quirks, cells, counts, problemClusters: CLUSTERS.filter((c) => problem.has(c)) };
}

export function cellOf(h: Heatmap, c: Cluster, d: Dimension): HeatCell {
  return h.cells.find((x) => x.cluster === c && x.dimension === d) as HeatCell;
}
