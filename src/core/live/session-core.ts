/**
 * One session's bar loop, pure: bar → strategy target (bridge) → order → trading-state + risk check → paper
 * broker → equity, risk evaluation and alerts. The node session service drives it from a feed, persists what it
 * emits and fans alerts out to the sinks. The global trading state is owned by the caller (hooks).
 */
import type { EngineConfig, Trade } from '../engine/types';
import { PaperBroker, type BrokerOrder } from './paper-broker';
import { GrowingBars, createTargetStepper, type TargetStepper } from './bridge';
import type { AnyStrategyDefLike } from './strategy-like';
import { countSeverity, evaluateOrder, evaluatePortfolio, severityOf, worst, type LiveRiskLimits, type RiskEvaluation, type Severity } from './risk-limits';
import { stateAllows, type TradingState, type TradingStateCause } from './trading-state';
import { lightOf, pnlDropRule, riskBlockedLevel, statusTransitionLevel, type AlertCode, type AlertLevel } from './alerts';

export type RiskMode = 'enforce' | 'monitor';

export interface OrderRecord {
  seq: number;
  bar: number;
  /** bar time (epoch ms) of the fill bar */
  time: number;
  side: 'buy' | 'sell';
  units: number;
  refPrice: number;
  fillPrice: number;
  fee: number;
  reduces: boolean;
  reason: string;
  status: 'filled' | 'rejected';
  rejectReason: string | null;
  /** signed against the trader: (fill/ref − 1)·1e4 for buys, (1 − fill/ref)·1e4 for sells */
  slippageBps: number;
  /** wall-clock ms (injected clock): signal → send (risk check done) → ack → first/last fill */
  latency: { signalToSendMs: number; sendToAckMs: number; ackToFillMs: number };
}

export interface SessionEmit {
  order(o: OrderRecord): void;
  risk(scope: 'orders' | 'portfolio', ev: RiskEvaluation, bar: number): void;
  alert(level: AlertLevel, code: AlertCode, message: string, context: Record<string, unknown>): void;
  /** ask the owner to move the global trading state (a breach) */
  setTradingState(to: TradingState, cause: TradingStateCause, reason: string): void;
}

export interface SessionCoreOptions {
  def: AnyStrategyDefLike;
  params: Record<string, unknown>;
  engine: EngineConfig;
  symbol: string;
  risk: LiveRiskLimits;
  riskMode: RiskMode;
  /** index of the feed's last bar when known, −1 otherwise */
  finalBar: number;
  /** PNL_DROP threshold: percent below the session's equity peak */
  pnlDropPct: number;
  tradingState(): TradingState;
  clock(): number;
  emit: SessionEmit;
}

export class SessionCore {
  readonly bars = new GrowingBars();
  readonly broker: PaperBroker;
  readonly stepper: TargetStepper;
  equity = new Float64Array(1024);
  readonly orders: OrderRecord[] = [];
  private peak = 0;
  private pnlDropFired = false;
  private day = -1;
  private dayStart = 0;
  private portSev: Severity = 'ok';
  private orderSev: Severity = 'ok';
  private signalWall = 0;
  rejected = 0;

  constructor(private readonly o: SessionCoreOptions) {
    this.stepper = createTargetStepper(o.def, o.params);
    this.broker = new PaperBroker(o.engine, {
      gate: (b) => this.gate(b),
      onFill: (b) => this.record(b, null),
      onReject: (b, why) => this.record(b, why),
    }, o.finalBar);
    this.peak = o.engine.cash;
    this.dayStart = o.engine.cash;
  }

  get n(): number { return this.bars.n; }

  /** one complete bar; returns the equity marked at its close */
  push(time: number, open: number, high: number, low: number, close: number, volume: number): number {
    const i = this.bars.push(time, open, high, low, close, volume);
    this.signalWall = this.o.clock();
    const d = Math.floor(time / 86_400_000);
    if (d !== this.day) { this.day = d; this.dayStart = i === 0 ? this.o.engine.cash : this.equity[i - 1]; }
    const target = this.stepper.step(this.bars, i);
    const e = this.broker.onBar(i, time, open, high, low, close, target, this.stepper.warmup);
    if (i === this.equity.length) { const g = new Float64Array(i * 2); g.set(this.equity); this.equity = g; }
    this.equity[i] = e;
    this.checkPortfolio(i, close, e);
    return e;
  }

  finish(): number {
    const e = this.broker.finish();
    if (this.bars.n > 0) this.equity[this.bars.n - 1] = e;
    return e;
  }

  equitySeries(): Float64Array { return this.equity.subarray(0, this.bars.n); }
  get trades(): Trade[] { return this.broker.trades; }

  book(close: number, e: number) {
    const pos = this.broker.pos;
    return { positions: pos === 0 ? [] : [{ symbol: this.o.symbol, qty: pos, price: close }], dailyPnl: e - this.dayStart, dayStartEquity: this.dayStart };
  }

  /** portfolio level per bar: a cheap utilisation check; the full evaluation only when the severity changes */
  private checkPortfolio(i: number, close: number, e: number): void {
    if (e > this.peak) this.peak = e;
    if (!this.pnlDropFired) {
      const drop = pnlDropRule(this.peak, e, this.o.pnlDropPct);
      if (drop) {
        this.pnlDropFired = true;
        this.o.emit.alert(drop.level, 'PNL_DROP', `equity ${e.toFixed(2)} is ${drop.dropPct.toFixed(2)} % below its peak ${this.peak.toFixed(2)}`, { bar: i, equity: e, peak: this.peak });
      }
    }
    const r = this.o.risk;
    if (!r.enabled) return;
    const ex = Math.abs(this.broker.pos * close);
    const loss = Math.max(0, this.dayStart - e);
    const f = r.warning_threshold_factor;
    let sev = severityOf(ex, r.max_symbol_exposure_notional, f);
    sev = worst(sev, severityOf(ex, r.max_total_exposure_notional, f));
    sev = worst(sev, countSeverity(this.broker.pos !== 0 ? 1 : 0, r.max_open_positions, f));
    sev = worst(sev, severityOf(loss, r.max_daily_loss_abs, f));
    sev = worst(sev, severityOf(this.dayStart > 0 ? (loss / this.dayStart) * 100 : 0, r.max_daily_loss_pct, f));
    if (sev === this.portSev) return;
    const ev = evaluatePortfolio(r, this.book(close, e));
    const level = statusTransitionLevel(lightOf(this.portSev), lightOf(ev.severity));
    this.portSev = ev.severity;
    this.o.emit.risk('portfolio', ev, i);
    if (level) {
      const code: AlertCode = ev.severity === 'breach' ? 'RISK_LIMIT_VIOLATION_PORTFOLIO' : ev.severity === 'warning' ? 'RISK_LIMIT_WARNING_PORTFOLIO' : 'STATUS_CHANGE';
      this.o.emit.alert(level, code, ev.reasons.join('; ') || 'portfolio back within limits', { bar: i, severity: ev.severity });
    }
    if (ev.severity === 'breach' && this.o.riskMode === 'enforce' && r.block_on_violation) {
      const lossBreach = ev.metrics.some((m) => (m.limit === 'max_daily_loss_abs' || m.limit === 'max_daily_loss_pct') && m.severity === 'breach');
      this.o.emit.setTradingState(lossBreach ? 'HALTED' : 'REDUCING', 'breach', ev.reasons.join('; '));
    }
  }

  private gate(b: BrokerOrder): string | null {
    const st = stateAllows(this.o.tradingState(), b.reduces);
    if (!st.allowed) {
      this.o.emit.alert('CRITICAL', 'RISK_BLOCKED', `order blocked: ${st.reason}`, { bar: b.bar, side: b.side, units: b.units });
      return st.reason;
    }
    const r = this.o.risk;
    if (!r.enabled) return null;
    // Numeric fast path (one symbol per session): the full evaluation with its reason strings is built only when
    // the order would be blocked or its severity differs from the previous order's — a 100k-bar replay with
    // thousands of orders stays O(1) cheap per order.
    const f = r.warning_threshold_factor;
    const notional = b.units * b.refPrice;
    const pos = this.broker.pos;
    const after = pos + (b.side === 'buy' ? b.units : -b.units);
    const exAfter = Math.abs(after * b.refPrice);
    const e = this.broker.equity;
    const loss = Math.max(0, this.dayStart - e);
    let sev = severityOf(notional, r.max_order_notional, f);
    sev = worst(sev, severityOf(exAfter, r.max_symbol_exposure_notional, f));
    sev = worst(sev, severityOf(exAfter, r.max_total_exposure_notional, f));
    sev = worst(sev, countSeverity(after !== 0 ? 1 : 0, r.max_open_positions, f));
    sev = worst(sev, severityOf(loss, r.max_daily_loss_abs, f));
    sev = worst(sev, severityOf(this.dayStart > 0 ? (loss / this.dayStart) * 100 : 0, r.max_daily_loss_pct, f));
    const wouldBlock = sev === 'breach' && !b.reduces && r.block_on_violation && this.o.riskMode === 'enforce';
    if (sev === this.orderSev && !wouldBlock) return null;
    this.orderSev = sev;
    const ev = evaluateOrder(r, this.book(b.refPrice, e), { symbol: this.o.symbol, side: b.side, qty: b.units, price: b.refPrice });
    if (ev.severity !== 'ok') this.o.emit.risk('orders', ev, b.bar);
    const blocks = !ev.allowed && this.o.riskMode === 'enforce';
    if (ev.severity === 'breach') {
      this.o.emit.alert(riskBlockedLevel(blocks, r.block_on_violation), blocks ? 'RISK_BLOCKED' : 'RISK_LIMIT_VIOLATION_ORDERS', ev.reasons.join('; '), { bar: b.bar, mode: this.o.riskMode });
    } else if (ev.severity === 'warning') {
      this.o.emit.alert('WARNING', 'RISK_LIMIT_WARNING_ORDERS', ev.reasons.join('; '), { bar: b.bar });
    }
    return blocks ? `risk limits: ${ev.reasons.join('; ')}` : null;
  }

  private record(b: BrokerOrder, why: string | null): void {
    const now = this.o.clock();
    const slip = b.side === 'buy' ? (b.fillPrice / b.refPrice - 1) * 1e4 : (1 - b.fillPrice / b.refPrice) * 1e4;
    if (why !== null) this.rejected++;
    const rec: OrderRecord = {
      seq: this.orders.length + 1, bar: b.bar, time: b.time, side: b.side, units: b.units, refPrice: b.refPrice, fillPrice: b.fillPrice,
      fee: why === null ? b.fee : 0, reduces: b.reduces, reason: b.reason, status: why === null ? 'filled' : 'rejected', rejectReason: why,
      slippageBps: slip,
      latency: { signalToSendMs: now - this.signalWall, sendToAckMs: 0, ackToFillMs: 0 },
    };
    this.orders.push(rec);
    this.o.emit.order(rec);
  }
}
