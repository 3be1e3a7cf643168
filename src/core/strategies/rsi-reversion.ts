/**
 * rsi_reversion (core, STATE, long/short): buy oversold, sell overbought, leave at the exit levels.
 * State machine per bar (SPEC §1): flat → long if RSI < lower, else short if RSI > upper. long → flat if
 * RSI ≥ exit_lower, then short at once if a short entry fires on the same bar. short mirrors (flat if
 * RSI ≤ exit_upper, then long on a long entry). Trend filter (optional): longs only if close > SMA(trend),
 * shorts only if close < SMA(trend). RSI: Wilder smoothing (use_wilder) or a rolling mean of gains/losses.
 * wilder_seed 'sma' = TA-Lib (first average = simple mean of the first n gains/losses, the default);
 * 'first' = the original's pandas ewm(alpha=1/n, adjust=False) seeded with the first gain/loss.
 */
import { z } from 'zod';
import { sma } from '../indicators/moving';
import { rsi } from '../indicators/oscillators';
import { decisionStart, intParam, numParam, sideSchema, targetArray } from './common';
import type { StrategyDef } from './types';

export const rsiReversionParams = z
  .object({
    rsi_window: intParam(14, 2, 100),
    lower: numParam(30, 0, 50),
    upper: numParam(70, 50, 100),
    exit_lower: numParam(50, 0, 100),
    exit_upper: numParam(50, 0, 100),
    use_trend_filter: z.boolean().default(false),
    trend_ma_window: intParam(50, 2, 500),
    use_wilder: z.boolean().default(true),
    wilder_seed: z.enum(['sma', 'first']).default('sma'),
    side: sideSchema.default('long_short'),
  })
  .strict();
export type RsiReversionParams = z.infer<typeof rsiReversionParams>;

export const rsiReversion: StrategyDef<RsiReversionParams> = {
  meta: {
    id: 'rsi_reversion',
    name: 'RSI reversion',
    description: 'Long when RSI is oversold, short when overbought; exit at the middle levels.',
    version: '1.0.0',
    author: 'peak-trade',
    regime: 'ranging',
    tags: ['mean-reversion', 'rsi', 'oscillator'],
    tier: 'core',
    style: 'state',
  },
  params: rsiReversionParams,
  sweep: {
    rsi_window: { kind: 'range', min: 5, max: 30, step: 5 },
    lower: { kind: 'range', min: 15, max: 40, step: 5 },
    upper: { kind: 'range', min: 60, max: 85, step: 5 },
  },
  constraint: (p) => (p.lower < p.upper ? null : `lower (${p.lower}) must be < upper (${p.upper})`),
  minBars: (p) => Math.max(p.rsi_window, p.use_trend_filter ? p.trend_ma_window : 0) + 5,
  signals(bars, p, ctx) {
    const c = bars.close;
    const n = c.length;
    const method = !p.use_wilder ? 'sma' : p.wilder_seed === 'first' ? 'ewm' : 'wilder';
    const r = ctx.ind.get(`rsi:close:${p.rsi_window}:${method}`, () => rsi(c, p.rsi_window, method));
    const trend = p.use_trend_filter;
    const ma = trend ? ctx.ind.get(`sma:close:${p.trend_ma_window}`, () => sma(c, p.trend_ma_window, ctx.ind.alloc?.(c.length))) : null;
    const warmup = Math.max(p.rsi_window, trend ? p.trend_ma_window - 1 : 0);
    const target = targetArray(ctx, n);
    const allowShort = p.side === 'long_short';
    const { lower, upper, exit_lower: exitLower, exit_upper: exitUpper } = p;
    let pos = 0;
    for (let t = decisionStart(warmup, ctx, 0); t < n; t++) {
      const v = r[t];
      const longOk = v < lower && (ma === null || c[t] > ma[t]);
      const shortOk = allowShort && v > upper && (ma === null || c[t] < ma[t]);
      if (pos === 1) {
        if (v >= exitLower) pos = shortOk ? -1 : 0;
      } else if (pos === -1) {
        if (v <= exitUpper) pos = longOk ? 1 : 0;
      } else {
        pos = longOk ? 1 : shortOk ? -1 : 0;
      }
      target[t] = pos;
    }
    return { target, warmup };
  },
};
