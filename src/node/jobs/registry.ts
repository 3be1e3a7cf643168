/**
 * The ONE job lifecycle (issue 7). A long job (download, backtest, research run, sweep …) has an id (the caller's
 * choice or ours), an owner (the connection that started it), a row in the jobs table, an AbortSignal for
 * cancellation and throttled 'jobs:did-progress' events; its end is one 'jobs:did-finish' naming what it produced.
 *
 * Events of a job go to its owner and to the connections that follow it (the event's audience; in-process
 * listeners see everything). Cancelling another connection's job needs `force`. Whether a job can be resumed is a
 * property of its kind (`defineKind`): the kind's resumer continues a stored job under the same id.
 */
import type { JobDetail, JobInfo, JobResultRef, JobStatus } from '../../core/api/commands/jobs';
import { PeakError } from '../../core/errors';
import type { JobListFilter, JobQueries, JobRecord } from '../db/jobs';
import type { EventBus } from '../api/events';
import { currentCall } from './call-context';
import { createThroughput } from './throughput';

export interface Job {
  readonly id: string;
  readonly kind: string;
  /** the connection that started it */
  readonly owner: string;
  readonly signal: AbortSignal;
  /** report progress; events are throttled to one per `minIntervalMs` except the final one */
  progress(done: number, total?: number | null, message?: string, detail?: JobDetail): void;
  /** throws PeakError CANCELLED if the job was cancelled */
  throwIfCancelled(): void;
  /** what the job produced (sent with jobs:did-finish and kept in the jobs table) */
  setResult(ref: JobResultRef): void;
  setConfigHash(hash: string): void;
}

export interface JobRunOptions {
  /** the caller's id (e.g. the command's `jobId` input); default: a fresh one */
  id?: string;
  total?: number | null;
  /** default: the current call's connection */
  owner?: string;
  configHash?: string;
  /** internal (resume): run again under the id of a stored job instead of refusing a used id */
  rerun?: boolean;
}

export interface ResumeOptions {
  owner: string;
  wait: boolean;
  workers?: number;
}

export interface ResumeOutcome {
  status: JobStatus;
  remaining: number;
  total: number | null;
}

export interface JobKindSpec {
  /** continue a stored (not running, not done) job under its id; `wait` resolves when it ends */
  resume(rec: JobRecord, opts: ResumeOptions): Promise<ResumeOutcome>;
}

export interface LiveJobInfo {
  jobId: string;
  kind: string;
  owner: string;
  startedAt: number;
  done: number;
  total: number | null;
}

export interface JobRegistry {
  /** runs fn as a job; emits jobs:did-finish with its status; refuses (CONFLICT) an id already used */
  run<T>(kind: string, fn: (job: Job) => Promise<T>, opts?: JobRunOptions): Promise<T>;
  /** a fresh server-made id */
  newId(kind: string): string;
  /** throws CONFLICT when `id` is running or stored */
  assertFree(id: string): void;
  /**
   * Cancel a running job. `by` (default: the current call's connection) must own it unless `force`; a job that is
   * not running answers false.
   */
  cancel(jobId: string, opts?: { by?: string; force?: boolean }): boolean;
  /** add/remove a connection to a running job's audience; false when the job is not running */
  follow(jobId: string, connectionId: string): boolean;
  unfollow(jobId: string, connectionId: string): boolean;
  /** who receives this job's events (null: not a live job) */
  audience(jobId: string): ReadonlySet<string> | null;
  /** jobs running in this process */
  list(): LiveJobInfo[];
  /** the jobs table, as `viewer` sees it (mine, resumable); running rows not live here read 'interrupted' */
  history(filter: JobListFilter, viewer: string): JobInfo[];
  get(jobId: string): JobRecord | null;
  /** a resumable kind and how to resume it */
  defineKind(kind: string, spec: JobKindSpec): void;
  isResumable(kind: string): boolean;
  resume(jobId: string, opts: ResumeOptions): Promise<ResumeOutcome & { jobId: string; kind: string; result?: JobResultRef }>;
  /** cancels everything (shutdown) */
  cancelAll(): void;
  /** cancels everything and waits until every job has ended (or `timeoutMs` passed) */
  drain(timeoutMs?: number): Promise<void>;
}

interface Live {
  kind: string;
  owner: string;
  startedAt: number;
  done: number;
  total: number | null;
  ctl: AbortController;
  audience: Set<string>;
  settled: Promise<unknown>;
}

export function createJobRegistry(events: EventBus, clock: () => number, repo: JobQueries, minIntervalMs = 200): JobRegistry {
  let seq = 0;
  const live = new Map<string, Live>();
  const kinds = new Map<string, JobKindSpec>();
  // A job still 'running' in the table was left by a process that died.
  repo.markInterrupted();

  // Live here wins over the row (another process opening the same database marks running rows 'interrupted');
  // a 'running' row nobody here runs was left by a process that died.
  const statusOf = (r: JobRecord): JobStatus => (live.has(r.id) ? 'running' : r.status === 'running' ? 'interrupted' : r.status);

  const registry: JobRegistry = {
    newId: (kind) => `${kind}-${clock().toString(36)}-${(++seq).toString(36)}`,
    assertFree(id) {
      if (live.has(id) || repo.get(id) !== null) throw new PeakError('CONFLICT', `job id "${id}" is already used`);
    },
    run(kind, fn, opts = {}) {
      const id = opts.id ?? registry.newId(kind);
      const owner = opts.owner ?? currentCall().connectionId;
      if (live.has(id)) return Promise.reject(new PeakError('CONFLICT', `job ${id} is already running`));
      if (opts.rerun && repo.get(id) !== null) repo.restart(id, owner);
      else if (!repo.insert({ id, kind, owner, configHash: opts.configHash ?? null, total: opts.total ?? null })) {
        return Promise.reject(new PeakError('CONFLICT', `job id "${id}" is already used`));
      }
      const ctl = new AbortController();
      const entry: Live = {
        kind, owner, startedAt: clock(), done: 0, total: opts.total ?? null, ctl, audience: new Set([owner]), settled: Promise.resolve(),
      };
      live.set(id, entry);
      let lastEmit = -Infinity;
      // the rate counts this session's work only (a resumed job starts at its stored `done`), after warm-up
      const throughput = createThroughput(entry.startedAt);
      let result: JobResultRef | undefined;
      const job: Job = {
        id,
        kind,
        owner,
        signal: ctl.signal,
        progress(done, total, message, detail) {
          entry.done = done;
          if (total !== undefined) entry.total = total;
          const now = clock();
          const { ratePerSec, etaSec } = throughput.update(done, entry.total, now);
          const final = entry.total !== null && done >= entry.total;
          if (!final && now - lastEmit < minIntervalMs) return;
          lastEmit = now;
          repo.progress(id, done, entry.total, message ?? null);
          events.emit('jobs:did-progress', {
            jobId: id, kind, done, total: entry.total, ratePerSec, etaSec, ...(message ? { message } : {}), ...(detail ? { detail } : {}),
          }, entry.audience);
        },
        throwIfCancelled() {
          if (ctl.signal.aborted) throw new PeakError('CANCELLED', `${kind} job ${id} was cancelled`);
        },
        setResult(ref) {
          result = ref;
          repo.setResult(id, ref);
        },
        setConfigHash: (h) => repo.setConfigHash(id, h),
      };
      const finish = (status: 'done' | 'failed' | 'cancelled', message?: string): void => {
        try {
          repo.finish(id, status, status === 'failed' ? (message ?? 'failed') : null);
        } catch { /* store closed during shutdown: the row reads 'interrupted' next start */ }
        events.emit('jobs:did-finish', {
          jobId: id, kind, status, ...(message !== undefined && { message }), ...(result && { result }),
        }, entry.audience);
      };
      const p = (async () => {
        try {
          const v = await fn(job);
          finish('done');
          return v;
        } catch (e) {
          const cancelled = ctl.signal.aborted || (e instanceof PeakError && e.code === 'CANCELLED');
          finish(cancelled ? 'cancelled' : 'failed', (e as Error).message);
          throw e;
        } finally {
          live.delete(id);
        }
      })();
      entry.settled = p.catch(() => undefined);
      return p;
    },
    cancel(jobId, opts = {}) {
      const j = live.get(jobId);
      if (!j) return false;
      const by = opts.by ?? currentCall().connectionId;
      if (by !== j.owner && !opts.force) {
        throw new PeakError('FORBIDDEN', `job ${jobId} was started by another connection; pass force to cancel it anyway`);
      }
      j.ctl.abort();
      return true;
    },
    follow(jobId, connectionId) {
      const j = live.get(jobId);
      if (!j) return false;
      j.audience.add(connectionId);
      return true;
    },
    unfollow(jobId, connectionId) {
      const j = live.get(jobId);
      if (j && connectionId !== j.owner) j.audience.delete(connectionId);
      return false;
    },
    audience: (jobId) => live.get(jobId)?.audience ?? null,
    list: () => [...live].map(([jobId, j]) => ({ jobId, kind: j.kind, owner: j.owner, startedAt: j.startedAt, done: j.done, total: j.total })),
    history(filter, viewer) {
      return repo.list(filter).map((r) => {
        const status = statusOf(r);
        const l = live.get(r.id);
        return {
          jobId: r.id, kind: r.kind, status, startedAt: r.startedAt, finishedAt: r.finishedAt,
          done: l?.done ?? r.done, total: l?.total ?? r.total, mine: r.owner === viewer,
          resumable: kinds.has(r.kind) && status !== 'running' && status !== 'done',
          ...(r.configHash !== null && { configHash: r.configHash }),
          ...(r.result !== null && { result: r.result }),
          ...(r.error !== null && { error: r.error }),
        };
      });
    },
    get: (jobId) => repo.get(jobId),
    defineKind(kind, spec) {
      kinds.set(kind, spec);
    },
    isResumable: (kind) => kinds.has(kind),
    async resume(jobId, opts) {
      const rec = repo.get(jobId);
      if (rec === null) throw new PeakError('NOT_FOUND', `job ${jobId} not found`);
      const spec = kinds.get(rec.kind);
      if (!spec) throw new PeakError('BAD_INPUT', `job ${jobId}: a ${rec.kind} job cannot be resumed (resumable kinds: ${[...kinds.keys()].join(', ') || 'none'})`);
      if (live.has(jobId)) throw new PeakError('CONFLICT', `job ${jobId} is already running`);
      const out = await spec.resume(rec, opts);
      return { jobId, kind: rec.kind, ...out, ...(rec.result !== null && { result: rec.result }) };
    },
    cancelAll() {
      for (const j of live.values()) j.ctl.abort();
    },
    async drain(timeoutMs = 10_000) {
      const all = [...live.values()];
      for (const j of all) j.ctl.abort();
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        Promise.all(all.map((j) => j.settled)),
        new Promise<void>((resolve) => { timer = setTimeout(resolve, timeoutMs); timer.unref?.(); }),
      ]);
      if (timer) clearTimeout(timer);
    },
  };
  return registry;
}
