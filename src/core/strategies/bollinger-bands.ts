/**
 * bollinger_bands (core, EVENT in the original, long only): buy a sharp drop below the lower band, sell the
 * return to the middle. Entry when close crosses DOWN through lower·entry_threshold (prev close ≥ level,
 * close < level); exit when close crosses UP through the middle band (prev ≤ mid, close > mid). Held long in
 * between. Bands: SMA(period) ± num_std·sample std (ddof 1). The original's exit_threshold was never read and
 * is not offered.
 */
import { z } from 'zod';
import { bollinger } from '../indicators/channels';
import { cachedMany, decisionStart, intParam, numParam, targetArray } from './common';
import type { StrategyDef } from './types';

export const bollingerBandsParams = z
  .object({
    period: intParam(20, 2, 500),
    num_std: numParam(2, 0.1, 10),
    entry_threshold: numParam(0.95, 0.5, 1.5),
  })
  .strict();
export type BollingerBandsParams = z.infer<typeof bollingerBandsParams>;

export const bollingerBands: StrategyDef<BollingerBandsParams> = {
  meta: {
    id: 'bollinger_bands',
    name: 'Bollinger bands reversion',
    description: 'Long after close falls through the lower band (× entry_threshold); exit on the middle band.',
    version: '1.0.0',
    author: 'peak-trade',
    regime: 'ranging',
    tags: ['mean-reversion', 'bollinger', 'volatility'],
    tier: 'core',
    style: 'event',
  },
  params: bollingerBandsParams,
  sweep: {
    period: { kind: 'range', min: 10, max: 50, step: 5 },
    num_std: { kind: 'range', min: 1.5, max: 3, step: 0.25 },
    entry_threshold: { kind: 'values', values: [0.9, 0.95, 1] },
  },
  minBars: (p) => p.period + 1,
  signals(bars, p, ctx) {
    const c = bars.close;
    const n = c.length;
    const [mid, lower] = cachedMany(ctx.ind, [`sma:close:${p.period}`, `bb_lower:close:${p.period}:${p.num_std}`], () => {
      const b = bollinger(c, p.period, p.num_std);
      return [b.mid, b.lower];
    });
    const k = p.entry_threshold;
    const warmup = p.period - 1;
    const target = targetArray(ctx, n);
    let pos = 0;
    for (let t = decisionStart(warmup, ctx); t < n; t++) {
      if (pos === 0) {
        if (c[t - 1] >= lower[t - 1] * k && c[t] < lower[t] * k) pos = 1;
      } else if (c[t - 1] <= mid[t - 1] && c[t] > mid[t]) pos = 0;
      target[t] = pos;
    }
    return { target, warmup };
  },
};
