/**
 * The coordinator side: runs a batch of tasks (today: one sweep session's pending chunks) on the cluster and
 * hands each result to `onResult` exactly once — the same callback a local pool feeds, so the sweep's chunk store,
 * progress, ETA, cancel and resume work unchanged.
 *
 * Per session: publish the data set (content-addressed; skipped if present), drain results left by an earlier
 * session (a coordinator that was killed), enqueue one BullMQ job per pending chunk with the id `<run>.c<chunk>`
 * (BullMQ ignores an add whose id exists, so re-enqueueing is idempotent), then pop results as they arrive.
 * Every ~2 s a reconciliation pass checks that each pending chunk still has a job (a Redis restart without
 * persistence loses the queue: missing jobs and the data set are re-published) and that none has failed for good.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { parseErrorCode, PeakError } from '../../core/errors';
import type { Logger } from '../api/context';
import type { SharedBars } from '../../workers/shared-data';
import { connect, safeError } from './connection';
import { packBars, publishData, type PackedData } from './data';
import {
  DATA_KINDS, decodeValue, encodeValue, jobIdOf, keys, LIVE_AFTER_MS, PREFIX, QUEUE, RESULT_TTL_SEC, ResultMessageSchema, versionMismatch,
  type ClusterKind, type ClusterVersion, type TaskEnvelope,
} from './protocol';
import { listWorkers } from './registry';

export interface ClusterBatch {
  /** stable id of this job on this coordinator (the same on resume) */
  run: string;
  kind: ClusterKind;
  /** chunk number of each input (job ids) */
  chunkIds: readonly number[];
  /** task inputs; for kinds with a data set every one carries the same shared data set as `data` */
  inputs: readonly ({ data?: SharedBars } & Record<string, unknown>)[];
}

export interface ClusterRunOptions {
  signal: AbortSignal;
  onResult: (index: number, value: unknown) => void;
  /** reconciliation period (tests shorten it) */
  reconcileMs?: number;
}

export interface ClusterStats {
  bytesPublished: number;
  resultsReceived: number;
  duplicates: number;
  requeued: number;
  resultBytes: number;
}

/** chunks checked per reconciliation pass */
export const RECONCILE_WINDOW = 2000;

export function createCoordinator(url: string, version: ClusterVersion, logger: Logger, now: () => number = Date.now) {
  const cmd: Redis = connect(url, { name: 'peak-coordinator' });
  const pop: Redis = connect(url, { blocking: true, name: 'peak-coordinator-results' });
  const queueConn: Redis = connect(url, { name: 'peak-coordinator-queue' });
  const queue = new Queue(QUEUE, { connection: queueConn, prefix: PREFIX });
  queue.on('error', (e) => logger.warn('cluster queue error (retrying)', { error: safeError(e) }));
  const stats: ClusterStats = { bytesPublished: 0, resultsReceived: 0, duplicates: 0, requeued: 0, resultBytes: 0 };

  async function checkWorkers(): Promise<void> {
    const live = (await listWorkers(cmd, now())).filter((w) => now() - w.lastHeartbeat < LIVE_AFTER_MS);
    if (live.length === 0) {
      logger.warn('cluster: no live worker yet; tasks wait in the queue until one connects');
      return;
    }
    const ok = live.filter((w) => versionMismatch(version, w.version) === null);
    if (ok.length === 0) {
      throw new PeakError('CONFLICT', `cluster: ${versionMismatch(version, live[0].version)} (${live.length} live worker(s), none compatible)`);
    }
  }

  async function run(b: ClusterBatch, o: ClusterRunOptions): Promise<void> {
    if (b.inputs.length === 0) return;
    const shared = b.inputs[0].data;
    if (DATA_KINDS.has(b.kind) !== (shared !== undefined)) throw new PeakError('INTERNAL', `cluster: task kind ${b.kind} ${shared === undefined ? 'needs' : 'takes no'} data set`);
    const data: PackedData | null = shared !== undefined ? packBars(shared) : null;
    const index = new Map<number, number>(b.chunkIds.map((c, i) => [c, i]));
    const pending = new Set<number>(b.chunkIds);
    const resultsKey = keys.results(b.run);
    const envelope = (i: number): TaskEnvelope => {
      const { data: _d, ...input } = b.inputs[i];
      return { v: version, run: b.run, chunk: b.chunkIds[i], kind: b.kind, data: data && { sha: data.sha, rows: data.rows }, input: encodeValue(input) };
    };
    const enqueue = async (chunks: number[]) => {
      for (let s = 0; s < chunks.length; s += 500) {
        await queue.addBulk(chunks.slice(s, s + 500).map((c) => ({
          name: b.kind,
          data: envelope(index.get(c) as number),
          opts: { jobId: jobIdOf(b.run, c), removeOnComplete: true, removeOnFail: { count: 1000 }, attempts: 1 },
        })));
      }
    };

    let failure: PeakError | null = null;
    const handle = (raw: string) => {
      stats.resultBytes += raw.length;
      let msg;
      try {
        msg = ResultMessageSchema.parse(JSON.parse(raw));
      } catch (e) {
        logger.warn('cluster: malformed result ignored', { error: safeError(e) });
        return;
      }
      if (msg.run !== b.run) return;
      if (!pending.has(msg.chunk)) {
        stats.duplicates++;
        return;
      }
      if (!msg.ok) {
        const code = parseErrorCode(msg.error.code) ?? 'INTERNAL';
        failure ??= new PeakError(code, `cluster: chunk ${msg.chunk} on worker ${msg.worker}: ${msg.error.message}`);
        return;
      }
      pending.delete(msg.chunk);
      stats.resultsReceived++;
      o.onResult(index.get(msg.chunk) as number, decodeValue(msg.value));
    };
    const drain = async () => {
      for (;;) {
        const batch = await cmd.lpop(resultsKey, 256);
        if (batch === null || batch.length === 0) return;
        for (const r of batch) handle(r);
      }
    };

    const cancel = async () => {
      await cmd.multi().set(keys.cancelled(b.run), '1', 'EX', RESULT_TTL_SEC).publish(keys.cancelChannel, b.run).exec();
      await Promise.all([...pending].map((c) => queue.remove(jobIdOf(b.run, c)).catch(() => 0)));
      await cmd.del(resultsKey);
    };
    let cancelling: Promise<void> | null = null;
    const onAbort = () => {
      cancelling ??= cancel().catch((e: unknown) => logger.warn('cluster: cancel incomplete', { error: safeError(e) }));
    };

    await checkWorkers();
    if (data !== null) stats.bytesPublished += await publishData(cmd, data);
    // A resumed run may have been cancelled before: clear the marker, then collect what finished meanwhile.
    await cmd.del(keys.cancelled(b.run));
    await drain();
    if (pending.size > 0) await enqueue([...pending]);
    o.signal.addEventListener('abort', onAbort, { once: true });
    const reconcileMs = o.reconcileMs ?? 2000;
    let lastReconcile = now();
    let cursor = 0;
    try {
      while (pending.size > 0 && failure === null && !o.signal.aborted) {
        const got = await pop.blpop(resultsKey, 0.5);
        if (got !== null) {
          handle(got[1]);
          await drain();
        }
        if (now() - lastReconcile >= reconcileMs && pending.size > 0) {
          lastReconcile = now();
          await reconcile().catch((e: unknown) => logger.warn('cluster: reconciliation failed (retrying)', { error: safeError(e) }));
        }
      }
    } catch (e) {
      // A result the caller refused (or a store error): stop the run's remaining work before reporting.
      if (!o.signal.aborted) await cancel().catch(() => {});
      throw e;
    } finally {
      o.signal.removeEventListener('abort', onAbort);
    }
    if (o.signal.aborted) {
      onAbort();
      await cancelling;
      throw new PeakError('CANCELLED', `cluster run ${b.run}: cancelled`);
    }
    if (failure !== null) {
      await cancel().catch(() => {});
      throw failure;
    }

    async function reconcile(): Promise<void> {
      // At most RECONCILE_WINDOW chunks per pass, in rotation: the pass stays O(window), not O(pending), on sweeps
      // of tens of thousands of chunks (a lost queue is then re-filled over a few passes).
      const all = [...pending];
      const start = all.length > RECONCILE_WINDOW ? cursor % all.length : 0;
      const ids = all.length > RECONCILE_WINDOW ? [...all.slice(start), ...all.slice(0, start)].slice(0, RECONCILE_WINDOW) : all;
      cursor = start + ids.length;
      const p = cmd.pipeline();
      for (const c of ids) p.hmget(keys.job(jobIdOf(b.run, c)), 'name', 'failedReason', 'finishedOn');
      const res = (await p.exec()) ?? [];
      // Results are pushed before a job completes (and is removed): drain AFTER looking, so a missing job whose
      // result is already in the list is not re-queued.
      await drain();
      const missing: number[] = [];
      ids.forEach((c, i) => {
        if (!pending.has(c)) return;
        const [err, v] = res[i] ?? [null, null];
        const [name, failedReason, finishedOn] = (err === null ? v : [null, null, null]) as (string | null)[];
        if (name === null) missing.push(c);
        else if (failedReason !== null && finishedOn !== null) {
          failure ??= new PeakError('INTERNAL', `cluster: chunk ${c} failed on the cluster: ${failedReason}`);
        }
      });
      if (missing.length > 0 && failure === null && !o.signal.aborted) {
        logger.warn('cluster: tasks missing from the queue (Redis restarted or lost data?); re-queued', { count: missing.length });
        stats.requeued += missing.length;
        if (data !== null) stats.bytesPublished += await publishData(cmd, data);
        await enqueue(missing);
      }
    }
  }

  return {
    run,
    stats: () => ({ ...stats }),
    async close(): Promise<void> {
      await queue.close().catch(() => {});
      queueConn.disconnect();
      pop.disconnect();
      cmd.disconnect();
    },
  };
}

export type Coordinator = ReturnType<typeof createCoordinator>;
