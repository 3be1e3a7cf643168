import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { makeBars, type Bars } from '../../../src/core/data/bars';
import { qualityReport } from '../../../src/core/data/validate';
import { createRng } from '../../../src/core/rng';
import { discoverMigrations, migrate } from '../../../src/node/db/migrate';
import { openStore, type Store } from '../../../src/node/db/store';
import { seedIfEmpty } from '../../../src/node/db/seed';
import { fakeClock, smallSeedSpecs, tempDir } from '../../support/services';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function fresh(): { store: Store; path: string; dir: string } {
  const t = tempDir('peak-db-');
  const path = join(t.dir, 'peak.db');
  const store = openStore({ path, clock: fakeClock() });
  cleanups.push(t.remove, () => store.close());
  return { store, path, dir: t.dir };
}

/** Random-walk bars with awkward doubles (subnormals, -0, large magnitudes) to prove the BLOB round-trip is exact. */
function weirdBars(n: number, seed = 1): Bars {
  const r = createRng(seed);
  const b = makeBars(n);
  let p = 100;
  for (let i = 0; i < n; i++) {
    p *= Math.exp(r.normal() * 0.01);
    b.time[i] = Date.UTC(2024, 0, 1) + i * 60_000;
    b.open[i] = p * (1 + r.normal() * 1e-4);
    b.close[i] = p;
    b.high[i] = Math.max(b.open[i], b.close[i]) * (1 + Math.abs(r.normal()) * 1e-3);
    b.low[i] = Math.min(b.open[i], b.close[i]) * (1 - Math.abs(r.normal()) * 1e-3);
    b.volume[i] = i === 0 ? 5e-324 : i === 1 ? -0 : r.uniform() * 1e12;
  }
  return b;
}

const insert = (store: Store, bars: Bars, name = 'x') =>
  store.datasets.insert({ name, symbol: null, source: 'synthetic', sourceDetail: null, bars, quality: qualityReport(bars) });

describe('store', () => {
  it('applies migrations once: re-opening and re-running migrate is a no-op', () => {
    const { store, path } = fresh();
    const v = store.schemaVersion();
    expect(v).toBeGreaterThanOrEqual(1);
    const tables = store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => (r as { name: string }).name);
    expect(tables).toEqual(expect.arrayContaining(['schema_migrations', 'datasets', 'dataset_columns', 'runs', 'run_trades', 'run_equity']));
    expect(migrate(store.db, discoverMigrations(), 0)).toEqual([]);
    store.close();
    const again = openStore({ path, clock: fakeClock() });
    expect(again.schemaVersion()).toBe(v);
    const rows = again.db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number };
    expect(rows.n).toBe(discoverMigrations().length);
    again.close();
  });

  it('uses WAL and enforces foreign keys', () => {
    const { store } = fresh();
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() => store.db.prepare("INSERT INTO run_equity (run_id, start_bar, equity) VALUES (999, 0, x'00')").run()).toThrow(/FOREIGN KEY/);
  });

  it('rolls back a failing migration and records nothing', () => {
    const { store } = fresh();
    const bad = [{ version: 900, name: 'broken', up: (db: Database.Database) => { db.exec('CREATE TABLE t900 (a)'); throw new Error('boom'); } }];
    expect(() => migrate(store.db, bad, 0)).toThrow('boom');
    expect(store.db.prepare("SELECT name FROM sqlite_master WHERE name = 't900'").get()).toBeUndefined();
    expect(store.db.prepare('SELECT * FROM schema_migrations WHERE version = 900').get()).toBeUndefined();
  });

  it('round-trips bar columns bit for bit through the BLOBs', () => {
    const { store } = fresh();
    const bars = weirdBars(5000);
    const { dataset } = insert(store, bars);
    const back = store.datasets.bars(dataset.id);
    for (const k of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
      expect(Buffer.from(back[k].buffer).equals(Buffer.from(bars[k].buffer)), k).toBe(true);
    }
    expect(Object.is(back.volume[1], -0)).toBe(true);
    expect(back.volume[0]).toBe(5e-324);
    expect(dataset).toMatchObject({ bars: 5000, intervalLabel: '1m', firstTime: bars.time[0], lastTime: bars.time[4999] });
  });

  it('dedupes by content hash: the same bars under another name return the stored data set', () => {
    const { store } = fresh();
    const a = insert(store, weirdBars(100), 'first');
    const b = insert(store, weirdBars(100), 'second');
    const c = insert(store, weirdBars(100, 2), 'other');
    expect(a.created).toBe(true);
    expect(b).toEqual({ dataset: a.dataset, created: false });
    expect(c.created).toBe(true);
    expect(c.dataset.id).not.toBe(a.dataset.id);
    expect(store.datasets.count()).toBe(2);
  });

  it('allows one writer per file in a process; read-only connections may open alongside', () => {
    const { store, path } = fresh();
    expect(() => openStore({ path, clock: fakeClock() })).toThrow(/already open for writing/);
    const ro = openStore({ path, clock: fakeClock(), readonly: true });
    expect(ro.datasets.count()).toBe(store.datasets.count());
    expect(() => ro.db.exec('CREATE TABLE nope (a)')).toThrow(/readonly/i);
    ro.close();
    store.close();
    const next = openStore({ path, clock: fakeClock() });
    next.close();
  });

  it('stores runs with trades and equity in one transaction and queries them with filters and metric sort', () => {
    const { store } = fresh();
    const { dataset } = insert(store, weirdBars(200));
    const trade = { entryBar: 1, exitBar: 5, entryTime: 1, exitTime: 5, size: 2, entryPrice: 10, exitPrice: 11, pnl: 2, returnPct: 0.1, fees: 0, exitReason: 'signal' as const };
    const mk = (strategyId: string, sharpe: number | null) =>
      store.runs.insert({
        kind: 'backtest', datasetId: dataset.id, strategyId, params: { a: 1 }, engine: null, seed: 1, configHash: 'h',
        metrics: { sharpe, totalReturnPct: 1 }, stats: null, trades: [trade], openTrades: [{ ...trade, exitBar: -1, exitReason: 'open' }],
        equity: { startBar: 0, values: Float64Array.from({ length: 200 }, (_, i) => 100 + i) }, fromTime: 0, toTime: 1, durationMs: 3,
      });
    const r1 = mk('a', 1.5), r2 = mk('b', -0.5), r3 = mk('a', null), r4 = mk('a', 2.5);
    expect(store.runs.detail(r1.id)).toMatchObject({ trades: [trade], openTrades: [{ exitReason: 'open' }], tradeCount: 1 });
    expect(store.runs.equity(r1.id)!.equity[199]).toBe(299);
    const bySharpe = store.runs.list({ sortBy: 'sharpe', desc: true, limit: 10, offset: 0 });
    expect(bySharpe.runs.map((r) => r.id)).toEqual([r4.id, r1.id, r2.id, r3.id]);
    const onlyA = store.runs.list({ strategyId: 'a', sortBy: 'createdAt', desc: false, limit: 2, offset: 0 });
    expect(onlyA.total).toBe(3);
    expect(onlyA.runs.map((r) => r.id)).toEqual([r1.id, r3.id]);
    expect(store.runs.list({ text: 'b', sortBy: 'createdAt', desc: true, limit: 10, offset: 0 }).runs.map((r) => r.id)).toContain(r2.id);
    expect(store.runs.list({ sortBy: 'sharpe"; DROP TABLE runs; --', desc: true, limit: 10, offset: 0 }).total).toBe(4);
    expect(store.runs.delete(r1.id)).toBe(true);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM run_trades WHERE run_id = ?').get(r1.id)).toEqual({ n: 0 });
    expect(store.runs.equity(r1.id)).toBeUndefined();
  });

  it('serves a run\'s trades from memory after the first read, frozen, and never a deleted run\'s', () => {
    const { store, path } = fresh();
    const { dataset } = insert(store, weirdBars(50));
    const t = { entryBar: 1, exitBar: 5, entryTime: 1, exitTime: 5, size: 2, entryPrice: 10, exitPrice: 11, pnl: 2, returnPct: 0.1, fees: 0, exitReason: 'signal' as const };
    const mk = (n: number) =>
      store.runs.insert({
        kind: 'backtest', datasetId: dataset.id, strategyId: 's', params: { n }, engine: null, seed: 1, configHash: `h${n}`,
        metrics: {}, stats: null, trades: Array.from({ length: n }, (_, i) => ({ ...t, pnl: i })), openTrades: [], fromTime: 0, toTime: 1, durationMs: 1,
      }).id;
    const ids = [1, 2, 3, 4, 5, 6].map(mk);
    const first = store.runs.trades(ids[2]);
    expect(first.trades.map((x) => x.pnl)).toEqual([0, 1, 2]);
    expect(store.runs.trades(ids[2])).toBe(first); // the second read is the cached value
    expect(Object.isFrozen(first.trades) && Object.isFrozen(first.trades[0])).toBe(true);
    // another connection (the CLI) deletes the run: the stamp no longer matches, nothing stale is served
    const other = new Database(path);
    other.pragma('foreign_keys = ON');
    other.prepare('DELETE FROM runs WHERE id = ?').run(ids[2]);
    other.close();
    expect(store.runs.trades(ids[2]).trades).toEqual([]);
    // only the last few runs stay cached; an evicted run reads the same trades again from SQLite
    for (const id of ids) store.runs.trades(id);
    const again = store.runs.trades(ids[0]);
    expect(again.trades.map((x) => x.pnl)).toEqual([0]);
    expect(store.runs.detail(ids[5]).trades).toHaveLength(6);
  });

  it('seeds an empty store once, deterministically', () => {
    const { store } = fresh();
    const first = seedIfEmpty(store, { specs: smallSeedSpecs });
    expect(first.map((d) => d.name)).toEqual(smallSeedSpecs.map((s) => s.name));
    expect(seedIfEmpty(store, { specs: smallSeedSpecs })).toEqual([]);
    const other = fresh().store;
    expect(seedIfEmpty(other, { specs: smallSeedSpecs }).map((d) => d.id)).toEqual(first.map((d) => d.id));
  });
});
