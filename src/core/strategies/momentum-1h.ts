/**
 * momentum_1h (aux, EVENT in the original): mom = close/close₋lookback − 1. Crossing UP through
 * entry_threshold (prev ≤ thr, now > thr) → long; crossing DOWN through exit_threshold (prev ≥ thr, now < thr)
 * → flat (long_only) or short (long_short). Held between events.
 */
import { z } from 'zod';
import { momentum } from '../indicators/moving';
import { decisionStart, intParam, numParam, sideSchema, targetArray } from './common';
import type { StrategyDef } from './types';

export const momentum1hParams = z
  .object({
    lookback: intParam(20, 1, 1000),
    entry_threshold: numParam(0.02, -1, 10),
    exit_threshold: numParam(-0.01, -1, 10),
    side: sideSchema.default('long_only'),
  })
  .strict();
export type Momentum1hParams = z.infer<typeof momentum1hParams>;

export const momentum1h: StrategyDef<Momentum1hParams> = {
  meta: {
    id: 'momentum_1h',
    name: 'Momentum (1h)',
    description: 'Long when the lookback return rises through entry_threshold; out when it falls through exit_threshold.',
    version: '1.0.0',
    author: 'peak-trade',
    regime: 'trending',
    tags: ['momentum', 'trend'],
    tier: 'aux',
    style: 'event',
  },
  params: momentum1hParams,
  sweep: {
    lookback: { kind: 'range', min: 5, max: 60, step: 5 },
    entry_threshold: { kind: 'values', values: [0.01, 0.015, 0.02, 0.03, 0.05] },
    exit_threshold: { kind: 'values', values: [-0.03, -0.02, -0.01, 0] },
  },
  constraint: (p) =>
    p.exit_threshold < p.entry_threshold
      ? null
      : `exit_threshold (${p.exit_threshold}) must be < entry_threshold (${p.entry_threshold})`,
  minBars: (p) => p.lookback + 2,
  signals(bars, p, ctx) {
    const c = bars.close;
    const n = c.length;
    const mom = ctx.ind.get(`momentum:close:${p.lookback}`, () => momentum(c, p.lookback));
    const warmup = p.lookback;
    const up = p.entry_threshold, dn = p.exit_threshold;
    const down = p.side === 'long_short' ? -1 : 0;
    const target = targetArray(ctx, n);
    let pos = 0;
    for (let t = decisionStart(warmup, ctx); t < n; t++) {
      if (mom[t] > up && mom[t - 1] <= up) pos = 1;
      else if (mom[t] < dn && mom[t - 1] >= dn) pos = down;
      target[t] = pos;
    }
    return { target, warmup };
  },
};
