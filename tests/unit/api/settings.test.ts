// settings:get / settings:set on a real temp SQLite store: the default pool size is the cores, a set size is
// stored and survives a restart (an explicit `workers` option still wins), bad sizes are BAD_INPUT naming
// `workers`, and jobs after a change run on a pool of the new size while a running job finishes on the old one.
import { availableParallelism } from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createServices, type Services } from '../../../src/node/services';
import { sharedPool } from '../../../src/node/pool/context-pool';
import { createCliHarness } from '../../support/cli';
import { createTestServices, fakeClock, smallSeedSpecs, tempDir, type TestServices } from '../../support/services';

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

const cores = Math.max(1, availableParallelism());
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function track<T extends { dispose(): Promise<void> } | Services>(s: T): T {
  cleanups.push(() => ('dispose' in s ? s.dispose() : s.close()));
  return s;
}

/** services on a fixed data dir (for restarts), no seeding unless asked */
function open(dir: string, opts: { workers?: number; seed?: boolean } = {}): Services {
  return track(createServices({ dataDir: dir, clock: fakeClock(), seed: opts.seed ?? false, seedSpecs: smallSeedSpecs, ...(opts.workers !== undefined && { workers: opts.workers }) }));
}

describe('settings', () => {
  it('defaults to the cores and reports paths, default and maximum', async () => {
    const s: TestServices = track(createTestServices({ workers: undefined, seed: false }));
    const got = unwrap(await s.invoke('settings:get', {}));
    expect(got).toEqual({
      workers: cores,
      workersDefault: cores,
      workersMax: Math.min(64, Math.max(4, 2 * cores)),
      dataDir: s.ctx.dataDir,
      dbPath: s.ctx.dbPath,
    });
    expect(unwrap(await s.invoke('app:info', {})).workers).toBe(cores);
    // settings:get without input works too (the schema defaults it)
    expect(unwrap(await s.invoke('settings:get')).workers).toBe(cores);
  });

  it('stores a new size, emits settings:did-change, and keeps it across a restart (explicit option wins)', async () => {
    const { dir, remove } = tempDir();
    cleanups.push(remove);
    const a = open(dir);
    const seen: number[] = [];
    a.on('settings:did-change', (p) => seen.push(p.workers));
    const set = unwrap(await a.invoke('settings:set', { workers: 3 }));
    expect(set.workers).toBe(3);
    expect(seen).toEqual([3]);
    expect(unwrap(await a.invoke('app:info', {})).workers).toBe(3);
    // the same value again: stored, no event
    unwrap(await a.invoke('settings:set', { workers: 3 }));
    expect(seen).toEqual([3]);
    // an empty set changes nothing
    expect(unwrap(await a.invoke('settings:set', {})).workers).toBe(3);
    await a.close();

    const b = open(dir);
    expect(unwrap(await b.invoke('settings:get', {})).workers).toBe(3);
    expect(unwrap(await b.invoke('app:info', {})).workers).toBe(3);
    await b.close();

    const c = open(dir, { workers: 1 });
    expect(unwrap(await c.invoke('settings:get', {})).workers).toBe(1);
    await c.close();
  });

  it('ignores a malformed or out-of-range stored value (the default applies)', async () => {
    const { dir, remove } = tempDir();
    cleanups.push(remove);
    const a = open(dir);
    a.store.db.prepare("INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES ('workers', '1000', 0)").run();
    await a.close();
    const b = open(dir);
    expect(unwrap(await b.invoke('settings:get', {})).workers).toBe(cores);
    b.store.db.prepare("UPDATE settings SET value = 'not json' WHERE key = 'workers'").run();
    await b.close();
    const c = open(dir);
    expect(unwrap(await c.invoke('settings:get', {})).workers).toBe(cores);
  });

  it('refuses bad sizes with BAD_INPUT naming `workers`, and changes nothing', async () => {
    const s = track(createTestServices({ seed: false }));
    const max = unwrap(await s.invoke('settings:get', {})).workersMax;
    for (const workers of [0, -2, 1.5, max + 1, '2', null]) {
      const r = await s.invoke('settings:set', { workers });
      expect(r.ok, `workers=${String(workers)}`).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('BAD_INPUT');
        expect(r.error.message).toMatch(/workers/);
      }
    }
    const over = await s.invoke('settings:set', { workers: max + 1 });
    expect(!over.ok && over.error.message).toMatch(new RegExp(`1\\.\\.${max}`));
    const unknown = await s.invoke('settings:set', { threads: 2 });
    expect(unknown.ok).toBe(false);
    expect(unwrap(await s.invoke('settings:get', {})).workers).toBe(1);
  });

  it('new jobs run on a pool of the new size; a running sweep finishes on the old pool, which is then destroyed', async () => {
    const s = track(createTestServices({ workers: 1 }));
    const ds = unwrap(await s.invoke('data:list', {})).datasets.find((d) => d.name === 'Test GARCH 1h')!;
    const pool = sharedPool(s.ctx);
    const bt = { datasetId: ds.id, strategyId: 'ma_crossover', params: { fast_window: 10, slow_window: 30 } };

    unwrap(await s.invoke('backtest:run', bt));
    expect(pool.sizes()).toEqual([1]);

    // idle pool: retired and destroyed at once; the next job creates the new one
    unwrap(await s.invoke('settings:set', { workers: 2 }));
    expect(pool.sizes()).toEqual([]);
    expect(pool.workers).toBe(2);
    unwrap(await s.invoke('backtest:run', bt));
    expect(pool.sizes()).toEqual([2]);
    expect(unwrap(await s.invoke('app:info', {})).workers).toBe(2);

    // busy pool: a sweep started on 2 threads keeps them until it ends
    const sw = unwrap(await s.invoke('sweeps:start', {
      datasetId: ds.id, strategyId: 'ma_crossover', grid: { fast_window: '5:12:1', slow_window: '20:40:5' }, wait: false,
    }));
    expect(sw.status).toBe('running');
    unwrap(await s.invoke('settings:set', { workers: 1 }));
    expect(pool.sizes()).toEqual([2]);
    // backtest:run takes the shared pool synchronously (no await in between): the new 1-thread pool starts
    // beside the busy 2-thread one
    const pending = s.invoke('backtest:run', bt);
    expect(pool.sizes()).toEqual([2, 1]);
    expect(unwrap(await pending).id).toBeGreaterThan(0);
    await vi.waitFor(async () => {
      expect(unwrap(await s.invoke('sweeps:get', { id: sw.sweepId })).status).toBe('done');
    }, { timeout: 8000, interval: 20 });
    const got = unwrap(await s.invoke('sweeps:get', { id: sw.sweepId }));
    expect(got.done).toBe(got.total);
    expect(pool.sizes()).toEqual([1]);
  });

  it('peak settings shows and sets the worker count; a bad --workers names the flag', async () => {
    const cli = createCliHarness({ seed: false });
    cleanups.push(() => cli.remove());
    const shown = await cli.run('settings');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^workers {3}1 \(default \d+ = cores, max \d+\)$/m);
    const set = await cli.json<{ workers: number }>('settings', '--workers', '2', '--json');
    expect(set.workers).toBe(2);
    const bad = await cli.run('settings', '--workers', '999');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--workers: must be an integer in 1\.\.\d+/);
    const nan = await cli.run('settings', '--workers', 'two');
    expect(nan.stderr).toMatch(/--workers: expected an integer, got "two"/);
    // stored for later starts without an explicit worker count (the harness passes workers: 1 itself)
    const again = track(createServices({ dataDir: cli.dir, dbPath: cli.db, clock: fakeClock(), seed: false }));
    expect(unwrap(await again.invoke('settings:get', {})).workers).toBe(2);
  });
});
