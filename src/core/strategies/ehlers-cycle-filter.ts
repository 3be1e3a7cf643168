/**
 * ehlers_cycle_filter (R&D): Ehlers' two-pole Super Smoother with period P = min_cycle_length:
 * a1 = e^(−√2·π/P), c2 = 2·a1·cos(√2·π/P), c3 = −a1², c1 = 1 − c2 − c3,
 * yₜ = c1·(xₜ + xₜ₋₁)/2 + c2·yₜ₋₁ + c3·yₜ₋₂ (y₀ = x₀, y₁ = x₁). Long while close > y, else flat;
 * all flat when the series has fewer than min_bars bars. (The original's Hilbert/bandpass parts were stubs.)
 */
import { z } from 'zod';
import { decisionStart, intParam, targetArray } from './common';
import type { StrategyDef } from './types';

export const ehlersParams = z
  .object({
    min_cycle_length: intParam(6, 2, 200),
    min_bars: intParam(100, 0, 100_000),
  })
  .strict();
export type EhlersParams = z.infer<typeof ehlersParams>;

export function superSmoother(x: Float64Array, period: number): Float64Array {
  const n = x.length;
  const y = new Float64Array(n);
  const a1 = Math.exp((-Math.SQRT2 * Math.PI) / period);
  const c2 = 2 * a1 * Math.cos((Math.SQRT2 * Math.PI) / period);
  const c3 = -a1 * a1;
  const c1 = 1 - c2 - c3;
  for (let t = 0; t < n; t++) {
    y[t] = t < 2 ? x[t] : (c1 * (x[t] + x[t - 1])) / 2 + c2 * y[t - 1] + c3 * y[t - 2];
  }
  return y;
}

export const ehlersCycleFilter: StrategyDef<EhlersParams> = {
  meta: {
    id: 'ehlers_cycle_filter',
    name: 'Ehlers super smoother (R&D)',
    description: 'Long while the close is above the Super Smoother of period min_cycle_length.',
    version: '1.0.0',
    author: 'peak-trade',
    regime: 'trending',
    tags: ['r_and_d', 'cycle', 'filter', 'ehlers'],
    tier: 'r_and_d',
    style: 'state',
  },
  params: ehlersParams,
  sweep: { min_cycle_length: { kind: 'range', min: 4, max: 40, step: 2 } },
  minBars: (p) => Math.max(p.min_bars, 3),
  signals(bars, p, ctx) {
    const c = bars.close;
    const n = c.length;
    const warmup = 2;
    const target = targetArray(ctx, n);
    if (n < p.min_bars) return { target, warmup };
    const y = ctx.ind.get(`super_smoother:close:${p.min_cycle_length}`, () => superSmoother(c, p.min_cycle_length));
    for (let t = decisionStart(warmup, ctx, 0); t < n; t++) target[t] = c[t] > y[t] ? 1 : 0;
    return { target, warmup };
  },
};
