/**
 * trend_following (aux, EVENT in the original, long only): ADX trend strength with ±DI direction.
 * Entry event on the rising edge of (ADX > adx_threshold and +DI > −DI [and close > SMA(ma_period)]);
 * exit event on the rising edge of (ADX < exit_threshold or −DI > +DI); exit wins on the same bar.
 * Converted to a held position: long from an entry event until the next exit event.
 * ±DI/ADX: Wilder smoothing seeded with simple means (ADX defined from bar 2·adx_period − 1).
 */
import { z } from 'zod';
import { sma } from '../indicators/moving';
import { dmi } from '../indicators/oscillators';
import { cachedMany, decisionStart, intParam, numParam, targetArray } from './common';
import type { StrategyDef } from './types';

export const trendFollowingParams = z
  .object({
    adx_period: intParam(14, 2, 100),
    adx_threshold: numParam(25, 0, 100),
    exit_threshold: numParam(20, 0, 100),
    ma_period: intParam(50, 2, 500),
    use_ma_filter: z.boolean().default(true),
  })
  .strict();
export type TrendFollowingParams = z.infer<typeof trendFollowingParams>;

export const trendFollowing: StrategyDef<TrendFollowingParams> = {
  meta: {
    id: 'trend_following',
    name: 'Trend following (ADX)',
    description: 'Long while ADX shows a strong up-trend (+DI > −DI), optionally above SMA(ma_period).',
    version: '1.0.0',
    author: 'peak-trade',
    regime: 'trending',
    tags: ['trend', 'adx', 'dmi'],
    tier: 'aux',
    style: 'event',
  },
  params: trendFollowingParams,
  sweep: {
    adx_period: { kind: 'range', min: 7, max: 28, step: 7 },
    adx_threshold: { kind: 'range', min: 20, max: 35, step: 5 },
    exit_threshold: { kind: 'range', min: 10, max: 25, step: 5 },
    ma_period: { kind: 'values', values: [20, 50, 100, 200] },
  },
  constraint: (p) =>
    p.exit_threshold < p.adx_threshold
      ? null
      : `exit_threshold (${p.exit_threshold}) must be < adx_threshold (${p.adx_threshold})`,
  minBars: (p) => Math.max(2 * p.adx_period, p.use_ma_filter ? p.ma_period : 0) + 10,
  signals(bars, p, ctx) {
    const { high: h, low: l, close: c } = bars;
    const n = c.length;
    const k = p.adx_period;
    const [pdi, mdi, adx] = cachedMany(ctx.ind, [`dmi_plus:hlc:${k}`, `dmi_minus:hlc:${k}`, `adx:hlc:${k}`], () => {
      const d = dmi(h, l, c, k);
      return [d.plusDI, d.minusDI, d.adx];
    });
    const ma = p.use_ma_filter ? ctx.ind.get(`sma:close:${p.ma_period}`, () => sma(c, p.ma_period, ctx.ind.alloc?.(c.length))) : null;
    const warmup = Math.max(2 * k - 1, ma ? p.ma_period - 1 : 0);
    const thr = p.adx_threshold;
    const exitThr = p.exit_threshold;
    const target = targetArray(ctx, n);
    let pos = 0;
    const start = decisionStart(warmup, ctx);
    // NaN comparisons are false: an undefined bar is neither an entry nor an exit condition.
    let prevEntry = adx[start - 1] > thr && pdi[start - 1] > mdi[start - 1] && (ma === null || c[start - 1] > ma[start - 1]);
    let prevExit = adx[start - 1] < exitThr || mdi[start - 1] > pdi[start - 1];
    for (let t = start; t < n; t++) {
      const entry = adx[t] > thr && pdi[t] > mdi[t] && (ma === null || c[t] > ma[t]);
      const exit = adx[t] < exitThr || mdi[t] > pdi[t];
      if (exit && !prevExit) pos = 0;
      else if (entry && !prevEntry) pos = 1;
      prevEntry = entry;
      prevExit = exit;
      target[t] = pos;
    }
    return { target, warmup };
  },
};
