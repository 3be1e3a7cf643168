/**
 * Incident drills (seed 003 §4.8, Flow C): inject a fault into a short paper session on the seeded generator and
 * check the response. Drill sessions use an isolated trading state, so a drill never halts the real book.
 * - data_gap: the feed stalls after 30 bars → NO_EVENTS alert and the session marked stale;
 * - pnl_divergence: the session is skimmed per bar → its equity drifts from the backtest replay → PNL_DIVERGENCE;
 * - risk_violation: a tightened daily-loss limit is breached → session HALTED + CRITICAL alert;
 * - sink_failure: a webhook sink on a closed loopback port fails → SINK_FAILURE through the fallback, the
 *   session still completes.
 */
import { createServer } from 'node:net';
import { getStrategy, resolveParams } from '../../core/strategies/registry';
import { createIndicatorCache } from '../../core/strategies/types';
import { runBacktest } from '../../core/engine/run';
import { synthGarchMarkov } from '../../core/data/synthetic';
import type { IncidentResultSchema, INCIDENT_DRILLS } from '../../core/api/commands/live-schemas';
import type { z } from 'zod';
import { AlertService } from './alert-sinks';
import type { HandlerContext } from '../api/context';
import type { LiveServices } from './index';
import type { StartInput } from './session-service';

type Result = z.output<typeof IncidentResultSchema>;
type Drill = (typeof INCIDENT_DRILLS)[number];

const FEED = { kind: 'generator' as const, seed: 2026, n: 600, intervalMs: 60_000, startPrice: 50_000, speed: 'max' as const };

function baseInput(name: string): StartInput {
  return {
    name, mode: 'paper', feed: FEED, strategyId: 'ma_crossover', params: { fast_window: 5, slow_window: 20 }, engine: {}, riskMode: 'monitor',
    riskLimits: {}, wait: true,
  };
}

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((res) => srv.listen(0, '127.0.0.1', res));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((res) => srv.close(() => res()));
  return port;
}

export async function runIncidentDrill(ctx: HandlerContext, live: LiveServices, drill: Drill, stepsTicked: string[], notes: string): Promise<Result> {
  const since = live.sessions.repo.alerts(0, 1)[0]?.id ?? 0;
  const newAlerts = () => live.sessions.repo.alerts(0, 500).filter((a) => a.id > since).reverse();
  let expected = '';
  let observed = '';
  let passed = false;
  let sessionId: number | null = null;

  if (drill === 'data_gap') {
    expected = 'NO_EVENTS alert and the session marked stale';
    const startP = live.sessions.startSession({ ...baseInput('drill: data gap'), wait: false, feed: { ...FEED, speed: '100x', intervalMs: 1000 } }, { stallAfterBars: 30, isolatedState: true });
    const s = await startP;
    sessionId = s.id;
    // wait for the stall, then let the watchdog see a silence beyond a drill-sized threshold (0.2 s)
    const t0 = Date.now();
    while (live.sessions.repo.get(s.id).barsDone < 30 && Date.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 25));
    await new Promise((r) => setTimeout(r, 500));
    live.sessions.checkSilence(200);
    const stale = live.sessions.repo.get(s.id).statusDetail?.startsWith('stale') ?? false;
    await live.sessions.stopSession(s.id);
    const got = newAlerts().some((a) => a.code === 'NO_EVENTS');
    observed = `NO_EVENTS ${got ? 'raised' : 'missing'}; session ${stale ? 'marked stale' : 'not marked stale'}`;
    passed = got && stale;
  } else if (drill === 'pnl_divergence') {
    expected = `PNL_DIVERGENCE alert: session equity differs from the backtest replay by > ${ctx.config.live_alerts.pnl_divergence_pct} % of cash`;
    const input = baseInput('drill: pnl divergence');
    const s = await live.sessions.startSession(input, { skimPerBar: 1, isolatedState: true });
    sessionId = s.id;
    const bars = synthGarchMarkov({ n: FEED.n, seed: FEED.seed, intervalMs: FEED.intervalMs, startPrice: FEED.startPrice, startMs: s.firstTime ?? 0 }).bars;
    const params = resolveParams('ma_crossover', input.params);
    const engine = s.config.engine as unknown as Parameters<typeof runBacktest>[2];
    const bt = runBacktest(bars, getStrategy('ma_crossover').signals(bars, params, { ind: createIndicatorCache() }), engine);
    const btFinal = bt.equity[bt.equity.length - 1];
    const diffPct = (Math.abs(s.equityLast - btFinal) / s.equityStart) * 100;
    if (diffPct > ctx.config.live_alerts.pnl_divergence_pct) {
      live.alerts.emit('CRITICAL', `session:${s.id}`, 'PNL_DIVERGENCE', `session equity ${s.equityLast.toFixed(2)} vs backtest ${btFinal.toFixed(2)}: ${diffPct.toFixed(2)} % of cash`, { diffPct });
    }
    const got = newAlerts().some((a) => a.code === 'PNL_DIVERGENCE');
    observed = `divergence ${diffPct.toFixed(2)} %; PNL_DIVERGENCE ${got ? 'raised' : 'missing'}`;
    passed = got;
  } else if (drill === 'risk_violation') {
    expected = 'session HALTED and a CRITICAL alert';
    const s = await live.sessions.startSession({
      ...baseInput('drill: risk violation'), riskMode: 'enforce', engine: { sizing: { mode: 'fixed_notional', notional: 20 } },
      riskLimits: { max_daily_loss_abs: 0.01 },
    }, { isolatedState: true });
    sessionId = s.id;
    const crit = newAlerts().some((a) => a.level === 'CRITICAL' && a.source === `session:${s.id}`);
    observed = `session ${s.status}${s.statusDetail ? ` (${s.statusDetail})` : ''}; CRITICAL alert ${crit ? 'raised' : 'missing'}`;
    passed = s.status === 'halted' && crit;
  } else {
    expected = 'SINK_FAILURE recorded by the fallback; the session completes';
    const port = await closedPort();
    const dead = new AlertService({
      config: { ...ctx.config.live_alerts, sinks: [{ kind: 'webhook', url: `http://127.0.0.1:${port}/hook`, timeout_ms: 1000 }, { kind: 'log', timeout_ms: 3000 }] },
      repo: live.sessions.repo, audit: ctx.store.audit, logger: ctx.logger, clock: ctx.clock, jsonlDir: null,
    });
    const t0 = Date.now();
    dead.emit('CRITICAL', 'drill:sink_failure', 'RISK_BLOCKED', 'drill alert to a dead webhook');
    const emitMs = Date.now() - t0;
    const s = await live.sessions.startSession(baseInput('drill: sink failure'), { isolatedState: true });
    sessionId = s.id;
    await dead.stop();
    const got = newAlerts().some((a) => a.code === 'SINK_FAILURE');
    observed = `emit returned in ${emitMs} ms; session ${s.status}; SINK_FAILURE ${got ? 'recorded' : 'missing'}`;
    passed = got && s.status === 'completed' && emitMs < 500;
  }

  const alerts = newAlerts().map((a) => ({ level: a.level, code: a.code as Result['alerts'][number]['code'], message: a.message }));
  live.sessions.repo.addDrill({ ts: ctx.clock(), kind: 'incident', drillId: drill, passed, expected, observed, notes, details: { sessionId, stepsTicked } });
  ctx.store.audit.append({ category: 'incident-drill', action: drill, actor: 'operator', subject: sessionId ? `session:${sessionId}` : undefined, allowed: passed, reason: observed, details: { expected, stepsTicked, notes } });
  return { drill, passed, expected, observed, sessionId, alerts, stepsTicked, notes };
}
