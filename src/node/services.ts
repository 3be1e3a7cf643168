/**
 * createServices: the ONE place the Electron main process, the browser twin, the CLI and the tests get
 * everything from — the store, the handler map, invoke() with raw input, push events, the service registry and
 * close(). Entry points inject paths, the clock and the logger; nothing below this reads process.env,
 * app.getPath or Date.now().
 *
 * Long-lived services are registered here in start order: store → pool → cluster → jobs → sweeps (→ features' own, e.g.
 * live sessions, scheduler, alert sinks via ctx.services.register). start() starts them; close() stops them in
 * reverse order: sweeps flush their last chunk, running jobs are cancelled and drained, the pool's threads end,
 * and the store is closed last (WAL checkpoint).
 */
import { join, resolve } from 'node:path';
import type { ApiResult, CommandName, CommandOutput, EventName, EventPayload } from '../core/api/contract';
import type { AppConfig } from '../core/api/config';
import type { Bars } from '../core/data/bars';
import type { SeedDatasetSpec } from '../core/data/synthetic';
import type { SharedBars } from '../workers/shared-data';
import { openStore, type Store } from './db/store';
import { seedIfEmpty } from './db/seed';
import { maxWorkersFor, storedWorkers } from './db/settings';
import { defaultWorkerCount } from './pool/pool';
import { createSharedPool } from './pool/context-pool';
import { loadConfig } from './config/load';
import { silentLogger, type HandlerContext, type Logger } from './api/context';
import { createEventBus, type AnyListener } from './api/events';
import { createJobRegistry } from './jobs/registry';
import type { CallContext } from './jobs/call-context';
import { createServiceRegistry, type ServiceRegistry } from './lifecycle/registry';
import { createResearchConfigs } from './research/configs';
import { createSweepService, sweepLifecycle } from './sweeps/service';
import { createClusterService } from './cluster/service';
import { createHandlers, type Handlers } from './api/handlers';
import { invoke as invokeHandler } from './api/invoke';
import { requireLoopbackUrl } from './data/loopback-url';
import pkg from '../../package.json';

export interface ServicesOptions {
  /** the app's data directory (user data dir in the app, a temp dir in tests) */
  dataDir: string;
  /** default: <dataDir>/peak.db; ':memory:' for throwaway stores */
  dbPath?: string;
  /** epoch ms; default Date.now — the entry point's choice, passed down */
  clock?: () => number;
  logger?: Logger;
  /** better-sqlite3 native binding path (Electron-ABI build) */
  nativeBinding?: string;
  /** a validated config; default: the bundled config/config.toml (see loadConfig for a file) */
  config?: AppConfig;
  /** seed the named synthetic data sets into an empty store (default: config [data] seed_on_first_run) */
  seed?: boolean;
  /** which data sets to seed (default: seedDatasets(); tests pass small specs) */
  seedSpecs?: SeedDatasetSpec[];
  /**
   * worker threads for the pool; wins over the stored setting (settings:set). Default: the stored setting, else
   * the available cores.
   */
  workers?: number;
  /** test-only: a loopback URL replacing every exchange REST base URL (see node/data/loopback-url.ts) */
  exchangeApiUrl?: string;
}

export interface Services {
  store: Store;
  config: AppConfig;
  handlers: Handlers;
  ctx: HandlerContext;
  /** the long-lived services (health: app:info) */
  registry: ServiceRegistry;
  /** `call` names the connection (default: the local door) — jobs it starts are its own */
  invoke<K extends CommandName>(name: K, rawInput?: unknown, call?: CallContext): Promise<ApiResult<CommandOutput<K>>>;
  /** for transports that route by string (IPC, HTTP): unknown names → NOT_FOUND */
  invokeByName(name: string, rawInput?: unknown, call?: CallContext): Promise<ApiResult<unknown>>;
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  on<E extends EventName>(name: E, cb: (payload: EventPayload<E>) => void): () => void;
  /** every event with its audience (transports deliver job events to their owner and followers only) */
  onAny(cb: AnyListener): () => void;
  /** starts the registered long-lived services in order (the app, the twin and long CLI commands call it once) */
  start(): Promise<void>;
  /** stops the services in reverse order: drains jobs, stops the pool, closes the database; idempotent */
  close(): Promise<void>;
}

const BARS_CACHE = 3;

export function createServices(opts: ServicesOptions): Services {
  const clock = opts.clock ?? (() => Date.now());
  const logger = opts.logger ?? silentLogger;
  const config = opts.config ?? loadConfig();
  const dataDir = resolve(opts.dataDir);
  const dbPath = opts.dbPath === ':memory:' ? ':memory:' : resolve(opts.dbPath ?? join(dataDir, 'peak.db'));
  const store = openStore({ path: dbPath, clock, ...(opts.nativeBinding && { nativeBinding: opts.nativeBinding }) });

  // Pool size: explicit option > stored setting (settings table; invalid or out-of-range rows are ignored) > cores.
  const cores = defaultWorkerCount();
  const workers = Math.max(1, opts.workers ?? storedWorkers(store.settings, maxWorkersFor(cores)) ?? cores);

  const events = createEventBus((e) => logger.error('event listener failed', { error: String(e) }));
  const jobs = createJobRegistry(events, clock, store.jobs);
  const registry = createServiceRegistry((msg, fields) => logger.error(msg, fields));

  const barsCache = new Map<string, Bars>();
  const sharedData = new Map<string, SharedBars>();

  // Typed members assigned below (the pool and the sweep service need the context itself).
  const ctx = {
    store,
    config,
    research: createResearchConfigs(),
    clock,
    logger,
    events,
    jobs,
    services: registry,
    dataDir,
    dbPath,
    version: pkg.version,
    workers,
    sharedData,
    ...(opts.exchangeApiUrl !== undefined && { exchangeApiUrl: requireLoopbackUrl(opts.exchangeApiUrl, 'exchangeApiUrl') }),
    bars(id: string): Bars {
      let b = barsCache.get(id);
      if (b) {
        barsCache.delete(id);
      } else {
        b = store.datasets.bars(id);
        if (barsCache.size >= BARS_CACHE) barsCache.delete(barsCache.keys().next().value as string);
      }
      barsCache.set(id, b);
      return b;
    },
    dropBars: (id: string) => void barsCache.delete(id),
  } as HandlerContext;
  ctx.pool = createSharedPool(ctx);
  ctx.cluster = createClusterService(ctx);
  ctx.sweeps = createSweepService(ctx);

  registry.register({
    name: 'store',
    start() {},
    stop: () => store.close(),
    health: () => ({ status: 'ok', detail: `schema ${store.schemaVersion()}` }),
  });
  registry.register({
    name: 'pool',
    start() {},
    stop: () => ctx.pool.destroy(),
    health: () => ({ status: 'ok', detail: `${ctx.workers} worker(s); ${ctx.pool.sizes().reduce((a, b) => a + b, 0)} thread(s) alive` }),
  });
  // Before jobs: on stop, jobs drain (closing the coordinators their sessions opened) before the cluster stops.
  registry.register(ctx.cluster);
  registry.register({
    name: 'jobs',
    start() {},
    stop: () => jobs.drain(),
    health: () => ({ status: 'ok', detail: `${jobs.list().length} job(s) running` }),
  });
  registry.register(sweepLifecycle(ctx, ctx.sweeps));

  if (opts.seed ?? config.data.seed_on_first_run) {
    const seeded = seedIfEmpty(store, opts.seedSpecs ? { specs: opts.seedSpecs } : {});
    if (seeded.length) logger.info('seeded data sets', { names: seeded.map((d) => d.name) });
  }

  const handlers = createHandlers(ctx);
  // in-process callers of other handlers (the automation runner) use the same map
  ctx.handlers = handlers;
  let closing: Promise<void> | null = null;

  return {
    store,
    config,
    handlers,
    ctx,
    registry,
    invoke: (name, rawInput, call) => invokeHandler(handlers, name, rawInput, call),
    invokeByName: (name, rawInput, call) => invokeHandler(handlers, name, rawInput, call),
    emit: (name, payload) => events.emit(name, payload),
    on: (name, cb) => events.on(name, cb),
    onAny: (cb) => events.onAny(cb),
    start: () => registry.startAll(),
    close() {
      closing ??= (async () => {
        await registry.stopAll();
        barsCache.clear();
        sharedData.clear();
      })();
      return closing;
    },
  };
}
