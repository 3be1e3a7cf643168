/**
 * Feature-based psychology scores (SPEC §7, psychology_heuristics.py). Each event is described by features
 * (latency, price move before acting, P&L, excursions, streaks, marks, violations); each dimension's event score
 * is round-clamped to an integer 0..3 (Python round: half to even); a cluster's score is ½·mean + ½·mean(top 3)
 * when it has ≥ 3 events (else the mean), clamped to 0..3 again.
 * Units: seconds, percent (0.10 = 0.10 %), basis points.
 */
import type { Cluster, Dimension } from './types';
import { CLUSTERS, DIMENSIONS } from './types';
import { assemble, roundHalfEven, type Heatmap } from './psychology';

export const LATENCY_OK_S = 3;
export const HESITATION_S = 8;
export const MOVE_STEPS_PCT = [0.1, 0.3, 0.7] as const;
export const MOVE_POINTS = [0, 0.8, 1.5, 2.2] as const;

export interface FeatureEvent {
  signalId: string;
  cluster: Cluster;
  /** what the trader did: enter (long/short), exit, skip, or nothing */
  action: 'enter' | 'exit' | 'skip' | 'none';
  latencyS: number | null;
  /** |price move| in percent between the signal and the action (in the signal's direction) */
  movePct: number;
  pnlBp: number;
  adversePct: number;
  favorablePct: number;
  lossStreak: number;
  skipStreak: number;
  /** a strategy setup (a signal with a recommendation) was on screen */
  hasSetup: boolean;
  hasSignal: boolean;
  oppositeToSignal: boolean;
  sizeViolation: boolean;
  riskViolation: boolean;
  marked: { fomo: boolean; fear: boolean; impulsive: boolean };
}

export function moveStep(movePct: number): number {
  let k = 0;
  for (const s of MOVE_STEPS_PCT) if (movePct >= s) k++;
  return MOVE_POINTS[k];
}

const clamp03 = (x: number) => Math.min(3, Math.max(0, x));
export const roundClamp = (x: number): number => clamp03(roundHalfEven(x));

/** Raw (unrounded) per-dimension scores of one event. */
export function rawFeatureScores(f: FeatureEvent): Record<Dimension, number> {
  const acted = f.action !== 'none';
  const lat = f.latencyS;
  let fomo = 0;
  if (f.action === 'enter') {
    fomo = Math.min(Math.max(0, ((lat ?? 0) - LATENCY_OK_S) / 5), 1.5) * 1.5 + moveStep(f.movePct) + (f.marked.fomo ? 1 : 0);
  }
  let lossFear = 0;
  if (f.action === 'exit') {
    if (f.adversePct < 0.1 && f.favorablePct > 0.1) lossFear += 1;
    if (f.pnlBp < -15) lossFear += 1;
    if (f.pnlBp < -30) lossFear += 0.5;
  }
  if (f.action === 'none' && f.hasSetup) {
    if (f.lossStreak >= 2) lossFear += 1;
    if (f.lossStreak >= 4) lossFear += 0.7;
  }
  if (f.marked.fear) lossFear += 1;
  let impulsivity = 0;
  if (acted && f.action !== 'skip' && !f.hasSetup) impulsivity += 1.5;
  if (acted && lat !== null && lat < 0.6) impulsivity += 1;
  if (f.action === 'enter' && !f.hasSignal) impulsivity += 1.5;
  if (f.marked.impulsive) impulsivity += 1;
  let hesitation = 0;
  if (acted && f.hasSetup && lat !== null) {
    if (lat > LATENCY_OK_S) hesitation += 1;
    if (lat > HESITATION_S) hesitation += 1;
  }
  if (!acted && f.hasSetup) hesitation += 1 + (f.favorablePct > 0.3 ? 0.5 : 0);
  if (f.skipStreak >= 2) hesitation += 0.5;
  if (f.skipStreak >= 4) hesitation += 0.5;
  let ruleBreak = 0;
  if (f.oppositeToSignal) ruleBreak += 1.5;
  if (f.sizeViolation) ruleBreak += 1;
  if (f.riskViolation) ruleBreak += 1;
  if (acted && f.action !== 'skip' && !f.hasSignal && !f.hasSetup) ruleBreak += 1;
  if (f.pnlBp < -30) ruleBreak += 0.5;
  return { fomo, loss_fear: lossFear, impulsivity, hesitation, rule_break: ruleBreak };
}

export function featureScores(f: FeatureEvent): Record<Dimension, number> {
  const r = rawFeatureScores(f);
  return { fomo: roundClamp(r.fomo), loss_fear: roundClamp(r.loss_fear), impulsivity: roundClamp(r.impulsivity), hesitation: roundClamp(r.hesitation), rule_break: roundClamp(r.rule_break) };
}

/** ½·mean + ½·mean(top 3) for n ≥ 3, else the mean; clamped 0..3. */
export function clusterAggregate(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  if (xs.length < 3) return clamp03(mean);
  const top = [...xs].sort((a, b) => b - a).slice(0, 3);
  return clamp03(0.5 * mean + 0.5 * (top.reduce((a, b) => a + b, 0) / 3));
}

export function featureHeatmap(events: readonly FeatureEvent[]): Heatmap {
  const per = new Map<Cluster, Record<Dimension, number>[]>(CLUSTERS.map((c) => [c, []]));
  const ids = new Map<Cluster, string[]>(CLUSTERS.map((c) => [c, []]));
  for (const e of events) {
    (per.get(e.cluster) as Record<Dimension, number>[]).push(featureScores(e));
    (ids.get(e.cluster) as string[]).push(e.signalId);
  }
  const round2 = (x: number) => Math.round(x * 100) / 100;
  return assemble('features', 'intended', (c, d) => round2(clusterAggregate((per.get(c) ?? []).map((s) => s[d]))), ids);
}

export { DIMENSIONS };
