/**
 * vol_breakout (legacy, STATE): a Donchian breakout that only counts when volatility is awake.
 * Long on a close above the highest high of the PRIOR `lookback` bars, short (long_short) or flat (long_only) on
 * a close below the prior lowest low — each only if the percentile rank (pandas rank(pct)·100) of ATR(vol_window)
 * over the last 2·lookback bars is ≥ vol_percentile. Otherwise the position is held.
 */
import { z } from 'zod';
import { donchianPriorHigh, donchianPriorLow } from '../indicators/channels';
import { atr } from '../indicators/oscillators';
import { rollingPercentRank } from '../indicators/ranks';
import { decisionStart, intParam, numParam, sideSchema, targetArray } from './common';
import type { StrategyDef } from './types';

export const volBreakoutParams = z
  .object({
    lookback: intParam(20, 2, 500),
    vol_window: intParam(14, 2, 200),
    vol_percentile: numParam(50, 0, 100),
    side: sideSchema.default('long_short'),
  })
  .strict();
export type VolBreakoutParams = z.infer<typeof volBreakoutParams>;

export const volBreakout: StrategyDef<VolBreakoutParams> = {
  meta: {
    id: 'vol_breakout',
    name: 'Volatility breakout (legacy)',
    description: 'Donchian breakout taken only when ATR ranks in the upper part of its recent range.',
    version: '1.0.0',
    author: 'peak-trade',
    regime: 'trending',
    tags: ['breakout', 'volatility', 'legacy'],
    tier: 'legacy',
    style: 'state',
  },
  params: volBreakoutParams,
  sweep: {
    lookback: { kind: 'values', values: [10, 20, 30, 50] },
    vol_window: { kind: 'values', values: [10, 14, 20] },
    vol_percentile: { kind: 'range', min: 30, max: 70, step: 10 },
  },
  minBars: (p) => p.vol_window + 2 * p.lookback,
  signals(bars, p, ctx) {
    const { high: h, low: l, close: c } = bars;
    const n = c.length;
    const L = p.lookback;
    const up = ctx.ind.get(`donchian_prior_high:high:${L}`, () => donchianPriorHigh(h, L));
    const lo = ctx.ind.get(`donchian_prior_low:low:${L}`, () => donchianPriorLow(l, L));
    const a = ctx.ind.get(`atr:hlc:${p.vol_window}`, () => atr(h, l, c, p.vol_window));
    const rank = ctx.ind.get(`pct_rank:atr:${p.vol_window}:${2 * L}`, () => rollingPercentRank(a, 2 * L));
    const warmup = Math.max(L, p.vol_window + 2 * L - 1);
    const down = p.side === 'long_short' ? -1 : 0;
    const target = targetArray(ctx, n);
    let pos = 0;
    for (let t = decisionStart(warmup, ctx, 0); t < n; t++) {
      if (rank[t] >= p.vol_percentile) {
        if (c[t] > up[t]) pos = 1;
        else if (c[t] < lo[t]) pos = down;
      }
      target[t] = pos;
    }
    return { target, warmup };
  },
};
