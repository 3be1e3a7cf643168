/**
 * The scheduler service: fires the jobs of config/scheduler/jobs.toml at their cron times (croner arithmetic,
 * time-zone and DST aware) using the injected clock and timer, never overlaps a job with itself, applies each
 * job's timeout, and reports runs missed while it was not running (from the automation_schedule table) instead of
 * replaying them. Runs in the app while it is open and headless under `peak scheduler run`.
 */
import { earliestDue, missedOccurrences, planTick, targetLabel, type NextAfter, type ScheduledJob, type SchedulerConfig } from '../../core/automation/schedule';
import type { LongLivedService, ServiceHealth } from '../lifecycle/service';
import type { Logger } from '../api/context';
import type { AlertSink } from './alerts';
import type { AutomationRepository } from '../db/automation';
import { cronNextAfter } from './scheduler-config';

/** the scheduler re-checks at least this often (a suspended laptop's timers may fire late) */
const MAX_SLEEP_MS = 60_000;

export interface SchedulerDeps {
  config: SchedulerConfig;
  clock: () => number;
  repo: AutomationRepository;
  alerts: AlertSink;
  logger: Logger;
  /** runs one scheduled job to its end; resolves with a status word (completed, failed, …) */
  execute: (job: ScheduledJob, signal: AbortSignal) => Promise<string>;
  /** timer (default setTimeout); returns a cancel function */
  setTimer?: (fn: () => void, ms: number) => () => void;
  nextAfter?: NextAfter;
}

export interface FiredRecord { name: string; dueMs: number; startedMs: number; finishedMs: number | null; status: string }

export class SchedulerService implements LongLivedService {
  readonly name = 'scheduler';
  private state: 'stopped' | 'running' = 'stopped';
  private nextDue = new Map<string, number | null>();
  private readonly active = new Map<string, { ctl: AbortController; done: Promise<void> }>();
  private cancelTimer: (() => void) | null = null;
  private readonly nextAfter: NextAfter;
  /** what fired, what overlapped, what was missed — newest last (bounded) */
  readonly history: FiredRecord[] = [];
  readonly missed: { name: string; dueMs: number }[] = [];
  readonly overlapped: { name: string; dueMs: number }[] = [];

  constructor(private readonly deps: SchedulerDeps) {
    this.nextAfter = deps.nextAfter ?? cronNextAfter(deps.config);
  }

  get jobs(): readonly ScheduledJob[] { return this.deps.config.job; }
  get timezone(): string { return this.deps.config.timezone; }

  start(): void {
    if (this.state === 'running') return;
    this.state = 'running';
    const now = this.deps.clock();
    const seen = this.deps.repo.scheduleState();
    for (const j of this.jobs) {
      if (!j.enabled) continue;
      const last = seen.get(j.name);
      if (last) {
        const missed = missedOccurrences(j, last.lastCheckedAt, now, this.nextAfter);
        if (missed.length) {
          for (const t of missed.slice(-20)) this.missed.push({ name: j.name, dueMs: t });
          this.deps.alerts.send({
            level: 'warning', source: 'automation.scheduler', code: 'SCHEDULE_MISSED',
            message: `${j.name}: ${missed.length} run(s) missed while the scheduler was not running (last due ${new Date(missed[missed.length - 1] as number).toISOString()}); not replayed`,
            context: { job: j.name, missed: missed.length },
          });
        }
      }
      this.nextDue.set(j.name, this.nextAfter(j, now));
      this.deps.repo.touchSchedule(j.name, now);
    }
    this.arm();
  }

  /** one scheduler step at the injected clock's now (the timer calls it; tests may call it directly) */
  tick(): void {
    if (this.state !== 'running') return;
    const now = this.deps.clock();
    const plan = planTick(this.jobs, this.nextDue, new Set(this.active.keys()), now, this.nextAfter);
    this.nextDue = plan.nextDue;
    for (const o of plan.overlapped) {
      this.overlapped.push(o);
      this.deps.logger.warn('scheduler: previous run still going, occurrence not started', { job: o.name, due: new Date(o.dueMs).toISOString() });
    }
    for (const f of plan.fire) this.fire(f.name, f.dueMs, now);
    for (const j of this.jobs) if (j.enabled) this.deps.repo.touchSchedule(j.name, now);
    this.arm();
  }

  private fire(name: string, dueMs: number, now: number): void {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) return;
    const ctl = new AbortController();
    const rec: FiredRecord = { name, dueMs, startedMs: now, finishedMs: null, status: 'running' };
    this.history.push(rec);
    if (this.history.length > 500) this.history.shift();
    const timeout = setTimeout(() => ctl.abort(), job.timeout_sec * 1000);
    timeout.unref?.();
    this.deps.logger.info('scheduler: starting', { job: name, target: targetLabel(job) });
    const done = this.deps.execute(job, ctl.signal)
      .then((status) => { rec.status = ctl.signal.aborted && this.state === 'running' ? 'timed_out' : status; })
      .catch((e: unknown) => {
        rec.status = 'failed';
        this.deps.alerts.send({ level: 'warning', source: 'automation.scheduler', code: 'SCHEDULED_JOB_FAILED', message: `${name}: ${(e as Error).message}`, context: { job: name } });
      })
      .finally(() => {
        clearTimeout(timeout);
        rec.finishedMs = this.deps.clock();
        this.active.delete(name);
        this.deps.repo.touchSchedule(name, this.deps.clock(), { at: rec.startedMs, status: rec.status });
      });
    this.active.set(name, { ctl, done });
  }

  /** the earliest pending occurrence (the timer wakes then) */
  nextWakeAt(): number | null {
    return earliestDue(this.nextDue);
  }

  private arm(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    if (this.state !== 'running') return;
    const at = this.nextWakeAt();
    if (at === null) return;
    const ms = Math.min(MAX_SLEEP_MS, Math.max(0, at - this.deps.clock()));
    const set = this.deps.setTimer ?? ((fn, delay) => { const t = setTimeout(fn, delay); t.unref?.(); return () => clearTimeout(t); });
    this.cancelTimer = set(() => this.tick(), ms);
  }

  /** stops the timer, cancels running jobs and waits for them (drain) */
  async stop(): Promise<void> {
    if (this.state === 'stopped' && !this.active.size) return;
    this.state = 'stopped';
    this.cancelTimer?.();
    this.cancelTimer = null;
    for (const a of this.active.values()) a.ctl.abort();
    await Promise.all([...this.active.values()].map((a) => a.done));
  }

  health(): ServiceHealth {
    if (this.state === 'stopped') return { status: 'stopped', detail: 'scheduler not running' };
    const enabled = this.jobs.filter((j) => j.enabled).length;
    const at = this.nextWakeAt();
    return { status: 'ok', detail: `${enabled} job(s) enabled, ${this.active.size} running${at !== null ? `, next at ${new Date(at).toISOString()}` : ''}` };
  }

  status() {
    return {
      running: this.state === 'running',
      nextDue: new Map(this.nextDue),
      active: new Set(this.active.keys()),
    };
  }
}
