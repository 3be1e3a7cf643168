/**
 * meta_labeling (R&D): López de Prado's meta-labelling with a transparent secondary rule instead of a trained
 * classifier (the original was an always-flat stub).
 *
 * Primary model: side sₜ = sign of the `primary_lookback`-bar momentum (close/close₋ₙ − 1), long_short or
 * long_only (negative momentum → no side).
 * Triple-barrier labels: every bar i with a side is an event entered at close[i]. Looking forward over bars
 * i+1 … i+vertical_barrier: the profit barrier is close[i]·(1 + s·take_profit), the loss barrier
 * close[i]·(1 − s·stop_loss), tested on each bar's high/low; if both are touched in the same bar the loss
 * counts (pessimistic). Meta-label 1 = profit barrier first, or at the vertical barrier a positive return in
 * the side's direction; 0 otherwise. The label becomes KNOWN at the bar the barrier is hit (resolvedAt);
 * events whose window runs past the data stay unresolved.
 * Secondary rule (no look-ahead): at bar t, confidence = share of label-1 events among the events of the same
 * side that started within the last train_window bars and were resolved by t. Trade the primary side only if
 * at least min_events such events exist and confidence ≥ min_confidence; else flat.
 */
import { z } from 'zod';
import type { Bars } from '../data/bars';
import { momentum } from '../indicators/moving';
import { decisionStart, intParam, numParam, sideSchema, targetArray } from './common';
import type { StrategyDef } from './types';

export const metaLabelingParams = z
  .object({
    primary_lookback: intParam(20, 1, 1000),
    take_profit: numParam(0.02, 0.0001, 10),
    stop_loss: numParam(0.01, 0.0001, 1),
    vertical_barrier: intParam(20, 1, 1000),
    train_window: intParam(250, 2, 100_000),
    min_events: intParam(20, 1, 100_000),
    min_confidence: numParam(0.5, 0, 1),
    side: sideSchema.default('long_short'),
  })
  .strict();
export type MetaLabelingParams = z.infer<typeof metaLabelingParams>;

export interface TripleBarrier {
  /** 1 / 0 per event bar; NaN where there is no event or it is unresolved */
  label: Float64Array;
  /** bar at which the label becomes known; −1 if none */
  resolvedAt: Int32Array;
}

/**
 * Triple-barrier meta-labels for events at every bar with side[i] ≠ 0 (side ∈ {−1, 0, 1}); see the module
 * comment for the rules. O(n·vertical_barrier).
 */
export function tripleBarrierLabels(
  bars: Bars, side: Float64Array, takeProfit: number, stopLoss: number, vertical: number,
): TripleBarrier {
  const { high: h, low: l, close: c } = bars;
  const n = c.length;
  const label = new Float64Array(n).fill(NaN);
  const resolvedAt = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const s = side[i];
    if (s !== 1 && s !== -1) continue;
    const e = c[i];
    const up = s === 1 ? e * (1 + takeProfit) : e * (1 + stopLoss); // price level above entry
    const dn = s === 1 ? e * (1 - stopLoss) : e * (1 - takeProfit); // price level below entry
    const last = i + vertical;
    for (let j = i + 1; j <= last && j < n; j++) {
      const hitUp = h[j] >= up, hitDn = l[j] <= dn;
      if (hitUp || hitDn) {
        // loss barrier first when both are touched in one bar
        const loss = s === 1 ? hitDn : hitUp;
        label[i] = loss ? 0 : 1;
        resolvedAt[i] = j;
        break;
      }
      if (j === last) {
        label[i] = s * (c[j] / e - 1) > 0 ? 1 : 0;
        resolvedAt[i] = j;
      }
    }
  }
  return { label, resolvedAt };
}

export const metaLabeling: StrategyDef<MetaLabelingParams> = {
  meta: {
    id: 'meta_labeling',
    name: 'Meta-labelling (R&D)',
    description: 'Momentum side filtered by the recent triple-barrier hit rate of that side (no look-ahead).',
    version: '1.0.0',
    author: 'peak-trade',
    regime: 'any',
    tags: ['r_and_d', 'meta-labeling', 'triple-barrier'],
    tier: 'r_and_d',
    style: 'state',
  },
  params: metaLabelingParams,
  sweep: {
    primary_lookback: { kind: 'values', values: [10, 20, 50] },
    take_profit: { kind: 'values', values: [0.01, 0.02, 0.04] },
    stop_loss: { kind: 'values', values: [0.005, 0.01, 0.02] },
    vertical_barrier: { kind: 'values', values: [10, 20, 50] },
    min_confidence: { kind: 'range', min: 0.4, max: 0.7, step: 0.05 },
  },
  constraint: (p) =>
    p.train_window > p.vertical_barrier
      ? null
      : `train_window (${p.train_window}) must be > vertical_barrier (${p.vertical_barrier})`,
  minBars: (p) => p.primary_lookback + p.vertical_barrier + p.min_events + 1,
  signals(bars, p, ctx) {
    const c = bars.close;
    const n = c.length;
    const mom = ctx.ind.get(`momentum:close:${p.primary_lookback}`, () => momentum(c, p.primary_lookback));
    const allowShort = p.side === 'long_short';
    const side = new Float64Array(n);
    for (let t = 0; t < n; t++) side[t] = mom[t] > 0 ? 1 : mom[t] < 0 && allowShort ? -1 : 0;
    const { label, resolvedAt } = tripleBarrierLabels(bars, side, p.take_profit, p.stop_loss, p.vertical_barrier);
    // Bucket events by the bar at which they resolve (linked lists in Int32Arrays: no per-bar allocation).
    const head = new Int32Array(n).fill(-1);
    const next = new Int32Array(n).fill(-1);
    for (let i = 0; i < n; i++) {
      const r = resolvedAt[i];
      if (r >= 0) { next[i] = head[r]; head[r] = i; }
    }
    const W = p.train_window;
    // counts[0/1] for short/long: resolved events in the window, and how many were label 1
    let longN = 0, longHit = 0, shortN = 0, shortHit = 0;
    const warmup = p.primary_lookback;
    const start = decisionStart(warmup, ctx, 0);
    const target = targetArray(ctx, n);
    for (let t = 0; t < n; t++) {
      // add events resolved at t (they started within the window: resolvedAt − start ≤ vertical < W)
      for (let i = head[t]; i !== -1; i = next[i]) {
        if (i < t - W) continue;
        if (side[i] === 1) { longN++; longHit += label[i]; } else { shortN++; shortHit += label[i]; }
      }
      // drop the event leaving the window (index t − W), if it had been counted (resolved by now)
      const o = t - W;
      if (o >= 0 && resolvedAt[o] >= 0 && resolvedAt[o] <= t) {
        if (side[o] === 1) { longN--; longHit -= label[o]; } else if (side[o] === -1) { shortN--; shortHit -= label[o]; }
      }
      if (t < start) continue;
      const s = side[t];
      if (s === 1 && longN >= p.min_events && longHit / longN >= p.min_confidence) target[t] = 1;
      else if (s === -1 && shortN >= p.min_events && shortHit / shortN >= p.min_confidence) target[t] = -1;
    }
    return { target, warmup };
  },
};
