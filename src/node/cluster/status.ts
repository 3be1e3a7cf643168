/**
 * The cluster's status as the Settings panel (cluster:test) and the cluster service's health monitor read it:
 * PING latency, Redis version, the worker registry, queue depth, recent rejected payloads — over one short probe
 * connection. Never throws for a bad connection; errors are returned with credentials masked.
 */
import type { CommandOutput } from '../../core/api/contract';
import { connect, redisVersionOf, safeError } from './connection';
import { PREFIX, QUEUE, versionMismatch, type ClusterVersion } from './protocol';
import { listRejections, listWorkers } from './registry';

type Status = CommandOutput<'cluster:test'>;

/** Connects once, reads what the Settings panel shows, disconnects. Never throws for a bad connection. */
export async function clusterStatus(url: string, app: ClusterVersion, now: () => number): Promise<Status> {
  const r = connect(url, { probe: true, name: 'peak-settings-probe' });
  // The reason a connection dies (WRONGPASS, ECONNREFUSED, TLS) arrives as an 'error' event; the command that
  // was waiting only sees "Connection is closed".
  let lastError: unknown = null;
  r.on('error', (e: unknown) => (lastError ??= e));
  try {
    await r.connect();
    const t0 = performance.now();
    await r.ping();
    const latencyMs = performance.now() - t0;
    const [info, workers, rejected, waiting, active] = await Promise.all([
      r.info('server'),
      listWorkers(r, now()),
      listRejections(r, 20),
      r.llen(`${PREFIX}:${QUEUE}:wait`),
      r.llen(`${PREFIX}:${QUEUE}:active`),
    ]);
    return {
      ok: true, error: null, redisVersion: redisVersionOf(info), latencyMs, waiting, active, rejected,
      workers: workers.map((w) => ({
        id: w.id, host: w.host, pid: w.pid, cores: w.cores, concurrency: w.concurrency,
        version: `${w.version.app} (protocol ${w.version.protocol})`, compatible: versionMismatch(app, w.version) === null,
        tasksDone: w.tasksDone, tasksFailed: w.tasksFailed, busy: w.busy, startedAt: w.startedAt, lastHeartbeat: w.lastHeartbeat, live: w.live,
      })),
    };
  } catch (e) {
    return { ok: false, error: safeError(lastError ?? e), redisVersion: null, latencyMs: null, workers: [], rejected: [], waiting: null, active: null };
  } finally {
    r.disconnect();
  }
}
