/**
 * my_strategy (legacy, EVENT in the original, long only): a Keltner-style breakout. Enter when
 * close > SMA(sma_window) + entry_atr_mult·ATR(atr_window); exit when close < SMA − exit_atr_mult·ATR.
 * Held long in between. ATR is TA-Lib style (Wilder, seeded with the mean true range).
 */
import { z } from 'zod';
import { sma } from '../indicators/moving';
import { atr } from '../indicators/oscillators';
import { decisionStart, intParam, numParam, targetArray } from './common';
import type { StrategyDef } from './types';

export const myStrategyParams = z
  .object({
    sma_window: intParam(20, 2, 500),
    atr_window: intParam(14, 2, 200),
    entry_atr_mult: numParam(1.5, 0, 10),
    exit_atr_mult: numParam(0.5, -10, 10),
  })
  .strict();
export type MyStrategyParams = z.infer<typeof myStrategyParams>;

export const myStrategy: StrategyDef<MyStrategyParams> = {
  meta: {
    id: 'my_strategy',
    name: 'SMA ± ATR breakout (legacy)',
    description: 'Long above SMA + k·ATR, out below SMA − m·ATR.',
    version: '1.0.0',
    author: 'peak-trade',
    regime: 'trending',
    tags: ['breakout', 'atr', 'keltner', 'legacy'],
    tier: 'legacy',
    style: 'event',
  },
  params: myStrategyParams,
  sweep: {
    sma_window: { kind: 'values', values: [10, 20, 50] },
    entry_atr_mult: { kind: 'range', min: 0.5, max: 2.5, step: 0.5 },
    exit_atr_mult: { kind: 'range', min: 0, max: 1, step: 0.25 },
  },
  constraint: (p) =>
    p.entry_atr_mult > -p.exit_atr_mult
      ? null
      : `entry_atr_mult (${p.entry_atr_mult}) must be > −exit_atr_mult (${-p.exit_atr_mult})`,
  minBars: (p) => Math.max(p.sma_window, p.atr_window + 1),
  signals(bars, p, ctx) {
    const { high: h, low: l, close: c } = bars;
    const n = c.length;
    const m = ctx.ind.get(`sma:close:${p.sma_window}`, () => sma(c, p.sma_window, ctx.ind.alloc?.(c.length)));
    const a = ctx.ind.get(`atr:hlc:${p.atr_window}`, () => atr(h, l, c, p.atr_window));
    const warmup = Math.max(p.sma_window - 1, p.atr_window);
    const target = targetArray(ctx, n);
    let pos = 0;
    for (let t = decisionStart(warmup, ctx, 0); t < n; t++) {
      if (pos === 0) {
        if (c[t] > m[t] + p.entry_atr_mult * a[t]) pos = 1;
      } else if (c[t] < m[t] - p.exit_atr_mult * a[t]) pos = 0;
      target[t] = pos;
    }
    return { target, warmup };
  },
};
