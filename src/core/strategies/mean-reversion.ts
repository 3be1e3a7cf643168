/**
 * mean_reversion (aux, EVENT in the original, long only): z = (close − SMA(lookback)) / std(lookback)
 * (sample std). Enter on the rising edge of z < −entry_z, exit on the rising edge of z > exit_z; held between.
 * Optional volatility filter on entries: the percentile of the current vol_window-bar return std within its
 * expanding history (share of history ≤ now, ×100) must be ≤ max_vol_percentile — LOW volatility passes
 * (the intended rule; the original computed an inverse percentile, SPEC BUG?).
 */
import { z } from 'zod';
import { pctChange, rollingStd, sma } from '../indicators/moving';
import { expandingPercentile } from '../indicators/ranks';
import { decisionStart, intParam, numParam, targetArray } from './common';
import type { StrategyDef } from './types';

export const meanReversionParams = z
  .object({
    lookback: intParam(20, 2, 500),
    entry_z: numParam(2, 0, 10),
    exit_z: numParam(0, -10, 10),
    use_vol_filter: z.boolean().default(false),
    vol_window: intParam(20, 2, 500),
    max_vol_percentile: numParam(70, 0, 100),
  })
  .strict();
export type MeanReversionParams = z.infer<typeof meanReversionParams>;

export const meanReversion: StrategyDef<MeanReversionParams> = {
  meta: {
    id: 'mean_reversion',
    name: 'Z-score mean reversion',
    description: 'Long when the close falls entry_z standard deviations below its mean; exit above exit_z.',
    version: '1.0.0',
    author: 'peak-trade',
    regime: 'ranging',
    tags: ['mean-reversion', 'z-score'],
    tier: 'aux',
    style: 'event',
  },
  params: meanReversionParams,
  sweep: {
    lookback: { kind: 'range', min: 10, max: 60, step: 5 },
    entry_z: { kind: 'range', min: 1, max: 3, step: 0.5 },
    exit_z: { kind: 'values', values: [-0.5, 0, 0.5] },
  },
  constraint: (p) => (-p.entry_z < p.exit_z ? null : `exit_z (${p.exit_z}) must be > −entry_z (${-p.entry_z})`),
  minBars: (p) => Math.max(p.lookback, p.use_vol_filter ? p.vol_window + 1 : 0) + 1,
  signals(bars, p, ctx) {
    const c = bars.close;
    const n = c.length;
    const m = ctx.ind.get(`sma:close:${p.lookback}`, () => sma(c, p.lookback, ctx.ind.alloc?.(c.length)));
    const sd = ctx.ind.get(`std:close:${p.lookback}:1`, () => rollingStd(c, p.lookback, 1));
    const volPct = p.use_vol_filter
      ? ctx.ind.get(`vol_pct_expanding:close:${p.vol_window}`, () => expandingPercentile(rollingStd(pctChange(c), p.vol_window, 1)))
      : null;
    const warmup = Math.max(p.lookback - 1, volPct ? p.vol_window : 0);
    const lo = -p.entry_z, hi = p.exit_z, maxPct = p.max_vol_percentile;
    const target = targetArray(ctx, n);
    let pos = 0;
    const start = decisionStart(warmup, ctx);
    // z is NaN while undefined and ±Inf/NaN for a flat window; NaN comparisons are false.
    let zPrev = (c[start - 1] - m[start - 1]) / sd[start - 1];
    for (let t = start; t < n; t++) {
      const z = (c[t] - m[t]) / sd[t];
      const entryEdge = z < lo && !(zPrev < lo);
      const exitEdge = z > hi && !(zPrev > hi);
      if (pos === 1) {
        if (exitEdge) pos = 0;
      } else if (entryEdge && (volPct === null || volPct[t] <= maxPct)) pos = 1;
      zPrev = z;
      target[t] = pos;
    }
    return { target, warmup };
  },
};
