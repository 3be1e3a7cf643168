/**
 * The paper broker: the default engine's conventions (core/engine/engine.ts — read its header), bar by bar.
 * Fed one bar at a time with the strategy's target decided at that bar's close, it fills, stops, marks and
 * finalizes exactly as runDefault does over the whole series, so a paper session replayed over a data set ends
 * with the same trades and final equity as `peak backtest` (the parity test is the judge).
 *
 * What it adds: before an ENTRY fills, `gate(order)` may refuse it (risk limits, trading state, kill switch);
 * a refused entry leaves the account flat and the target is still taken as seen (the engine's no-retry rule).
 * Exits (signal, stops, end of data) are reducing orders: they pass unless `gate` refuses them too (HALTED).
 *
 * Per-bar work when nothing changes: two compares and one multiply-add, like the engine; objects are allocated
 * per fill only.
 */
import type { EngineConfig, ExitReason, Trade } from '../engine/types';
import { validateEngineInput } from '../engine/engine';
import { PeakError } from '../errors';

export interface BrokerOrder {
  bar: number;
  time: number;
  side: 'buy' | 'sell';
  units: number;
  /** market price when the order is sent (the fill bar's open for 'next_open', the close for 'close'): slippage is measured against it */
  refPrice: number;
  /** fill price (slippage included) */
  fillPrice: number;
  fee: number;
  reduces: boolean;
  reason: ExitReason | 'entry';
}

export interface BrokerHooks {
  /** return null to let the order fill, or the reason it is refused */
  gate?(o: BrokerOrder): string | null;
  onFill?(o: BrokerOrder): void;
  onReject?(o: BrokerOrder, reason: string): void;
}

const EMPTY = new Float64Array(1);

export class PaperBroker {
  readonly trades: Trade[] = [];
  cash: number;
  pos = 0;
  fees = 0;
  exposureBars = 0;
  equity: number;
  ruined = false;
  private entryPrice = 0;
  private entryBar = -1;
  private entryTime = 0;
  private entryFee = 0;
  private best = NaN;
  private slLevel = NaN;
  private takeLevel = NaN;
  private held = 0;
  private start = -1;
  private lastClose = NaN;
  private lastTime = 0;
  private lastBar = -1;
  private pendingTarget = 0;
  private readonly c: number;
  private readonly buyMul: number;
  private readonly sellMul: number;
  private readonly sl: number;
  private readonly tp: number;
  private readonly tr: number;
  private readonly stopsOn: boolean;
  private readonly nextOpen: boolean;

  /**
   * `finalBar`: index of the feed's last bar when known (replay): with fill 'close' and finalize the engine opens
   * nothing on the last bar. −1 = unknown (a generator without an end).
   */
  constructor(private readonly cfg: EngineConfig, private readonly hooks: BrokerHooks = {}, private readonly finalBar = -1) {
    if (cfg.preset !== 'default') throw new PeakError('BAD_INPUT', `paper broker: engine preset must be 'default' (got ${cfg.preset})`);
    validateEngineInput({ time: EMPTY, open: EMPTY, high: EMPTY, low: EMPTY, close: EMPTY, volume: EMPTY }, EMPTY, 0, cfg);
    this.cash = cfg.cash;
    this.equity = cfg.cash;
    this.c = cfg.commission;
    this.buyMul = 1 + cfg.slippage;
    this.sellMul = 1 - cfg.slippage;
    this.sl = cfg.stopLossPct ?? 0;
    this.tp = cfg.takeProfitPct ?? 0;
    this.tr = cfg.trailingStopPct ?? 0;
    this.stopsOn = this.sl > 0 || this.tp > 0 || this.tr > 0;
    this.nextOpen = cfg.fill === 'next_open';
  }

  get started(): boolean { return this.start >= 0; }

  /**
   * Bar i arrives complete. `target` is the strategy's target at bar i's close; `warmup` the strategy's warm-up
   * (bars before it are ignored). Returns the equity marked at bar i's close.
   */
  onBar(i: number, time: number, open: number, high: number, low: number, close: number, target: number, warmup: number): number {
    this.lastClose = close; this.lastTime = time; this.lastBar = i;
    if (this.ruined) return (this.equity = 0);
    if (this.start < 0) {
      if (i < warmup) return (this.equity = this.cash);
      this.start = i;
    }
    if (this.nextOpen) {
      if (i > this.start) this.fill(this.pendingTarget, i, time, open, open, high, low);
      this.stops(i, time, open, high, low);
      this.pendingTarget = target;
      return this.mark(i, close);
    }
    this.stops(i, time, open, high, low);
    this.fill(target, i, time, close, close, high, low);
    return this.mark(i, close);
  }

  private mark(i: number, close: number): number {
    const e = this.cash + this.pos * close;
    if (this.pos !== 0) this.exposureBars++;
    if (e <= 0) {
      this.ruin(i, close);
      return (this.equity = 0);
    }
    return (this.equity = e);
  }

  private order(bar: number, time: number, side: 'buy' | 'sell', units: number, ref: number, fill: number, reduces: boolean, reason: BrokerOrder['reason']): BrokerOrder {
    return { bar, time, side, units, refPrice: ref, fillPrice: fill, fee: units * fill * this.c, reduces, reason };
  }

  private allowed(o: BrokerOrder): boolean {
    const why = this.hooks.gate?.(o) ?? null;
    if (why !== null) { this.hooks.onReject?.(o, why); return false; }
    return true;
  }

  private closePos(bar: number, time: number, p: number, ref: number, reason: ExitReason, code: boolean): boolean {
    const have = this.pos > 0 ? 1 : -1;
    const fill = have > 0 ? p * this.sellMul : p * this.buyMul;
    const units = have > 0 ? this.pos : -this.pos;
    const o = this.order(bar, time, have > 0 ? 'sell' : 'buy', units, ref, fill, true, reason);
    if (code && !this.allowed(o)) return false;
    const fee = units * fill * this.c;
    this.cash += this.pos * fill - fee;
    this.fees += fee;
    const pnl = this.pos * (fill - this.entryPrice) - this.entryFee - fee;
    this.trades.push({
      entryBar: this.entryBar, exitBar: bar, entryTime: this.entryTime, exitTime: time, size: this.pos,
      entryPrice: this.entryPrice, exitPrice: fill, pnl, returnPct: pnl / (units * this.entryPrice), fees: this.entryFee + fee, exitReason: reason,
    });
    this.pos = 0;
    this.hooks.onFill?.(o);
    return true;
  }

  /** fill a change of target at price p of bar f (the engine's fill site) */
  private fill(tgt: number, f: number, time: number, p: number, ref: number, high: number, low: number): void {
    if (tgt === this.held) return;
    if (!Number.isFinite(tgt)) throw new PeakError('BAD_INPUT', `paper broker: target at bar ${f} is ${tgt}; targets must be finite`);
    this.held = tgt;
    const want = tgt > 0 ? 1 : tgt < 0 ? -1 : 0;
    const have = this.pos > 0 ? 1 : this.pos < 0 ? -1 : 0;
    if (want === have) return;
    if (have !== 0 && !this.closePos(f, time, p, ref, 'signal', true)) return;
    const noEntry = this.cfg.finalize && !this.nextOpen && f === this.finalBar;
    if (want === 0 || noEntry || !(this.cash > 0)) return;
    const fill = want > 0 ? p * this.buyMul : p * this.sellMul;
    const mag = tgt < 0 ? -tgt : tgt;
    const s = this.cfg.sizing;
    const units = s.mode === 'fraction' ? (this.cash * s.fraction * mag) / fill
      : s.mode === 'all_in_units' ? Math.floor(this.cash / (fill * (1 + this.c)))
        : (s.notional * mag) / fill;
    if (!(units > 0 && units !== Infinity)) return;
    const o = this.order(f, time, want > 0 ? 'buy' : 'sell', units, ref, fill, false, 'entry');
    if (!this.allowed(o)) return;
    const fee = units * fill * this.c;
    this.cash -= want * units * fill + fee;
    this.fees += fee;
    this.pos = want * units;
    this.entryPrice = fill;
    this.entryBar = f;
    this.entryTime = time;
    this.entryFee = fee;
    if (this.stopsOn) {
      if (want > 0) {
        this.best = this.nextOpen ? Math.max(fill, high) : fill;
        this.slLevel = this.sl > 0 ? fill * (1 - this.sl) : -Infinity;
        this.takeLevel = this.tp > 0 ? fill * (1 + this.tp) : Infinity;
      } else {
        this.best = this.nextOpen ? Math.min(fill, low) : fill;
        this.slLevel = this.sl > 0 ? fill * (1 + this.sl) : Infinity;
        this.takeLevel = this.tp > 0 ? fill * (1 - this.tp) : -Infinity;
      }
    }
    this.hooks.onFill?.(o);
  }

  private stops(i: number, time: number, o: number, high: number, low: number): void {
    if (!this.stopsOn || this.pos === 0 || this.entryBar >= i) return;
    let exitPx = NaN;
    let reason: ExitReason = 'stop_loss';
    if (this.pos > 0) {
      let stop = this.slLevel;
      if (this.tr > 0) { const t = this.best * (1 - this.tr); if (t > stop) { stop = t; reason = 'trailing_stop'; } }
      if (o <= stop) exitPx = o;
      else if (o >= this.takeLevel) { exitPx = o; reason = 'take_profit'; }
      else if (low <= stop) exitPx = stop;
      else if (high >= this.takeLevel) { exitPx = this.takeLevel; reason = 'take_profit'; }
      this.best = Math.max(this.best, high);
    } else {
      let stop = this.slLevel;
      if (this.tr > 0) { const t = this.best * (1 + this.tr); if (t < stop) { stop = t; reason = 'trailing_stop'; } }
      if (o >= stop) exitPx = o;
      else if (o <= this.takeLevel) { exitPx = o; reason = 'take_profit'; }
      else if (high >= stop) exitPx = stop;
      else if (low <= this.takeLevel) { exitPx = this.takeLevel; reason = 'take_profit'; }
      this.best = Math.min(this.best, low);
    }
    // stop and target orders rest at the exchange with the entry (a bracket): they are not re-gated
    if (exitPx === exitPx) this.closePos(i, time, exitPx, exitPx, reason, false);
  }

  private ruin(i: number, close: number): void {
    if (this.pos !== 0) {
      const fill = this.pos > 0 ? close * this.sellMul : close * this.buyMul;
      const units = Math.abs(this.pos);
      const fee = units * fill * this.c;
      this.fees += fee;
      const pnl = this.pos * (fill - this.entryPrice) - this.entryFee - fee;
      this.trades.push({
        entryBar: this.entryBar, exitBar: i, entryTime: this.entryTime, exitTime: this.lastTime, size: this.pos, entryPrice: this.entryPrice,
        exitPrice: fill, pnl, returnPct: pnl / (units * this.entryPrice), fees: this.entryFee + fee, exitReason: 'ruin',
      });
      this.pos = 0;
    }
    this.cash = 0;
    this.ruined = true;
  }

  /** End of data (finalize): close at the last close; returns the final equity. Without finalize: mark only. */
  finish(): number {
    if (this.pos !== 0 && this.cfg.finalize && !this.ruined) {
      this.closePos(this.lastBar, this.lastTime, this.lastClose, this.lastClose, 'end_of_data', false);
      this.equity = this.cash > 0 ? this.cash : 0;
    }
    return this.equity;
  }

  /** The open position as a Trade (exitReason 'open'), or null when flat. */
  openTrade(): Trade | null {
    if (this.pos === 0) return null;
    const units = Math.abs(this.pos);
    const pnl = this.pos * (this.lastClose - this.entryPrice) - this.entryFee;
    return {
      entryBar: this.entryBar, exitBar: -1, entryTime: this.entryTime, exitTime: this.lastTime, size: this.pos, entryPrice: this.entryPrice,
      exitPrice: this.lastClose, pnl, returnPct: pnl / (units * this.entryPrice), fees: this.entryFee, exitReason: 'open',
    };
  }
}
