/**
 * vol_regime_filter (aux overlay). A volatility measure decides whether conditions are "risk-on".
 * Vol measures (window w): atr = EWM(span w, adjust=False) of the true range (not Wilder); std = rolling
 * sample std of simple close returns; realized = std·√252 (the original's annualisation); range = rolling
 * max(high) − min(low) over w bars.
 * Regime mode (on with regime_mode or when low/high_vol_threshold is given): 1 if vol < low (risk-on),
 * −1 if vol > high (risk-off), else 0.
 * Filter mode: 1, set to 0 where the percentile rank of vol over lookback_percentile bars (pandas rank(pct)·100)
 * lies outside [vol_percentile_low, vol_percentile_high], where vol is outside [min_vol, max_vol], or where the
 * ATR is below atr_threshold; then inverted (1 − x) if `invert`.
 * Both modes: the first min_bars bars are 0, and so is every bar where a series the rule reads is still
 * undefined (the original let NaN ranks pass; unknown volatility is not risk-on).
 * As a standalone strategy the target is long (1) where the value is 1, else flat (long only).
 */
import { z } from 'zod';
import type { Bars } from '../data/bars';
import { donchianHigh, donchianLow } from '../indicators/channels';
import { ema, pctChange, rollingStd } from '../indicators/moving';
import { trueRange } from '../indicators/oscillators';
import { rollingPercentRank } from '../indicators/ranks';
import { decisionStart, intParam, targetArray } from './common';
import type { IndicatorCache, StrategyDef } from './types';

const optNonNeg = () => z.number().min(0).nullable().default(null);
const optPct = (def: number | null) => z.number().min(0).max(100).nullable().default(def);

export const volRegimeFilterParams = z
  .object({
    vol_window: intParam(14, 2, 500),
    vol_method: z.enum(['atr', 'std', 'realized', 'range']).default('atr'),
    min_vol: optNonNeg(),
    max_vol: optNonNeg(),
    low_vol_threshold: optNonNeg(),
    high_vol_threshold: optNonNeg(),
    min_bars: intParam(30, 0, 100_000),
    atr_threshold: optNonNeg(),
    vol_percentile_low: optPct(25),
    vol_percentile_high: optPct(75),
    lookback_percentile: intParam(100, 2, 5000),
    invert: z.boolean().default(false),
    regime_mode: z.boolean().default(false),
  })
  .strict();
export type VolRegimeFilterParams = z.infer<typeof volRegimeFilterParams>;

/** The volatility series of the chosen method (cached under `<method>_vol:<field>:<window>`). */
export function volSeries(bars: Bars, method: VolRegimeFilterParams['vol_method'], w: number, ind: IndicatorCache): Float64Array {
  const { high: h, low: l, close: c } = bars;
  switch (method) {
    case 'atr':
      return ind.get(`atr_ewm:hlc:${w}`, () => ema(trueRange(h, l, c), w, 'first'));
    case 'std':
      return ind.get(`std_vol:close:${w}`, () => rollingStd(pctChange(c), w, 1));
    case 'realized':
      return ind.get(`realized_vol:close:${w}:252`, () => {
        const s = rollingStd(pctChange(c), w, 1);
        for (let i = 0; i < s.length; i++) s[i] *= Math.sqrt(252);
        return s;
      });
    case 'range':
      return ind.get(`range_vol:hl:${w}`, () => {
        const hi = donchianHigh(h, w);
        const lo = donchianLow(l, w);
        for (let i = 0; i < hi.length; i++) hi[i] -= lo[i];
        return hi;
      });
  }
}

export interface VolRegime {
  /** filter mode: 1 risk-on / 0; regime mode: 1 / 0 / −1 */
  values: Float64Array;
  /** first bar where every series read is defined and min_bars has passed */
  warmup: number;
  mode: 'filter' | 'regime';
}

/** The overlay as a series (used by the standalone strategy and by regime-aware portfolios). */
export function volRegimeFilter(bars: Bars, p: VolRegimeFilterParams, ind: IndicatorCache): VolRegime {
  const n = bars.close.length;
  const w = p.vol_window;
  const vol = volSeries(bars, p.vol_method, w, ind);
  const values = new Float64Array(n);
  const regime = p.regime_mode || p.low_vol_threshold !== null || p.high_vol_threshold !== null;
  if (regime) {
    const lo = p.low_vol_threshold, hi = p.high_vol_threshold;
    let warmup = n;
    for (let t = 0; t < n; t++) {
      const v = vol[t];
      if (Number.isNaN(v)) continue;
      if (warmup === n) warmup = t;
      values[t] = lo !== null && v < lo ? 1 : hi !== null && v > hi ? -1 : 0;
    }
    warmup = Math.max(warmup, p.min_bars);
    values.fill(0, 0, Math.min(n, warmup));
    return { values, warmup, mode: 'regime' };
  }
  const usePct = p.vol_percentile_low !== null || p.vol_percentile_high !== null;
  const L = p.lookback_percentile;
  const rank = usePct ? ind.get(`pct_rank:${p.vol_method}_vol:${w}:${L}`, () => rollingPercentRank(vol, L)) : null;
  const atrS = p.atr_threshold !== null ? volSeries(bars, 'atr', w, ind) : null;
  const pLo = p.vol_percentile_low ?? -Infinity, pHi = p.vol_percentile_high ?? Infinity;
  const vLo = p.min_vol ?? -Infinity, vHi = p.max_vol ?? Infinity;
  const aThr = p.atr_threshold ?? -Infinity;
  let warmup = n;
  for (let t = 0; t < n; t++) {
    const v = vol[t];
    const r = rank ? rank[t] : 0;
    const a = atrS ? atrS[t] : 0;
    if (Number.isNaN(v) || Number.isNaN(r) || Number.isNaN(a)) continue;
    if (warmup === n) warmup = t;
    let f = 1;
    if (r < pLo || r > pHi || v < vLo || v > vHi || a < aThr) f = 0;
    values[t] = p.invert ? 1 - f : f;
  }
  warmup = Math.max(warmup, p.min_bars);
  values.fill(0, 0, Math.min(n, warmup));
  return { values, warmup, mode: 'filter' };
}

/** `apply_to_signals`: signal × filter, element-wise (same length). */
export function applyFilter(signal: Float64Array, filter: Float64Array): Float64Array {
  const out = new Float64Array(signal.length);
  for (let t = 0; t < signal.length; t++) out[t] = signal[t] * filter[t];
  return out;
}

export const volRegimeFilterStrategy: StrategyDef<VolRegimeFilterParams> = {
  meta: {
    id: 'vol_regime_filter',
    name: 'Volatility regime filter',
    description: 'Long while volatility sits in the allowed band (risk-on), flat otherwise. Also used as an overlay.',
    version: '1.0.0',
    author: 'peak-trade',
    regime: 'any',
    tags: ['volatility', 'regime', 'filter', 'overlay'],
    tier: 'aux',
    style: 'state',
  },
  params: volRegimeFilterParams,
  sweep: {
    vol_window: { kind: 'values', values: [10, 14, 20, 30] },
    vol_method: { kind: 'values', values: ['atr', 'std'] },
    vol_percentile_low: { kind: 'values', values: [10, 20, 30] },
    vol_percentile_high: { kind: 'values', values: [70, 80, 90] },
    lookback_percentile: { kind: 'values', values: [50, 100, 200] },
  },
  constraint(p) {
    if (p.lookback_percentile < p.vol_window)
      return `lookback_percentile (${p.lookback_percentile}) must be ≥ vol_window (${p.vol_window})`;
    if (p.vol_percentile_low !== null && p.vol_percentile_high !== null && p.vol_percentile_low >= p.vol_percentile_high)
      return `vol_percentile_low (${p.vol_percentile_low}) must be < vol_percentile_high (${p.vol_percentile_high})`;
    if (p.min_vol !== null && p.max_vol !== null && p.min_vol > p.max_vol)
      return `min_vol (${p.min_vol}) must be ≤ max_vol (${p.max_vol})`;
    if (p.low_vol_threshold !== null && p.high_vol_threshold !== null && p.low_vol_threshold > p.high_vol_threshold)
      return `low_vol_threshold (${p.low_vol_threshold}) must be ≤ high_vol_threshold (${p.high_vol_threshold})`;
    return null;
  },
  minBars: (p) => Math.max(p.min_bars, p.vol_window + p.lookback_percentile),
  signals(bars, p, ctx) {
    const { values, warmup } = volRegimeFilter(bars, p, ctx.ind);
    const n = values.length;
    const target = targetArray(ctx, n);
    for (let t = decisionStart(warmup, ctx, 0); t < n; t++) target[t] = values[t] > 0 ? 1 : 0;
    return { target, warmup };
  },
};
