/**
 * What every handler gets: the store (its repositories), the validated config and the research configs loaded
 * once, the injected clock and logger, the event bus, the job registry, the shared worker pool, the sweep
 * service and the service registry. Built once by createServices (src/node/services.ts); typed members, no
 * string-keyed lookups.
 */
import type { Bars } from '../../core/data/bars';
import type { AppConfig } from '../../core/api/config';
import type { ClusterService } from '../cluster/service';
import type { Store } from '../db/store';
import type { JobRegistry } from '../jobs/registry';
import type { ServiceRegistry } from '../lifecycle/registry';
import type { SharedPool } from '../pool/context-pool';
import type { SharedBars } from '../../workers/shared-data';
import type { ResearchConfigs } from '../research/configs';
import type { SweepService } from '../sweeps/service';
import type { EventBus } from './events';
import type { Handlers } from './handlers';

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export interface HandlerContext {
  store: Store;
  config: AppConfig;
  /** gonogo thresholds, portfolio recipes, sweep presets: read once at start-up (lazily, on first use) */
  research: ResearchConfigs;
  /** epoch ms */
  clock: () => number;
  logger: Logger;
  events: EventBus;
  jobs: JobRegistry;
  /** long-lived services (start in order, stop in reverse, health in app:info) */
  services: ServiceRegistry;
  dataDir: string;
  dbPath: string;
  version: string;
  /** test-only: a loopback replay server replacing the exchange's REST base URL (injected, never from a request) */
  exchangeApiUrl?: string;
  /** worker threads the pool may use */
  workers: number;
  /** the app's one worker pool (threads start on first use; resized by settings:set) */
  pool: SharedPool;
  /** parameter sweeps: start, progress, results (which sweeps this process runs) */
  sweeps: SweepService;
  /** the compute cluster: where heavy jobs run (this machine or `peak worker` nodes behind Redis), its health */
  cluster: ClusterService;
  /** data sets shared with the workers (SharedArrayBuffers), by content hash; small LRU */
  sharedData: Map<string, SharedBars>;
  /** a data set's bars (small LRU cache: repeated runs on one data set do not re-read the BLOBs) */
  bars(datasetId: string): Bars;
  /** forget cached bars (after a delete) */
  dropBars(datasetId: string): void;
  /** the handler map itself, for features that call other commands in-process (the automation runner) */
  handlers: Handlers;
}
