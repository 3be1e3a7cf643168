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
 *   starting cash; from a ruin bar on it is 0 (see Ruin). Trade pnl is net of both fees;
 *   returnPct = pnl / (|units| · entry price).
 *   exposureBars = bars with a position held at the close (before a finalize exit).
 *
 * Ruin (backtesting.py's rule; there is no margin model beyond it)
 * - With shorts, fraction > 1 or fixed_notional an account can lose more than it holds. Whenever equity at a
 *   bar's close (cash + position · close, after that bar's fills and stops) is ≤ 0, the run is RUINED: an open
 *   position is closed at that close (slippage and fee applied as on any exit, exitReason 'ruin'), the
 *   shortfall is written off (cash = 0), equity is 0 from that bar to the end and nothing trades any more.
 *   A finalize exit that leaves cash ≤ 0 also books equity[last] = 0. While flat with cash ≤ 0 (a losing exit
 *   earlier in the bar) no entry opens, so the bar's close is the ruin bar.
 * - Why: a negative equity has no meaning as an account, and simple returns across it flip sign (−1 → −2 is
 *   "+100 %"), which would hand a wiped-out run a positive Sharpe. Metrics read equity 0 as ruin (./metrics).
 * - Equity that decays towards zero without reaching it (fractional units keep the account alive at 1e−15 of
 *   its cash) is not ruin: the engine has no minimum order size.
 *
 * Speed: one loop over Float64Arrays; the per-bar work when nothing changes is two compares (target, ruin) and one
 * multiply-add.
 * Objects are allocated per trade only. All state lives in locals of one function (no per-fill calls, no
 * object fields): in side-by-side runs that cost less per trade than a position-book object did.
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

const EXIT_REASONS: readonly ExitReason[] = ['signal', 'stop_loss', 'take_profit', 'trailing_stop', 'end_of_data', 'open', 'ruin'];
const REASON_CODE: Readonly<Record<ExitReason, number>> = {
  signal: 0, stop_loss: 1, take_profit: 2, trailing_stop: 3, end_of_data: 4, open: 5, ruin: 6,
};

/**
 * Closed trades as columns (growable typed arrays) while the loop runs: an object per trade cost ~200 ns of
 * allocation and GC per fill on the hot path (a third of a 1M-bar backtest with 19k trades). The Trade objects of
 * BacktestResult.trades are built on first access from these columns (same values).
 */
class TradeLog {
  n = 0;
  private entryBar = new Float64Array(64);
  private exitBar = new Float64Array(64);
  private size = new Float64Array(64);
  private entryPrice = new Float64Array(64);
  private exitPrice = new Float64Array(64);
  private pnl = new Float64Array(64);
  private units = new Float64Array(64);
  private fees = new Float64Array(64);
  private reason = new Uint8Array(64);

  push(entryBar: number, exitBar: number, size: number, entryPrice: number, exitPrice: number, pnl: number, units: number, fees: number, reason: number): void {
    const k = this.n;
    if (k === this.reason.length) this.grow();
    this.entryBar[k] = entryBar; this.exitBar[k] = exitBar; this.size[k] = size;
    this.entryPrice[k] = entryPrice; this.exitPrice[k] = exitPrice; this.pnl[k] = pnl;
    this.units[k] = units; this.fees[k] = fees; this.reason[k] = reason;
    this.n = k + 1;
  }

  private grow(): void {
    const g = <T extends Float64Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2);
      b.set(a);
      return b;
    };
    this.entryBar = g(this.entryBar); this.exitBar = g(this.exitBar); this.size = g(this.size);
    this.entryPrice = g(this.entryPrice); this.exitPrice = g(this.exitPrice); this.pnl = g(this.pnl);
    this.units = g(this.units); this.fees = g(this.fees); this.reason = g(this.reason);
  }

  toTrades(time: Float64Array): Trade[] {
    const out: Trade[] = new Array(this.n);
    for (let k = 0; k < this.n; k++) {
      out[k] = makeTrade(time, this.entryBar[k], this.exitBar[k], this.size[k], this.entryPrice[k], this.exitPrice[k],
        this.pnl[k], this.units[k], this.fees[k], EXIT_REASONS[this.reason[k]]);
    }
    return out;
  }
}

/** A closed (or marked) trade; returnPct is on the entry notional. */
function makeTrade(
  time: Float64Array, entryBar: number, exitBar: number, size: number, entryPrice: number, exitPrice: number,
  pnl: number, units: number, fees: number, exitReason: ExitReason,
): Trade {
  return {
    entryBar,
    exitBar,
    entryTime: time[entryBar],
    exitTime: time[exitBar < 0 ? time.length - 1 : exitBar],
    size,
    entryPrice,
    exitPrice,
    pnl,
    returnPct: pnl / (units * entryPrice),
    fees,
    exitReason,
  };
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

/**
 * The default engine (see the header for every convention).
 *
 * Loop shape. Both fill modes fill target[i−1] in iteration i: at open[i] ('next_open', fill bar i) or at
 * close[i−1] ('close', fill bar i−1). So one loop serves both with a single fill site and a single stop
 * check, in this order per iteration i:
 *   fill target[i−1] · ('close': mark bar i−1) · stop check of bar i · ('next_open': mark bar i)
 * which is exactly 'next_open' = fill at the open → stops → mark, and 'close' = stops → fill at the close →
 * mark. 'close' takes one extra iteration (i = n) for the last bar's fill and mark. All state is in locals.
 */
export function runDefault(bars: Bars, target: Float64Array, warmup: number, cfg: EngineConfig, scratch?: EngineScratch): BacktestResult {
  validateEngineInput(bars, target, warmup, cfg);
  const n = bars.close.length;
  const { open, high, low, close, time } = bars;
  const lent = scratch?.equity;
  const equity = lent !== undefined && lent.length === n ? lent : new Float64Array(n);
  const start = Math.min(warmup, n);
  equity.fill(cfg.cash, 0, start);

  const c = cfg.commission;
  const buyMul = 1 + cfg.slippage;
  const sellMul = 1 - cfg.slippage;
  const sz = cfg.sizing;
  const mode = sz.mode === 'fraction' ? SIZING_FRACTION : sz.mode === 'all_in_units' ? SIZING_ALL_IN : SIZING_NOTIONAL;
  const sv = sz.mode === 'fraction' ? sz.fraction : sz.mode === 'fixed_notional' ? sz.notional : 0;
  // 0 = off; validated to be in (0, 1) otherwise.
  const sl = cfg.stopLossPct ?? 0;
  const tp = cfg.takeProfitPct ?? 0;
  const tr = cfg.trailingStopPct ?? 0;
  const stopsOn = sl > 0 || tp > 0 || tr > 0;
  const nextOpen = cfg.fill === 'next_open';
  const px = nextOpen ? open : close;
  const lag = nextOpen ? 0 : 1; // fill bar = i − lag
  const last = n - 1;
  // With fill 'close' and finalize, an entry at the last close would be closed at that same close at once.
  const noEntryBar = cfg.finalize && !nextOpen ? last : -1;
  const end = nextOpen ? n : n + 1;

  const trades = new TradeLog();
  let cash = cfg.cash;
  let fees = 0;
  let pos = 0; // signed units
  let entryPrice = 0;
  let entryBar = -1;
  let entryFee = 0;
  let best = NaN; // highest high (long) / lowest low (short) since entry, for the trailing stop
  let slLevel = NaN; // stop-loss / take-profit prices of the open position (±Infinity when off)
  let takeLevel = NaN;
  let held = 0; // the last target value acted on (or seen); a fill happens only when the target changes
  let exposure = 0;
  let ruinAt = -1; // bar whose close found equity ≤ 0 (see header), −1 = never

  for (let i = start; i < end; i++) {
    // ---- fill: target[i−1] at px[f], f = i − lag
    if (i > start) {
      const tgt = target[i - 1];
      if (tgt !== held) {
        if (!Number.isFinite(tgt)) throw new PeakError('BAD_INPUT', `engine: target[${i - 1}] is ${tgt}; targets must be finite`);
        held = tgt;
        const want = tgt > 0 ? 1 : tgt < 0 ? -1 : 0;
        const have = pos > 0 ? 1 : pos < 0 ? -1 : 0;
        if (want !== have) {
          // same sign: a magnitude change does not re-size (see header)
          const f = i - lag;
          const p = px[f];
          if (have !== 0) {
            const fill = have > 0 ? p * sellMul : p * buyMul;
            const units = have > 0 ? pos : -pos;
            const fee = units * fill * c;
            cash += pos * fill - fee;
            fees += fee;
            const pnl = pos * (fill - entryPrice) - entryFee - fee;
            trades.push(entryBar, f, pos, entryPrice, fill, pnl, units, entryFee + fee, 0);
            pos = 0;
          }
          // cash ≤ 0 while flat: the account is ruined at this bar's close (see header); open nothing
          if (want !== 0 && f !== noEntryBar && cash > 0) {
            const fill = want > 0 ? p * buyMul : p * sellMul;
            const mag = tgt < 0 ? -tgt : tgt;
            const units = mode === SIZING_FRACTION ? (cash * sv * mag) / fill
              : mode === SIZING_ALL_IN ? Math.floor(cash / (fill * (1 + c)))
                : (sv * mag) / fill;
            if (units > 0 && units !== Infinity) {
              const fee = units * fill * c;
              cash -= want * units * fill + fee;
              fees += fee;
              pos = want * units;
              entryPrice = fill;
              entryBar = f;
              entryFee = fee;
              if (stopsOn) {
                // bars after the entry moment: with 'next_open' the entry bar itself (filled at its open)
                if (want > 0) {
                  best = nextOpen ? Math.max(fill, high[f]) : fill;
                  slLevel = sl > 0 ? fill * (1 - sl) : -Infinity;
                  takeLevel = tp > 0 ? fill * (1 + tp) : Infinity;
                } else {
                  best = nextOpen ? Math.min(fill, low[f]) : fill;
                  slLevel = sl > 0 ? fill * (1 + sl) : Infinity;
                  takeLevel = tp > 0 ? fill * (1 - tp) : -Infinity;
                }
              }
            }
          }
        }
      }
      if (lag === 1) {
        // 'close': bar i−1 is complete (stops, then its close fill): mark it
        const e = cash + pos * close[i - 1];
        equity[i - 1] = e;
        if (pos !== 0) exposure++;
        if (e <= 0) { ruinAt = i - 1; break; }
      }
    }
    if (i === n) break; // the extra 'close' iteration: fill and mark of the last bar only

    // ---- stops of bar i (position entered before bar i), pessimistic order (see header)
    if (stopsOn && pos !== 0 && entryBar < i) {
      const o = open[i];
      let exitPx = NaN;
      let reason: ExitReason = 'stop_loss';
      if (pos > 0) {
        let stop = slLevel;
        if (tr > 0) {
          const t = best * (1 - tr);
          if (t > stop) { stop = t; reason = 'trailing_stop'; }
        }
        if (o <= stop) exitPx = o;
        else if (o >= takeLevel) { exitPx = o; reason = 'take_profit'; }
        else if (low[i] <= stop) exitPx = stop;
        else if (high[i] >= takeLevel) { exitPx = takeLevel; reason = 'take_profit'; }
        // for the next bar's trailing level (branch-free: new highs come at random)
        best = Math.max(best, high[i]);
      } else {
        let stop = slLevel;
        if (tr > 0) {
          const t = best * (1 + tr);
          if (t < stop) { stop = t; reason = 'trailing_stop'; }
        }
        if (o >= stop) exitPx = o;
        else if (o <= takeLevel) { exitPx = o; reason = 'take_profit'; }
        else if (high[i] >= stop) exitPx = stop;
        else if (low[i] <= takeLevel) { exitPx = takeLevel; reason = 'take_profit'; }
        best = Math.min(best, low[i]);
      }
      if (exitPx === exitPx) {
        const fill = pos > 0 ? exitPx * sellMul : exitPx * buyMul;
        const units = pos > 0 ? pos : -pos;
        const fee = units * fill * c;
        cash += pos * fill - fee;
        fees += fee;
        const pnl = pos * (fill - entryPrice) - entryFee - fee;
        trades.push(entryBar, i, pos, entryPrice, fill, pnl, units, entryFee + fee, REASON_CODE[reason]);
        pos = 0;
      }
    }

    if (lag === 0) {
      const e = cash + pos * close[i];
      equity[i] = e;
      if (pos !== 0) exposure++;
      if (e <= 0) { ruinAt = i; break; }
    }
  }

  // ---- ruin (see header): close at the ruin bar's close, write the shortfall off, equity 0 to the end
  if (ruinAt >= 0) {
    if (pos !== 0) {
      const fill = pos > 0 ? close[ruinAt] * sellMul : close[ruinAt] * buyMul;
      const units = pos > 0 ? pos : -pos;
      const fee = units * fill * c;
      fees += fee;
      const pnl = pos * (fill - entryPrice) - entryFee - fee;
      trades.push(entryBar, ruinAt, pos, entryPrice, fill, pnl, units, entryFee + fee, 6);
      pos = 0;
    }
    cash = 0;
    equity.fill(0, ruinAt);
  }

  // ---- end of data
  const openTrades: Trade[] = [];
  if (pos !== 0) {
    const units = pos > 0 ? pos : -pos;
    if (cfg.finalize) {
      const fill = pos > 0 ? close[last] * sellMul : close[last] * buyMul;
      const fee = units * fill * c;
      cash += pos * fill - fee;
      fees += fee;
      const pnl = pos * (fill - entryPrice) - entryFee - fee;
      trades.push(entryBar, last, pos, entryPrice, fill, pnl, units, entryFee + fee, 4);
      // a finalize exit that leaves nothing (or less) is ruin too: equity is never negative
      equity[last] = cash > 0 ? cash : 0;
    } else {
      const pnl = pos * (close[last] - entryPrice) - entryFee;
      openTrades.push(makeTrade(time, entryBar, -1, pos, entryPrice, close[last], pnl, units, entryFee, 'open'));
    }
  }
  let materialized: Trade[] | undefined;
  return {
    equity,
    get trades(): Trade[] {
      return (materialized ??= trades.toTrades(time));
    },
    openTrades, exposureBars: exposure, feesPaid: fees, startBar: start, warmup,
  };
}
