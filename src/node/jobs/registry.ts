/**
 * Long jobs (downloads, sweeps, walk-forward …): an id, an AbortSignal for cancellation, and throttled
 * 'jobs:did-progress' events (rate in units/s over the job so far, ETA in s).
 */
import { PeakError } from '../../core/errors';
import type { EventBus } from './events';

export interface Job {
  readonly id: string;
  readonly kind: string;
  readonly signal: AbortSignal;
  /** report progress; events are throttled to one per `minIntervalMs` except the final one */
  progress(done: number, total?: number | null, message?: string): void;
  /** throws PeakError CANCELLED if the job was cancelled */
  throwIfCancelled(): void;
}

export interface JobRegistry {
  /** runs fn as a job; emits jobs:did-finish with its status; the job's id is unique in this process */
  run<T>(kind: string, fn: (job: Job) => Promise<T>, opts?: { total?: number | null; id?: string }): Promise<T>;
  cancel(jobId: string): boolean;
  list(): { jobId: string; kind: string; startedAt: number; done: number; total: number | null }[];
  /** cancels everything (shutdown) */
  cancelAll(): void;
}

export function createJobRegistry(events: EventBus, clock: () => number, minIntervalMs = 200): JobRegistry {
  let seq = 0;
  const live = new Map<string, { kind: string; startedAt: number; done: number; total: number | null; ctl: AbortController }>();

  return {
    async run(kind, fn, opts = {}) {
      const id = opts.id ?? `${kind}-${clock().toString(36)}-${(++seq).toString(36)}`;
      const ctl = new AbortController();
      const entry = { kind, startedAt: clock(), done: 0, total: opts.total ?? null, ctl };
      live.set(id, entry);
      let lastEmit = -Infinity;
      const job: Job = {
        id,
        kind,
        signal: ctl.signal,
        progress(done, total, message) {
          entry.done = done;
          if (total !== undefined) entry.total = total;
          const now = clock();
          const final = entry.total !== null && done >= entry.total;
          if (!final && now - lastEmit < minIntervalMs) return;
          lastEmit = now;
          const elapsedSec = Math.max(1e-3, (now - entry.startedAt) / 1000);
          const ratePerSec = done / elapsedSec;
          const etaSec = entry.total !== null && ratePerSec > 0 ? Math.max(0, (entry.total - done) / ratePerSec) : null;
          events.emit('jobs:did-progress', { jobId: id, kind, done, total: entry.total, ratePerSec, etaSec, ...(message ? { message } : {}) });
        },
        throwIfCancelled() {
          if (ctl.signal.aborted) throw new PeakError('CANCELLED', `${kind} job ${id} was cancelled`);
        },
      };
      try {
        const v = await fn(job);
        events.emit('jobs:did-finish', { jobId: id, kind, status: 'done' });
        return v;
      } catch (e) {
        const cancelled = ctl.signal.aborted || (e instanceof PeakError && e.code === 'CANCELLED');
        events.emit('jobs:did-finish', { jobId: id, kind, status: cancelled ? 'cancelled' : 'failed', message: (e as Error).message });
        throw e;
      } finally {
        live.delete(id);
      }
    },
    cancel(jobId) {
      const j = live.get(jobId);
      if (!j) return false;
      j.ctl.abort();
      return true;
    },
    list: () => [...live].map(([jobId, j]) => ({ jobId, kind: j.kind, startedAt: j.startedAt, done: j.done, total: j.total })),
    cancelAll() {
      for (const j of live.values()) j.ctl.abort();
    },
  };
}
