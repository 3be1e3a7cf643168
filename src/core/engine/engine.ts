/**
 * The default backtest engine: one pass over columnar bars, target positions in, trades and equity out.
 *
 * Conventions (these are the product's; the backtesting-py preset has its own, see ./backtesting-py.ts):
 *
 * Signals
 * - `target[t]` is the wanted position as a signed multiple of the sizing unit (+1 long, −1 short, 0 flat,
 *   fractions allowed), decided at bar t's CLOSE. Bars before `warmup` are ignored (treated as flat).
 * - fill 'next_open': a change of target[t] is filled at open[t+1] (first possible fill: open[warmup+1]).
 *   fill 'close': a change of target[t] is filled at close[t] (first possible fill: close[warmup]).
 * - The engine acts on SIGN changes of the target. Entering from flat uses the target's magnitude; a change
 *   of magnitude with the same sign while a position is held does NOT re-size (no partial closes). A reversal
 *   (long → short or back) is a close plus an open on the same fill, i.e. two trades, both charged.
 *
 * Costs (quote currency)
 * - Slippage moves every fill price against the trader: buys at price·(1+slippage), sells at price·(1−slippage).
 *   This includes stop, target, trailing and end-of-data exits.
 * - Commission = |units · fill price| · commission on every fill, entry and exit.
 *
 * Sizing (units are base-currency amounts; entries only happen from flat, so equity = cash at that moment)
 * - 'fraction':       units = cash · fraction · |target| / fill price (fractional). The entry fee comes on top,
 *                     so cash may dip below zero by the fee at fraction 1.
 * - 'all_in_units':   units = floor(cash / (fill price · (1 + commission))) whole units (|target| ignored).
 * - 'fixed_notional': units = notional · |target| / fill price (fractional).
 * - If the computed units are not > 0 (e.g. all-in with too little cash) no trade opens; the target is still
 *   taken as seen, so the engine does not retry every bar until the target changes again.
 * - Shorts: selling units credits cash; equity = cash + position · close stays exact for either sign.
 *
 * Stops (fractions, null = off), relative to the entry FILL price (slippage included)
 * - long: stop = entry·(1−stopLossPct), target = entry·(1+takeProfitPct), trailing = bestHigh·(1−trailingStopPct);
 *   short mirrors (entry·(1+sl), entry·(1−tp), lowestLow·(1+trail)). The effective stop is the tighter of
 *   stop-loss and trailing (exitReason names which; stop_loss on a tie).
 * - bestHigh / lowestLow start at the entry fill price and take in the highs / lows of bars after the entry
 *   moment: with 'next_open' the entry bar itself is after the entry (filled at its open), with 'close' it is
 *   not. For bar j the trailing level uses extremes through bar j−1 only: we cannot know whether bar j's
 *   high came before its low, so we assume the worse order.
 * - Checked intrabar from the bar AFTER the entry fill, in this pessimistic order:
 *   1. open beyond the stop (gap) → exit at the open; 2. open beyond the target → exit at the open;
 *   3. low/high touches the stop → exit at the stop level; 4. high/low touches the target → exit at the target.
 *   So when one bar touches both the stop and the target, the STOP fills.
 * - Bar order: 'next_open' = fill at the open, then stops, then mark at the close; 'close' = stops, then the
 *   fill at the close, then mark. After a stop exit the position stays flat until the target changes.
 *
 * End of data
 * - finalize: an open position is closed at the last bar's close (slippage and fee applied, exitReason
 *   'end_of_data') and equity[last] is the resulting cash. With fill 'close' a target change on the last bar
 *   still closes the position (exitReason 'signal') but opens nothing: it would be closed again at once.
 * - otherwise it is reported in `openTrades` (exitBar −1, exitReason 'open', exitPrice/exitTime = last close/time,
 *   pnl = mark-to-market net of the entry fee only) and equity[last] marks it at the close.
 *
 * Output
 * - equity[t] = cash + position · close[t] after everything that happened in bar t; before `warmup` it is the
 *   starting cash. Trade pnl is net of both fees; returnPct = pnl / (|units| · entry price).
 *   exposureBars = bars with a position held at the close (before a finalize exit).
 * - No margin or liquidation model: with shorts or fraction > 1 equity can fall below zero; nothing stops
 *   the run (metrics turn undefined figures into null).
 *
 * Speed: one loop over Float64Arrays; the per-bar work when nothing changes is one compare and one multiply-add.
 * Objects are allocated per trade only.
 */
import type { Bars } from '../data/bars';
import { PeakError } from '../errors';
import type { BacktestResult, EngineConfig, ExitReason, Trade } from './types';

const SIZING_FRACTION = 0;
const SIZING_ALL_IN = 1;
const SIZING_NOTIONAL = 2;

/** Reject configurations the loop cannot give a meaning to; messages name the field. */
export function validateEngineInput(bars: Bars, target: Float64Array, warmup: number, cfg: EngineConfig): void {
  const n = bars.close.length;
  const bad = (field: string, why: string): never => {
    throw new PeakError('BAD_INPUT', `engine: ${field} ${why}`);
  };
  if (target.length !== n) bad('target', `has ${target.length} values but the data has ${n} bars`);
  if (!Number.isInteger(warmup) || warmup < 0) bad('warmup', `must be a non-negative integer (got ${warmup})`);
  if (!(cfg.cash > 0) || !Number.isFinite(cfg.cash)) bad('cash', `must be a positive number (got ${cfg.cash})`);
  if (!(cfg.commission >= 0 && cfg.commission < 1)) bad('commission', `must be in [0, 1) (got ${cfg.commission})`);
  if (!(cfg.slippage >= 0 && cfg.slippage < 1)) bad('slippage', `must be in [0, 1) (got ${cfg.slippage})`);
  if (cfg.fill !== 'next_open' && cfg.fill !== 'close') bad('fill', `must be 'next_open' or 'close'`);
  const s = cfg.sizing;
  if (s.mode === 'fraction' && !(s.fraction > 0 && Number.isFinite(s.fraction))) bad('sizing.fraction', `must be > 0 (got ${s.fraction})`);
  if (s.mode === 'fixed_notional' && !(s.notional > 0 && Number.isFinite(s.notional))) bad('sizing.notional', `must be > 0 (got ${s.notional})`);
  for (const k of ['stopLossPct', 'takeProfitPct', 'trailingStopPct'] as const) {
    const v = cfg[k];
    if (v !== null && !(v > 0 && v < 1)) bad(k, `must be null or in (0, 1) (got ${v})`);
  }
}

// Position book, kept in a Float64Array so every field stays an unboxed double (no field-representation
// changes, no boxed HeapNumbers) and the per-trade helpers below stay monomorphic.
const CASH = 0;
const POS = 1; // signed units
const ENTRY_PRICE = 2;
const ENTRY_BAR = 3;
const ENTRY_FEE = 4;
const BEST = 5; // best high since entry (long) / lowest low (short), for the trailing stop
const FEES = 6;
const BOOK_SLOTS = 7;

/** Per-run constants the helpers need. */
interface RunConsts {
  bars: Bars;
  trades: Trade[];
  c: number;
  s: number;
  sizingMode: number;
  sizingValue: number;
}

/**
 * Apply a target change at raw market price `px` on bar i. `atOpen`: the fill is at bar i's open.
 * `mayEnter` false: only close (an entry would be finalized at the same price at once).
 */
function rebalance(st: Float64Array, k: RunConsts, tgt: number, px: number, i: number, atOpen: boolean, mayEnter: boolean): void {
  if (!Number.isFinite(tgt)) throw new PeakError('BAD_INPUT', `engine: target[${atOpen ? i - 1 : i}] is ${tgt}; targets must be finite`);
  const pos = st[POS];
  const want = tgt > 0 ? 1 : tgt < 0 ? -1 : 0;
  const have = pos > 0 ? 1 : pos < 0 ? -1 : 0;
  if (want === have) return; // same sign: magnitude changes do not re-size (see header)
  if (have !== 0) exitPosition(st, k, px, i, 'signal');
  if (want !== 0 && mayEnter) enterPosition(st, k, want, tgt < 0 ? -tgt : tgt, px, i, atOpen);
}

function enterPosition(st: Float64Array, k: RunConsts, dir: number, mag: number, px: number, i: number, atOpen: boolean): void {
  const fill = dir > 0 ? px * (1 + k.s) : px * (1 - k.s);
  const cash = st[CASH];
  let units: number;
  if (k.sizingMode === SIZING_FRACTION) units = (cash * k.sizingValue * mag) / fill;
  else if (k.sizingMode === SIZING_ALL_IN) units = Math.floor(cash / (fill * (1 + k.c)));
  else units = (k.sizingValue * mag) / fill;
  if (!(units > 0) || units === Infinity) return;
  const fee = units * fill * k.c;
  st[CASH] = cash - (dir * units * fill + fee);
  st[FEES] += fee;
  st[POS] = dir * units;
  st[ENTRY_PRICE] = fill;
  st[ENTRY_BAR] = i;
  st[ENTRY_FEE] = fee;
  if (atOpen) st[BEST] = dir > 0 ? Math.max(fill, k.bars.high[i]) : Math.min(fill, k.bars.low[i]);
  else st[BEST] = fill;
}

function exitPosition(st: Float64Array, k: RunConsts, px: number, i: number, reason: ExitReason): void {
  const pos = st[POS];
  const fill = pos > 0 ? px * (1 - k.s) : px * (1 + k.s);
  const units = pos > 0 ? pos : -pos;
  const fee = units * fill * k.c;
  const entryPrice = st[ENTRY_PRICE];
  const entryFee = st[ENTRY_FEE];
  const entryBar = st[ENTRY_BAR];
  st[CASH] += pos * fill - fee;
  st[FEES] += fee;
  st[POS] = 0;
  const pnl = pos * (fill - entryPrice) - entryFee - fee;
  k.trades.push({
    entryBar,
    exitBar: i,
    entryTime: k.bars.time[entryBar],
    exitTime: k.bars.time[i],
    size: pos,
    entryPrice,
    exitPrice: fill,
    pnl,
    returnPct: pnl / (units * entryPrice),
    fees: entryFee + fee,
    exitReason: reason,
  });
}

/** Intrabar stop / target / trailing check for bar i (position entered before bar i); sl/tp/tr 0 = off. */
function checkStops(st: Float64Array, k: RunConsts, i: number, sl: number, tp: number, tr: number): void {
  const { open, high, low } = k.bars;
  const e = st[ENTRY_PRICE];
  const best = st[BEST];
  const o = open[i];
  if (st[POS] > 0) {
    let stop = -Infinity;
    let reason: ExitReason = 'stop_loss';
    if (sl > 0) stop = e * (1 - sl);
    if (tr > 0) {
      const t = best * (1 - tr);
      if (t > stop) { stop = t; reason = 'trailing_stop'; }
    }
    const take = tp > 0 ? e * (1 + tp) : Infinity;
    if (o <= stop) exitPosition(st, k, o, i, reason);
    else if (o >= take) exitPosition(st, k, o, i, 'take_profit');
    else if (low[i] <= stop) exitPosition(st, k, stop, i, reason);
    else if (high[i] >= take) exitPosition(st, k, take, i, 'take_profit');
    else if (high[i] > best) st[BEST] = high[i];
  } else {
    let stop = Infinity;
    let reason: ExitReason = 'stop_loss';
    if (sl > 0) stop = e * (1 + sl);
    if (tr > 0) {
      const t = best * (1 + tr);
      if (t < stop) { stop = t; reason = 'trailing_stop'; }
    }
    const take = tp > 0 ? e * (1 - tp) : -Infinity;
    if (o >= stop) exitPosition(st, k, o, i, reason);
    else if (o <= take) exitPosition(st, k, o, i, 'take_profit');
    else if (high[i] >= stop) exitPosition(st, k, stop, i, reason);
    else if (low[i] <= take) exitPosition(st, k, take, i, 'take_profit');
    else if (low[i] < best) st[BEST] = low[i];
  }
}

/**
 * Optional buffers a caller may lend the engine. Sweeps run thousands of backtests over the same bars and
 * read each result at once (metrics), so reusing one equity buffer spares an n·8-byte allocation per run.
 * The result's `equity` IS that buffer: copy it before the next run if you keep it.
 */
export interface EngineScratch {
  /** used when its length equals the bar count; fully overwritten */
  equity?: Float64Array;
}

/** The default engine (see the header for every convention). */
export function runDefault(bars: Bars, target: Float64Array, warmup: number, cfg: EngineConfig, scratch?: EngineScratch): BacktestResult {
  validateEngineInput(bars, target, warmup, cfg);
  const n = bars.close.length;
  const close = bars.close;
  const open = bars.open;
  const lent = scratch?.equity;
  const equity = lent !== undefined && lent.length === n ? lent : new Float64Array(n);
  const start = Math.min(warmup, n);
  equity.fill(cfg.cash, 0, start);
  const sz = cfg.sizing;
  const k: RunConsts = {
    bars,
    trades: [],
    c: cfg.commission,
    s: cfg.slippage,
    sizingMode: sz.mode === 'fraction' ? SIZING_FRACTION : sz.mode === 'all_in_units' ? SIZING_ALL_IN : SIZING_NOTIONAL,
    sizingValue: sz.mode === 'fraction' ? sz.fraction : sz.mode === 'fixed_notional' ? sz.notional : 0,
  };
  const st = new Float64Array(BOOK_SLOTS);
  st[CASH] = cfg.cash;
  st[ENTRY_BAR] = -1;
  const nextOpen = cfg.fill === 'next_open';
  // 0 = off; validated to be in (0, 1) otherwise.
  const sl = cfg.stopLossPct ?? 0;
  const tp = cfg.takeProfitPct ?? 0;
  const tr = cfg.trailingStopPct ?? 0;
  const stopsOn = sl > 0 || tp > 0 || tr > 0;
  const last = n - 1;
  // With fill 'close' and finalize, an entry at the last close would be closed at that same close at once.
  const finalizeAtLast = cfg.finalize && !nextOpen;

  let held = 0; // the last target value acted on (or seen); a fill happens only when the target changes
  let exposure = 0;
  let cash = st[CASH];
  let pos = 0;
  for (let i = start; i < n; i++) {
    if (nextOpen && i > start) {
      const tgt = target[i - 1];
      if (tgt !== held) {
        rebalance(st, k, tgt, open[i], i, true, true);
        held = tgt;
        cash = st[CASH]; pos = st[POS];
      }
    }
    if (stopsOn && pos !== 0 && st[ENTRY_BAR] < i) {
      checkStops(st, k, i, sl, tp, tr);
      cash = st[CASH]; pos = st[POS];
    }
    if (!nextOpen) {
      const tgt = target[i];
      if (tgt !== held) {
        rebalance(st, k, tgt, close[i], i, false, !finalizeAtLast || i !== last);
        held = tgt;
        cash = st[CASH]; pos = st[POS];
      }
    }
    equity[i] = cash + pos * close[i];
    if (pos !== 0) exposure++;
  }

  const openTrades: Trade[] = [];
  if (pos !== 0) {
    if (cfg.finalize) {
      exitPosition(st, k, close[last], last, 'end_of_data');
      equity[last] = st[CASH];
    } else {
      const units = Math.abs(pos);
      const entryBar = st[ENTRY_BAR];
      const entryPrice = st[ENTRY_PRICE];
      const pnl = pos * (close[last] - entryPrice) - st[ENTRY_FEE];
      openTrades.push({
        entryBar,
        exitBar: -1,
        entryTime: bars.time[entryBar],
        exitTime: bars.time[last],
        size: pos,
        entryPrice,
        exitPrice: close[last],
        pnl,
        returnPct: pnl / (units * entryPrice),
        fees: st[ENTRY_FEE],
        exitReason: 'open',
      });
    }
  }
  return {
    equity,
    trades: k.trades,
    openTrades,
    exposureBars: exposure,
    feesPaid: st[FEES],
    startBar: start,
    warmup,
  };
}
