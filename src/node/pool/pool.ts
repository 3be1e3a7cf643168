/**
 * The worker pool: piscina sized to the cores (minThreads = maxThreads, so no spin-up during a job), ONE worker
 * entry (src/workers/task.worker.ts) dispatching on a task kind. The main thread only does bookkeeping.
 *
 * - Cancellation: an AbortSignal aborts queued tasks at once and terminates the threads running aborted tasks,
 *   so a job stops within a chunk's time (chunks are ≤ ~200 ms) and usually at once.
 * - Errors: a task handler's failure comes back as data naming the kind and the task's parameters → PeakError.
 *   A worker that dies (process.exit, a throw outside the handler, OOM) is reported and its task retried once.
 */
import { setMaxListeners } from 'node:events';
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { PeakError, parseErrorCode, type PeakErrorCode } from '../../core/errors';
import type { TaskKind, TaskInput, TaskOutput } from '../../workers/tasks/index';
import type { TaskReply } from '../../workers/tasks/task';
import defaultWorkerPath from '../../workers/task.worker?modulePath';

export interface PoolOptions {
  /** number of worker threads (default: os.availableParallelism()) */
  workers?: number;
  /** override the worker file (tests of a built bundle) */
  workerPath?: string;
  /** called when a worker crashes while running a task (before the retry) */
  onWorkerCrash?: (info: { kind: string; attempt: number; message: string }) => void;
  /** monotonic clock in ms for rates/ETA (default performance.now) */
  now?: () => number;
}

export interface Progress {
  done: number;
  total: number;
  /** finished tasks per second since the start */
  ratePerSec: number;
  /** seconds left at the current rate (null before the first task finishes) */
  etaSec: number | null;
}

export interface RunOptions {
  signal?: AbortSignal;
  transferList?: NonNullable<Parameters<Piscina['run']>[1]>['transferList'];
}

export interface RunManyOptions<R> {
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  /** called as each task finishes (in completion order) — for persisting results as they arrive */
  onResult?: (index: number, result: R) => void;
  /** keep results and return them in input order (default true); false for streams of many big results */
  collect?: boolean;
}

export interface Pool {
  readonly workers: number;
  run<K extends TaskKind>(kind: K, input: TaskInput<K>, opts?: RunOptions): Promise<TaskOutput<K>>;
  runMany<K extends TaskKind>(kind: K, inputs: readonly TaskInput<K>[], opts?: RunManyOptions<TaskOutput<K>>): Promise<TaskOutput<K>[]>;
  destroy(): Promise<void>;
}

const isAbort = (e: unknown): boolean => e instanceof Error && (e.name === 'AbortError' || e.constructor.name === 'AbortError');

// A worker's error code crosses a thread boundary as a string: one of ours (core's z.enum), else INTERNAL.
const toCode = (c: string): PeakErrorCode => parseErrorCode(c) ?? 'INTERNAL';

export const defaultWorkerCount = (): number => Math.max(1, availableParallelism());

export function createPool(opts: PoolOptions = {}): Pool {
  const workers = Math.max(1, Math.floor(opts.workers ?? defaultWorkerCount()));
  const now = opts.now ?? (() => performance.now());
  const piscina = new Piscina({
    filename: opts.workerPath ?? defaultWorkerPath,
    minThreads: workers,
    maxThreads: workers,
    // One task per thread at a time: tasks are CPU-bound.
    concurrentTasksPerWorker: 1,
    idleTimeout: Infinity,
  });
  let destroyed = false;
  // Threads terminated by a cancel are replaced at once (minThreads); a replacement announces itself
  // ('workerCreate') only after its module has loaded. destroy() waits (bounded) for those announcements, so it
  // never terminates a thread in the middle of its bootstrap — seen to take the whole process down under load.
  let replacing = 0;
  piscina.on('workerDestroy', () => {
    if (!destroyed) replacing++;
  });
  piscina.on('workerCreate', () => {
    if (replacing > 0) replacing--;
  });

  async function runOnce(kind: string, input: unknown, ro: RunOptions): Promise<unknown> {
    if (destroyed) throw new PeakError('INTERNAL', 'pool: already destroyed');
    const cancelled = () => new PeakError('CANCELLED', `task ${kind}: cancelled`);
    if (ro.signal?.aborted) throw cancelled();
    for (let attempt = 1; ; attempt++) {
      let reply: TaskReply;
      try {
        reply = (await piscina.run({ kind, input }, { signal: ro.signal, transferList: ro.transferList })) as TaskReply;
      } catch (e) {
        if (isAbort(e) || ro.signal?.aborted) throw cancelled();
        const message = e instanceof Error ? e.message : String(e);
        opts.onWorkerCrash?.({ kind, attempt, message });
        if (attempt >= 2) {
          throw new PeakError('INTERNAL', `task ${kind}: worker crashed twice (${message}); giving up`);
        }
        continue;
      }
      if (reply.ok) return reply.value;
      throw new PeakError(toCode(reply.error.code), reply.error.message);
    }
  }

  return {
    workers,
    run(kind, input, ro = {}) {
      return runOnce(kind, input, ro) as Promise<never>;
    },
    async runMany(kind, inputs, ro = {}) {
      const total = inputs.length;
      const collect = ro.collect ?? true;
      const results: unknown[] = collect ? new Array(total) : [];
      const t0 = now();
      let done = 0;
      // A private controller so the first failure cancels the rest of the job.
      const inner = new AbortController();
      // Every queued task listens on it (piscina); thousands of chunks are normal here.
      setMaxListeners(0, inner.signal);
      const onOuterAbort = () => inner.abort(ro.signal?.reason);
      if (ro.signal?.aborted) throw new PeakError('CANCELLED', `task ${kind}: cancelled`);
      ro.signal?.addEventListener('abort', onOuterAbort, { once: true });
      ro.onProgress?.({ done: 0, total, ratePerSec: 0, etaSec: null });
      let firstError: unknown = null;
      try {
        await Promise.all(
          inputs.map(async (input, i) => {
            try {
              const r = await runOnce(kind, input, { signal: inner.signal });
              if (firstError !== null) return;
              if (collect) results[i] = r;
              done++;
              ro.onResult?.(i, r as never);
              const el = (now() - t0) / 1000;
              const rate = el > 0 ? done / el : 0;
              ro.onProgress?.({ done, total, ratePerSec: rate, etaSec: rate > 0 ? (total - done) / rate : null });
            } catch (e) {
              if (firstError === null) {
                firstError = e;
                inner.abort(e);
              }
            }
          }),
        );
      } finally {
        ro.signal?.removeEventListener('abort', onOuterAbort);
      }
      if (firstError !== null) {
        if (ro.signal?.aborted) throw new PeakError('CANCELLED', `task ${kind}: cancelled after ${done} of ${total}`);
        throw firstError;
      }
      return results as never;
    },
    async destroy() {
      if (destroyed) return;
      const until = now() + 3000;
      while (replacing > 0 && now() < until) await new Promise((r) => setTimeout(r, 20));
      destroyed = true;
      await piscina.destroy();
    },
  };
}
