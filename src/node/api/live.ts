/**
 * Handlers of the live and audit domains: thin adapters to the live services (node/live). Nothing here takes a
 * path or URL from a request; limits in a request only tighten (effectiveLiveConfig checks), and the kill switch
 * needs `confirm: true`.
 */
import { join } from 'node:path';
import { runAllGateDrills } from '../../core/live/drills';
import { isLiveExecutionAllowed } from '../../core/live/environment';
import { LIVE_LOCKED_REASON } from '../../core/live/guard';
import { evaluatePortfolio, type BookPosition } from '../../core/live/risk-limits';
import { ALERT_LEVELS } from '../../core/live/alerts';
import type { HandlerContext } from './context';
import type { Handlers } from './handlers';
import { liveServices } from '../live/index';
import { runIncidentDrill } from '../live/incident-drills';
import { runbooks } from '../live/runbooks';
import { dailyReport, sessionReport } from '../live/reports';
import { buildSnapshot, writeSnapshot } from '../live/audit-snapshot';

export function createLiveHandlers(ctx: HandlerContext) {
  const live = () => liveServices(ctx);

  function portfolio() {
    const { sessions } = live();
    const cfg = sessions.liveConfig();
    const positions: (BookPosition & { sessionId: number; notional: number })[] = [];
    let equity = 0, dayPnl = 0, dayStart = 0;
    for (const r of sessions.runningCores()) {
      const c = r.core;
      const n = c.n;
      const close = n ? c.bars.close[n - 1] : 0;
      const e = c.broker.equity;
      const b = c.book(close, e);
      equity += e; dayPnl += b.dailyPnl; dayStart += b.dayStartEquity;
      if (c.broker.pos !== 0) positions.push({ sessionId: r.id, symbol: r.symbol, qty: c.broker.pos, price: close, notional: Math.abs(c.broker.pos * close) });
    }
    const evaluation = evaluatePortfolio(cfg.risk, { positions, dailyPnl: dayPnl, dayStartEquity: dayStart });
    return { equity, exposure: positions.reduce((s, p) => s + p.notional, 0), positions, evaluation };
  }

  return {
    'live:status': () => {
      const { sessions } = live();
      const cfg = sessions.liveConfig();
      const d = isLiveExecutionAllowed(cfg.environment);
      const all = sessions.repo.list({ limit: 100_000 }).sessions;
      const byMode: Record<string, number> = {};
      for (const s of all) byMode[s.mode] = (byMode[s.mode] ?? 0) + 1;
      const ts = sessions.tradingStatus();
      const port = portfolio();
      const health = ts.state === 'HALTED' || port.evaluation.severity === 'breach' ? 'red' : ts.state === 'REDUCING' || port.evaluation.severity === 'warning' || live().alerts.health().status !== 'ok' ? 'yellow' : 'green';
      const { base_currency, ...nums } = cfg.risk;
      return {
        environment: cfg.environment.mode, effectiveMode: d.effectiveMode, liveLocked: true as const, liveLockedReason: LIVE_LOCKED_REASON,
        gates: d.gates, liveExecutionAllowed: d.allowed, reasons: d.reasons, tradingState: ts,
        riskLimits: { base_currency, ...nums }, limitsSource: cfg.limitsSource, portfolio: port.evaluation, health: health as 'green' | 'yellow' | 'red',
        sessions: { total: all.length, running: sessions.runningCount(), byMode },
        tier: { liveOrderExecution: 'locked' as const, allowedTiers: ['core', 'aux'] },
      };
    },
    'live:health': () => {
      const { sessions, alerts } = live();
      const cfg = sessions.liveConfig();
      const r = cfg.risk;
      const sinks = alerts.sinks();
      const checks = [
        { name: 'config valid', ok: true, detail: 'config.toml parsed and validated (strict sections, symbol cap ≤ total cap)' },
        { name: 'exchange reachable', ok: true, detail: 'not checked: this build has no exchange connection (paper/shadow replay and generator feeds only)' },
        { name: 'alert sinks configured', ok: cfg && sinks.length > 0 && ctx.config.live_alerts.enabled, detail: sinks.map((s) => `${s.kind} ≥ ${s.minLevel} (${s.target})`).join(', ') || 'none' },
        { name: 'risk config sane', ok: r.enabled && r.max_symbol_exposure_notional <= r.max_total_exposure_notional && r.max_order_notional <= r.max_total_exposure_notional,
          detail: `limits ${r.enabled ? 'enabled' : 'DISABLED'}; order ${r.max_order_notional} ≤ total ${r.max_total_exposure_notional}; symbol ${r.max_symbol_exposure_notional} ≤ total` },
        { name: 'live locked', ok: true, detail: LIVE_LOCKED_REASON },
        { name: 'trading state', ok: sessions.tradingStatus().state !== 'HALTED', detail: sessions.tradingStatus().state },
      ];
      return { ok: checks.every((c) => c.ok), checks };
    },
    'live:portfolio': () => portfolio(),
    'live:kill-switch': (input) => {
      const s = live().sessions;
      if (input.action === 'engage') return s.setTradingState('HALTED', 'kill_switch', input.reason, input.actor);
      if (input.action === 'reducing') return s.setTradingState('REDUCING', 'manual', input.reason, input.actor);
      return s.setTradingState(input.to, 'reset', input.reason, input.actor);
    },
    'live:session-start': (input) => live().sessions.startSession(input),
    'live:session-list': (input) => live().sessions.repo.list(input),
    'live:session-get': (input) => live().sessions.detail(input.id, input.events),
    'live:session-events': (input) => live().sessions.repo.events({ ...(input.id !== undefined && { sessionId: input.id }), afterId: input.afterId, limit: input.limit }),
    'live:session-pause': (input) => live().sessions.pause(input.id),
    'live:session-resume': (input) => live().sessions.resume(input.id),
    'live:session-stop': (input) => live().sessions.stopSession(input.id),
    'live:session-report': (input) => {
      const s = live().sessions;
      if (input.id !== undefined) return sessionReport(s.detail(input.id, 0));
      const day = new Date(ctx.clock()).toISOString().slice(0, 10);
      const from = Date.parse(`${day}T00:00:00Z`);
      return dailyReport(day, s.repo.list({ from, limit: 1000 }).sessions, s.tradingStatus().state, s.repo.alerts(0, 200).filter((a) => a.ts >= from));
    },
    'live:drills-run': () => {
      const s = live().sessions;
      const results = runAllGateDrills();
      for (const r of results) {
        const expected = `allowed=${r.expectedAllowed}${r.expectedReason ? `, reason ⊇ "${r.expectedReason}"` : ''}`;
        const observed = `allowed=${r.isLiveExecutionAllowed}, reason "${r.reason}", guard ${r.guardGate}`;
        s.repo.addDrill({ ts: ctx.clock(), kind: 'gate', drillId: r.id, passed: r.passed, expected, observed, notes: r.notes || null, details: r });
        ctx.store.audit.append({ category: 'gate-drill', action: `drill ${r.id}`, actor: 'operator', allowed: r.isLiveExecutionAllowed, reason: r.reason || 'all gates pass (executor LIVE LOCKED)', details: { passed: r.passed, scenario: r.scenario } });
      }
      return results;
    },
    'live:incident-drill': (input) => runIncidentDrill(ctx, live(), input.drill, input.stepsTicked, input.notes),
    'live:drill-log': (input) => live().sessions.repo.drills(input.limit),
    'live:runbooks': () => runbooks(),
    'live:alerts': (input) => {
      const rank = Object.keys(ALERT_LEVELS).indexOf(input.minLevel);
      return live().sessions.repo.alerts(rank, input.limit);
    },
    'audit:verify': () => ctx.store.audit.verify(),
    'audit:list': (input) => {
      const cats = ['gate', 'risk', 'trading-state', 'kill-switch', 'session', 'gate-drill', 'incident-drill', 'alert', 'learning', 'patch', 'promotion', 'overrides', 'config'] as const;
      const category = cats.find((c) => c === input.category);
      return ctx.store.audit.list({ ...(category && { category }), limit: input.limit });
    },
    'audit:snapshot': (input) => {
      const { stamp, files } = buildSnapshot(ctx, live().sessions);
      let savedTo: string | null = null;
      if (input.save) {
        savedTo = writeSnapshot(join(ctx.dataDir, 'audit-snapshots', stamp), files);
        ctx.store.audit.append({ category: 'config', action: 'audit snapshot exported', actor: 'operator', details: { stamp, files: files.map((f) => ({ name: f.name, sha256: f.sha256 })) } });
      }
      return { stamp, files, savedTo };
    },
  } satisfies Partial<Handlers>;
}
