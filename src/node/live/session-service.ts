/**
 * Live sessions as a long-lived service: start (a job 'live-session' with a client-chosen id), pause, resume,
 * stop, a maximum duration, the global trading state (kill switch, breach, audited reset) and crash recovery
 * (sessions left running are "stopped (interrupted)" with everything up to the last checkpoint).
 *
 * The bar loop runs on this thread in slices: at 'max' speed it yields to the event loop every 4096 bars and
 * checkpoints (one SQLite transaction) at most every 250 ms of wall time, so a 100k-bar replay neither starves
 * the twin's HTTP/WebSocket traffic nor writes per bar. Paced speeds sleep between bars.
 */
import { setImmediate as yieldNow, setTimeout as sleep } from 'node:timers/promises';
import type { SessionDetail, SessionSummary } from '../../core/api/commands/live-schemas';
import type { SessionStartInputSchema } from '../../core/api/commands/live-schemas';
import type { z } from 'zod';
import { engineDefaultsFromConfig } from '../../core/api/config';
import { resolveEngineConfig } from '../../core/api/engine-config';
import type { Bars } from '../../core/data/bars';
import { synthGarchMarkov } from '../../core/data/synthetic';
import { PeakError } from '../../core/errors';
import { effectiveLiveConfig, type EffectiveLiveConfig, type ReviewedLiveOverrides, type TightenLimits } from '../../core/live/effective-config';
import { OrderBlockedError, SafetyGuard, type GateAuditRecord } from '../../core/live/guard';
import { SessionCore, type OrderRecord, type RiskMode } from '../../core/live/session-core';
import { transition, type TradingState, type TradingStateCause, type TradingStatus } from '../../core/live/trading-state';
import { errorSpikeRule, type AlertCode, type AlertLevel } from '../../core/live/alerts';
import { assertStrategyAllowed, getStrategy, resolveParams } from '../../core/strategies/registry';
import type { LongLivedService, ServiceHealth } from '../lifecycle/service';
import type { HandlerContext } from '../api/context';
import { configHash } from '../db/hash';
import type { AlertService } from './alert-sinks';
import type { LiveRepository } from '../db/live';
import type { LiveEvent } from '../../core/api/commands/live-schemas';
import { equityTimes } from './session-time';

export type StartInput = z.output<typeof SessionStartInputSchema>;

const SPEED_FACTOR = { '1x': 1, '10x': 10, '100x': 100, max: Infinity } as const;
const CHECKPOINT_MS = 250;
/** at max speed a checkpoint rewrites the session's equity/trades/orders: every 1 s is plenty for crash safety */
const CHECKPOINT_MAX_SPEED_MS = 1000;
const YIELD_EVERY = 4096;
/** a running session whose heartbeat is older than this belongs to a process that is gone */
const HEARTBEAT_STALE_MS = 10_000;

/** Fault injection for incident drills (never reachable from the contract's session-start). */
export interface DrillHooks {
  /** stop delivering bars after this many (the feed stalls; the loop waits until stopped) */
  stallAfterBars?: number;
  /** skim this much cash per bar from the paper account (a P&L divergence) */
  skimPerBar?: number;
  /** a trading state private to the drill session (so a drill never halts the real book) */
  isolatedState?: boolean;
}

interface Running {
  id: number;
  core: SessionCore;
  bars: Bars;
  speed: keyof typeof SPEED_FACTOR;
  intervalMs: number;
  paused: boolean;
  wake: (() => void) | null;
  stopReason: { status: SessionSummary['status']; detail: string } | null;
  pending: Omit<LiveEvent, 'id'>[];
  startedWall: number;
  maxDurationMs: number;
  lastBarWall: number;
  stale: boolean;
  mode: string;
  state: TradingStatus | null;
  done: Promise<void>;
  hooks: DrillHooks;
  rejectedSeen: number;
}

export class LiveSessionService implements LongLivedService {
  readonly name = 'live-sessions';
  /**
   * The governance loop's reviewed live overrides (the ONLY way to loosen a limit), read afresh for every
   * liveConfig() so an applied or rolled-back proposal takes effect at the next session start or risk check.
   */
  reviewedOverrides: () => ReviewedLiveOverrides | undefined = () => undefined;
  private readonly running = new Map<number, Running>();
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private readonly guard: SafetyGuard;

  constructor(private readonly ctx: HandlerContext, readonly repo: LiveRepository, readonly alerts: AlertService) {
    this.guard = new SafetyGuard((r) => this.auditGate(r));
  }

  /** THE read of environment + limits for everything live (see core/live/effective-config.ts) */
  liveConfig(tighten?: TightenLimits): EffectiveLiveConfig {
    return effectiveLiveConfig(this.ctx.config, this.reviewedOverrides(), tighten);
  }

  start(): void {
    const now = this.ctx.clock();
    const n = this.repo.markInterrupted(now, now - HEARTBEAT_STALE_MS);
    if (n > 0) this.ctx.logger.warn(`${n} live session(s) were interrupted by the last shutdown: marked stopped (interrupted)`);
    this.watchdog ??= setInterval(() => {
      this.checkSilence();
      if (this.running.size) this.repo.heartbeat([...this.running.keys()], this.ctx.clock());
    }, 1000);
    this.watchdog.unref?.();
  }

  async stop(): Promise<void> {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    for (const r of this.running.values()) this.requestStop(r, 'stopped', 'app shutdown');
    await Promise.allSettled([...this.running.values()].map((r) => r.done));
  }

  health(): ServiceHealth {
    const st = this.tradingStatus().state;
    const stale = [...this.running.values()].filter((r) => r.stale).length;
    const detail = `${this.running.size} session(s) running; trading ${st}${stale ? `; ${stale} stale` : ''}`;
    return { status: st === 'HALTED' || stale ? 'degraded' : 'ok', detail };
  }

  runningCount(): number { return this.running.size; }
  runningCores(): { id: number; core: SessionCore; symbol: string }[] {
    return [...this.running.values()].map((r) => ({ id: r.id, core: r.core, symbol: this.repo.get(r.id).symbol }));
  }

  // ---- trading state -----------------------------------------------------------------------------------

  tradingStatus(): TradingStatus { return this.repo.tradingStatus(); }

  setTradingState(to: TradingState, cause: TradingStateCause, reason: string, actor: string): TradingStatus {
    const cur = this.tradingStatus();
    const next = transition(cur, to, cause, actor, reason, this.ctx.clock());
    this.repo.setTradingStatus(next);
    this.ctx.store.audit.append({ category: cause === 'kill_switch' ? 'kill-switch' : 'trading-state', action: `${cur.state}->${to}`, actor, reason, details: { cause } });
    this.event(null, 'state', cause === 'reset' ? 'INFO' : 'CRITICAL', `trading state ${cur.state} → ${to} (${cause}): ${reason}`, { from: cur.state, to, cause });
    if (to !== cur.state) {
      this.alerts.emit(to === 'HALTED' ? 'CRITICAL' : to === 'REDUCING' ? 'WARNING' : 'INFO', 'live.trading_state', cause === 'kill_switch' ? 'KILL_SWITCH' : 'TRADING_STATE',
        `trading state ${cur.state} → ${to}: ${reason}`, { cause });
    }
    if (to === 'HALTED') for (const r of this.running.values()) if (!r.state) this.requestStop(r, 'halted', `trading HALTED (${cause}): ${reason}`);
    return next;
  }

  // ---- sessions ------------------------------------------------------------------------------------------

  async startSession(input: StartInput, hooks: DrillHooks = {}): Promise<SessionDetail> {
    const def = getStrategy(input.strategyId);
    assertStrategyAllowed(input.strategyId, input.mode, { allowRandD: this.ctx.config.research.allow_r_and_d_strategies });
    const params = resolveParams(input.strategyId, input.params);
    const engine = resolveEngineConfig(input.engine, engineDefaultsFromConfig(this.ctx.config));
    if (engine.preset !== 'default') throw new PeakError('BAD_INPUT', "engine.preset: sessions use the default engine's conventions ('default')");
    const live = this.liveConfig(input.riskLimits);
    const seed = input.seed ?? (input.feed.kind === 'generator' ? input.feed.seed : this.ctx.config.backtest.seed);
    let bars: Bars;
    let datasetId: string | null = null;
    let contentHash: string;
    let intervalMs: number;
    if (input.feed.kind === 'replay') {
      const ds = this.ctx.store.datasets.require(input.feed.datasetId);
      bars = this.ctx.bars(ds.id);
      datasetId = ds.id;
      contentHash = ds.contentHash;
      intervalMs = bars.time.length > 1 ? bars.time[1] - bars.time[0] : 60_000;
    } else {
      const f = input.feed;
      bars = synthGarchMarkov({ n: f.n, seed: f.seed, intervalMs: f.intervalMs, startPrice: f.startPrice, startMs: Math.floor(this.ctx.clock() / f.intervalMs) * f.intervalMs }).bars;
      contentHash = `garch:${f.seed}:${f.n}:${f.intervalMs}:${f.startPrice}`;
      intervalMs = f.intervalMs;
    }
    if (bars.close.length < 2) throw new PeakError('BAD_INPUT', `feed: ${bars.close.length} bar(s); a session needs at least 2`);
    const maxDurationS = input.maxDurationS ?? this.ctx.config.shadow_paper.max_duration_s;
    const symbol = this.ctx.config.shadow_paper.symbol;
    const hash = configHash({ dataset: contentHash, strategy: def.meta.id, params, engine, seed, range: { from: null, to: null } });
    const now = this.ctx.clock();
    const id = this.repo.createSession({
      name: input.name?.trim() || `${def.meta.id} ${input.mode} ${new Date(now).toISOString().slice(0, 16).replace('T', ' ')}`,
      mode: input.mode, strategyId: def.meta.id, datasetId, feed: input.feed, seed, configHash: hash, barsTotal: bars.close.length,
      equityStart: engine.cash, symbol, createdAt: now,
      config: { params, engine: engine as unknown as Record<string, unknown>, riskMode: input.riskMode, risk: live.risk as unknown as Record<string, unknown>, limitsSource: live.limitsSource, maxDurationS, note: input.note ?? null },
    });
    this.ctx.store.audit.append({ category: 'session', action: 'start', actor: 'operator', subject: `session:${id}`, details: { mode: input.mode, strategy: def.meta.id, feed: input.feed, riskMode: input.riskMode, configHash: hash, limitsSource: live.limitsSource } });

    const r: Running = {
      id, bars, speed: input.feed.speed, intervalMs, paused: false, wake: null, stopReason: null, pending: [], startedWall: now,
      maxDurationMs: maxDurationS * 1000, lastBarWall: now, stale: false, mode: input.mode, state: hooks.isolatedState ? { state: 'ACTIVE', cause: null, reason: null, since: now, actor: null } : null,
      done: Promise.resolve(), hooks, rejectedSeen: 0,
      core: undefined as unknown as SessionCore,
    };
    r.core = this.makeCore(r, def, params, engine, live, input.riskMode);
    this.running.set(id, r);
    this.event(id, 'status', 'INFO', `session ${id} started: ${def.meta.id} ${input.mode}, ${bars.close.length} bars, speed ${input.feed.speed}, risk ${input.riskMode}`, { status: 'running' });

    const job = this.ctx.jobs.run('live-session', (j) => this.loop(r, j.signal, (d, t) => j.progress(d, t)), { total: bars.close.length, ...(input.jobId && { id: input.jobId }) });
    r.done = job.then(() => undefined, (e: unknown) => this.ctx.logger.error('live session failed', { id, error: String(e) }));
    if (input.wait) await r.done;
    return this.detail(id, 200);
  }

  private makeCore(r: Running, def: ReturnType<typeof getStrategy>, params: Record<string, unknown>, engine: ReturnType<typeof resolveEngineConfig>, live: EffectiveLiveConfig, riskMode: RiskMode): SessionCore {
    return new SessionCore({
      def, params, engine, symbol: this.ctx.config.shadow_paper.symbol, risk: live.risk, riskMode, finalBar: r.bars.close.length - 1,
      pnlDropPct: this.ctx.config.live_alerts.pnl_drop_pct,
      tradingState: () => (r.state ?? this.tradingStatus()).state,
      clock: this.ctx.clock,
      emit: {
        order: (o) => {
          this.buffer(r, o.status === 'filled' ? 'fill' : 'reject', o.status === 'filled' ? 'INFO' : 'WARNING', describeOrder(o), o);
          if (r.mode !== 'paper' && o.status === 'filled') this.dryRun(r, o);
        },
        risk: (scope, ev, bar) => this.buffer(r, 'risk', ev.severity === 'breach' ? 'CRITICAL' : ev.severity === 'warning' ? 'WARNING' : 'INFO',
          `${scope} risk ${ev.severity}${ev.reasons.length ? `: ${ev.reasons.join('; ')}` : ''}`,
          { scope, bar, severity: ev.severity, utilisation: Object.fromEntries(ev.metrics.map((m) => [m.limit, m.utilisation])) }),
        alert: (level, code, message, context) => this.sessionAlert(r, level, code, message, context),
        setTradingState: (to, cause, reason) => {
          if (r.state) {
            if (r.state.state !== 'HALTED') r.state = transition(r.state, to, cause, 'system', reason, this.ctx.clock());
            if (to === 'HALTED') this.requestStop(r, 'halted', `trading HALTED (breach): ${reason}`);
            return;
          }
          const cur = this.tradingStatus().state;
          if (cur === to || cur === 'HALTED') return;
          this.setTradingState(to, cause, reason, 'system');
        },
      },
    });
  }

  /** shadow / live_dry_run: what would be sent goes to the SafetyGuard, which refuses (audited); we log it. */
  private dryRun(r: Running, o: OrderRecord): void {
    const env = { ...this.liveConfig().environment, mode: r.mode === 'shadow' ? 'shadow' as const : 'live_dry_run' as const };
    try {
      this.guard.ensureMayPlaceOrder(env, { symbol: this.ctx.config.shadow_paper.symbol, side: o.side, qty: o.units, price: o.refPrice });
    } catch (e) {
      const why = e instanceof OrderBlockedError ? `${e.gate}: ${e.reasons[0] ?? ''}` : String(e);
      this.buffer(r, 'dry-run', 'INFO', `DRY-RUN would send ${o.side.toUpperCase()} ${o.units.toPrecision(6)} @ ${o.refPrice.toFixed(2)} — not sent (${why})`, { order: o.seq });
    }
  }

  private auditGate(rec: GateAuditRecord): void {
    this.ctx.store.audit.append({ category: 'gate', action: rec.action, actor: 'system', allowed: rec.allowed, reason: rec.reasons.join('; '), details: { gate: rec.gate, mode: rec.mode, effectiveMode: rec.effectiveMode, order: rec.order } });
  }

  private sessionAlert(r: Running, level: AlertLevel, code: AlertCode, message: string, context: Record<string, unknown>): void {
    const sent = this.alerts.emit(level, `session:${r.id}`, code, message, context);
    if (sent) this.buffer(r, 'alert', level, `${code}: ${message}${sent.count > 1 ? ` (×${sent.count})` : ''}`, { code, count: sent.count, ...context });
  }

  private buffer(r: Running, kind: string, level: AlertLevel | null, message: string, data: unknown): void {
    r.pending.push({ sessionId: r.id, ts: this.ctx.clock(), kind, level, message, data });
  }

  private event(sessionId: number | null, kind: string, level: AlertLevel | null, message: string, data: unknown): void {
    const e = this.repo.addEvent({ sessionId, ts: this.ctx.clock(), kind, level, message, data });
    this.ctx.events.emit('live:did-event', e);
  }

  pause(id: number): SessionSummary { return this.setPaused(id, true); }
  resume(id: number): SessionSummary { return this.setPaused(id, false); }

  private setPaused(id: number, paused: boolean): SessionSummary {
    const r = this.running.get(id);
    const s = this.repo.get(id);
    if (!r) throw new PeakError('CONFLICT', `live session ${id} is ${s.status}, not running`);
    if (r.paused === paused) return s;
    r.paused = paused;
    if (!paused) { r.wake?.(); r.wake = null; }
    this.repo.setStatus(id, paused ? 'paused' : 'running', null, null);
    this.ctx.store.audit.append({ category: 'session', action: paused ? 'pause' : 'resume', actor: 'operator', subject: `session:${id}` });
    this.event(id, 'status', 'INFO', `session ${id} ${paused ? 'paused' : 'resumed'}`, { status: paused ? 'paused' : 'running' });
    this.ctx.events.emit('live:did-change', { sessionId: id, status: paused ? 'paused' : 'running', barsDone: r.core.n, equity: r.core.broker.equity });
    return this.repo.get(id);
  }

  async stopSession(id: number): Promise<SessionSummary> {
    const r = this.running.get(id);
    if (!r) {
      const s = this.repo.get(id);
      throw new PeakError('CONFLICT', `live session ${id} is already ${s.status}`);
    }
    this.requestStop(r, 'stopped', 'stopped by the operator');
    await r.done;
    return this.repo.get(id);
  }

  private requestStop(r: Running, status: SessionSummary['status'], detail: string): void {
    r.stopReason ??= { status, detail };
    r.wake?.();
    r.wake = null;
  }

  /** NO_EVENTS watchdog: a running, unpaused session whose feed delivered nothing for too long is stale. */
  checkSilence(maxSilenceMs = this.ctx.config.live_alerts.no_events_max_silence_s * 1000): void {
    const now = this.ctx.clock();
    for (const r of this.running.values()) {
      if (r.paused || r.stopReason) continue;
      const pace = r.speed === 'max' ? 0 : r.intervalMs / SPEED_FACTOR[r.speed];
      const silence = now - r.lastBarWall - pace;
      const level = silence > 2 * maxSilenceMs ? 'CRITICAL' : silence > maxSilenceMs ? 'WARNING' : null;
      if (!level) continue;
      if (!r.stale) {
        r.stale = true;
        this.repo.setStatus(r.id, 'running', 'stale: no bars from the feed', null);
        this.ctx.events.emit('live:did-change', { sessionId: r.id, status: 'running', barsDone: r.core.n, equity: r.core.broker.equity });
      }
      this.sessionAlert(r, level, 'NO_EVENTS', `no bars for ${(silence / 1000).toFixed(1)} s (max silence ${(maxSilenceMs / 1000).toFixed(1)} s)`, { silenceMs: silence });
      this.flush(r, {});
    }
  }

  private async loop(r: Running, signal: AbortSignal, progress: (done: number, total: number) => void): Promise<void> {
    const { bars, core } = r;
    const n = bars.close.length;
    const { time, open, high, low, close, volume } = bars;
    const pace = r.speed === 'max' ? 0 : r.intervalMs / SPEED_FACTOR[r.speed];
    let lastCk = this.ctx.clock();
    let status: SessionSummary['status'] = 'completed';
    let detail: string | null = null;
    try {
      for (let i = 0; i < n; i++) {
        if (signal.aborted) this.requestStop(r, 'stopped', 'job cancelled');
        if (r.hooks.stallAfterBars !== undefined && i >= r.hooks.stallAfterBars) {
          this.flush(r, {});
          while (!r.stopReason) await new Promise<void>((res) => { r.wake = res; setTimeout(res, 50).unref?.(); });
        }
        while (r.paused && !r.stopReason) await new Promise<void>((res) => { r.wake = res; });
        if (r.stopReason) break;
        core.push(time[i], open[i], high[i], low[i], close[i], volume[i]);
        if (r.hooks.skimPerBar) core.broker.cash -= r.hooks.skimPerBar;
        r.lastBarWall = this.ctx.clock();
        if (r.stale) { r.stale = false; this.repo.setStatus(r.id, 'running', null, null); }
        if (this.ctx.clock() - r.startedWall > r.maxDurationMs) this.requestStop(r, 'stopped', 'maximum duration reached');
        const now = r.lastBarWall;
        if (pace > 0) {
          if (now - lastCk >= CHECKPOINT_MS || r.pending.length) { this.flush(r, {}); progress(core.n, n); lastCk = now; }
          await sleep(pace);
        } else if ((i & (YIELD_EVERY - 1)) === YIELD_EVERY - 1) {
          if (now - lastCk >= CHECKPOINT_MAX_SPEED_MS) { this.flush(r, {}); progress(core.n, n); lastCk = now; }
          await yieldNow();
        }
      }
      if (r.stopReason) { status = r.stopReason.status; detail = r.stopReason.detail; } else core.finish();
    } catch (e) {
      status = 'failed';
      detail = e instanceof Error ? e.message : String(e);
      throw e;
    } finally {
      this.running.delete(r.id);
      this.flush(r, { status, statusDetail: detail, endedAt: this.ctx.clock() });
      this.ctx.store.audit.append({ category: 'session', action: status, actor: 'system', subject: `session:${r.id}`, reason: detail ?? undefined,
        details: { bars: core.n, equity: core.broker.equity, trades: core.trades.length, rejected: core.rejected } });
      this.event(r.id, 'status', status === 'completed' || status === 'stopped' ? 'INFO' : 'CRITICAL', `session ${r.id} ${status}${detail ? `: ${detail}` : ''}`, { status });
      progress(core.n, n);
    }
  }

  /** checkpoint: progress + data + buffered events in one transaction, then push the events */
  private flush(r: Running, p: { status?: SessionSummary['status']; statusDetail?: string | null; endedAt?: number }): void {
    const c = r.core;
    // ERROR_SPIKE: rejected orders since the last checkpoint (a checkpoint is the rule's window)
    const level = errorSpikeRule(c.rejected - r.rejectedSeen, this.ctx.config.live_alerts.error_spike_max);
    if (level) this.sessionAlert(r, level, 'ERROR_SPIKE', `${c.rejected - r.rejectedSeen} rejected orders since the last checkpoint (max ${this.ctx.config.live_alerts.error_spike_max})`, { rejected: c.rejected });
    r.rejectedSeen = c.rejected;
    const events = r.pending;
    r.pending = [];
    const nDone = c.n;
    const ids = this.repo.checkpoint(r.id, {
      ...p, barsDone: nDone, equityLast: nDone ? c.equity[nDone - 1] : c.broker.equity, tradeCount: c.trades.length, rejected: c.rejected,
      firstTime: nDone ? c.bars.time[0] : null, lastTime: nDone ? c.bars.time[nDone - 1] : null,
    }, { equity: c.equitySeries(), trades: c.trades, openTrade: c.broker.openTrade(), orders: c.orders }, events);
    // push at most the last 200 events of a checkpoint: the feed is a view, the table has them all
    const from = Math.max(0, events.length - 200);
    for (let k = from; k < events.length; k++) this.ctx.events.emit('live:did-event', { ...events[k], id: ids[k] });
    this.ctx.events.emit('live:did-change', { sessionId: r.id, status: p.status ?? (r.paused ? 'paused' : 'running'), barsDone: nDone, equity: nDone ? c.equity[nDone - 1] : c.broker.equity });
  }

  detail(id: number, nEvents: number): SessionDetail {
    const s = this.repo.get(id);
    const d = this.repo.data(id);
    const r = this.running.get(id);
    const equity = r ? Array.from(r.core.equitySeries()) : Array.from(d.equity);
    const time = equityTimes(equity.length, r ? r.core.bars.time : null, s, () => (s.datasetId ? this.tryBars(s.datasetId) : null));
    const orders = r ? r.core.orders.slice() : d.orders;
    const filled = orders.filter((o) => o.status === 'filled');
    const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
    return {
      ...s, config: this.repo.config(id), trades: r ? r.core.trades.slice() : d.trades, openTrade: r ? r.core.broker.openTrade() : d.openTrade,
      orders, equity, time, events: this.repo.events({ sessionId: id, afterId: 0, limit: nEvents, newest: true }),
      latency: { orders: filled.length, meanSignalToSendMs: mean(filled.map((o) => o.latency.signalToSendMs)), meanSlippageBps: mean(filled.map((o) => o.slippageBps)) },
    };
  }

  private tryBars(id: string): Bars | null {
    try { return this.ctx.bars(id); } catch { return null; }
  }
}

function describeOrder(o: OrderRecord): string {
  const what = `${o.side.toUpperCase()} ${o.units.toPrecision(6)} @ ${o.fillPrice.toFixed(2)} (${o.reason})`;
  return o.status === 'filled' ? `filled ${what}, fee ${o.fee.toFixed(2)}` : `rejected ${what}: ${o.rejectReason ?? ''}`;
}
