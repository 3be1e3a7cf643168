/**
 * The registry of worker nodes: each node writes its WorkerInfo (host, cores, version, tasks done, busy) into the
 * `peak:workers` hash every HEARTBEAT_MS. Readers parse every entry with zod (a malformed one is skipped), call
 * a node live while its heartbeat is younger than LIVE_AFTER_MS, and forget entries silent for a minute (a node
 * that was SIGKILLed never deletes its own entry).
 */
import type { Redis } from 'ioredis';
import { keys, LIVE_AFTER_MS, RejectionSchema, WorkerInfoSchema, type Rejection, type WorkerInfo } from './protocol';

const FORGET_AFTER_MS = 60_000;

export interface ListedWorker extends WorkerInfo {
  live: boolean;
}

export async function listWorkers(redis: Redis, now: number): Promise<ListedWorker[]> {
  const all = await redis.hgetall(keys.workers);
  const out: ListedWorker[] = [];
  const stale: string[] = [];
  for (const [field, raw] of Object.entries(all)) {
    let parsed;
    try {
      parsed = WorkerInfoSchema.safeParse(JSON.parse(raw));
    } catch {
      parsed = null;
    }
    if (parsed === null || !parsed.success) continue;
    const w = parsed.data;
    if (now - w.lastHeartbeat > FORGET_AFTER_MS) {
      stale.push(field);
      continue;
    }
    out.push({ ...w, live: now - w.lastHeartbeat < LIVE_AFTER_MS });
  }
  if (stale.length > 0) await redis.hdel(keys.workers, ...stale);
  return out.sort((a, b) => a.host.localeCompare(b.host) || a.pid - b.pid);
}

/** Recent rejected payloads, newest first. */
export async function listRejections(redis: Redis, limit = 20): Promise<Rejection[]> {
  const raw = await redis.lrange(keys.rejected, 0, limit - 1);
  const out: Rejection[] = [];
  for (const r of raw) {
    try {
      const p = RejectionSchema.safeParse(JSON.parse(r));
      if (p.success) out.push(p.data);
    } catch {
      /* skip a malformed entry */
    }
  }
  return out;
}
