/**
 * The automation feature's node service, one per process (a HandlerContext resource): the repository, the alert
 * sink, `call` (the existing handlers, in-process), suite runs as jobs, the autonomous workflow and the scheduler.
 * Wiring points for features built elsewhere are single lines here: `drills` (trigger drills) and `alerts` (the
 * live track's alert sinks).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandInput, CommandName, CommandOutput } from '../../core/api/contract';
import { RunSummaryFileSchema } from '../../core/automation/schemas';
import { planSuite } from '../../core/automation/suites';
import type { ScheduledJob, SchedulerConfig } from '../../core/automation/schedule';
import { PeakError } from '../../core/errors';
import type { HandlerContext } from '../api/context';
import { createDrillService, runScriptedDrill } from '../drills/service';
import type { ServiceHealth } from '../lifecycle/service';
import type { Handlers } from '../api/handlers';
import { invoke } from '../api/invoke';
import { logAlertSink, type AlertSink, type AutomationAlert } from './alerts';
import { ALERT_CODES, type AlertCode } from '../../core/live/alerts';
import { liveServices } from '../live';
import type { AutomationRepository } from '../db/automation';
import { newRunId, runSuite, type SuiteRunOptions, type SuiteRunResult } from './runner';
import { SchedulerService } from './scheduler';
import { loadSchedulerConfig } from './scheduler-config';
import type { Call, DrillRunner } from './suite-jobs';
import { runWorkflow, type WorkflowOutcome, type WorkflowRequest } from './workflows';

/** a run whose summary.json has not changed for this long (heartbeats every 5 s) belongs to a dead process */
const STALE_MS = 60_000;

export type StartSuiteOptions = Omit<SuiteRunOptions, 'outputDir' | 'runId' | 'signal' | 'onProgress'> & { outputDir?: string };

export interface AutomationService {
  repo: AutomationRepository;
  alerts: AlertSink;
  call: Call;
  /** default root of run directories and meta reports: <dataDir>/reports/automation */
  outputDir: string;
  /** starts a suite run as a job (`automation-run`, id = run id); `done` settles when it ends */
  startSuite(opts: StartSuiteOptions): { runId: string; jobId: string; done: Promise<SuiteRunResult> };
  workflow(req: WorkflowRequest): Promise<WorkflowOutcome>;
  /** the scheduler (created on first use with the bundled jobs.toml unless a config is given) */
  scheduler(config?: SchedulerConfig): SchedulerService;
  /** also deliver alerts to cb (the CLI prints them); returns the unsubscribe function */
  onAlert(cb: (a: AutomationAlert) => void): () => void;
  /** stops the scheduler if it was created (services.close) */
  stop(): Promise<void>;
  health(): ServiceHealth;
}

/**
 * Trigger-training jobs run a scripted drill (src/node/drills): the 'disciplined' scripted trader, seed 42, on the
 * job's scenario from config/drills/ — a fixed input, so a change in the numbers is a change in the code.
 */
function drillRunner(ctx: HandlerContext): DrillRunner {
  const service = createDrillService(ctx);
  return async (scenario, signal) => {
    if (signal.aborted) throw new PeakError('CANCELLED', `drill ${scenario} cancelled`);
    const r = runScriptedDrill(service, { scenario, policy: 'disciplined', seed: 42 });
    return { session_id: r.drillId, total_signals: r.total_signals, missed_signals: r.missed_signals, avg_reaction_ms: r.avg_reaction_ms ?? 0 };
  };
}

const instances = new WeakMap<HandlerContext, AutomationService>();

/**
 * The automation service of a handler context, created on first use. It registers itself as a long-lived service
 * ('automation': the scheduler when it runs), so services.close() stops it in order and app:info shows its health.
 */
export function automationService(ctx: HandlerContext): AutomationService {
  let s = instances.get(ctx);
  if (!s) {
    const created = createAutomationService(ctx);
    instances.set(ctx, (s = created));
    ctx.services.register({
      name: 'automation',
      start() {},
      stop: () => created.stop(),
      health: () => created.health(),
    });
  }
  return s;
}

function liveAlertSink(ctx: HandlerContext): AlertSink {
  const fallback = logAlertSink(ctx.logger);
  const isCode = (c: string): c is AlertCode => (ALERT_CODES as readonly string[]).includes(c);
  return {
    send(a) {
      if (!isCode(a.code)) return fallback.send(a);
      const level = a.level === 'critical' ? 'CRITICAL' : a.level === 'warning' ? 'WARNING' : 'INFO';
      liveServices(ctx).alerts.emit(level, a.source, a.code, a.message, a.context);
    },
  };
}

function createAutomationService(ctx: HandlerContext): AutomationService {
  const repo = ctx.store.automation;
  // Alerts go through the live track's sinks (log / stderr / webhook / Slack, per-sink minimum level, dedup,
  // daily JSONL); a code outside their fixed list is logged instead. Listeners (the CLI) see every alert too.
  const sink: AlertSink = liveAlertSink(ctx);
  const listeners = new Set<(a: AutomationAlert) => void>();
  const alerts: AlertSink = { send(a) { sink.send(a); for (const l of listeners) l(a); } };
  const handlers = (): Handlers => {
    if (!ctx.handlers) throw new PeakError('INTERNAL', 'automation: the handler map is not registered (createServices registers it)');
    return ctx.handlers;
  };
  const call: Call = async <K extends CommandName>(name: K, input: CommandInput<K>): Promise<CommandOutput<K>> => {
    const r = await invoke(handlers(), name, input);
    if (!r.ok) throw new PeakError(r.error.code, r.error.message);
    return r.value;
  };
  const outputDir = join(ctx.dataDir, 'reports', 'automation');
  const now = ctx.clock();
  // runs left 'running' by a process that died: interrupted once their summary.json has gone stale
  for (const r of repo.listRuns({ limit: 100 }).filter((x) => x.status === 'running')) {
    let updated = r.startedAt;
    try {
      updated = Date.parse(RunSummaryFileSchema.parse(JSON.parse(readFileSync(join(r.dir, 'summary.json'), 'utf8'))).updated_at);
    } catch { /* no readable summary: judge by the start time */ }
    if (now - updated > STALE_MS) repo.upsertRun({ ...r, log: { ...r.log, status: 'interrupted' } });
  }

  let sched: SchedulerService | null = null;
  const service: AutomationService = {
    repo,
    alerts,
    call,
    outputDir,
    startSuite(opts) {
      const runId = newRunId(opts.suite, ctx.clock());
      const total = planSuite(opts.suite, opts).length;
      const done = ctx.jobs.run('automation-run', (job) => runSuite(
        {
          call, clock: ctx.clock, repo, alerts, drills: drillRunner(ctx),
          onEvent: (id, event, summary) => ctx.events.emit('automation:did-event', { runId: id, event, summary }),
        },
        { ...opts, outputDir: opts.outputDir ?? outputDir, runId, signal: job.signal, onProgress: (d, t, phase) => job.progress(d, t, phase) },
      ), { id: runId, total });
      return { runId, jobId: runId, done };
    },
    workflow: (req) => runWorkflow({ call, clock: ctx.clock, repo, alerts }, req),
    scheduler(config) {
      if (!sched) {
        sched = new SchedulerService({
          config: config ?? loadSchedulerConfig(), clock: ctx.clock, repo, alerts, logger: ctx.logger,
          execute: (job, signal) => executeScheduled(service, job, signal),
        });
      }
      return sched;
    },
    onAlert(cb) { listeners.add(cb); return () => { listeners.delete(cb); }; },
    stop: async () => { await sched?.stop(); },
    health: () => (sched ? sched.health() : { status: 'ok', detail: 'scheduler not started in this process' }),
  };
  return service;
}

async function executeScheduled(s: AutomationService, job: ScheduledJob, signal: AbortSignal): Promise<string> {
  if ('suite' in job) {
    const { runId, done } = s.startSuite({ suite: job.suite, quick: job.quick, trigger: `scheduler:${job.name}` });
    const onAbort = () => s.call('jobs:cancel', { jobId: runId }).catch(() => undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      return (await done).log.status;
    } catch (e) {
      if (signal.aborted) return 'interrupted';
      throw e;
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }
  const out = await s.workflow({ type: job.workflow, dryRun: job.dry_run, trigger: `scheduler:${job.name}` });
  return out.status;
}

/**
 * Starts the scheduler for a process that stays open (the app, `peak web`). A broken jobs.toml is logged and the
 * app runs on without a scheduler; services.close() stops it (the automation resource's dispose).
 */
export function startAppScheduler(ctx: HandlerContext | undefined): void {
  // undefined: services without a handler context (test doubles of the shell) have no scheduler to start
  if (!ctx) return;
  try {
    automationService(ctx).scheduler().start();
  } catch (e) {
    ctx.logger.error('scheduler not started', { error: (e as Error).message });
  }
}
