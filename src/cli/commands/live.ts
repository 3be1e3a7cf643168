/**
 * `peak live …`: status, health, portfolio, gate/incident drills, the kill switch, and paper/shadow sessions.
 * `peak live session start` runs in this process: it waits for the session's end (or Ctrl-C, which stops it and
 * keeps everything up to the last bar) and prints the session with its trades and final equity.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Option, type Command } from 'commander';
import type { SessionDetail } from '../../core/api/commands/live-schemas';
import { INCIDENT_DRILLS } from '../../core/api/commands/live-schemas';
import { RISK_LIMIT_KEYS } from '../../core/live/risk-limits';
import { PeakError } from '../../core/errors';
import type { CliContext } from '../context';
import { fmt, iso, table } from '../format';
import { collectKv, num, oneOf } from '../parse';
import { engineFromFlags } from './backtest';
import { asParamFlagError, resolveDataArg } from './shared';

const idArg = (v: string): number => num('<id>', v, { integer: true, positive: true });

function sessionJson(s: SessionDetail) {
  return {
    id: s.id, name: s.name, mode: s.mode, status: s.status, statusDetail: s.statusDetail, strategy: s.strategyId, params: s.config.params,
    engine: s.config.engine, riskMode: s.config.riskMode, configHash: s.configHash, seed: s.seed, bars: s.barsDone, barsTotal: s.barsTotal,
    equityStart: s.equityStart, finalEquity: s.equityLast, pnlPct: s.pnlPct, rejected: s.rejected, latency: s.latency,
    trades: s.trades.map((t) => ({ entryBar: t.entryBar, exitBar: t.exitBar, entryTime: t.entryTime, exitTime: t.exitTime, entryPrice: t.entryPrice,
      exitPrice: t.exitPrice, size: t.size, pnl: t.pnl, returnPct: t.returnPct, exitReason: t.exitReason, fees: t.fees })),
    openTrade: s.openTrade,
  };
}

function printSession(ctx: CliContext, s: SessionDetail): void {
  ctx.out(`Session ${s.id}  ${s.name}  [${s.status}${s.statusDetail ? `: ${s.statusDetail}` : ''}]  mode ${s.mode}  risk ${s.config.riskMode}`);
  ctx.out(`strategy ${s.strategyId} ${JSON.stringify(s.config.params)}  config hash ${s.configHash.slice(0, 16)}…`);
  ctx.out(table(['bars', 'equity start', 'final equity', 'P&L %', 'trades', 'rejected', 'signal→send ms', 'slippage bps'],
    [[`${s.barsDone}/${s.barsTotal ?? '?'}`, fmt(s.equityStart), fmt(s.equityLast), fmt(s.pnlPct), s.tradeCount, s.rejected, fmt(s.latency.meanSignalToSendMs, 3), fmt(s.latency.meanSlippageBps)]],
    [true, true, true, true, true, true, true, true]));
  if (s.trades.length) {
    ctx.out();
    ctx.out(table(['entry', 'exit', 'size', 'entry price', 'exit price', 'pnl', 'reason'],
      s.trades.slice(-10).map((t) => [iso(t.entryTime), iso(t.exitTime), fmt(t.size, 4), fmt(t.entryPrice), fmt(t.exitPrice), fmt(t.pnl), t.exitReason]),
      [false, false, true, true, true, true, false]));
  }
}

interface StartFlags {
  mode: string; data?: string; generator?: boolean; seed?: string; bars?: string; interval?: string; strategy: string; param?: Record<string, string>;
  speed: string; risk: string; limit?: Record<string, string>; maxDuration?: string; name?: string; jobId?: string; wait?: boolean; json?: boolean;
  preset: string; finalize?: boolean; commission?: string; feeBps?: string; slippageBps?: string; cash?: string; sizing?: string; fill?: string;
  sl?: string; tp?: string; trail?: string;
}

export function registerLive(program: Command, ctx: CliContext): void {
  const live = program.command('live').description('the live track (paper/shadow only — LIVE LOCKED): status, sessions, drills, kill switch');

  live.command('status').description('environment, effective mode, the five gates, trading state, risk limits').option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const s = await ctx.call('live:status', {});
      if (o.json) return ctx.json(s);
      ctx.out(`environment ${s.environment}  effective mode ${s.effectiveMode}  ** LIVE LOCKED **  health ${s.health}  trading ${s.tradingState.state}`);
      ctx.out(table(['gate', 'value', 'pass', 'reason'], s.gates.map((g) => [g.gate, g.value, g.pass ? 'yes' : 'NO', g.reason ?? '']), [false, false, false, false]));
      ctx.out(`live execution allowed by the gates: ${s.liveExecutionAllowed ? 'yes — still LIVE LOCKED' : 'no'}`);
      ctx.out(table(['limit', 'value', 'utilisation', 'severity'], s.portfolio.metrics.map((m) => [m.limit, `${fmt(m.value)} / ${fmt(m.max)}`, `${fmt(m.utilisation * 100, 1)} %`, m.severity]), [false, true, true, false]));
      ctx.out(`sessions: ${s.sessions.total} total, ${s.sessions.running} running`);
    });

  live.command('health').description('config valid, exchange reachability, alert sinks, risk config').option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const h = await ctx.call('live:health', {});
      if (o.json) return ctx.json(h);
      ctx.out(table(['check', 'ok', 'detail'], h.checks.map((c) => [c.name, c.ok ? 'ok' : 'FAIL', c.detail]), [false, false, false]));
    });

  live.command('portfolio').description('equity, exposure, open positions and risk margins over running sessions').option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const p = await ctx.call('live:portfolio', {});
      if (o.json) return ctx.json(p);
      ctx.out(`equity ${fmt(p.equity)}  exposure ${fmt(p.exposure)}  severity ${p.evaluation.severity}`);
      ctx.out(table(['limit', 'value', 'max', 'margin', 'severity'], p.evaluation.metrics.map((m) => [m.limit, fmt(m.value), fmt(m.max), fmt(m.margin), m.severity]), [false, true, true, true, false]));
    });

  live.command('drills').description('run the gate drills A–G (or an incident drill with --incident)')
    .addOption(new Option('--incident <name>', 'incident drill').choices([...INCIDENT_DRILLS]))
    .option('--notes <text>', 'operator notes for the drill log', '')
    .option('--json', 'print JSON')
    .action(async (o: { incident?: (typeof INCIDENT_DRILLS)[number]; notes: string; json?: boolean }) => {
      if (o.incident) {
        const r = await ctx.call('live:incident-drill', { drill: o.incident, notes: o.notes });
        if (o.json) return ctx.json(r);
        ctx.out(`${r.drill}: ${r.passed ? 'PASS' : 'FAIL'}\n  expected: ${r.expected}\n  observed: ${r.observed}`);
        return;
      }
      const r = await ctx.call('live:drills-run', {});
      if (o.json) return ctx.json(r);
      ctx.out(table(['drill', 'scenario', 'expected', 'actual', 'guard', 'result'],
        r.map((d) => [d.id, d.scenario, `${d.expectedAllowed}${d.expectedReason ? ` ⊇ "${d.expectedReason}"` : ''}`, `${d.isLiveExecutionAllowed} ${d.reason}`, d.guardGate, d.passed ? 'PASS' : 'FAIL']),
        [false, false, false, false, false, false]));
      if (!r.every((d) => d.passed)) throw new PeakError('INTERNAL', 'gate drills failed');
    });

  live.command('kill-switch').description('engage: HALTED (stops sessions); --reset leaves HALTED (audited, needs --reason)')
    .option('--engage', 'halt all trading').option('--reset', 'leave HALTED').option('--reducing', 'only exposure-reducing orders')
    .addOption(new Option('--to <state>', 'state after --reset').choices(['ACTIVE', 'REDUCING']).default('ACTIVE'))
    .requiredOption('--reason <text>', 'why (goes to the audit log)')
    .option('--json', 'print JSON')
    .action(async (o: { engage?: boolean; reset?: boolean; reducing?: boolean; to: 'ACTIVE' | 'REDUCING'; reason: string; json?: boolean }) => {
      const n = [o.engage, o.reset, o.reducing].filter(Boolean).length;
      if (n !== 1) throw new PeakError('BAD_INPUT', '--engage, --reset, --reducing: give exactly one');
      const action = o.engage ? 'engage' : o.reset ? 'reset' : 'reducing';
      const st = await ctx.call('live:kill-switch', { action, reason: o.reason, confirm: true, to: o.to, actor: 'cli' });
      if (o.json) return ctx.json(st);
      ctx.out(`trading state ${st.state} (${st.cause ?? ''}: ${st.reason ?? ''})`);
    });

  live.command('report [id]').description('self-contained HTML + Markdown report of a session, or the daily live-status report')
    .requiredOption('--out <dir>', 'directory to write report.html and report.md into')
    .option('--json', 'print JSON')
    .action(async (id: string | undefined, o: { out: string; json?: boolean }) => {
      const r = await ctx.call('live:session-report', id === undefined ? {} : { id: idArg(id) });
      const dir = ctx.path(o.out);
      try {
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'report.html'), r.html);
        writeFileSync(join(dir, 'report.md'), r.markdown);
      } catch (e) {
        throw new PeakError('BAD_INPUT', `--out: cannot write ${dir}: ${(e as Error).message}`);
      }
      if (o.json) return ctx.json({ title: r.title, files: [join(dir, 'report.html'), join(dir, 'report.md')] });
      ctx.out(`${r.title}: ${join(dir, 'report.html')}, ${join(dir, 'report.md')}`);
    });

  const session = live.command('session').description('paper/shadow sessions');
  session.command('start').description('run a session (replay of a data set, or the seeded GARCH generator) to its end')
    .addOption(new Option('--mode <mode>', 'environment of the session').choices(['paper', 'shadow', 'live_dry_run']).default('paper'))
    .option('--data <csv|id|name>', 'replay this data set (a CSV is imported)')
    .option('--generator', 'use the seeded Markov-switching GARCH generator instead of --data')
    .option('--seed <n>', 'generator seed (default 42)').option('--bars <n>', 'generator bars (default 2000)').option('--interval <ms>', 'generator bar length in ms (default 60000)')
    .requiredOption('--strategy <id>', 'strategy id (core or aux tier)')
    .option('--param <k=v>', 'strategy parameter, repeatable', collectKv('--param'))
    .addOption(new Option('--speed <s>', 'replay speed').choices(['1x', '10x', '100x', 'max']).default('max'))
    .addOption(new Option('--risk <mode>', 'enforce: breaches block/halt; monitor: evaluated and alerted only (backtest parity)').choices(['enforce', 'monitor']).default('enforce'))
    .option('--limit <k=v>', `tighten a risk limit, repeatable (${RISK_LIMIT_KEYS.join(', ')})`, collectKv('--limit'))
    .option('--max-duration <s>', 'stop by itself after this many seconds')
    .option('--name <text>', 'session name').option('--job-id <id>', 'client-chosen job id')
    .option('--wait', 'wait for the end (always true here: the session lives in this process)')
    .addOption(new Option('--preset <name>', 'engine preset').choices(['default']).default('default'))
    .option('--finalize').option('--no-finalize').option('--commission <fraction>').option('--fee-bps <bps>').option('--slippage-bps <bps>')
    .option('--cash <amount>').option('--sizing <mode>').option('--fill <when>').option('--sl <fraction>').option('--tp <fraction>').option('--trail <fraction>')
    .option('--json', 'print ONE JSON document: the session with its trades and final equity')
    .action(async (o: StartFlags) => {
      if (!!o.data === !!o.generator) throw new PeakError('BAD_INPUT', '--data, --generator: give exactly one');
      const engine = engineFromFlags({ ...o, save: true } as Parameters<typeof engineFromFlags>[0]);
      const riskLimits: Record<string, number> = {};
      for (const [k, v] of Object.entries(o.limit ?? {})) {
        if (!(RISK_LIMIT_KEYS as readonly string[]).includes(k)) throw new PeakError('BAD_INPUT', `--limit ${k}: unknown (one of ${RISK_LIMIT_KEYS.join(', ')})`);
        riskLimits[k] = num(`--limit ${k}`, v, { positive: true });
      }
      const speed = oneOf('--speed', o.speed, ['1x', '10x', '100x', 'max'] as const);
      const feed = o.data
        ? { kind: 'replay' as const, datasetId: (await resolveDataArg(ctx, o.data)).dataset.id, speed }
        : { kind: 'generator' as const, speed, ...(o.seed !== undefined && { seed: num('--seed', o.seed, { integer: true }) }),
          ...(o.bars !== undefined && { n: num('--bars', o.bars, { integer: true, min: 2 }) }), ...(o.interval !== undefined && { intervalMs: num('--interval', o.interval, { integer: true, min: 1000 }) }) };
      const services = ctx.services();
      let stopId: number | null = null;
      const sub = services.on('live:did-change', (e) => { if (stopId === null && e.sessionId !== null) stopId = e.sessionId; });
      void ctx.io.interrupted?.then(async () => { if (stopId !== null) await services.invoke('live:session-stop', { id: stopId }); });
      let s: SessionDetail;
      try {
        s = await ctx.call('live:session-start', {
          mode: o.mode as 'paper', feed, strategyId: o.strategy, params: o.param ?? {}, engine, riskMode: o.risk as 'enforce', riskLimits, wait: true,
          ...(o.maxDuration !== undefined && { maxDurationS: num('--max-duration', o.maxDuration, { positive: true }) }),
          ...(o.name !== undefined && { name: o.name }), ...(o.jobId !== undefined && { jobId: o.jobId }),
        });
      } catch (e) {
        throw asParamFlagError(e);
      } finally {
        sub();
      }
      if (o.json) return ctx.json(sessionJson(s));
      printSession(ctx, s);
    });

  session.command('list').description('sessions, newest first').option('--status <s>').option('--strategy <id>').option('--mode <m>').option('--text <q>', 'name or id')
    .option('--limit <n>', 'rows', '50').option('--json', 'print JSON')
    .action(async (o: { status?: string; strategy?: string; mode?: string; text?: string; limit: string; json?: boolean }) => {
      const status = o.status === undefined ? undefined : oneOf('--status', o.status, ['running', 'paused', 'stopped', 'completed', 'halted', 'failed'] as const);
      const r = await ctx.call('live:session-list', { limit: num('--limit', o.limit, { integer: true, min: 1, max: 1000 }), ...(status && { status }),
        ...(o.strategy && { strategyId: o.strategy }), ...(o.mode && { mode: o.mode }), ...(o.text && { text: o.text }) });
      if (o.json) return ctx.json(r);
      if (!r.sessions.length) return ctx.out('no sessions (try `peak live session start --help`)');
      ctx.out(table(['id', 'created', 'name', 'mode', 'strategy', 'status', 'bars', 'equity', 'P&L %', 'trades'],
        r.sessions.map((s) => [s.id, iso(s.createdAt), s.name, s.mode, s.strategyId, s.status, s.barsDone, fmt(s.equityLast), fmt(s.pnlPct), s.tradeCount]),
        [true, false, false, false, false, false, true, true, true, true]));
    });

  session.command('show <id>').description('one session with trades, orders and latency').option('--json', 'print JSON')
    .action(async (id: string, o: { json?: boolean }) => {
      const s = await ctx.call('live:session-get', { id: idArg(id), events: 50 });
      if (o.json) return ctx.json({ ...sessionJson(s), orders: s.orders, events: s.events });
      printSession(ctx, s);
    });

  for (const verb of ['pause', 'resume', 'stop'] as const) {
    session.command(`${verb} <id>`).description(`${verb} a running session`).option('--json', 'print JSON')
      .action(async (id: string, o: { json?: boolean }) => {
        const s = await ctx.call(`live:session-${verb}`, { id: idArg(id) });
        if (o.json) return ctx.json(s);
        ctx.out(`session ${s.id}: ${s.status}`);
      });
  }
}
