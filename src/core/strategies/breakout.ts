/**
 * breakout (aux, STATE): Donchian breakout of the PRIOR lookback bars with an optional ATR filter and
 * stop-loss / take-profit / trailing stop handled inside the strategy (entry price = the signal bar's close).
 *
 * Per bar while long (short mirrors), in this order:
 *   1. low ≤ entry·(1 − stop_loss_pct) → exit;  2. high ≥ entry·(1 + take_profit_pct) → exit;
 *   3. low ≤ peak·(1 − trailing_stop_pct) → exit, peak = max(entry close, highs of the bars after the entry bar
 *      up to t − 1): the bar's own high is added after the check, because within one bar we do not know
 *      whether the high came before the low (counting it first would stop out almost every wide up-bar);
 *   4. close < lower (exit_on_opposite_breakout) → flip short at the close if risk_mode = symmetric, else exit.
 * After a stop/target/trail exit the bar ends flat (no re-entry on the same bar).
 * Flat: long if close > upper and the ATR filter passes, else short if close < lower (per risk_mode).
 * ATR filter (on when use_atr_filter or atr_multiplier is set; multiplier defaults to 1.0):
 *   ATR(atr_lookback) ≥ multiplier · SMA(ATR, 2·atr_lookback, min_periods atr_lookback).
 * The flip in step 4 follows SPEC and is not ATR-filtered.
 */
import { z } from 'zod';
import { donchianPriorHigh, donchianPriorLow } from '../indicators/channels';
import { rollingMean } from '../indicators/moving';
import { atr } from '../indicators/oscillators';
import { decisionStart, intParam, optNumParam, targetArray } from './common';
import type { StrategyDef } from './types';

export const breakoutParams = z
  .object({
    lookback_breakout: intParam(20, 2, 500),
    lookback_high: z.number().int().min(2).max(500).nullable().default(null),
    lookback_low: z.number().int().min(2).max(500).nullable().default(null),
    atr_lookback: intParam(14, 2, 200),
    atr_multiplier: optNumParam(0, 10),
    use_atr_filter: z.boolean().default(false),
    exit_on_opposite_breakout: z.boolean().default(true),
    risk_mode: z.enum(['symmetric', 'long_only', 'short_only']).default('symmetric'),
    stop_loss_pct: z.number().gt(0).lt(1).nullable().default(null),
    take_profit_pct: z.number().gt(0).max(10).nullable().default(null),
    trailing_stop_pct: z.number().gt(0).lt(1).nullable().default(null),
  })
  .strict();
export type BreakoutParams = z.infer<typeof breakoutParams>;

export const breakout: StrategyDef<BreakoutParams> = {
  meta: {
    id: 'breakout',
    name: 'Breakout (ATR filter)',
    description: 'Trades closes beyond the prior N-bar high/low, with optional ATR filter and SL/TP/trailing exits.',
    version: '1.0.0',
    author: 'peak-trade',
    regime: 'trending',
    tags: ['breakout', 'donchian', 'atr'],
    tier: 'aux',
    style: 'state',
  },
  params: breakoutParams,
  sweep: {
    lookback_breakout: { kind: 'values', values: [15, 20, 30, 50, 100] },
    stop_loss_pct: { kind: 'values', values: [null, 0.02, 0.03, 0.05] },
    take_profit_pct: { kind: 'values', values: [null, 0.04, 0.06, 0.08, 0.1] },
    trailing_stop_pct: { kind: 'values', values: [null, 0.02, 0.03, 0.05, 0.08] },
  },
  minBars: (p) => Math.max(p.lookback_high ?? p.lookback_breakout, p.lookback_low ?? p.lookback_breakout) + 1,
  signals(bars, p, ctx) {
    const { high: h, low: l, close: c } = bars;
    const n = c.length;
    const nh = p.lookback_high ?? p.lookback_breakout;
    const nl = p.lookback_low ?? p.lookback_breakout;
    const upper = ctx.ind.get(`donchian_prior_high:high:${nh}`, () => donchianPriorHigh(h, nh));
    const lower = ctx.ind.get(`donchian_prior_low:low:${nl}`, () => donchianPriorLow(l, nl));
    const filterOn = p.use_atr_filter || p.atr_multiplier !== null;
    const mult = p.atr_multiplier ?? 1;
    const L = p.atr_lookback;
    const a = filterOn ? ctx.ind.get(`atr:hlc:${L}`, () => atr(h, l, c, L)) : null;
    const aMean = a ? ctx.ind.get(`sma_atr:hlc:${L}:${2 * L}:${L}`, () => rollingMean(a, 2 * L, L)) : null;
    const warmup = Math.max(nh, nl, filterOn ? 2 * L - 1 : 0);
    const allowLong = p.risk_mode !== 'short_only';
    const allowShort = p.risk_mode !== 'long_only';
    const sl = p.stop_loss_pct, tp = p.take_profit_pct, tr = p.trailing_stop_pct;
    const target = targetArray(ctx, n);
    let pos = 0;
    let entry = 0;
    let extreme = 0; // peak high while long, trough low while short
    for (let t = decisionStart(warmup, ctx, 0); t < n; t++) {
      const cl = c[t];
      // Levels fall back to the close while undefined (never a breakout).
      const up = Number.isNaN(upper[t]) ? cl : upper[t];
      const lo = Number.isNaN(lower[t]) ? cl : lower[t];
      if (pos === 1) {
        if ((sl !== null && l[t] <= entry * (1 - sl)) || (tp !== null && h[t] >= entry * (1 + tp)) ||
          (tr !== null && l[t] <= extreme * (1 - tr))) {
          pos = 0;
          target[t] = 0;
          continue;
        }
        if (h[t] > extreme) extreme = h[t];
        if (p.exit_on_opposite_breakout && cl < lo) {
          if (allowShort) { pos = -1; entry = cl; extreme = cl; } else pos = 0;
        }
      } else if (pos === -1) {
        if ((sl !== null && h[t] >= entry * (1 + sl)) || (tp !== null && l[t] <= entry * (1 - tp)) ||
          (tr !== null && h[t] >= extreme * (1 + tr))) {
          pos = 0;
          target[t] = 0;
          continue;
        }
        if (l[t] < extreme) extreme = l[t];
        if (p.exit_on_opposite_breakout && cl > up) {
          if (allowLong) { pos = 1; entry = cl; extreme = cl; } else pos = 0;
        }
      } else {
        const filterOk = a === null || aMean === null || a[t] >= mult * aMean[t];
        if (filterOk && allowLong && cl > up) { pos = 1; entry = cl; extreme = cl; }
        else if (filterOk && allowShort && cl < lo) { pos = -1; entry = cl; extreme = cl; }
      }
      target[t] = pos;
    }
    return { target, warmup };
  },
};
