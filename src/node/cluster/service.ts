/**
 * The cluster as a long-lived service (ctx.cluster, registered in the service registry): which compute this
 * process uses (the stored setting, or a CLI --cluster override that is never stored), this database's
 * coordinator id, the coordinators open right now (their Redis connections; stop() closes what a finished job
 * left), and the cluster's health for app:info — while compute is `cluster` and the service runs, a monitor
 * reads the worker registry every MONITOR_MS (one short probe connection, 3 s timeout).
 *
 * The sweep runner and the research jobs reach the cluster only through `sweepChunkExecutor` / `computePool`,
 * which ask this service where to run.
 */
import { randomUUID } from 'node:crypto';
import type { HandlerContext } from '../api/context';
import type { LongLivedService, ServiceHealth } from '../lifecycle/service';
import { redactRedisUrl, parseRedisUrl } from './connection';
import { createCoordinator, type Coordinator } from './coordinator';
import { clusterStatus } from './status';
import { CLUSTER_PROTOCOL, type ClusterVersion } from './protocol';
import { storedCompute, type Compute } from './settings';

export const MONITOR_MS = 10_000;
const COORDINATOR_KEY = 'cluster.coordinator';

type ClusterCtx = Pick<HandlerContext, 'store' | 'clock' | 'logger' | 'version'>;

/** What the monitor last saw of the cluster at `url` (masked in everything it reports). */
interface Seen {
  url: string;
  ok: boolean;
  error: string | null;
  live: number;
  compatible: number;
  threads: number;
}

export interface ClusterService extends LongLivedService {
  /** CLI --cluster: this process's jobs run on the cluster at `url` (validated; not stored) */
  useForProcess(url: string): void;
  /** where new jobs run: the process override, else the stored setting */
  compute(): Compute;
  /** this app's version and cluster protocol (workers must match both) */
  version(): ClusterVersion;
  /** this database's coordinator id (random, stored once): run ids never collide between two coordinators */
  coordinatorId(): string;
  /** a coordinator on `url`, tracked until its close() (stop() closes any left open) */
  openCoordinator(url: string): Coordinator;
  /** while the service runs: re-reads the cluster's health now (after cluster:set); resolves when read */
  refresh(): Promise<void>;
}

export function createClusterService(ctx: ClusterCtx): ClusterService {
  let override: string | null = null;
  const open = new Set<Coordinator>();
  let seen: Seen | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  let checking: Promise<void> | null = null;
  let stopped = false;

  const compute = (): Compute => (override !== null ? { mode: 'cluster', url: override } : storedCompute(ctx.store));
  const version = (): ClusterVersion => ({ app: ctx.version, protocol: CLUSTER_PROTOCOL });

  async function check(): Promise<void> {
    const c = compute();
    if (c.mode === 'local') {
      seen = null;
      return;
    }
    const st = await clusterStatus(c.url, version(), ctx.clock);
    const live = st.workers.filter((w) => w.live);
    const ok = live.filter((w) => w.compatible);
    seen = { url: c.url, ok: st.ok, error: st.error, live: live.length, compatible: ok.length, threads: ok.reduce((n, w) => n + w.concurrency, 0) };
  }
  const refresh = (): Promise<void> => {
    // Only a started service monitors (the app, the twin); a one-shot CLI command never probes in the background.
    if (timer === null) return Promise.resolve();
    checking ??= check()
      .catch((e: unknown) => ctx.logger.warn('cluster: health check failed', { error: redactRedisUrl(String(e)) }))
      .finally(() => { checking = null; });
    return checking;
  };

  function health(): ServiceHealth {
    const c = compute();
    const runs = open.size > 0 ? `; ${open.size} run(s) on the cluster` : '';
    if (c.mode === 'local') return { status: 'ok', detail: `compute on this machine${runs}` };
    const where = `cluster at ${redactRedisUrl(c.url)}`;
    if (seen === null || seen.url !== c.url) return { status: timer === null ? 'ok' : 'starting', detail: `${where}: not checked yet${runs}` };
    if (!seen.ok) return { status: 'degraded', detail: `${where} unreachable: ${seen.error ?? 'unknown error'}${runs}` };
    if (seen.compatible === 0) {
      const why = seen.live === 0 ? 'no live worker' : `${seen.live} live worker(s), none of this version`;
      return { status: 'degraded', detail: `${where}: ${why} (tasks wait in the queue)${runs}` };
    }
    return { status: 'ok', detail: `${where}: ${seen.compatible} live worker(s), ${seen.threads} thread(s)${runs}` };
  }

  return {
    name: 'cluster',
    start() {
      if (timer !== null || stopped) return;
      timer = setInterval(() => void refresh(), MONITOR_MS);
      timer.unref();
      void refresh();
    },
    async stop() {
      stopped = true;
      if (timer !== null) clearInterval(timer);
      timer = null;
      await checking;
      await Promise.all([...open].map((co) => co.close()));
    },
    health,
    useForProcess(url) {
      override = parseRedisUrl(url, '--cluster').url;
    },
    compute,
    version,
    coordinatorId() {
      const v = ctx.store.settings.get(COORDINATOR_KEY);
      if (typeof v === 'string' && /^[a-f0-9]{8}$/.test(v)) return v;
      const id = randomUUID().replace(/-/g, '').slice(0, 8);
      ctx.store.settings.set(COORDINATOR_KEY, id);
      return id;
    },
    openCoordinator(url) {
      const co = createCoordinator(url, version(), ctx.logger);
      open.add(co);
      return {
        ...co,
        async close() {
          open.delete(co);
          await co.close();
        },
      };
    },
    refresh,
  };
}
