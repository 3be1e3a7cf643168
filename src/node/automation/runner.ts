/**
 * The suite runner: plans a daily/weekly suite (core), runs each job in-process through the existing handlers
 * with retries (exponential backoff) and a per-job timeout, and writes as it goes — events.jsonl, summary.json,
 * the SPEC §8 JSON log (rewritten after every job, so a run killed mid-way leaves a valid partial log) — then the
 * Markdown summary; the run is stored in SQLite at start, after every job and at the end. Cancellation (job cancel,
 * SIGTERM) ends the run as 'interrupted'.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  compactTimestamp, countJobs, runTypeOf,
  type AutomationLog, type EventLevel, type EventType, type Extra, type JobResult, type RunEvent, type RunSummaryFile, type SuiteName,
} from '../../core/automation/schemas';
import { planSuite, type PlanOptions } from '../../core/automation/suites';
import { PeakError } from '../../core/errors';
import type { AlertSink } from './alerts';
import type { AutomationRepository } from '../db/automation';
import { RunFiles } from './run-files';
import { executeJob, SkipJob, type Call, type DrillRunner } from './suite-jobs';
import { suiteMarkdown } from './markdown';

export interface RunnerDeps {
  call: Call;
  clock: () => number;
  repo: AutomationRepository;
  alerts: AlertSink;
  drills: DrillRunner | null;
  /** live observers (push events) */
  onEvent?: (runId: string, event: RunEvent, summary: RunSummaryFile) => void;
  /** waits ms (backoff, pauses); injected so tests do not wait */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface SuiteRunOptions extends PlanOptions {
  suite: SuiteName;
  /** run directories go to <outputDir>/<suite>/<run_id>/ */
  outputDir: string;
  /** cli | app | scheduler:<job> */
  trigger: string;
  /** extra attempts per job after a failure (default 1) */
  retries?: number;
  /** first backoff in ms, doubled per attempt (default 500) */
  backoffMs?: number;
  /** per-job timeout in ms (default 300 s, SPEC §8's drill timeout) */
  jobTimeoutMs?: number;
  /** heartbeat interval in ms (default 5 s) */
  heartbeatMs?: number;
  /** pause after each job in ms, so a person can follow a demo run (default 0) */
  pauseMs?: number;
  runId?: string;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, phase: string) => void;
}

export interface SuiteRunResult {
  runId: string;
  dir: string;
  logPath: string;
  markdownPath: string;
  log: AutomationLog;
}

const iso = (ms: number) => new Date(ms).toISOString();
/** how long a cancelled run waits for the handler call in flight */
const CANCEL_GRACE_MS = 10_000;

export function newRunId(suite: SuiteName, nowMs: number): string {
  return `${suite}_${compactTimestamp(nowMs)}_${randomBytes(3).toString('hex')}`;
}

const realSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (ms <= 0 || signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() { clearTimeout(t); signal.removeEventListener('abort', done); resolve(); }
    signal.addEventListener('abort', done, { once: true });
  });

/** Runs fn with a timeout; the attempt's own AbortController is aborted on timeout or outer cancel. */
async function withTimeout<T>(fn: (signal: AbortSignal) => Promise<T>, ms: number, outer: AbortSignal, what: string): Promise<T> {
  const ctl = new AbortController();
  const onOuter = () => ctl.abort();
  outer.addEventListener('abort', onOuter, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const attempt = fn(ctl.signal);
  try {
    return await Promise.race([
      attempt,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => { ctl.abort(); reject(new PeakError('INTERNAL', `${what} timed out after ${ms / 1000} s`)); }, ms);
      }),
      new Promise<never>((_, reject) => {
        // On cancel, let the handler call in flight settle first (bounded): a run that returns while a backtest
        // is still on the worker pool would let the caller close the pool under it.
        const cancelled = () => {
          let grace: NodeJS.Timeout | undefined;
          void Promise.race([attempt.catch(() => undefined), new Promise((r) => { grace = setTimeout(r, CANCEL_GRACE_MS); })])
            .finally(() => { clearTimeout(grace); reject(new PeakError('CANCELLED', `${what} cancelled`)); });
        };
        if (outer.aborted) cancelled();
        else outer.addEventListener('abort', cancelled, { once: true });
      }),
    ]);
  } finally {
    clearTimeout(timer);
    outer.removeEventListener('abort', onOuter);
  }
}

export async function runSuite(deps: RunnerDeps, opts: SuiteRunOptions): Promise<SuiteRunResult> {
  const plan = planSuite(opts.suite, opts);
  const { clock } = deps;
  const sleep = deps.sleep ?? realSleep;
  const signal = opts.signal ?? new AbortController().signal;
  const startedAt = clock();
  const runId = opts.runId ?? newRunId(opts.suite, startedAt);
  const dir = join(opts.outputDir, opts.suite, runId);
  const files = new RunFiles(dir, opts.suite, startedAt);
  const retries = opts.retries ?? 1;
  const backoffMs = opts.backoffMs ?? 500;
  const timeoutMs = opts.jobTimeoutMs ?? 300_000;
  const jobs: JobResult[] = [];
  let seq = 0;
  let status: AutomationLog['status'] = 'running';
  let currentPhase: string | null = null;
  let lastHeartbeat: number | null = null;
  const flags = { dry_run: !!opts.dryRun, quick: !!opts.quick, only: [...(opts.only ?? [])], skip: [...(opts.skip ?? [])] };

  const summary = (): RunSummaryFile => ({
    session_id: runId, run_type: runTypeOf(opts.suite), status, started_at: iso(startedAt), updated_at: iso(clock()),
    last_heartbeat: lastHeartbeat === null ? null : iso(lastHeartbeat), current_phase: currentPhase,
    phases_completed: jobs.length, phases_total: plan.length, counts: countJobs(jobs, plan.length), events_written: seq,
  });
  const log = (): AutomationLog => {
    const now = clock();
    return {
      run_id: runId, run_type: runTypeOf(opts.suite), status, started_at: iso(startedAt),
      finished_at: status === 'running' ? null : iso(now), duration_sec: (now - startedAt) / 1000,
      summary: countJobs(jobs, plan.length), jobs: [...jobs], flags,
    };
  };
  const persist = () => {
    const l = log();
    files.writeLog(l);
    deps.repo.upsertRun({ id: runId, suite: opts.suite, startedAt, finishedAt: status === 'running' ? null : clock(), dir, trigger: opts.trigger, log: l });
  };
  const emit = (type: EventType, level: EventLevel, message: string, extra: Partial<Pick<RunEvent, 'status' | 'metrics' | 'details'>> = {}) => {
    const e: RunEvent = { seq: ++seq, timestamp: iso(clock()), session_id: runId, type, phase: currentPhase, level, message, ...extra };
    files.appendEvent(e);
    const s = summary();
    files.writeSummary(s);
    deps.onEvent?.(runId, e, s);
  };

  persist();
  emit('runner_start', 'info', `${opts.suite} suite: ${plan.length} job(s)${opts.dryRun ? ' (dry run)' : ''}`, { status: 'started', details: { trigger: opts.trigger, quick: !!opts.quick } });
  const hb = setInterval(() => {
    lastHeartbeat = clock();
    emit('heartbeat', 'debug', 'alive', { metrics: { uptime_sec: (clock() - startedAt) / 1000, jobs_done: jobs.length } });
  }, opts.heartbeatMs ?? 5000);
  hb.unref?.();

  try {
    for (const [i, { job, skipReason }] of plan.entries()) {
      if (signal.aborted) break;
      currentPhase = job.name;
      opts.onProgress?.(i, plan.length, job.name);
      const t0 = clock();
      if (skipReason) {
        jobs.push({ job_name: job.name, status: 'skipped', duration_sec: 0, extra: {}, error_msg: skipReason, attempts: 0 });
        emit('phase_end', 'info', `${job.name}: skipped (${skipReason})`, { status: 'skipped' });
        persist();
        continue;
      }
      emit('phase_start', 'info', `${job.name} started`, { status: 'started', details: { kind: job.kind } });
      let result: JobResult | null = null;
      for (let attempt = 1; attempt <= retries + 1 && !result; attempt++) {
        try {
          const extra: Extra = await withTimeout(
            (s) => executeJob(job, { call: deps.call, clock, runId, suite: opts.suite, signal: s, drills: deps.drills, checkpoint: (m, metrics) => emit('checkpoint', 'info', m, metrics ? { metrics } : {}) }),
            timeoutMs, signal, job.name,
          );
          result = { job_name: job.name, status: 'ok', duration_sec: (clock() - t0) / 1000, extra, error_msg: null, attempts: attempt };
        } catch (e) {
          if (e instanceof SkipJob) {
            result = { job_name: job.name, status: 'skipped', duration_sec: (clock() - t0) / 1000, extra: {}, error_msg: e.message, attempts: attempt };
            break;
          }
          if (signal.aborted) throw e;
          const msg = (e as Error).message;
          emit('error', 'error', `${job.name} attempt ${attempt}: ${msg}`, { status: 'error' });
          if (attempt <= retries) {
            const wait = backoffMs * 2 ** (attempt - 1);
            emit('retry', 'warning', `${job.name}: retry ${attempt} of ${retries}`, { metrics: { attempt } });
            emit('backoff', 'warning', `${job.name}: waiting ${wait} ms`, { metrics: { backoff_ms: wait } });
            await sleep(wait, signal);
          } else {
            result = { job_name: job.name, status: 'failed', duration_sec: (clock() - t0) / 1000, extra: {}, error_msg: msg, attempts: attempt };
            deps.alerts.send({ level: 'warning', source: 'automation.suite', code: 'SUITE_JOB_FAILED', message: `${opts.suite} suite job ${job.name} failed: ${msg}`, context: { runId, job: job.name } });
          }
        }
      }
      if (signal.aborted || !result) break;
      jobs.push(result);
      const numeric = Object.fromEntries(Object.entries(result.extra).filter((kv): kv is [string, number] => typeof kv[1] === 'number'));
      emit('phase_end', result.status === 'failed' ? 'error' : 'info', `${job.name}: ${result.status} in ${result.duration_sec.toFixed(2)} s${result.error_msg ? ` (${result.error_msg})` : ''}`,
        { status: result.status, metrics: { duration_sec: result.duration_sec, ...numeric } });
      persist();
      emit('summary_updated', 'debug', `${jobs.length}/${plan.length} job(s) done`);
      if (opts.pauseMs) await sleep(opts.pauseMs, signal);
    }
    status = signal.aborted ? 'interrupted' : jobs.some((j) => j.status === 'failed') ? 'failed' : 'completed';
  } catch (e) {
    status = signal.aborted ? 'interrupted' : 'failed';
    if (!signal.aborted) emit('error', 'error', `runner: ${(e as Error).message}`);
  } finally {
    clearInterval(hb);
  }
  currentPhase = null;
  opts.onProgress?.(plan.length, plan.length, 'done');
  const final = log();
  emit('runner_end', status === 'completed' ? 'info' : status === 'interrupted' ? 'warning' : 'error', `${opts.suite} suite ${status}: ${final.summary.jobs_ok} ok, ${final.summary.jobs_failed} failed, ${final.summary.jobs_skipped} skipped`, { status });
  persist();
  files.writeMarkdown(suiteMarkdown(log()));
  return { runId, dir, logPath: files.logPath, markdownPath: files.markdownPath, log: log() };
}
