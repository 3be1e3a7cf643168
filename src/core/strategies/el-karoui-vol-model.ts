/**
 * el_karoui_vol_model (R&D): volatility regime from an EWM realised volatility.
 * σ²ₜ = EWM(span vol_window, adjust=False) of squared simple returns, defined once vol_window returns exist;
 * its percentile rank (pandas rank(pct)) within the last `lookback` values classifies the regime:
 * < low_percentile LOW, > high_percentile HIGH, else MEDIUM. LOW/MEDIUM → long, HIGH → flat.
 * use_vol_scaling: the long size becomes min(1, vol_target / annualised σ) (periods per year from the bar
 * interval: 365 days for 24/7 data).
 */
import { z } from 'zod';
import { periodsPerYear } from '../data/bars';
import { ema, pctChange } from '../indicators/moving';
import { rollingPercentRank } from '../indicators/ranks';
import { decisionStart, intParam, numParam, targetArray } from './common';
import type { StrategyDef } from './types';

export const elKarouiParams = z
  .object({
    vol_window: intParam(20, 2, 500),
    lookback: intParam(252, 10, 5000),
    low_percentile: numParam(0.3, 0, 1),
    high_percentile: numParam(0.7, 0, 1),
    use_vol_scaling: z.boolean().default(false),
    vol_target: numParam(0.1, 0.001, 5),
  })
  .strict();
export type ElKarouiParams = z.infer<typeof elKarouiParams>;

/** √(EWM of r²), NaN until vol_window returns are in (index vol_window). */
export function ewmRealizedVol(close: Float64Array, span: number): Float64Array {
  const r = pctChange(close);
  for (let t = 0; t < r.length; t++) r[t] *= r[t];
  const v = ema(r, span, 'first');
  for (let t = 0; t < v.length; t++) v[t] = t < span ? NaN : Math.sqrt(v[t]);
  return v;
}

export const elKarouiVolModel: StrategyDef<ElKarouiParams> = {
  meta: {
    id: 'el_karoui_vol_model',
    name: 'El Karoui volatility model (R&D)',
    description: 'Long unless the EWM realised volatility ranks in its high regime.',
    version: '1.0.0',
    author: 'peak-trade',
    regime: 'any',
    tags: ['r_and_d', 'volatility', 'regime'],
    tier: 'r_and_d',
    style: 'state',
  },
  params: elKarouiParams,
  sweep: {
    vol_window: { kind: 'values', values: [10, 20, 30] },
    lookback: { kind: 'values', values: [126, 252, 504] },
    high_percentile: { kind: 'range', min: 0.6, max: 0.9, step: 0.1 },
  },
  constraint: (p) =>
    p.low_percentile < p.high_percentile
      ? null
      : `low_percentile (${p.low_percentile}) must be < high_percentile (${p.high_percentile})`,
  minBars: (p) => p.vol_window + p.lookback,
  signals(bars, p, ctx) {
    const c = bars.close;
    const n = c.length;
    const vol = ctx.ind.get(`ewm_rvol:close:${p.vol_window}`, () => ewmRealizedVol(c, p.vol_window));
    const rank = ctx.ind.get(`pct_rank:ewm_rvol:${p.vol_window}:${p.lookback}`, () => rollingPercentRank(vol, p.lookback));
    const warmup = p.vol_window + p.lookback - 1;
    const hi = p.high_percentile * 100;
    const annual = Math.sqrt(periodsPerYear(bars.time));
    const target = targetArray(ctx, n);
    for (let t = decisionStart(warmup, ctx, 0); t < n; t++) {
      const r = rank[t];
      if (!(r <= hi)) continue; // HIGH (or undefined) → flat
      target[t] = p.use_vol_scaling && vol[t] > 0 ? Math.min(1, p.vol_target / (vol[t] * annual)) : 1;
    }
    return { target, warmup };
  },
};
