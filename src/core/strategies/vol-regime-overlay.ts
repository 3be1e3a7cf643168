/**
 * vol_regime_overlay (R&D): risk-on only in calm markets near the high.
 * rv = rolling sample std of simple returns over lb bars, lb = lookback or, when null, max(10, min(100, n)).
 * Long if rv ≤ its rolling `quantile` (pandas linear interpolation) over lb bars AND the drawdown of close from
 * its running peak (1 − close/peak, fraction) is ≤ max_drawdown; else flat.
 */
import { z } from 'zod';
import { pctChange, rollingStd } from '../indicators/moving';
import { rollingQuantile } from '../indicators/ranks';
import { decisionStart, numParam, targetArray } from './common';
import type { StrategyDef } from './types';

export const volRegimeOverlayParams = z
  .object({
    lookback: z.number().int().min(2).max(5000).nullable().default(null),
    quantile: numParam(0.75, 0, 1),
    max_drawdown: numParam(0.01, 0, 1),
  })
  .strict();
export type VolRegimeOverlayParams = z.infer<typeof volRegimeOverlayParams>;

export const volRegimeOverlay: StrategyDef<VolRegimeOverlayParams> = {
  meta: {
    id: 'vol_regime_overlay',
    name: 'Volatility regime overlay (R&D)',
    description: 'Long when realised volatility is below its rolling quantile and price is near its peak.',
    version: '1.0.0',
    author: 'peak-trade',
    regime: 'any',
    tags: ['r_and_d', 'volatility', 'drawdown', 'overlay'],
    tier: 'r_and_d',
    style: 'state',
  },
  params: volRegimeOverlayParams,
  sweep: {
    lookback: { kind: 'values', values: [null, 20, 50, 100] },
    quantile: { kind: 'range', min: 0.5, max: 0.9, step: 0.05 },
    max_drawdown: { kind: 'values', values: [0.01, 0.02, 0.05, 0.1] },
  },
  minBars: (p) => 2 * (p.lookback ?? 10),
  signals(bars, p, ctx) {
    const c = bars.close;
    const n = c.length;
    const lb = p.lookback ?? Math.max(10, Math.min(100, n));
    const rv = ctx.ind.get(`std_vol:close:${lb}`, () => rollingStd(pctChange(c), lb, 1));
    const q = ctx.ind.get(`quantile:std_vol:${lb}:${lb}:${p.quantile}`, () => rollingQuantile(rv, lb, p.quantile));
    const warmup = 2 * lb - 1; // rv first at lb, its rolling quantile lb − 1 bars later
    const target = targetArray(ctx, n);
    let peak = -Infinity;
    const start = decisionStart(warmup, ctx, 0);
    for (let t = 0; t < n; t++) {
      if (c[t] > peak) peak = c[t];
      if (t < start) continue;
      target[t] = rv[t] <= q[t] && 1 - c[t] / peak <= p.max_drawdown ? 1 : 0;
    }
    return { target, warmup };
  },
};
