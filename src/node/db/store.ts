/**
 * The SQLite store: one better-sqlite3 connection per process is the ONLY writer (WAL, foreign keys on,
 * numbered migrations, batch writes in transactions). Opening a second writable store on the same file in
 * the same process is refused (CONFLICT); read-only connections (workers, tools) may open with `readonly`.
 * Every table sits behind a repository here (datasets, runs, sweeps, jobs, settings, reports, audit, sweep leases,
 * Go/No-Go verdicts); `store.db` is the raw connection for repositories under node/db only (lint refuses it
 * elsewhere).
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { PeakError } from '../../core/errors';
import { discoverMigrations, migrate, schemaVersion, type Migration } from './migrate';
import { createDatasetQueries, type DatasetQueries } from './datasets';
import { createRunQueries, type RunQueries } from './runs';
import { createJobQueries, type JobQueries } from './jobs';
import { createSettingsQueries, type SettingsQueries } from './settings';
import { createSweepQueries, type SweepQueries } from './sweeps';
import { createReportQueries, type ReportQueries } from './reports';
import { createAuditQueries, type AuditQueries } from './audit';
import { createDrillRepository, type DrillRepository } from './drills';
import { createGovernanceRepo, type GovernanceRepo } from './governance';
import { createAutomationRepository, type AutomationRepository } from './automation';
import { createLiveRepository, type LiveRepository } from './live';
import { createSweepLeaseQueries, type SweepLeaseQueries } from './sweep-leases';
import { createGoNoGoVerdicts, type GoNoGoVerdicts } from './gonogo-verdicts';

export interface StoreOptions {
  /** file path, or ':memory:' */
  path: string;
  /** path of a better-sqlite3 .node build (the Electron-ABI build in the desktop app) */
  nativeBinding?: string;
  /** epoch ms; injected so nothing below the entry points reads the system clock */
  clock: () => number;
  readonly?: boolean;
  /** replaces the discovered migrations (tests) */
  migrations?: Migration[];
}

export interface Store {
  readonly path: string;
  readonly db: Database.Database;
  readonly clock: () => number;
  readonly datasets: DatasetQueries;
  readonly runs: RunQueries;
  readonly sweeps: SweepQueries;
  readonly jobs: JobQueries;
  readonly settings: SettingsQueries;
  readonly reports: ReportQueries;
  /** the append-only, hash-chained audit log (migration 041) */
  readonly audit: AuditQueries;
  readonly drills: DrillRepository;
  readonly governance: GovernanceRepo;
  readonly automation: AutomationRepository;
  readonly live: LiveRepository;
  /** which process computes a sweep (migration 045; policy in node/sweeps/lease.ts) */
  readonly sweepLeases: SweepLeaseQueries;
  /** stored Go/No-Go verdicts with their evidence (migration 046) */
  readonly gonogoVerdicts: GoNoGoVerdicts;
  schemaVersion(): number;
  /** run fn in one write transaction (nested calls become savepoints) */
  tx<T>(fn: () => T): T;
  close(): void;
}

const openWriters = new Set<string>();

export function openStore(opts: StoreOptions): Store {
  const memory = opts.path === ':memory:';
  const path = memory ? ':memory:' : resolve(opts.path);
  const writer = !opts.readonly;
  if (writer && !memory && openWriters.has(path)) {
    throw new PeakError('CONFLICT', `database ${path} is already open for writing in this process (one writer)`);
  }
  if (!memory && writer) mkdirSync(dirname(path), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(path, {
      readonly: !!opts.readonly,
      fileMustExist: !!opts.readonly,
      ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    });
  } catch (e) {
    throw new PeakError('BAD_FILE', `cannot open database ${path}: ${(e as Error).message}`);
  }
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    if (writer) {
      if (!memory) db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      migrate(db, opts.migrations ?? discoverMigrations(), opts.clock());
    }
  } catch (e) {
    db.close();
    if (e instanceof PeakError) throw e;
    throw new PeakError('BAD_FILE', `database ${path}: ${(e as Error).message}`);
  }
  if (writer && !memory) openWriters.add(path);

  let closed = false;
  const repos = new Map<string, unknown>();
  const lazy = <T>(key: string, make: () => T): T => {
    if (!repos.has(key)) repos.set(key, make());
    return repos.get(key) as T;
  };
  const store: Store = {
    path,
    db,
    clock: opts.clock,
    datasets: createDatasetQueries(db, opts.clock),
    runs: createRunQueries(db, opts.clock),
    // Repositories prepare their statements up front, which needs their tables: a read-only store of an older
    // schema (or a test's custom migrations) gets them lazily.
    get sweeps() { return lazy('sweeps', () => createSweepQueries(db, opts.clock)); },
    get jobs() { return lazy('jobs', () => createJobQueries(db, opts.clock)); },
    get settings() { return lazy('settings', () => createSettingsQueries(db, opts.clock)); },
    get reports() { return lazy('reports', () => createReportQueries(db)); },
    get audit() { return lazy('audit', () => createAuditQueries(db, opts.clock)); },
    get drills() { return lazy('drills', () => createDrillRepository(db)); },
    get governance() { return lazy('governance', () => createGovernanceRepo(db)); },
    get automation() { return lazy('automation', () => createAutomationRepository(db)); },
    get live() { return lazy('live', () => createLiveRepository(db)); },
    get sweepLeases() { return lazy('sweepLeases', () => createSweepLeaseQueries(db)); },
    get gonogoVerdicts() { return lazy('gonogoVerdicts', () => createGoNoGoVerdicts(db, opts.clock)); },
    schemaVersion: () => schemaVersion(db),
    tx: <T>(fn: () => T): T => db.transaction(fn)(),
    close() {
      if (closed) return;
      closed = true;
      if (writer && !memory) openWriters.delete(path);
      db.close();
    },
  };
  return store;
}
