/** Typed queries over datasets + dataset_columns. Bars are stored as one Float64Array BLOB per column. */
import type Database from 'better-sqlite3';
import type { Bars } from '../../core/data/bars';
import { PeakError } from '../../core/errors';
import { assertStorableBars } from '../../core/data/validate-bars';
import { QualityReportSchema, type DatasetSummary, type QualityReportView } from '../../core/api/schemas';
import { blobToF64, f64ToBlob } from './blob';
import { barsContentHash } from './hash';

export type DatasetSource = DatasetSummary['source'];

export interface NewDataset {
  name: string;
  symbol: string | null;
  source: DatasetSource;
  sourceDetail: string | null;
  bars: Bars;
  quality: QualityReportView;
  meta?: Record<string, unknown>;
}

export interface DatasetListFilter {
  source?: DatasetSource;
  text?: string;
  limit: number;
  offset: number;
}

export interface DatasetQueries {
  /** Stores a data set; the same content (by hash) returns the existing one with created = false. */
  insert(d: NewDataset): { dataset: DatasetSummary; created: boolean };
  get(id: string): DatasetSummary | undefined;
  /** like get, but NOT_FOUND names the id */
  require(id: string): DatasetSummary;
  findByHash(contentHash: string): DatasetSummary | undefined;
  findByName(name: string): DatasetSummary[];
  quality(id: string): QualityReportView;
  meta(id: string): Record<string, unknown>;
  bars(id: string): Bars;
  list(f: DatasetListFilter): { datasets: DatasetSummary[]; total: number };
  count(): number;
  runCount(id: string): number;
  /** deletes the data set (and, when force, its runs); CONFLICT when runs reference it and not force */
  delete(id: string, force: boolean): { deleted: boolean; runsDeleted: number };
}

interface DatasetRow {
  id: string;
  name: string;
  symbol: string | null;
  source: string;
  source_detail: string | null;
  bars: number;
  first_time: number;
  last_time: number;
  interval_ms: number;
  interval_label: string;
  calendar: string;
  gap_count: number;
  content_hash: string;
  created_at: number;
}

const SUMMARY_COLS = `id, name, symbol, source, source_detail, bars, first_time, last_time, interval_ms, interval_label,
  calendar, gap_count, content_hash, created_at`;

function toSummary(r: DatasetRow): DatasetSummary {
  return {
    id: r.id,
    name: r.name,
    symbol: r.symbol,
    source: r.source as DatasetSource,
    sourceDetail: r.source_detail,
    bars: r.bars,
    firstTime: r.first_time,
    lastTime: r.last_time,
    intervalMs: r.interval_ms,
    intervalLabel: r.interval_label,
    calendar: r.calendar === 'exchange' ? 'exchange' : '24/7',
    gapCount: r.gap_count,
    contentHash: r.content_hash,
    createdAt: r.created_at,
  };
}

/** Data set ids are derived from the content hash, so the same bars get the same id on every machine. */
export const datasetIdFor = (contentHash: string): string => `ds_${contentHash.slice(0, 12)}`;

export function createDatasetQueries(db: Database.Database, clock: () => number): DatasetQueries {
  const byId = db.prepare(`SELECT ${SUMMARY_COLS} FROM datasets WHERE id = ?`);
  const byHash = db.prepare(`SELECT ${SUMMARY_COLS} FROM datasets WHERE content_hash = ?`);
  const byName = db.prepare(`SELECT ${SUMMARY_COLS} FROM datasets WHERE name = ? ORDER BY created_at DESC`);
  const insertRow = db.prepare(`INSERT INTO datasets (id, name, symbol, source, source_detail, bars, first_time, last_time,
    interval_ms, interval_label, calendar, gap_count, content_hash, quality_json, meta_json, created_at)
    VALUES (@id, @name, @symbol, @source, @source_detail, @bars, @first_time, @last_time, @interval_ms, @interval_label,
    @calendar, @gap_count, @content_hash, @quality_json, @meta_json, @created_at)`);
  const insertCols = db.prepare(`INSERT INTO dataset_columns (dataset_id, time, open, high, low, close, volume)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const colsById = db.prepare('SELECT time, open, high, low, close, volume FROM dataset_columns WHERE dataset_id = ?');
  const qualityById = db.prepare('SELECT quality_json, meta_json FROM datasets WHERE id = ?');
  const countAll = db.prepare('SELECT COUNT(*) AS n FROM datasets');
  const runsOf = db.prepare('SELECT COUNT(*) AS n FROM runs WHERE dataset_id = ?');
  const deleteRuns = db.prepare('DELETE FROM runs WHERE dataset_id = ?');
  const deleteDs = db.prepare('DELETE FROM datasets WHERE id = ?');

  const get = (id: string): DatasetSummary | undefined => {
    const r = byId.get(id) as DatasetRow | undefined;
    return r && toSummary(r);
  };
  const require = (id: string): DatasetSummary => {
    const d = get(id);
    if (!d) throw new PeakError('NOT_FOUND', `data set "${id}" not found`);
    return d;
  };

  return {
    insert(d) {
      const n = d.bars.close.length;
      if (n === 0) throw new PeakError('BAD_INPUT', `data set "${d.name}" has no bars`);
      assertStorableBars(d.bars, d.source === 'synthetic' ? `data set "${d.name}"` : `${d.sourceDetail ?? d.name}`, d.source);
      const hash = barsContentHash(d.bars);
      const existing = byHash.get(hash) as DatasetRow | undefined;
      if (existing) return { dataset: toSummary(existing), created: false };
      const id = datasetIdFor(hash);
      const q = d.quality;
      db.transaction(() => {
        insertRow.run({
          id,
          name: d.name,
          symbol: d.symbol,
          source: d.source,
          source_detail: d.sourceDetail,
          bars: n,
          first_time: d.bars.time[0],
          last_time: d.bars.time[n - 1],
          interval_ms: q.intervalMs,
          interval_label: q.intervalLabel,
          calendar: q.calendar,
          gap_count: q.gaps.count,
          content_hash: hash,
          quality_json: JSON.stringify(q),
          meta_json: JSON.stringify(d.meta ?? {}),
          created_at: clock(),
        });
        const b = d.bars;
        insertCols.run(id, f64ToBlob(b.time), f64ToBlob(b.open), f64ToBlob(b.high), f64ToBlob(b.low), f64ToBlob(b.close), f64ToBlob(b.volume));
      })();
      return { dataset: require(id), created: true };
    },
    get,
    require,
    findByHash(h) {
      const r = byHash.get(h) as DatasetRow | undefined;
      return r && toSummary(r);
    },
    findByName(name) {
      return (byName.all(name) as DatasetRow[]).map(toSummary);
    },
    quality(id) {
      const r = qualityById.get(id) as { quality_json: string } | undefined;
      if (!r) throw new PeakError('NOT_FOUND', `data set "${id}" not found`);
      return QualityReportSchema.parse(JSON.parse(r.quality_json));
    },
    meta(id) {
      const r = qualityById.get(id) as { meta_json: string } | undefined;
      if (!r) throw new PeakError('NOT_FOUND', `data set "${id}" not found`);
      return JSON.parse(r.meta_json) as Record<string, unknown>;
    },
    bars(id) {
      const r = colsById.get(id) as Record<'time' | 'open' | 'high' | 'low' | 'close' | 'volume', Buffer> | undefined;
      if (!r) throw new PeakError('NOT_FOUND', `data set "${id}" not found`);
      return {
        time: blobToF64(r.time),
        open: blobToF64(r.open),
        high: blobToF64(r.high),
        low: blobToF64(r.low),
        close: blobToF64(r.close),
        volume: blobToF64(r.volume),
      };
    },
    list(f) {
      const where: string[] = [];
      const args: Record<string, unknown> = {};
      if (f.source) { where.push('source = @source'); args.source = f.source; }
      if (f.text) {
        where.push(`(name LIKE @text ESCAPE '\\' OR IFNULL(symbol, '') LIKE @text ESCAPE '\\' OR id LIKE @text ESCAPE '\\')`);
        args.text = `%${f.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      }
      const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const total = (db.prepare(`SELECT COUNT(*) AS n FROM datasets ${w}`).get(args) as { n: number }).n;
      const rows = db
        .prepare(`SELECT ${SUMMARY_COLS} FROM datasets ${w} ORDER BY created_at DESC, id LIMIT @limit OFFSET @offset`)
        .all({ ...args, limit: f.limit, offset: f.offset }) as DatasetRow[];
      return { datasets: rows.map(toSummary), total };
    },
    count: () => (countAll.get() as { n: number }).n,
    runCount: (id) => (runsOf.get(id) as { n: number }).n,
    delete(id, force) {
      return db.transaction(() => {
        if (!byId.get(id)) return { deleted: false, runsDeleted: 0 };
        const runs = (runsOf.get(id) as { n: number }).n;
        if (runs > 0 && !force) {
          throw new PeakError('CONFLICT', `data set "${id}" is used by ${runs} run(s); delete them first or pass force`);
        }
        const runsDeleted = runs > 0 ? deleteRuns.run(id).changes : 0;
        deleteDs.run(id);
        return { deleted: true, runsDeleted };
      })();
    },
  };
}
