/**
 * What every handler gets: the store, the validated config, the injected clock and logger, the event bus, the
 * job registry and shared resources. Built once by createServices (src/node/services.ts).
 */
import type { Bars } from '../../core/data/bars';
import type { AppConfig } from '../../core/api/config';
import type { Store } from '../db/store';
import type { EventBus } from './events';
import type { JobRegistry } from './job-registry';

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
  /** epoch ms */
  clock: () => number;
  logger: Logger;
  events: EventBus;
  jobs: JobRegistry;
  dataDir: string;
  dbPath: string;
  version: string;
  /** test-only: a loopback replay server replacing the exchange's REST base URL (injected, never from a request) */
  exchangeApiUrl?: string;
  /** worker threads the pool may use */
  workers: number;
  /** a data set's bars (small LRU cache: repeated runs on one data set do not re-read the BLOBs) */
  bars(datasetId: string): Bars;
  /** forget cached bars (after a delete) */
  dropBars(datasetId: string): void;
  /**
   * A lazily created shared resource (e.g. the worker pool: `ctx.resource('pool', () => createPool(...),
   * (p) => p.destroy())`). Created on first use, disposed by services.close() in reverse creation order.
   */
  resource<T>(key: string, create: () => T, dispose?: (value: T) => void | Promise<void>): T;
}
