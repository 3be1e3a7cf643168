// sweeps:cell — one heatmap cell from the server (issue 7): its best row is the heatmap's value for the cell, and
// its count is the number of stored combinations with those two parameter values (checked against all rows).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServices, type TestServices } from '../support/services';

function ok<T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

describe('sweeps:cell', () => {
  let s: TestServices;
  let sweepId: number;
  beforeAll(async () => {
    s = createTestServices({ workers: 1 });
    const datasetId = ok(await s.invoke('data:list', {})).datasets.find((d) => d.bars === 2000)!.id;
    // three swept parameters, so a (fast, slow) cell holds several combinations
    const started = ok(await s.invoke('sweeps:start', {
      datasetId, strategyId: 'ma_crossover', grid: { fast_window: '5,10', slow_window: '20,40', side: 'long_only,long_short' }, wait: true,
    }));
    sweepId = started.sweepId;
  });
  afterAll(async () => { await s.dispose(); });

  it('matches the heatmap and an independent scan of all rows', async () => {
    const heat = ok(await s.invoke('sweeps:heatmap', { id: sweepId, x: 'fast_window', y: 'slow_window' }));
    const all = ok(await s.invoke('sweeps:results', { id: sweepId, limit: 1000 })).rows;
    expect(heat.x.length * heat.y.length).toBeGreaterThan(1);
    for (const [yi, yv] of heat.y.entries()) {
      for (const [xi, xv] of heat.x.entries()) {
        const cell = ok(await s.invoke('sweeps:cell', { id: sweepId, x: 'fast_window', y: 'slow_window', xValue: xv, yValue: yv }));
        const members = all.filter((r) => r.params.fast_window === xv && r.params.slow_window === yv);
        expect(cell.count).toBe(members.length);
        expect(cell.metric).toBe('sharpe');
        const best = Math.max(...members.map((r) => r.metrics.sharpe ?? -Infinity));
        expect(cell.row?.metrics.sharpe).toBe(heat.z[yi][xi]);
        expect(cell.row?.metrics.sharpe).toBe(best);
        // the heatmap's own per-cell row (hover) is the same stored combination as sweeps:cell picks
        expect(heat.cells[yi][xi]?.index).toBe(cell.row?.index);
        expect(heat.cells[yi][xi]?.params).toEqual(cell.row?.params);
        expect(heat.cells[yi][xi]?.metrics.totalReturnPct).toBe(cell.row?.metrics.totalReturnPct);
      }
    }
  });

  it('an empty cell has no row; an unswept parameter is BAD_INPUT', async () => {
    expect(ok(await s.invoke('sweeps:cell', { id: sweepId, x: 'fast_window', y: 'slow_window', xValue: 999, yValue: 20 }))).toEqual({ row: null, count: 0, metric: 'sharpe' });
    expect(await s.invoke('sweeps:cell', { id: sweepId, x: 'nope', y: 'slow_window', xValue: 5, yValue: 20 })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });
});
