/**
 * What the server prepares for a replay and what it derives from the trader's keys: signals from the SAME core
 * strategy code as backtests (a signal is a bar where the target position changes), the indicator lines the
 * chart draws, the mapping from a key to the SPEC user_action, and the paper trades.
 *
 * Paper fills follow the default engine's conventions for a key press: the order fills at the NEXT bar's open
 * (the press happens while bar t is the last one shown), buys at open·(1+slippage), sells at open·(1−slippage),
 * fee = |notional|·fee_bps/1e4 on both legs; notional per entry = initial_cash · max_position_size (10000 · 0.25);
 * an open position is closed at the last close at the end (no fee, like the engine's end_of_data).
 */
import type { Bars } from '../data/bars';
import { getStrategy, resolveParams, createIndicatorCache } from '../strategies';
import { sma } from '../indicators/moving';
import { bollinger, donchianPrior } from '../indicators/channels';
import type { DrillSignal, RecommendedAction, UserAction } from './types';

export const DRILL_KEYS = ['enter_long', 'enter_short', 'exit', 'skip'] as const;
export type DrillKey = (typeof DRILL_KEYS)[number];

export interface IndicatorLine {
  name: string;
  values: (number | null)[];
}

export interface TagsByAction {
  enter_long: string[];
  enter_short: string[];
  exit: string[];
}

/** Signals where the strategy's target changes sign/state; tags come from the scenario per recommended action. */
export function signalsFromStrategy(bars: Bars, strategyId: string, rawParams: Record<string, unknown>, tags: TagsByAction): DrillSignal[] {
  const def = getStrategy(strategyId);
  const params = resolveParams(strategyId, rawParams);
  const { target } = def.signals(bars, params, { ind: createIndicatorCache() });
  const out: DrillSignal[] = [];
  let prev = 0;
  for (let t = 0; t < target.length; t++) {
    const s = Math.sign(target[t]);
    if (s === prev) continue;
    const recommended: RecommendedAction = s > 0 ? 'ENTER_LONG' : s < 0 ? 'ENTER_SHORT' : 'EXIT';
    const tagList = s > 0 ? tags.enter_long : s < 0 ? tags.enter_short : tags.exit;
    out.push({ signalId: `s${out.length + 1}`, bar: t, time: bars.time[t], state: s, recommended, tags: [...tagList] });
    prev = s;
  }
  return out;
}

const toList = (x: Float64Array): (number | null)[] => Array.from(x, (v) => (Number.isFinite(v) ? v : null));

/** Overlay lines for the strategies whose indicators live on the price axis; others get none. */
export function indicatorLines(bars: Bars, strategyId: string, rawParams: Record<string, unknown>): IndicatorLine[] {
  const p = resolveParams(strategyId, rawParams);
  const num = (k: string) => Number(p[k]);
  switch (strategyId) {
    case 'ma_crossover':
      return [
        { name: `SMA ${num('fast_window')}`, values: toList(sma(bars.close, num('fast_window'))) },
        { name: `SMA ${num('slow_window')}`, values: toList(sma(bars.close, num('slow_window'))) },
      ];
    case 'bollinger_bands': {
      const b = bollinger(bars.close, num('period'), num('num_std'));
      return [
        { name: 'BB mid', values: toList(b.mid) },
        { name: 'BB upper', values: toList(b.upper) },
        { name: 'BB lower', values: toList(b.lower) },
      ];
    }
    case 'breakout_donchian': {
      const d = donchianPrior(bars.high, bars.low, num('lookback'));
      return [
        { name: 'Donchian high', values: toList(d.upper) },
        { name: 'Donchian low', values: toList(d.lower) },
      ];
    }
    default:
      return [];
  }
}

/**
 * The SPEC user_action of a key pressed for a signal: skip → SKIPPED; the recommended side → EXECUTED, or FOMO
 * for an entry pressed after the countdown ran out (chasing a move the trader had let go); any other key → RULE_BREAK.
 * An off-signal entry or exit (no open signal) is a RULE_BREAK.
 */
export function userActionFor(key: DrillKey, recommended: RecommendedAction | null, latencyMs: number | null, countdownMs: number): UserAction {
  if (recommended === null) return 'RULE_BREAK';
  if (key === 'skip') return 'SKIPPED';
  const match = (key === 'enter_long' && recommended === 'ENTER_LONG') || (key === 'enter_short' && recommended === 'ENTER_SHORT') || (key === 'exit' && recommended === 'EXIT');
  if (!match) return 'RULE_BREAK';
  if (key !== 'exit' && latencyMs !== null && latencyMs > countdownMs) return 'FOMO';
  return 'EXECUTED';
}

export interface PaperFillConfig {
  initialCash: number;
  positionFraction: number;
  feeBps: number;
  slippageBps: number;
}
export const DEFAULT_PAPER: PaperFillConfig = { initialCash: 10_000, positionFraction: 0.25, feeBps: 10, slippageBps: 5 };

export interface PaperOrder {
  /** bar on screen when the key was pressed; the fill happens at bar + 1's open */
  bar: number;
  key: Exclude<DrillKey, 'skip'>;
}

export interface PaperTrade {
  side: 1 | -1;
  entryBar: number;
  entryPrice: number;
  exitBar: number;
  exitPrice: number;
  qty: number;
  fees: number;
  /** net of both fees (the exit fee is 0 at end of data) */
  pnl: number;
  reason: 'key' | 'end_of_data';
}

export function paperTrades(bars: Bars, orders: readonly PaperOrder[], cfg: PaperFillConfig = DEFAULT_PAPER): { trades: PaperTrade[]; pnl: number; fees: number } {
  const n = bars.close.length;
  const s = cfg.slippageBps / 1e4;
  const f = cfg.feeBps / 1e4;
  const trades: PaperTrade[] = [];
  let open: { side: 1 | -1; bar: number; price: number; qty: number; fee: number } | null = null;
  const close = (bar: number, price: number, reason: PaperTrade['reason']) => {
    if (!open) return;
    const px = reason === 'end_of_data' ? price : open.side === 1 ? price * (1 - s) : price * (1 + s);
    const exitFee = reason === 'end_of_data' ? 0 : Math.abs(px * open.qty) * f;
    const gross = (px - open.price) * open.qty * open.side;
    trades.push({ side: open.side, entryBar: open.bar, entryPrice: open.price, exitBar: bar, exitPrice: px, qty: open.qty, fees: open.fee + exitFee, pnl: gross - open.fee - exitFee, reason });
    open = null;
  };
  for (const o of [...orders].sort((a, b) => a.bar - b.bar)) {
    const fb = o.bar + 1;
    if (fb >= n) continue; // no next bar to fill at
    const px = bars.open[fb];
    if (o.key === 'exit') {
      close(fb, px, 'key');
      continue;
    }
    const side: 1 | -1 = o.key === 'enter_long' ? 1 : -1;
    if (open && open.side === side) continue; // already in: a second entry is not an add in drills
    close(fb, px, 'key');
    const price: number = side === 1 ? px * (1 + s) : px * (1 - s);
    const qty = (cfg.initialCash * cfg.positionFraction) / price;
    open = { side, bar: fb, price, qty, fee: Math.abs(price * qty) * f };
  }
  close(n - 1, bars.close[n - 1], 'end_of_data');
  const pnl = trades.reduce((a, t) => a + t.pnl, 0);
  return { trades, pnl, fees: trades.reduce((a, t) => a + t.fees, 0) };
}
