/**
 * breakout_donchian (legacy, STATE): close > max(prior `lookback` closes) → long; close < min(prior closes) →
 * short (long_short) or flat (long_only); otherwise hold the previous position.
 */
import { z } from 'zod';
import { donchianPriorHigh, donchianPriorLow } from '../indicators/channels';
import { decisionStart, intParam, sideSchema, targetArray } from './common';
import type { StrategyDef } from './types';

export const breakoutDonchianParams = z
  .object({
    lookback: intParam(20, 2, 500),
    side: sideSchema.default('long_short'),
  })
  .strict();
export type BreakoutDonchianParams = z.infer<typeof breakoutDonchianParams>;

export const breakoutDonchian: StrategyDef<BreakoutDonchianParams> = {
  meta: {
    id: 'breakout_donchian',
    name: 'Donchian breakout (legacy)',
    description: 'Long above the prior N-bar closing high, short (or flat) below the prior N-bar closing low.',
    version: '1.0.0',
    author: 'peak-trade',
    regime: 'trending',
    tags: ['breakout', 'donchian', 'legacy'],
    tier: 'legacy',
    style: 'state',
  },
  params: breakoutDonchianParams,
  sweep: {
    lookback: { kind: 'range', min: 10, max: 100, step: 5 },
  },
  minBars: (p) => p.lookback + 1,
  signals(bars, p, ctx) {
    const c = bars.close;
    const n = c.length;
    const hi = ctx.ind.get(`donchian_prior_high:close:${p.lookback}`, () => donchianPriorHigh(c, p.lookback));
    const lo = ctx.ind.get(`donchian_prior_low:close:${p.lookback}`, () => donchianPriorLow(c, p.lookback));
    const warmup = p.lookback;
    const down = p.side === 'long_short' ? -1 : 0;
    const target = targetArray(ctx, n);
    let pos = 0;
    for (let t = decisionStart(warmup, ctx, 0); t < n; t++) {
      if (c[t] > hi[t]) pos = 1;
      else if (c[t] < lo[t]) pos = down;
      target[t] = pos;
    }
    return { target, warmup };
  },
};
