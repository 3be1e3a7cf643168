/**
 * createServices: the ONE place the Electron main process, the browser twin, the CLI and the tests get
 * everything from — the store, the handler map, invoke() with raw input, push events and close(). Entry points
 * inject paths, the clock and the logger; nothing below this reads process.env, app.getPath or Date.now().
 */
import { join, resolve } from 'node:path';
import type { ApiResult, CommandName, CommandOutput, EventName, EventPayload } from '../core/api/contract';
import type { AppConfig } from '../core/api/config';
import type { Bars } from '../core/data/bars';
import type { SeedDatasetSpec } from '../core/data/synthetic';
import { openStore, type Store } from './db/store';
import { seedIfEmpty } from './db/seed';
import { createSettingsQueries, maxWorkersFor, storedWorkers } from './db/settings';
import { defaultWorkerCount } from './pool/pool';
import { loadConfig } from './config/load';
import { silentLogger, type HandlerContext, type Logger } from './api/context';
import { createEventBus, type AnyListener } from './api/events';
import { createJobRegistry } from './api/job-registry';
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
  /** which data sets to seed (default: helper B's seedDatasets(); tests pass small specs) */
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
  invoke<K extends CommandName>(name: K, rawInput?: unknown): Promise<ApiResult<CommandOutput<K>>>;
  /** for transports that route by string (IPC, HTTP): unknown names → NOT_FOUND */
  invokeByName(name: string, rawInput?: unknown): Promise<ApiResult<unknown>>;
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  on<E extends EventName>(name: E, cb: (payload: EventPayload<E>) => void): () => void;
  /** every event (transports forward these to the renderer) */
  onAny(cb: AnyListener): () => void;
  /** cancels jobs, disposes shared resources (pool), closes the database; idempotent */
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
  const workers = Math.max(1, opts.workers ?? storedWorkers(createSettingsQueries(store.db, clock), maxWorkersFor(cores)) ?? cores);

  const events = createEventBus((e) => logger.error('event listener failed', { error: String(e) }));
  const jobs = createJobRegistry(events, clock);

  const barsCache = new Map<string, Bars>();
  const resources = new Map<string, { value: unknown; dispose?: (v: unknown) => void | Promise<void> }>();

  const ctx: HandlerContext = {
    store,
    config,
    clock,
    logger,
    events,
    jobs,
    dataDir,
    dbPath,
    version: pkg.version,
    workers,
    ...(opts.exchangeApiUrl !== undefined && { exchangeApiUrl: requireLoopbackUrl(opts.exchangeApiUrl, 'exchangeApiUrl') }),
    bars(id) {
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
    dropBars: (id) => void barsCache.delete(id),
    resource<T>(key: string, create: () => T, dispose?: (v: T) => void | Promise<void>): T {
      const r = resources.get(key);
      if (r) return r.value as T;
      const value = create();
      resources.set(key, { value, ...(dispose && { dispose: dispose as (v: unknown) => void | Promise<void> }) });
      return value;
    },
  };

  if (opts.seed ?? config.data.seed_on_first_run) {
    const seeded = seedIfEmpty(store, opts.seedSpecs ? { specs: opts.seedSpecs } : {});
    if (seeded.length) logger.info('seeded data sets', { names: seeded.map((d) => d.name) });
  }

  const handlers = createHandlers(ctx);
  let closed = false;

  return {
    store,
    config,
    handlers,
    ctx,
    invoke: (name, rawInput) => invokeHandler(handlers, name, rawInput),
    invokeByName: (name, rawInput) => invokeHandler(handlers, name, rawInput),
    emit: (name, payload) => events.emit(name, payload),
    on: (name, cb) => events.on(name, cb),
    onAny: (cb) => events.onAny(cb),
    async close() {
      if (closed) return;
      closed = true;
      jobs.cancelAll();
      for (const [key, r] of [...resources].reverse()) {
        try {
          await r.dispose?.(r.value);
        } catch (e) {
          logger.warn('resource dispose failed', { key, error: String(e) });
        }
      }
      resources.clear();
      barsCache.clear();
      store.close();
    },
  };
}
