/**
 * `peak automation run daily|weekly` (SPEC §8 suites; exit 1 if any job failed), `peak automation validate <dir>`,
 * `peak automation runs`, `peak automation report`, `peak scheduler run|list` (long-running; stops cleanly on
 * SIGINT/SIGTERM) and `peak auto run --once|--continuous` (the autonomous workflow).
 */
import type { Command } from 'commander';
import { WorkflowTypeSchema, type WorkflowType } from '../../core/automation/decision';
import { targetLabel } from '../../core/automation/schedule';
import type { SuiteName } from '../../core/automation/schemas';
import { PeakError } from '../../core/errors';
import { buildMetaReport, writeMetaReport } from '../../node/automation/meta-report';
import { validateRunDir } from '../../node/automation/run-files';
import { automationService } from '../../node/automation/service';
import { cronNextAfter, loadSchedulerConfig } from '../../node/automation/scheduler-config';
import type { CliContext } from '../context';
import { fmt, table } from '../format';
import { num, oneOf } from '../parse';

const list = (v: string, prev: string[] = []) => [...prev, ...v.split(',').map((s) => s.trim()).filter(Boolean)];

/** "5m", "300s", "1h", "90" (seconds) → ms */
export function parseInterval(flag: string, v: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(v.trim());
  if (!m) throw new PeakError('BAD_INPUT', `${flag}: "${v}" is not a duration (e.g. 30s, 5m, 1h)`);
  const n = Number(m[1]);
  const ms = n * ({ ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const)[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  if (ms < 1000 || ms > 7 * 86_400_000) throw new PeakError('BAD_INPUT', `${flag}: ${v} is outside 1 s … 7 days`);
  return ms;
}

/** alerts (SPEC §11 fields) on stderr while a command runs */
function printAlerts(ctx: CliContext): () => void {
  return automationService(ctx.services().ctx).onAlert((a) => ctx.io.stderr.write(`peak: alert ${a.level} ${a.source} ${a.code}: ${a.message}\n`));
}

const untilInterrupted = (ctx: CliContext) => ctx.io.interrupted ?? new Promise<void>(() => {});

function sleepOrInterrupt(ctx: CliContext, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(false), ms);
    void untilInterrupted(ctx).then(() => { clearTimeout(t); resolve(true); });
  });
}

interface RunFlags { dryRun?: boolean; only?: string[]; skip?: string[]; quick?: boolean; outputDir?: string; verbose?: boolean; json?: boolean; retries?: string; timeout?: string }

async function runSuiteCommand(ctx: CliContext, suiteArg: string, o: RunFlags): Promise<void> {
  const suite = oneOf('suite', suiteArg, ['daily', 'weekly'] as const) as SuiteName;
  const svcs = ctx.services();
  const svc = automationService(svcs.ctx);
  const retries = o.retries !== undefined ? num('--retries', o.retries, { integer: true, min: 0, max: 10 }) : undefined;
  const timeout = o.timeout !== undefined ? num('--timeout', o.timeout, { positive: true, max: 86_400 }) : undefined;
  const offAlerts = printAlerts(ctx);
  const off = svcs.on('automation:did-event', ({ event }) => {
    if (o.json) return;
    if (o.verbose || (event.type !== 'heartbeat' && event.type !== 'summary_updated' && event.type !== 'checkpoint')) {
      ctx.io.stderr.write(`${event.timestamp} ${event.level.padEnd(7)} ${event.type.padEnd(13)} ${event.message}\n`);
    }
  });
  const { runId, done } = svc.startSuite({
    suite, dryRun: !!o.dryRun, quick: !!o.quick, only: o.only ?? [], skip: o.skip ?? [], trigger: 'cli',
    ...(o.outputDir && { outputDir: ctx.path(o.outputDir) }),
    ...(retries !== undefined && { retries }), ...(timeout !== undefined && { jobTimeoutMs: timeout * 1000 }),
  });
  void ctx.io.interrupted?.then(() => svcs.ctx.jobs.cancel(runId));
  let r;
  try {
    r = await done;
  } finally {
    off();
    offAlerts();
  }
  if (o.json) {
    ctx.json(r.log);
  } else {
    ctx.out(table(['job', 'status', 'duration [s]', 'attempts', 'error'], r.log.jobs.map((j) => [j.job_name, j.status, fmt(j.duration_sec, 2), j.attempts, j.error_msg ?? '']), [false, false, true, true, false]));
    ctx.out(`${r.log.run_id}: ${r.log.status} — ${r.log.summary.jobs_ok} ok, ${r.log.summary.jobs_failed} failed, ${r.log.summary.jobs_skipped} skipped`);
    ctx.out(`log ${r.logPath}`);
    ctx.out(`summary ${r.markdownPath}`);
  }
  if (r.log.status === 'interrupted') throw new PeakError('CANCELLED', `${suite} suite ${r.log.run_id} interrupted; partial log ${r.logPath}`);
  const failed = r.log.jobs.filter((j) => j.status === 'failed').map((j) => j.job_name);
  if (failed.length) throw new PeakError('INTERNAL', `${suite} suite: ${failed.length} job(s) failed: ${failed.join(', ')}`);
}

export function registerAutomation(program: Command, ctx: CliContext): void {
  const auto = program.command('automation').description('offline suites: run, validate, list, meta report');
  auto.command('run <suite>')
    .description('run the daily or weekly offline suite (exit 1 if any job failed)')
    .option('--dry-run', 'plan only: every job is skipped')
    .option('--only <jobs>', 'run only these jobs (comma list, repeatable)', list)
    .option('--skip <jobs>', 'skip these jobs (comma list, repeatable)', list)
    .option('--quick', 'daily: a fifth of the steps; weekly: BTC/EUR baseline and the fomo drill only')
    .option('--output-dir <dir>', 'root of run directories (default <data dir>/reports/automation)')
    .option('--retries <n>', 'extra attempts per failed job (default 1)')
    .option('--timeout <sec>', 'per-job timeout in seconds (default 300)')
    .option('--verbose', 'print every event (heartbeats, checkpoints) on stderr')
    .option('--json', "print the run's JSON log (SPEC §8)")
    .action((suite: string, o: RunFlags) => runSuiteCommand(ctx, suite, o));
  auto.command('validate <dir>')
    .description('check a run directory (events.jsonl, summary.json, the JSON log) against the schemas')
    .option('--json', 'print ONE JSON document')
    .action((dir: string, o: { json?: boolean }) => {
      const rep = validateRunDir(ctx.path(dir));
      if (o.json) ctx.json(rep);
      else ctx.out(`${rep.dir}: ${rep.valid ? 'valid' : 'INVALID'}, status ${rep.status}, ${rep.events} event(s)${rep.errors.length ? `\n  ${rep.errors.join('\n  ')}` : ''}`);
      if (!rep.valid) throw new PeakError('BAD_FILE', `${dir}: ${rep.errors[0]}`);
    });
  auto.command('runs')
    .description('stored suite runs, newest first')
    .option('--limit <n>', 'rows (default 20)', '20')
    .option('--json', 'print ONE JSON document')
    .action(async (o: { limit: string; json?: boolean }) => {
      const { runs } = await ctx.call('automation:runs', { limit: num('--limit', o.limit, { integer: true, min: 1, max: 1000 }) });
      if (o.json) return ctx.json({ runs });
      ctx.out(table(['run', 'status', 'started', 'duration [s]', 'ok', 'failed', 'skipped', 'trigger'],
        runs.map((r) => [r.runId, r.status, new Date(r.startedAt).toISOString(), fmt(r.durationSec, 2), r.counts.jobs_ok, r.counts.jobs_failed, r.counts.jobs_skipped, r.trigger])));
    });
  auto.command('report')
    .description('meta report over the last 7 or 30 days: trends and regressions (> 10 % vs trailing median)')
    .option('--days <n>', '7 or 30', '7')
    .option('--suite <name>', 'daily or weekly (default both)')
    .option('--output-dir <dir>', 'where to write HTML + Markdown (default <data dir>/reports/automation/meta)')
    .option('--json', 'print ONE JSON document')
    .action((o: { days: string; suite?: string; outputDir?: string; json?: boolean }) => {
      const days = Number(oneOf('--days', o.days, ['7', '30'] as const));
      const suite = o.suite !== undefined ? (oneOf('--suite', o.suite, ['daily', 'weekly'] as const) as SuiteName) : undefined;
      const svc = automationService(ctx.services().ctx);
      const rep = buildMetaReport(svc.repo, ctx.io.clock(), days, suite);
      const files = writeMetaReport(o.outputDir ? ctx.path(o.outputDir) : `${svc.outputDir}/meta`, rep);
      if (o.json) return ctx.json({ ...rep, files });
      ctx.out(`${rep.runs} run(s) in the last ${days} days; ${rep.regressions.length} regression(s)`);
      for (const t of rep.regressions) ctx.out(`  ⚠ ${t.job} ${t.metric}: ${fmt(t.latest, 4)} vs median ${fmt(t.baseline, 4)} (${fmt((t.change ?? 0) * 100, 1)} %)`);
      ctx.out(`html ${files.html}`);
      ctx.out(`markdown ${files.md}`);
    });

  const sched = program.command('scheduler').description('the cron scheduler of config/scheduler/jobs.toml');
  sched.command('list')
    .description('scheduled jobs with their next run')
    .option('--jobs <file>', 'jobs TOML (default the bundled config/scheduler/jobs.toml)')
    .option('--json', 'print ONE JSON document')
    .action((o: { jobs?: string; json?: boolean }) => {
      const config = loadSchedulerConfig(o.jobs ? ctx.path(o.jobs) : undefined);
      // read-only: computing next occurrences must not touch the scheduler's memory (missed-run reporting)
      const next = cronNextAfter(config);
      const now = ctx.io.clock();
      const rows = config.job.map((j) => ({ name: j.name, cron: j.cron, enabled: j.enabled, target: targetLabel(j), next: j.enabled ? next(j, now) : null }));
      if (o.json) return ctx.json({ timezone: config.timezone, jobs: rows });
      ctx.out(`time zone ${config.timezone}`);
      ctx.out(table(['job', 'cron', 'enabled', 'runs', 'next'], rows.map((r) => [r.name, r.cron, r.enabled ? 'yes' : 'no', r.target, r.next ? new Date(r.next).toISOString() : '—'])));
    });
  sched.command('run')
    .description('run the scheduler until SIGINT/SIGTERM (headless)')
    .option('--jobs <file>', 'jobs TOML (default the bundled config/scheduler/jobs.toml)')
    .action(async (o: { jobs?: string }) => {
      const config = loadSchedulerConfig(o.jobs ? ctx.path(o.jobs) : undefined);
      const s = automationService(ctx.services().ctx).scheduler(config);
      printAlerts(ctx);
      s.start();
      ctx.io.stderr.write(`peak scheduler: ${s.health().detail ?? ''}\n`);
      for (const m of s.missed) ctx.io.stderr.write(`peak scheduler: missed ${m.name} due ${new Date(m.dueMs).toISOString()} (not replayed)\n`);
      // the scheduler's own timers do not hold the process open (unref'd, so the app can quit): this one does
      const keepAlive = setInterval(() => {}, 3_600_000);
      await untilInterrupted(ctx);
      clearInterval(keepAlive);
      ctx.io.stderr.write('peak scheduler: stopping (waiting for running jobs)\n');
      await s.stop();
      ctx.io.stderr.write('peak scheduler: stopped\n');
    });

  const autoCmd = program.command('auto').description('the autonomous workflow: monitors → decision → execution');
  autoCmd.command('run')
    .description('decide and run a workflow once, or every --interval')
    .option('--once', 'one decision (default)')
    .option('--continuous', 'repeat every --interval until SIGINT/SIGTERM')
    .option('--interval <duration>', 'between decisions in continuous mode (e.g. 5m)', '5m')
    .option('--type <workflow>', 'auto | signal_analysis | risk_check | market_scan | portfolio_analysis', 'auto')
    .option('--dataset <id>', 'data set the monitors read (default the newest)')
    .option('--dry-run', 'decide, but only simulate the execution')
    .option('--force-execute', 'execute regardless of confidence')
    .option('--force-skip', 'skip regardless of confidence')
    .option('--json', 'print ONE JSON document per decision')
    .action(async (o: { once?: boolean; continuous?: boolean; interval: string; type: string; dataset?: string; dryRun?: boolean; forceExecute?: boolean; forceSkip?: boolean; json?: boolean }) => {
      if (o.once && o.continuous) throw new PeakError('BAD_INPUT', '--once and --continuous: give one of them');
      if (o.forceExecute && o.forceSkip) throw new PeakError('BAD_INPUT', '--force-execute and --force-skip: give one of them');
      const type = oneOf('--type', o.type, WorkflowTypeSchema.options) as WorkflowType;
      const intervalMs = parseInterval('--interval', o.interval);
      const svc = automationService(ctx.services().ctx);
      printAlerts(ctx);
      for (;;) {
        const out = await svc.workflow({ type, dryRun: !!o.dryRun, forceExecute: !!o.forceExecute, forceSkip: !!o.forceSkip, trigger: 'cli', ...(o.dataset && { datasetId: o.dataset }) });
        if (o.json) ctx.json(out);
        else {
          ctx.out(`${new Date(ctx.io.clock()).toISOString()} ${out.requested}→${out.chosen}: ${out.decision.action} (confidence ${(out.decision.confidence * 100).toFixed(0)} %, ${out.decision.reasoning}) → ${out.status}${out.error ? `: ${out.error}` : ''}`);
          for (const m of out.monitors) ctx.out(`  ${m.monitor_name.padEnd(11)} ${m.status.padEnd(8)} ${Object.entries(m.metrics).map(([k, v]) => `${k}=${fmt(v, 4)}`).join(' ')}`);
        }
        if (!o.continuous) {
          if (out.status === 'failed') throw new PeakError('INTERNAL', `workflow ${out.chosen} failed: ${out.error ?? ''}`);
          return;
        }
        if (await sleepOrInterrupt(ctx, intervalMs)) return;
      }
    });
}
