import { afterEach, describe, expect, it } from 'vitest';
import { createTestServices, type TestServices } from '../../support/services';

let s: TestServices;
afterEach(async () => s?.dispose());

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

describe('services', () => {
  it('seeds an empty store once and reports app info with the LIVE LOCKED badge', async () => {
    s = createTestServices();
    const info = unwrap(await s.invoke('app:info', {}));
    expect(info.environment.badge).toBe('LIVE LOCKED');
    expect(info.environment.liveTradingEnabled).toBe(false);
    expect(info.counts.datasets).toBe(2);
    expect(info.schemaVersion).toBeGreaterThanOrEqual(1);
    const list = unwrap(await s.invoke('data:list', {}));
    expect(list.datasets.map((d) => d.name).sort()).toEqual(['Test GARCH 1h', 'Test session 1m']);
  });

  it('runs a backtest, stores it, and lists/gets/equity/deletes it', async () => {
    s = createTestServices();
    const ds = unwrap(await s.invoke('data:list', {})).datasets.find((d) => d.name === 'Test GARCH 1h')!;
    const events: string[] = [];
    s.onAny((name) => events.push(name));
    const run = unwrap(await s.invoke('backtest:run', {
      datasetId: ds.id, strategyId: 'ma_crossover', params: { fast_window: '10', slow_window: 30, side: 'long_short' },
    }));
    expect(run.id).toBeGreaterThan(0);
    expect(run.params).toMatchObject({ fast_window: 10, slow_window: 30, side: 'long_short' });
    expect(run.engine).toMatchObject({ preset: 'default', commission: 0.001, slippage: 0.0005, cash: 10_000 });
    expect(run.trades.length).toBeGreaterThan(0);
    expect(run.stats).toBeNull();
    expect(typeof run.metrics.sharpe === 'number' || run.metrics.sharpe === null).toBe(true);
    expect(events).toContain('runs:did-change');

    const listed = unwrap(await s.invoke('runs:list', { strategyId: 'ma_crossover' }));
    expect(listed.total).toBe(1);
    const got = unwrap(await s.invoke('runs:get', { id: run.id }));
    expect(got.trades).toEqual(run.trades);
    expect(got.metrics).toEqual(JSON.parse(JSON.stringify(run.metrics)));

    const eq = unwrap(await s.invoke('runs:equity', { id: run.id, maxPoints: 100 }));
    expect(eq.time.length).toBeLessThanOrEqual(100);
    expect(eq.totalPoints).toBe(2000);
    expect(Math.min(...eq.drawdownMin)).toBeLessThanOrEqual(0);

    expect(unwrap(await s.invoke('runs:delete', { id: run.id })).deleted).toBe(true);
    expect((await s.invoke('runs:get', { id: run.id })).ok).toBe(false);
  });

  it('gives the same config hash and bit-identical results for the same inputs', async () => {
    s = createTestServices();
    const ds = unwrap(await s.invoke('data:list', {})).datasets[0];
    const input = { datasetId: ds.id, strategyId: 'rsi_reversion', params: {}, engine: { fill: 'close' as const }, seed: 3 };
    const a = unwrap(await s.invoke('backtest:run', input));
    // computed again without storing: identical
    const b = unwrap(await s.invoke('backtest:run', { ...input, save: false }));
    expect(a.configHash).toBe(b.configHash);
    expect(b.trades).toEqual(a.trades);
    expect(b.metrics).toEqual(a.metrics);
    // stored again: the same configuration opens the stored run instead of a duplicate
    const again = unwrap(await s.invoke('backtest:run', input));
    expect(again).toMatchObject({ id: a.id, reused: true, configHash: a.configHash });
    expect(again.trades).toEqual(a.trades);
    expect(unwrap(await s.invoke('runs:list', { kind: 'backtest' })).total).toBe(1);
    const c = unwrap(await s.invoke('backtest:run', { ...input, seed: 4 }));
    expect(c.configHash).not.toBe(a.configHash);
  });

  it('maps errors to codes: bad input names the field, unknown ids are NOT_FOUND, unknown commands too', async () => {
    s = createTestServices();
    const bad = await s.invoke('data:bars', { id: 'x', maxPoints: 'many' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(!bad.ok && bad.error.message).toMatch(/maxPoints/);
    expect(await s.invoke('data:get', { id: 'ds_nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await s.invokeByName('nope:nothing', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const ds = unwrap(await s.invoke('data:list', {})).datasets[0];
    const p = await s.invoke('backtest:run', { datasetId: ds.id, strategyId: 'ma_crossover', params: { fast_window: 'abc' } });
    expect(p).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(!p.ok && p.error.message).toMatch(/fast_window/);
  });

  it('imports CSV text with dedupe, downsamples bars, synthesises, and deletes with CONFLICT protection', async () => {
    s = createTestServices({ seed: false });
    const rows = ['timestamp,open,high,low,close,volume'];
    for (let i = 0; i < 50; i++) {
      const p = 100 + Math.sin(i / 3) * 5;
      rows.push(`${Date.UTC(2024, 0, 1 + i)},${p},${p + 1},${p - 1},${p + 0.5},${10 + i}`);
    }
    const csvText = rows.join('\n');
    const a = unwrap(await s.invoke('data:import', { name: 'wave', csvText }));
    const b = unwrap(await s.invoke('data:import', { name: 'wave again', csvText }));
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
    expect(b.dataset.id).toBe(a.dataset.id);
    const bars = unwrap(await s.invoke('data:bars', { id: a.dataset.id, maxPoints: 10 }));
    expect(bars.time.length).toBe(10);
    expect(bars.barsPerPoint).toBe(5);
    expect(bars.high[0]).toBeCloseTo(Math.max(...[0, 1, 2, 3, 4].map((i) => 100 + Math.sin(i / 3) * 5 + 1)), 12);
    const got = unwrap(await s.invoke('data:get', { id: a.dataset.id }));
    expect(got.quality.bars).toBe(50);

    const syn = unwrap(await s.invoke('data:synth', { kind: 'garch', bars: 300, seed: 1 }));
    const syn2 = unwrap(await s.invoke('data:synth', { kind: 'garch', bars: 300, seed: 1 }));
    expect(syn2.dataset.id).toBe(syn.dataset.id);
    unwrap(await s.invoke('backtest:run', { datasetId: syn.dataset.id, strategyId: 'ma_crossover', params: { fast_window: 5, slow_window: 20 } }));
    expect(await s.invoke('data:delete', { id: syn.dataset.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(unwrap(await s.invoke('data:delete', { id: syn.dataset.id, force: true }))).toEqual({ deleted: true, runsDeleted: 1 });
  });
});
