/**
 * bouchaud_microstructure (R&D): order-flow pressure proxied from OHLC bars (no bid/ask sizes in our data):
 * pressure = clip((close − open)/(high − low), −1, 1) (0 for a zero-range bar); long while its rolling mean over
 * `window` bars exceeds `threshold`, else flat.
 */
import { z } from 'zod';
import { sma } from '../indicators/moving';
import { decisionStart, intParam, numParam, targetArray } from './common';
import type { StrategyDef } from './types';

export const bouchaudParams = z
  .object({
    window: intParam(100, 2, 5000),
    threshold: numParam(0.3, -1, 1),
  })
  .strict();
export type BouchaudParams = z.infer<typeof bouchaudParams>;

export function barPressure(o: Float64Array, h: Float64Array, l: Float64Array, c: Float64Array): Float64Array {
  const n = c.length;
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const range = h[t] - l[t];
    const v = range > 0 ? (c[t] - o[t]) / range : 0;
    out[t] = v > 1 ? 1 : v < -1 ? -1 : v;
  }
  return out;
}

export const bouchaudMicrostructure: StrategyDef<BouchaudParams> = {
  meta: {
    id: 'bouchaud_microstructure',
    name: 'Bouchaud microstructure pressure (R&D)',
    description: 'Long while the rolling mean of bar pressure (close−open)/(high−low) exceeds a threshold.',
    version: '1.0.0',
    author: 'peak-trade',
    regime: 'any',
    tags: ['r_and_d', 'microstructure', 'order-flow'],
    tier: 'r_and_d',
    style: 'state',
  },
  params: bouchaudParams,
  sweep: {
    window: { kind: 'values', values: [20, 50, 100, 200] },
    threshold: { kind: 'range', min: 0.1, max: 0.5, step: 0.1 },
  },
  minBars: (p) => p.window,
  signals(bars, p, ctx) {
    const { open: o, high: h, low: l, close: c } = bars;
    const n = c.length;
    const pr = ctx.ind.get('bar_pressure:ohlc', () => barPressure(o, h, l, c));
    const m = ctx.ind.get(`sma:bar_pressure:${p.window}`, () => sma(pr, p.window, ctx.ind.alloc?.(pr.length)));
    const warmup = p.window - 1;
    const target = targetArray(ctx, n);
    for (let t = decisionStart(warmup, ctx, 0); t < n; t++) target[t] = m[t] > p.threshold ? 1 : 0;
    return { target, warmup };
  },
};
