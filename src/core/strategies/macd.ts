/**
 * macd (aux, EVENT in the original): MACD line = EMA(fast) − EMA(slow) of close (pandas adjust=False), signal =
 * EMA(signal_period) of the MACD line. Cross above the signal line (prev ≤, now >) → long; cross below
 * (prev ≥, now <) → flat (long_only) or short (long_short). Held between crosses.
 */
import { z } from 'zod';
import { macd as macdInd } from '../indicators/channels';
import { cachedMany, decisionStart, intParam, sideSchema, targetArray } from './common';
import type { StrategyDef } from './types';

export const macdParams = z
  .object({
    fast_period: intParam(12, 2, 100),
    slow_period: intParam(26, 3, 300),
    signal_period: intParam(9, 2, 100),
    side: sideSchema.default('long_only'),
  })
  .strict();
export type MacdParams = z.infer<typeof macdParams>;

export const macdStrategy: StrategyDef<MacdParams> = {
  meta: {
    id: 'macd',
    name: 'MACD signal cross',
    description: 'Long when MACD crosses above its signal line; flat (or short) when it crosses below.',
    version: '1.0.0',
    author: 'peak-trade',
    regime: 'trending',
    tags: ['trend', 'macd', 'ema', 'crossover'],
    tier: 'aux',
    style: 'event',
  },
  params: macdParams,
  sweep: {
    fast_period: { kind: 'range', min: 6, max: 18, step: 3 },
    slow_period: { kind: 'range', min: 20, max: 50, step: 5 },
    signal_period: { kind: 'range', min: 5, max: 15, step: 2 },
  },
  constraint: (p) =>
    p.fast_period < p.slow_period ? null : `fast_period (${p.fast_period}) must be < slow_period (${p.slow_period})`,
  minBars: (p) => p.slow_period + p.signal_period,
  signals(bars, p, ctx) {
    const c = bars.close;
    const n = c.length;
    const key = `${p.fast_period}:${p.slow_period}:${p.signal_period}`;
    const [m, s] = cachedMany(ctx.ind, [`macd:close:${key}`, `macd_signal:close:${key}`], () => {
      const d = macdInd(c, p.fast_period, p.slow_period, p.signal_period);
      return [d.macd, d.signal];
    });
    // adjust=False EMAs are defined from bar 0 (as in the original and backtesting.py's warm-up rule).
    const warmup = 0;
    const down = p.side === 'long_short' ? -1 : 0;
    const target = targetArray(ctx, n);
    let pos = 0;
    for (let t = decisionStart(warmup, ctx); t < n; t++) {
      if (m[t] > s[t] && m[t - 1] <= s[t - 1]) pos = 1;
      else if (m[t] < s[t] && m[t - 1] >= s[t - 1]) pos = down;
      target[t] = pos;
    }
    return { target, warmup };
  },
};
