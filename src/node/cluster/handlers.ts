/**
 * cluster:get / cluster:set / cluster:test — the compute setting and the cluster's health.
 *
 * Trust: the browser twin forwards these from the UI, and the URL is the user's own setting (like a data
 * directory): it is accepted only as redis:// or rediss://, connected to with a 3 s timeout, never logged or
 * returned with its password. A web page cannot reach the twin without its per-launch token.
 */
import type { CommandOutput } from '../../core/api/contract';
import { PeakError } from '../../core/errors';
import type { HandlerContext } from '../api/context';
import type { Handlers } from '../api/handlers';
import { connect, parseRedisUrl, redactRedisUrl, redisVersionOf, safeError } from './connection';
import { clusterVersion } from './executor';
import { PREFIX, QUEUE, versionMismatch } from './protocol';
import { listRejections, listWorkers } from './registry';
import { storeCompute, storedCompute } from './settings';

type Status = CommandOutput<'cluster:test'>;

/** Connects once, reads what the Settings panel shows, disconnects. Never throws for a bad connection. */
export async function clusterStatus(url: string, app: ReturnType<typeof clusterVersion>, now: () => number): Promise<Status> {
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

export function createClusterHandlers(ctx: HandlerContext) {
  const snapshot = (): CommandOutput<'cluster:get'> => {
    const c = storedCompute(ctx);
    return {
      compute: c.mode,
      url: c.mode === 'cluster' ? redactRedisUrl(c.url) : null,
      version: ctx.version,
      protocol: clusterVersion(ctx).protocol,
    };
  };
  return {
    'cluster:get': () => snapshot(),
    'cluster:set': (input) => {
      if (input.compute === 'local') {
        // "this machine" forgets the cluster URL (and its password) entirely.
        storeCompute(ctx, { mode: 'local' });
        return snapshot();
      }
      const prev = storedCompute(ctx);
      // The UI shows the stored URL masked; sending it back unchanged keeps the stored (unmasked) one.
      const url = prev.mode === 'cluster' && input.url === redactRedisUrl(prev.url) ? prev.url : parseRedisUrl(input.url, 'url').url;
      storeCompute(ctx, { mode: 'cluster', url });
      ctx.logger.info('compute set to cluster', { url: redactRedisUrl(url) });
      return snapshot();
    },
    'cluster:test': async (input) => {
      const stored = storedCompute(ctx);
      let url: string;
      if (input.url !== undefined) {
        url = stored.mode === 'cluster' && input.url === redactRedisUrl(stored.url) ? stored.url : parseRedisUrl(input.url, 'url').url;
      } else if (stored.mode === 'cluster') {
        url = stored.url;
      } else {
        throw new PeakError('BAD_INPUT', 'cluster:test: url: no cluster is configured; pass a redis:// or rediss:// URL');
      }
      return clusterStatus(url, clusterVersion(ctx), ctx.clock);
    },
  } satisfies Partial<Handlers>;
}
