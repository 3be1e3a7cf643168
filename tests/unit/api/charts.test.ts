import { afterEach, describe, expect, it } from 'vitest';
import { createTestServices, type TestServices } from '../../support/services';
import { sma } from '../../../src/core/indicators/moving';

let s: TestServices;
afterEach(async () => s?.dispose());

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

describe('charts:price', () => {
  it('returns candles, the strategy SMAs, markers, equity, buy & hold and drawdown on one bucket grid', async () => {
    s = createTestServices();
    const ds = unwrap(await s.invoke('data:list', {})).datasets.find((d) => d.name === 'Test GARCH 1h')!;
    const run = unwrap(await s.invoke('backtest:run', { datasetId: ds.id, strategyId: 'ma_crossover', params: { fast_window: 10, slow_window: 30, side: 'long_short' } }));
    const all = s.store.datasets.bars(ds.id);

    const full = unwrap(await s.invoke('charts:price', { id: run.id, maxPoints: 5000, maxMarkers: 5000 }));
    expect(full.barsPerPoint).toBe(1);
    expect(full.totalBars).toBe(all.time.length);
    expect(full.close).toEqual(Array.from(all.close));
    expect(full.indicators.map((i) => i.label)).toEqual(['SMA 10', 'SMA 30']);
    const ref = sma(all.close, 30);
    expect(full.indicators[1].values[29]).toBeCloseTo(ref[29], 9);
    expect(full.indicators[1].values[28]).toBeNull();
    const eq = s.store.runs.equity(run.id)!.equity;
    expect(full.equity).toEqual(Array.from(eq));
    expect(full.buyHold[0]).toBeCloseTo(10_000, 9);
    expect(full.buyHold.at(-1)).toBeCloseTo((10_000 * all.close[all.close.length - 1]) / all.close[0], 6);
    // every closed trade has an entry and an exit marker; every open one an entry
    expect(full.markerTotal).toBe(2 * run.trades.length + run.openTrades.length);
    expect(full.markers.length).toBe(full.markerTotal);
    expect(full.markers.filter((m) => m.kind === 'entry' && m.side === 'short').length).toBe([...run.trades, ...run.openTrades].filter((t) => t.size < 0).length);

    const lod = unwrap(await s.invoke('charts:price', { id: run.id, maxPoints: 100, maxMarkers: 10 }));
    expect(lod.time.length).toBeLessThanOrEqual(100);
    for (const k of ['open', 'high', 'low', 'close', 'equity', 'buyHold', 'drawdown'] as const) expect(lod[k].length).toBe(lod.time.length);
    expect(lod.markers).toEqual([]);
    expect(lod.clusters.reduce((a, c) => a + c.count, 0)).toBe(lod.markerTotal);
    expect(Math.max(...lod.high)).toBe(Math.max(...all.high));

    const from = all.time[500], to = all.time[599];
    const win = unwrap(await s.invoke('charts:price', { id: run.id, maxPoints: 1000, from, to }));
    expect(win.time[0]).toBe(from);
    expect(win.totalBars).toBe(100);
  });

  it('refuses unknown runs and bad sizes by name', async () => {
    s = createTestServices();
    expect(await s.invoke('charts:price', { id: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const bad = await s.invoke('charts:price', { id: 1, maxPoints: 1 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(!bad.ok && bad.error.message).toMatch(/maxPoints/);
  });
});
