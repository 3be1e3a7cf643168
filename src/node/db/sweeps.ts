/**
 * SQLite queries of the sweep tables (migration 010). All writes of a finished chunk — its result rows, the chunk
 * record and the counters — happen in ONE transaction, so after a crash the database holds whole chunks only and
 * a resume recomputes exactly the missing ones.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { PeakError } from '../../core/errors';
import { canonicalJson } from '../../core/hash';
import { z } from 'zod';
import { ParamValueSchema, SweepConfigSchema, type SweepConfig } from '../../core/research/sweep';
import type { ParamSet } from '../../core/research/grid';
import { blobToF64, f64ToBlob } from '../db/blob';

export type SweepStatus = 'running' | 'interrupted' | 'cancelled' | 'failed' | 'done';

export interface SweepRecord {
  id: number;
  datasetId: string;
  strategyId: string;
  preset: string | null;
  config: SweepConfig;
  configHash: string;
  seed: number;
  metric: string;
  total: number;
  chunkSize: number;
  chunks: number;
  chunksDone: number;
  done: number;
  status: SweepStatus;
  error: string | null;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
  elapsedMs: number;
}

export interface SweepResultRow {
  index: number;
  params: ParamSet;
  metrics: Record<string, number | null>;
}

export interface ResultQuery {
  sortBy: string;
  desc: boolean;
  limit: number;
  offset: number;
  /** keep rows whose metric lies in [min, max] (either bound optional) */
  filters?: { metric: string; min?: number; max?: number }[];
}

/** Metrics stored as real columns too (indexed ranking); everything else goes through json_extract. */
const REAL_COLUMNS: Record<string, string> = {
  sharpe: 'sharpe',
  totalReturnPct: 'total_return_pct',
  maxDrawdownPct: 'max_drawdown_pct',
  trades: 'trades',
};

const METRIC_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

// JSON columns of sweep_results, parsed on read.
const ParamsJson = z.record(z.string(), ParamValueSchema);
const MetricsJson = z.record(z.string(), z.number().nullable());
const parseParams = (text: string): ParamSet => ParamsJson.parse(JSON.parse(text));
const parseMetrics = (text: string): Record<string, number | null> => MetricsJson.parse(JSON.parse(text));

type HeatValue = number | string | boolean | null;

function metricExpr(name: string, args: unknown[]): string {
  if (!METRIC_NAME.test(name)) throw new PeakError('BAD_INPUT', `metric "${name}": not a metric name`);
  const col = REAL_COLUMNS[name];
  if (col !== undefined) return col;
  args.push(`$.${name}`);
  return 'json_extract(metrics_json, ?)';
}

interface SweepDbRow {
  id: number; dataset_id: string; strategy_id: string; preset: string | null; config_json: string; config_hash: string;
  seed: number; metric: string; total: number; chunk_size: number; chunks: number; chunks_done: number; done: number;
  status: SweepStatus; error: string | null; created_at: number; updated_at: number; finished_at: number | null; elapsed_ms: number;
}

const toRecord = (r: SweepDbRow): SweepRecord => ({
  id: r.id,
  datasetId: r.dataset_id,
  strategyId: r.strategy_id,
  preset: r.preset,
  config: SweepConfigSchema.parse(JSON.parse(r.config_json)),
  configHash: r.config_hash,
  seed: r.seed,
  metric: r.metric,
  total: r.total,
  chunkSize: r.chunk_size,
  chunks: r.chunks,
  chunksDone: r.chunks_done,
  done: r.done,
  status: r.status,
  error: r.error,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  finishedAt: r.finished_at,
  elapsedMs: r.elapsed_ms,
});

export interface StoredResultRow extends SweepResultRow {
  blocks: Float64Array;
}

export interface ChunkRowInput {
  index: number;
  params: ParamSet;
  metrics: Record<string, number | null>;
  blocks: Float64Array;
}

export function createSweepQueries(db: Database.Database, clock: () => number) {
  const insertSweep = db.prepare(`INSERT INTO sweeps (dataset_id, strategy_id, preset, config_json, config_hash, seed, metric,
    total, chunk_size, chunks, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?, ?)`);
  const getSweep = db.prepare('SELECT * FROM sweeps WHERE id = ?');
  const insertResult = db.prepare(`INSERT OR REPLACE INTO sweep_results (sweep_id, idx, params_json, metrics_json, blocks, sharpe,
    total_return_pct, max_drawdown_pct, trades) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertChunk = db.prepare('INSERT OR IGNORE INTO sweep_chunks (sweep_id, chunk, finished_at) VALUES (?, ?, ?)');
  const bump = db.prepare(`UPDATE sweeps SET chunks_done = chunks_done + 1, done = done + ?, updated_at = ?, elapsed_ms = elapsed_ms + ?
    WHERE id = ?`);
  const chunksOf = db.prepare('SELECT chunk FROM sweep_chunks WHERE sweep_id = ? ORDER BY chunk');
  const setStatus = db.prepare('UPDATE sweeps SET status = ?, error = ?, updated_at = ?, finished_at = ? WHERE id = ?');
  const addElapsed = db.prepare('UPDATE sweeps SET elapsed_ms = elapsed_ms + ?, updated_at = ? WHERE id = ?');

  const num = (m: Record<string, number | null>, k: string): number | null => {
    const v = m[k];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };

  return {
    create(s: {
      datasetId: string; strategyId: string; preset: string | null; config: SweepConfig; configHash: string;
      total: number; chunks: number;
    }): number {
      const now = clock();
      const r = insertSweep.run(s.datasetId, s.strategyId, s.preset, canonicalJson(s.config), s.configHash, s.config.seed,
        s.config.metric, s.total, s.config.chunkSize, s.chunks, now, now);
      return Number(r.lastInsertRowid);
    },
    get(id: number): SweepRecord | undefined {
      const r = getSweep.get(id) as SweepDbRow | undefined;
      return r === undefined ? undefined : toRecord(r);
    },
    require(id: number): SweepRecord {
      const r = getSweep.get(id) as SweepDbRow | undefined;
      if (r === undefined) throw new PeakError('NOT_FOUND', `sweep ${id} not found`);
      return toRecord(r);
    },
    list(f: { limit: number; offset: number; datasetId?: string; strategyId?: string }): { sweeps: SweepRecord[]; total: number } {
      const where: string[] = [];
      const args: unknown[] = [];
      if (f.datasetId) { where.push('dataset_id = ?'); args.push(f.datasetId); }
      if (f.strategyId) { where.push('strategy_id = ?'); args.push(f.strategyId); }
      const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const total = (db.prepare(`SELECT COUNT(*) AS n FROM sweeps ${w}`).get(...args) as { n: number }).n;
      const rows = db.prepare(`SELECT * FROM sweeps ${w} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`)
        .all(...args, f.limit, f.offset) as SweepDbRow[];
      return { sweeps: rows.map(toRecord), total };
    },
    doneChunks(id: number): Set<number> {
      return new Set((chunksOf.all(id) as { chunk: number }[]).map((r) => r.chunk));
    },
    /** One transaction: the chunk's rows, its record, the counters. A chunk already recorded is ignored. */
    writeChunk: db.transaction((id: number, chunk: number, rows: readonly ChunkRowInput[], elapsedMs: number) => {
      const now = clock();
      if (insertChunk.run(id, chunk, now).changes === 0) return false;
      for (const r of rows) {
        insertResult.run(id, r.index, canonicalJson(r.params), canonicalJson(r.metrics), f64ToBlob(r.blocks),
          num(r.metrics, 'sharpe'), num(r.metrics, 'totalReturnPct'), num(r.metrics, 'maxDrawdownPct'), num(r.metrics, 'trades'));
      }
      bump.run(rows.length, now, elapsedMs, id);
      return true;
    }),
    setStatus(id: number, status: SweepStatus, error: string | null = null): void {
      const now = clock();
      setStatus.run(status, error, now, status === 'done' ? now : null, id);
    },
    addElapsed(id: number, ms: number): void {
      addElapsed.run(ms, clock(), id);
    },
    /** Ranked rows: NULL metrics last, ties by combination index (deterministic). */
    results(id: number, q: ResultQuery): { rows: SweepResultRow[]; total: number } {
      const args: unknown[] = [];
      const where: string[] = ['sweep_id = ?'];
      const whereArgs: unknown[] = [id];
      for (const f of q.filters ?? []) {
        const e = metricExpr(f.metric, whereArgs);
        if (f.min !== undefined) { where.push(`${e} >= ?`); whereArgs.push(f.min); }
        if (f.max !== undefined) {
          const e2 = metricExpr(f.metric, whereArgs);
          where.push(`${e2} <= ?`);
          whereArgs.push(f.max);
        }
      }
      const w = where.join(' AND ');
      const total = (db.prepare(`SELECT COUNT(*) AS n FROM sweep_results WHERE ${w}`).get(...whereArgs) as { n: number }).n;
      const order = metricExpr(q.sortBy, args);
      const rows = db.prepare(`SELECT idx, params_json, metrics_json, ${order} AS k FROM sweep_results WHERE ${w}
        ORDER BY (k IS NULL), k ${q.desc ? 'DESC' : 'ASC'}, idx ASC LIMIT ? OFFSET ?`)
        .all(...args, ...whereArgs, q.limit, q.offset) as { idx: number; params_json: string; metrics_json: string }[];
      return {
        rows: rows.map((r) => ({ index: r.idx, params: parseParams(r.params_json), metrics: parseMetrics(r.metrics_json) })),
        total,
      };
    },
    /** metric aggregated by MAX over the other parameters, on the (x, y) grid of distinct values */
    heatmap(id: number, x: string, y: string, metric: string): { x: (number | string | boolean | null)[]; y: (number | string | boolean | null)[]; z: (number | null)[][] } {
      for (const k of [x, y]) if (!METRIC_NAME.test(k)) throw new PeakError('BAD_INPUT', `heatmap: "${k}" is not a parameter name`);
      const args: unknown[] = [];
      const e = metricExpr(metric, args);
      const rows = db.prepare(`SELECT json_extract(params_json, ?) AS x, json_extract(params_json, ?) AS y, MAX(${e}) AS z
        FROM sweep_results WHERE sweep_id = ? GROUP BY 1, 2`).all(`$.${x}`, `$.${y}`, ...args, id) as { x: number | string | null; y: number | string | null; z: number | null }[];
      const cmp = (a: unknown, b: unknown) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);
      const xs = [...new Set(rows.map((r) => r.x))].sort(cmp);
      const ys = [...new Set(rows.map((r) => r.y))].sort(cmp);
      const xi = new Map(xs.map((v, i) => [v, i]));
      const yi = new Map(ys.map((v, i) => [v, i]));
      const z: (number | null)[][] = ys.map(() => xs.map(() => null));
      for (const r of rows) z[yi.get(r.y)!][xi.get(r.x)!] = r.z;
      return { x: xs, y: ys, z };
    },
    /**
     * The stored row behind each heatmap cell: per (x, y) the best row by `metric` (NULLs last, ties by index, as
     * `cell`), laid out like `heatmap`'s z. One row per cell, so the payload is bounded by the grid, not the sweep.
     */
    heatmapCells(id: number, x: string, y: string, metric: string, xs: HeatValue[], ys: HeatValue[]): (SweepResultRow | null)[][] {
      for (const k of [x, y]) if (!METRIC_NAME.test(k)) throw new PeakError('BAD_INPUT', `heatmap: "${k}" is not a parameter name`);
      const args: unknown[] = [];
      const e = metricExpr(metric, args);
      const rows = db.prepare(`SELECT cx, cy, idx, params_json, metrics_json FROM (
          SELECT json_extract(params_json, ?) AS cx, json_extract(params_json, ?) AS cy, idx, params_json, metrics_json,
            ROW_NUMBER() OVER (PARTITION BY json_extract(params_json, ?), json_extract(params_json, ?) ORDER BY (${e}) IS NULL, (${e}) DESC, idx ASC) AS rn
          FROM sweep_results WHERE sweep_id = ?) WHERE rn = 1`)
        .all(`$.${x}`, `$.${y}`, `$.${x}`, `$.${y}`, ...args, ...args, id) as { cx: HeatValue; cy: HeatValue; idx: number; params_json: string; metrics_json: string }[];
      const xi = new Map(xs.map((v, i) => [v, i]));
      const yi = new Map(ys.map((v, i) => [v, i]));
      const out: (SweepResultRow | null)[][] = ys.map(() => xs.map(() => null));
      for (const r of rows) {
        const i = yi.get(r.cy);
        const j = xi.get(r.cx);
        if (i !== undefined && j !== undefined) out[i][j] = { index: r.idx, params: parseParams(r.params_json), metrics: parseMetrics(r.metrics_json) };
      }
      return out;
    },
    /** sha256 over every row in combination order: index, params, metrics (canonical JSON) and block bytes. */
    resultsHash(id: number): string {
      const h = createHash('sha256');
      for (const r of db.prepare('SELECT idx, params_json, metrics_json, blocks FROM sweep_results WHERE sweep_id = ? ORDER BY idx').iterate(id) as Iterable<{ idx: number; params_json: string; metrics_json: string; blocks: Buffer }>) {
        h.update(`${r.idx}|${r.params_json}|${r.metrics_json}|`);
        h.update(r.blocks);
      }
      return h.digest('hex');
    },
    /** For overfitting statistics (PBO/DSR): every combination's packed block stats, in combination order. */
    *blockStats(id: number): Generator<{ index: number; params: ParamSet; blocks: Float64Array }> {
      for (const r of db.prepare('SELECT idx, params_json, blocks FROM sweep_results WHERE sweep_id = ? ORDER BY idx').iterate(id) as Iterable<{ idx: number; params_json: string; blocks: Buffer }>) {
        yield { index: r.idx, params: parseParams(r.params_json), blocks: blobToF64(r.blocks) };
      }
    },
    /** Every stored row with its block statistics, in combination order (overfitting statistics). */
    rowsWithBlocks(id: number): StoredResultRow[] {
      const rows = db.prepare('SELECT idx, params_json, metrics_json, blocks FROM sweep_results WHERE sweep_id = ? ORDER BY idx')
        .all(id) as { idx: number; params_json: string; metrics_json: string; blocks: Buffer }[];
      return rows.map((r) => ({ index: r.idx, params: parseParams(r.params_json), metrics: parseMetrics(r.metrics_json), blocks: blobToF64(r.blocks) }));
    },
    /** The parameter sets tried so far, in combination order (Go/No-Go evidence: was the run's combination among them?). */
    paramsOf(id: number): Record<string, unknown>[] {
      const rows = db.prepare('SELECT params_json FROM sweep_results WHERE sweep_id = ? ORDER BY idx').all(id) as { params_json: string }[];
      return rows.map((r) => parseParams(r.params_json));
    },
    /** Every stored row without block statistics, in combination order. */
    rows(id: number): SweepResultRow[] {
      const rows = db.prepare('SELECT idx, params_json, metrics_json FROM sweep_results WHERE sweep_id = ? ORDER BY idx')
        .all(id) as { idx: number; params_json: string; metrics_json: string }[];
      return rows.map((r) => ({ index: r.idx, params: parseParams(r.params_json), metrics: parseMetrics(r.metrics_json) }));
    },
    /** The newest finished sweep of a preset on a data set. */
    latestDone(preset: string, datasetId: string): SweepRecord | undefined {
      const r = db.prepare(`SELECT * FROM sweeps WHERE preset = ? AND dataset_id = ? AND status = 'done' ORDER BY id DESC LIMIT 1`)
        .get(preset, datasetId) as SweepDbRow | undefined;
      return r === undefined ? undefined : toRecord(r);
    },
    /** The best row of one heatmap cell (x = xv, y = yv) by `metric`, NULLs last, ties by index; and the cell's size. */
    cell(id: number, x: string, y: string, xv: HeatValue, yv: HeatValue, metric: string): { row: SweepResultRow | null; count: number } {
      for (const k of [x, y]) if (!METRIC_NAME.test(k)) throw new PeakError('BAD_INPUT', `cell: "${k}" is not a parameter name`);
      const args: unknown[] = [];
      const e = metricExpr(metric, args);
      // json_extract returns 1/0 for JSON booleans; `IS` compares NULL too.
      const bind = (v: HeatValue) => (typeof v === 'boolean' ? (v ? 1 : 0) : v);
      const where = 'sweep_id = ? AND json_extract(params_json, ?) IS ? AND json_extract(params_json, ?) IS ?';
      const whereArgs = [id, `$.${x}`, bind(xv), `$.${y}`, bind(yv)];
      const count = (db.prepare(`SELECT COUNT(*) AS n FROM sweep_results WHERE ${where}`).get(...whereArgs) as { n: number }).n;
      const r = db.prepare(`SELECT idx, params_json, metrics_json, ${e} AS k FROM sweep_results WHERE ${where}
        ORDER BY (k IS NULL), k DESC, idx ASC LIMIT 1`).get(...args, ...whereArgs) as { idx: number; params_json: string; metrics_json: string } | undefined;
      return { row: r ? { index: r.idx, params: parseParams(r.params_json), metrics: parseMetrics(r.metrics_json) } : null, count };
    },
    delete(id: number): boolean {
      return db.prepare('DELETE FROM sweeps WHERE id = ?').run(id).changes > 0;
    },
  };
}

export type SweepQueries = ReturnType<typeof createSweepQueries>;
