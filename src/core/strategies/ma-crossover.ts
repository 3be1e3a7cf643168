/**
 * ma_crossover (core, STATE): SMA(fast) vs SMA(slow) of close.
 * Cross up at t: fast[t−1] < slow[t−1] and fast[t] > slow[t] (strict on both bars — backtesting.py's
 * `crossover()`; a touch is not a cross); cross down mirrored. long_only: long from a cross up until the next
 * cross down, then flat (the intended rule; the original never exited, SPEC BUG?). long_short: long after a
 * cross up, short after a cross down — reproduces backtesting.py's SmaCross.
 */
import { z } from 'zod';
import { sma } from '../indicators/moving';
import { decisionStart, intParam, sideSchema, targetArray } from './common';
import type { StrategyDef } from './types';

export const maCrossoverParams = z
  .object({
    fast_window: intParam(20, 2, 200),
    slow_window: intParam(50, 3, 500),
    side: sideSchema.default('long_only'),
  })
  .strict();
export type MaCrossoverParams = z.infer<typeof maCrossoverParams>;

export const maCrossover: StrategyDef<MaCrossoverParams> = {
  meta: {
    id: 'ma_crossover',
    name: 'MA crossover',
    description: 'Long (or short) after SMA(fast) crosses above (below) SMA(slow) of close.',
    version: '1.0.0',
    author: 'peak-trade',
    regime: 'trending',
    tags: ['trend', 'moving-average', 'crossover'],
    tier: 'core',
    style: 'state',
  },
  params: maCrossoverParams,
  sweep: {
    fast_window: { kind: 'range', min: 5, max: 50, step: 5 },
    slow_window: { kind: 'range', min: 20, max: 200, step: 10 },
  },
  constraint: (p) =>
    p.fast_window < p.slow_window ? null : `fast_window (${p.fast_window}) must be < slow_window (${p.slow_window})`,
  minBars: (p) => p.slow_window,
  signals(bars, p, ctx) {
    const c = bars.close;
    const n = c.length;
    const f = ctx.ind.get(`sma:close:${p.fast_window}`, () => sma(c, p.fast_window, ctx.ind.alloc?.(c.length)));
    const s = ctx.ind.get(`sma:close:${p.slow_window}`, () => sma(c, p.slow_window, ctx.ind.alloc?.(c.length)));
    const warmup = Math.max(p.fast_window, p.slow_window) - 1;
    const target = targetArray(ctx, n);
    const down = p.side === 'long_short' ? -1 : 0;
    let pos = 0;
    const start = decisionStart(warmup, ctx);
    // NaN comparisons are false, so bars whose previous SMA is undefined never cross.
    let f0 = f[start - 1], s0 = s[start - 1];
    for (let t = start; t < n; t++) {
      const f1 = f[t], s1 = s[t];
      if (f0 < s0 && f1 > s1) pos = 1;
      else if (f0 > s0 && f1 < s1) pos = down;
      target[t] = pos;
      f0 = f1;
      s0 = s1;
    }
    return { target, warmup };
  },
};
