/** Typed queries over runs, run_trades and run_equity. Writes of one run happen in one transaction. */
import type Database from 'better-sqlite3';
import type { EngineConfig, Trade } from '../../core/engine/types';
import { PeakError } from '../../core/errors';
import { EngineConfigSchema, type RunDetail, type RunSummary } from '../../core/api/schemas';
import { blobToF64, f64ToBlob } from './blob';

export interface NewRun {
  kind: string;
  datasetId: string | null;
  strategyId: string | null;
  params: Record<string, unknown>;
  engine: EngineConfig | null;
  seed: number;
  configHash: string;
  metrics: Record<string, number | null>;
  stats: Record<string, number | null> | null;
  trades: Trade[];
  openTrades: Trade[];
  /** equity per bar for bars [startBar, startBar + values.length) of the data set */
  equity?: { startBar: number; values: Float64Array };
  fromTime: number | null;
  toTime: number | null;
  durationMs: number;
  note?: string | null;
  /** kind-specific results (JSON-able) */
  extra?: unknown;
}

export interface RunListFilter {
  kind?: string;
  strategyId?: string;
  datasetId?: string;
  from?: number;
  to?: number;
  text?: string;
  /** exact parameter values (names already checked against the strategies' parameter lists) */
  params?: { name: string; value: number | string | boolean | null }[];
  sortBy: string;
  desc: boolean;
  limit: number;
  offset: number;
}

export interface RunQueries {
  insert(r: NewRun): RunSummary;
  get(id: number): RunSummary | undefined;
  require(id: number): RunSummary;
  detail(id: number): RunDetail;
  trades(id: number): { trades: Trade[]; openTrades: Trade[] };
  equity(id: number): { startBar: number; equity: Float64Array } | undefined;
  extra(id: number): unknown;
  list(f: RunListFilter): { runs: RunSummary[]; total: number };
  count(): number;
  findByConfigHash(hash: string): RunSummary[];
  delete(id: number): boolean;
}

interface RunRow {
  id: number;
  kind: string;
  dataset_id: string | null;
  dataset_name: string | null;
  strategy_id: string | null;
  params_json: string;
  engine_json: string | null;
  seed: number;
  config_hash: string;
  metrics_json: string;
  stats_json: string | null;
  trade_count: number;
  from_time: number | null;
  to_time: number | null;
  created_at: number;
  duration_ms: number;
  note: string | null;
}

interface TradeRow {
  is_open: number;
  entry_bar: number;
  exit_bar: number;
  entry_time: number;
  exit_time: number;
  size: number;
  entry_price: number;
  exit_price: number;
  pnl: number;
  return_pct: number;
  fees: number;
  exit_reason: Trade['exitReason'];
}

const SELECT = `SELECT r.id, r.kind, r.dataset_id, d.name AS dataset_name, r.strategy_id, r.params_json, r.engine_json,
  r.seed, r.config_hash, r.metrics_json, r.stats_json, r.trade_count, r.from_time, r.to_time, r.created_at,
  r.duration_ms, r.note FROM runs r LEFT JOIN datasets d ON d.id = r.dataset_id`;

/** SQLite stores JSON numbers; NaN/±Infinity are not JSON, so they are stored as null. */
const finiteOrNull = (_k: string, v: unknown): unknown => (typeof v === 'number' && !Number.isFinite(v) ? null : v);

function toSummary(r: RunRow): RunSummary {
  return {
    id: r.id,
    kind: r.kind,
    datasetId: r.dataset_id,
    datasetName: r.dataset_name,
    strategyId: r.strategy_id,
    params: JSON.parse(r.params_json) as Record<string, unknown>,
    engine: r.engine_json === null ? null : EngineConfigSchema.parse(JSON.parse(r.engine_json)),
    seed: r.seed,
    configHash: r.config_hash,
    metrics: JSON.parse(r.metrics_json) as RunSummary['metrics'],
    stats: r.stats_json === null ? null : (JSON.parse(r.stats_json) as Record<string, number | null>),
    tradeCount: r.trade_count,
    fromTime: r.from_time,
    toTime: r.to_time,
    createdAt: r.created_at,
    durationMs: r.duration_ms,
    note: r.note,
  };
}

const toTrade = (t: TradeRow): Trade => ({
  entryBar: t.entry_bar,
  exitBar: t.exit_bar,
  entryTime: t.entry_time,
  exitTime: t.exit_time,
  size: t.size,
  entryPrice: t.entry_price,
  exitPrice: t.exit_price,
  pnl: t.pnl,
  returnPct: t.return_pct,
  fees: t.fees,
  exitReason: t.exit_reason,
});

const COLUMN_SORTS: Record<string, string> = {
  createdAt: 'r.created_at',
  id: 'r.id',
  durationMs: 'r.duration_ms',
  tradeCount: 'r.trade_count',
  strategyId: 'r.strategy_id',
};

export function createRunQueries(db: Database.Database, clock: () => number): RunQueries {
  const insertRun = db.prepare(`INSERT INTO runs (kind, dataset_id, strategy_id, params_json, engine_json, seed, config_hash,
    metrics_json, stats_json, extra_json, trade_count, from_time, to_time, created_at, duration_ms, note)
    VALUES (@kind, @dataset_id, @strategy_id, @params_json, @engine_json, @seed, @config_hash, @metrics_json, @stats_json,
    @extra_json, @trade_count, @from_time, @to_time, @created_at, @duration_ms, @note)`);
  const insertTrade = db.prepare(`INSERT INTO run_trades (run_id, seq, is_open, entry_bar, exit_bar, entry_time, exit_time,
    size, entry_price, exit_price, pnl, return_pct, fees, exit_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertEquity = db.prepare('INSERT INTO run_equity (run_id, start_bar, equity) VALUES (?, ?, ?)');
  const byId = db.prepare(`${SELECT} WHERE r.id = ?`);
  const byHash = db.prepare(`${SELECT} WHERE r.config_hash = ? ORDER BY r.id`);
  const tradesOf = db.prepare('SELECT * FROM run_trades WHERE run_id = ? ORDER BY seq');
  const equityOf = db.prepare('SELECT start_bar, equity FROM run_equity WHERE run_id = ?');
  const extraOf = db.prepare('SELECT extra_json FROM runs WHERE id = ?');
  const countAll = db.prepare('SELECT COUNT(*) AS n FROM runs');
  const del = db.prepare('DELETE FROM runs WHERE id = ?');

  const get = (id: number): RunSummary | undefined => {
    const r = byId.get(id) as RunRow | undefined;
    return r && toSummary(r);
  };
  const require = (id: number): RunSummary => {
    const r = get(id);
    if (!r) throw new PeakError('NOT_FOUND', `run ${id} not found`);
    return r;
  };
  const stampOf = db.prepare('SELECT created_at, trade_count FROM runs WHERE id = ?').raw(true);
  // A run's trades never change once stored, and opening a run reads them twice (runs:get, then charts:price):
  // the last few runs' trades stay in memory, frozen (shared by every caller). The stamp (created_at, count) is
  // read each time, so a run deleted by another process (the CLI, or its data set's cascade) is not served.
  const tradesCache = new Map<number, { stamp: string; value: { trades: Trade[]; openTrades: Trade[] } }>();
  const TRADES_CACHED_RUNS = 4;
  const trades = (id: number) => {
    const row = stampOf.get(id) as [number, number] | undefined;
    const stamp = row ? `${row[0]}:${row[1]}` : '';
    const hit = tradesCache.get(id);
    if (hit && hit.stamp === stamp) {
      tradesCache.delete(id); // most recently used last
      tradesCache.set(id, hit);
      return hit.value;
    }
    const rows = tradesOf.all(id) as TradeRow[];
    const freeze = (list: Trade[]) => Object.freeze(list.map((t) => Object.freeze(t))) as Trade[];
    const value = {
      trades: freeze(rows.filter((t) => !t.is_open).map(toTrade)),
      openTrades: freeze(rows.filter((t) => t.is_open).map(toTrade)),
    };
    if (row) {
      tradesCache.set(id, { stamp, value });
      if (tradesCache.size > TRADES_CACHED_RUNS) tradesCache.delete(tradesCache.keys().next().value as number);
    }
    return value;
  };

  return {
    insert(r) {
      const id = db.transaction(() => {
        const info = insertRun.run({
          kind: r.kind,
          dataset_id: r.datasetId,
          strategy_id: r.strategyId,
          params_json: JSON.stringify(r.params, finiteOrNull),
          engine_json: r.engine === null ? null : JSON.stringify(r.engine),
          seed: r.seed,
          config_hash: r.configHash,
          metrics_json: JSON.stringify(r.metrics, finiteOrNull),
          stats_json: r.stats === null ? null : JSON.stringify(r.stats, finiteOrNull),
          extra_json: r.extra === undefined ? null : JSON.stringify(r.extra, finiteOrNull),
          trade_count: r.trades.length,
          from_time: r.fromTime,
          to_time: r.toTime,
          created_at: clock(),
          duration_ms: r.durationMs,
          note: r.note ?? null,
        });
        const runId = Number(info.lastInsertRowid);
        let seq = 0;
        for (const [list, open] of [[r.trades, 0], [r.openTrades, 1]] as const) {
          for (const t of list) {
            insertTrade.run(runId, seq++, open, t.entryBar, t.exitBar, t.entryTime, t.exitTime, t.size, t.entryPrice,
              t.exitPrice, t.pnl, t.returnPct, t.fees, t.exitReason);
          }
        }
        if (r.equity) insertEquity.run(runId, r.equity.startBar, f64ToBlob(r.equity.values));
        return runId;
      })();
      return require(id);
    },
    get,
    require,
    detail(id) {
      return { ...require(id), ...trades(id) };
    },
    trades,
    equity(id) {
      const r = equityOf.get(id) as { start_bar: number; equity: Buffer } | undefined;
      return r && { startBar: r.start_bar, equity: blobToF64(r.equity) };
    },
    extra(id) {
      const r = extraOf.get(id) as { extra_json: string | null } | undefined;
      if (!r) throw new PeakError('NOT_FOUND', `run ${id} not found`);
      return r.extra_json === null ? null : (JSON.parse(r.extra_json) as unknown);
    },
    list(f) {
      const where: string[] = [];
      const args: Record<string, unknown> = {};
      if (f.kind) { where.push('r.kind = @kind'); args.kind = f.kind; }
      if (f.strategyId) { where.push('r.strategy_id = @strategy'); args.strategy = f.strategyId; }
      if (f.datasetId) { where.push('r.dataset_id = @dataset'); args.dataset = f.datasetId; }
      if (f.from !== undefined) { where.push('r.created_at >= @from'); args.from = f.from; }
      if (f.to !== undefined) { where.push('r.created_at <= @to'); args.to = f.to; }
      if (f.text) {
        where.push(`(IFNULL(r.strategy_id, '') LIKE @text ESCAPE '\\' OR IFNULL(d.name, '') LIKE @text ESCAPE '\\'
          OR IFNULL(r.note, '') LIKE @text ESCAPE '\\' OR r.params_json LIKE @text ESCAPE '\\' OR r.kind LIKE @text ESCAPE '\\')`);
        args.text = `%${f.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      }
      (f.params ?? []).forEach((p, i) => {
        // path and value are bound parameters; booleans are stored by SQLite's JSON as 1/0
        args[`pp${i}`] = `$."${p.name.replace(/"/g, '')}"`;
        if (p.value === null) {
          where.push(`json_type(r.params_json, @pp${i}) = 'null'`);
        } else {
          where.push(`json_extract(r.params_json, @pp${i}) = @pv${i}`);
          args[`pv${i}`] = typeof p.value === 'boolean' ? Number(p.value) : p.value;
        }
      });
      const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const dir = f.desc ? 'DESC' : 'ASC';
      let order: string;
      if (COLUMN_SORTS[f.sortBy]) {
        order = `${COLUMN_SORTS[f.sortBy]} ${dir}`;
      } else {
        // any metric name; the JSON path is bound as a parameter (never spliced into SQL). Runs without the
        // metric (or with null) sort last either way.
        const stats = f.sortBy.startsWith('stats:');
        args.sortPath = `$."${(stats ? f.sortBy.slice(6) : f.sortBy).replace(/"/g, '')}"`;
        const col = stats ? 'r.stats_json' : 'r.metrics_json';
        order = `json_extract(${col}, @sortPath) IS NULL, json_extract(${col}, @sortPath) ${dir}`;
      }
      const total = (db.prepare(`SELECT COUNT(*) AS n FROM runs r LEFT JOIN datasets d ON d.id = r.dataset_id ${w}`).get(args) as { n: number }).n;
      const rows = db.prepare(`${SELECT} ${w} ORDER BY ${order}, r.id ${dir} LIMIT @limit OFFSET @offset`)
        .all({ ...args, limit: f.limit, offset: f.offset }) as RunRow[];
      return { runs: rows.map(toSummary), total };
    },
    count: () => (countAll.get() as { n: number }).n,
    findByConfigHash: (h) => (byHash.all(h) as RunRow[]).map(toSummary),
    delete: (id) => {
      tradesCache.delete(id);
      return del.run(id).changes > 0;
    },
  };
}
