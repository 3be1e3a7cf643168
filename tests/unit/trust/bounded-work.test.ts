// Trust #9: combinations are counted arithmetically before anything is expanded; huge requests are refused
// in milliseconds with a clear message instead of blocking the main thread.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_VALUES_PER_PARAM, planGrid, rangeCount, sampleGrid } from '../../../src/core/research/grid';
import { createTestServices, type TestServices } from '../../support/services';

describe('grid size is counted before expansion', () => {
  it('rangeCount is arithmetic', () => {
    expect(rangeCount({ kind: 'range', min: 1, max: 4_999_999, step: 1 })).toBe(4_999_999);
    expect(rangeCount({ kind: 'range', min: 0, max: 1, step: 0.1 })).toBe(11);
  });
  it('1:4999999 × 1:4999999 is refused in well under 50 ms, naming the parameter', () => {
    const t0 = performance.now();
    expect(() => planGrid({ a: { kind: 'range', min: 1, max: 4_999_999, step: 1 }, b: { kind: 'range', min: 1, max: 4_999_999, step: 1 } }))
      .toThrow(`grid a: 4999999 values is too many (at most ${MAX_VALUES_PER_PARAM} per parameter); use a larger step`);
    expect(performance.now() - t0).toBeLessThan(50);
  });
  it('random search N is capped', () => {
    const plan = planGrid({ a: { kind: 'range', min: 1, max: 10, step: 1 } });
    expect(() => sampleGrid(plan, 10_000_000, 1)).toThrow(/exceeds the limit/);
  });
});

describe('through the contract, nothing blocks the main thread', () => {
  let s: TestServices;
  let ds = '';
  beforeAll(async () => {
    s = createTestServices();
    const r = await s.invoke('data:list', {});
    if (r.ok) ds = r.value.datasets[0].id;
  });
  afterAll(async () => {
    await s.dispose();
  });
  it('sweeps:start with a huge grid answers BAD_INPUT within 200 ms', async () => {
    const t0 = performance.now();
    const r = await s.invoke('sweeps:start', { datasetId: ds, strategyId: 'ma_crossover', grid: { fast_window: '1:4999999', slow_window: '1:4999999' } });
    expect(performance.now() - t0).toBeLessThan(200);
    expect(r.ok ? 'OK' : r.error.code).toBe('BAD_INPUT');
  });
  it('walkforward:run with a huge grid or a 1-bar step answers BAD_INPUT within 200 ms', async () => {
    let t0 = performance.now();
    let r = await s.invoke('walkforward:run', { datasetId: ds, strategyId: 'ma_crossover', train: 10, test: 5, grid: { fast_window: { kind: 'range', min: 1, max: 4_999_999, step: 1 } } });
    expect(performance.now() - t0).toBeLessThan(200);
    expect(r.ok ? 'OK' : r.error.code).toBe('BAD_INPUT');
    const big = await s.invoke('data:synth', { kind: 'regime', bars: 6000, seed: 1 });
    if (!big.ok) throw new Error(big.error.message);
    t0 = performance.now();
    r = await s.invoke('walkforward:run', { datasetId: big.value.dataset.id, strategyId: 'ma_crossover', train: 2, test: 1, step: 1, params: { fast_window: 2, slow_window: 3 }, save: false, report: false });
    expect(performance.now() - t0).toBeLessThan(200);
    expect(r.ok ? 'OK' : `${r.error.code} ${r.error.message}`).toMatch(/^BAD_INPUT .*windows exceeds the limit/);
  });
});
