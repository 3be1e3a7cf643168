/**
 * A worker node (`peak worker --redis <url>`): a BullMQ Worker that pulls task envelopes from the queue and runs
 * them on this machine's own piscina pool with the registered task kinds. Per task: parse the envelope (zod),
 * refuse another version, skip a cancelled run, fetch the data set by content hash (cached), run the task (its
 * own zod schema validates the rest), push the encoded result to the run's result list, then complete the job.
 *
 * Faults: if this process dies mid-task its job lock expires and BullMQ's stalled-job check (run by the other
 * workers) puts the job back in the queue; the result is pushed BEFORE the job completes, so a crash between the
 * two only produces a duplicate result, which the coordinator ignores (chunk ids are idempotent).
 * A bad payload is rejected: the job fails with the reason (no retry), the reason is added to `peak:rejected`,
 * and — when the payload names a run — to that run's result list, so the coordinator reports it.
 */
import { hostname } from 'node:os';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { isPeakError } from '../../core/errors';
import type { Logger } from '../api/context';
import { createPool, defaultWorkerCount, type Pool } from '../pool/pool';
import { connect, safeError } from './connection';
import { createDataCache } from './data';
import {
  DATA_KINDS, decodeValue, encodeValue, firstIssue, HEARTBEAT_MS, keys, PREFIX, QUEUE, REJECTED_KEEP, RESULT_TTL_SEC, TaskEnvelopeSchema,
  versionMismatch, type ClusterVersion, type ResultMessage, type WorkerInfo,
} from './protocol';

export interface WorkerNodeOptions {
  url: string;
  /** tasks run at once = piscina threads (default: the cores) */
  concurrency?: number;
  version: ClusterVersion;
  logger: Logger;
  /** BullMQ lock: a dead worker's task is re-queued after ~lockDuration + stalledInterval */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  now?: () => number;
}

export interface WorkerNode {
  readonly id: string;
  info(): WorkerInfo;
  close(): Promise<void>;
}

export async function startWorkerNode(o: WorkerNodeOptions): Promise<WorkerNode> {
  const now = o.now ?? Date.now;
  const concurrency = Math.max(1, Math.floor(o.concurrency ?? defaultWorkerCount()));
  const id = `${hostname()}#${process.pid}`;
  const cmd: Redis = connect(o.url, { name: `peak-worker-cmd` });
  const sub: Redis = connect(o.url, { blocking: true, name: `peak-worker-sub` });
  const data = createDataCache(cmd);
  const pool: Pool = createPool({
    workers: concurrency,
    onWorkerCrash: (c) => o.logger.warn('worker thread crashed; task retried once', { kind: c.kind, message: c.message }),
  });
  const info: WorkerInfo = {
    id, host: hostname(), pid: process.pid, cores: defaultWorkerCount(), concurrency, version: o.version,
    startedAt: now(), lastHeartbeat: now(), tasksDone: 0, tasksFailed: 0, busy: 0,
  };
  /** run id → abort controllers of its running tasks (cancel from the coordinator) */
  const running = new Map<string, Set<AbortController>>();

  const beat = async () => {
    info.lastHeartbeat = now();
    await cmd.hset(keys.workers, id, JSON.stringify(info)).catch(() => {});
  };

  const pushResult = async (m: ResultMessage) => {
    const k = keys.results(m.run);
    await cmd.multi().rpush(k, JSON.stringify(m)).expire(k, RESULT_TTL_SEC).exec();
  };

  const reject = async (job: Job, reason: string, run: string | null, chunk: number | null): Promise<never> => {
    info.tasksFailed++;
    o.logger.warn('task rejected', { jobId: job.id, reason });
    const r = JSON.stringify({ at: now(), worker: id, jobId: String(job.id ?? '?').slice(0, 300), reason: reason.slice(0, 2000) });
    await cmd.multi().lpush(keys.rejected, r).ltrim(keys.rejected, 0, REJECTED_KEEP - 1).exec().catch(() => {});
    if (run !== null && chunk !== null) {
      await pushResult({ ok: false, run, chunk, worker: id, error: { code: 'BAD_INPUT', message: reason.slice(0, 2000) } }).catch(() => {});
    }
    throw new UnrecoverableError(reason);
  };

  const processor = async (job: Job, _token?: string, signal?: AbortSignal): Promise<{ rows: number } | { cancelled: true }> => {
    const env = TaskEnvelopeSchema.safeParse(job.data);
    if (!env.success) {
      const raw = job.data as { run?: unknown; chunk?: unknown } | null;
      const run = typeof raw?.run === 'string' && /^[A-Za-z0-9._-]{1,120}$/.test(raw.run) ? raw.run : null;
      const chunk = typeof raw?.chunk === 'number' && Number.isInteger(raw.chunk) && raw.chunk >= 0 ? raw.chunk : null;
      return reject(job, `invalid task payload at ${firstIssue(env.error)}`, run, chunk);
    }
    const t = env.data;
    const mismatch = versionMismatch(t.v, o.version);
    if (mismatch !== null) return reject(job, mismatch, t.run, t.chunk);
    if ((await cmd.exists(keys.cancelled(t.run))) === 1) return { cancelled: true };
    let input: Record<string, unknown>;
    try {
      const v = decodeValue(t.input);
      if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
      input = v as Record<string, unknown>;
    } catch (e) {
      return reject(job, `invalid task payload at input: ${safeError(e).slice(0, 200)}`, t.run, t.chunk);
    }
    if (Object.hasOwn(input, 'data')) return reject(job, 'invalid task payload at input.data: data travels by content hash only', t.run, t.chunk);
    if (DATA_KINDS.has(t.kind) !== (t.data !== null)) {
      return reject(job, `invalid task payload at data: task kind ${t.kind} ${DATA_KINDS.has(t.kind) ? 'needs' : 'takes no'} data set`, t.run, t.chunk);
    }

    const ctl = new AbortController();
    const onAbort = () => ctl.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    let set = running.get(t.run);
    if (set === undefined) running.set(t.run, (set = new Set()));
    set.add(ctl);
    info.busy++;
    try {
      const full = t.data === null ? input : { ...input, data: await data.get(t.data.sha, t.data.rows) };
      let value: unknown;
      try {
        value = await pool.run(t.kind, full as never, { signal: ctl.signal });
      } catch (e) {
        if (ctl.signal.aborted) return { cancelled: true };
        if (isPeakError(e) && e.code === 'BAD_INPUT') return reject(job, e.message, t.run, t.chunk);
        info.tasksFailed++;
        // A task that fails on valid input fails the same way everywhere: report it, do not retry.
        await pushResult({ ok: false, run: t.run, chunk: t.chunk, worker: id, error: { code: isPeakError(e) ? e.code : 'INTERNAL', message: safeError(e).slice(0, 2000) } });
        throw new UnrecoverableError(safeError(e));
      }
      const encoded = encodeValue(value);
      await pushResult({ ok: true, run: t.run, chunk: t.chunk, worker: id, value: encoded });
      info.tasksDone++;
      return { rows: Array.isArray((value as { rows?: unknown }).rows) ? (value as { rows: unknown[] }).rows.length : 1 };
    } finally {
      info.busy--;
      set.delete(ctl);
      if (set.size === 0) running.delete(t.run);
      signal?.removeEventListener('abort', onAbort);
    }
  };

  // Passed in (not options) so BullMQ shares our error handling; closed by us in close().
  const bullConn: Redis = connect(o.url, { blocking: true, name: 'peak-worker-bullmq' });
  const worker = new Worker(QUEUE, processor, {
    connection: bullConn,
    prefix: PREFIX,
    concurrency,
    lockDuration: o.lockDurationMs ?? 15_000,
    stalledInterval: o.stalledIntervalMs ?? 5_000,
    // A task may be interrupted by a few worker deaths before it is declared failed.
    maxStalledCount: 5,
    autorun: false,
  });
  worker.on('error', (e) => o.logger.warn('queue connection error (retrying)', { error: safeError(e) }));
  worker.on('failed', (job, e) => o.logger.debug('job failed', { jobId: job?.id, error: safeError(e) }));

  await sub.subscribe(keys.cancelChannel);
  sub.on('message', (_ch: string, run: string) => {
    const set = running.get(run);
    if (set === undefined) return;
    o.logger.info('run cancelled by the coordinator; stopping its tasks', { run, tasks: set.size });
    for (const c of set) c.abort();
  });

  await beat();
  const hb = setInterval(() => void beat(), HEARTBEAT_MS);
  hb.unref();
  void worker.run();
  o.logger.info('worker node started', { id, concurrency, version: `${o.version.app}/p${o.version.protocol}` });

  let closed = false;
  return {
    id,
    info: () => ({ ...info }),
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(hb);
      for (const set of running.values()) for (const c of set) c.abort();
      await worker.close(true).catch(() => {});
      await cmd.hdel(keys.workers, id).catch(() => {});
      await pool.destroy();
      bullConn.disconnect();
      sub.disconnect();
      cmd.disconnect();
    },
  };
}
