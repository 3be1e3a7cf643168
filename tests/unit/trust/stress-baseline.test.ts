// Trust #5: the baseline of a stress study IS the stored run (bit for bit); Δ is in percentage points; every
// stress scenario changes the path it claims to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyStress, shockIndex, STRESS_KINDS, type StressKind } from '../../../src/core/research/stress';
import { createTestServices, type TestServices } from '../../support/services';

const opts = { barsPerDay: 1 };
// 200 bars of alternating ±1 % (every bar exposed), with a flat stretch 90..110 around the middle
const series = (): Float64Array => Float64Array.from({ length: 200 }, (_, i) => (i >= 90 && i <= 110 ? 0 : i % 2 ? 0.01 : -0.01));
const changed = (a: Float64Array, b: Float64Array): number[] => Array.from(a.keys()).filter((i) => a[i] !== b[i]);

describe('every stress scenario changes the path it claims to', () => {
  const r = series();
  const idx = shockIndex(r, 'middle');
  it('a point shock lands on the nearest exposed bar, not on a flat one', () => {
    expect(idx).toBe(89); // 100 is flat; 89 and 111 are 11 away, the earlier one wins
  });
  const cases: Record<StressKind, (s: Float64Array) => void> = {
    single_crash_bar: (s) => {
      expect(changed(r, s)).toEqual([idx]);
      expect(s[idx]).toBe(-0.2);
    },
    gap_down_open: (s) => {
      expect(changed(r, s)).toEqual([idx]);
      expect(s[idx]).toBeCloseTo(r[idx] - 0.2, 15);
    },
    vol_spike: (s) => {
      // ±2 bars around idx scaled by 1.2 — non-zero returns there, so the path really changes
      const c = changed(r, s);
      expect(c.length).toBeGreaterThan(0);
      for (const i of c) expect(s[i]).toBeCloseTo(r[i] * 1.2, 15);
      expect(c.every((i) => Math.abs(i - idx) <= 2)).toBe(true);
    },
    drawdown_extension: (s) => {
      const c = changed(r, s);
      expect(c.length).toBeGreaterThan(0);
      for (const i of c) expect(s[i]).toBeCloseTo(r[i] * 1.2, 15);
    },
    flash_crash: (s) => {
      // −20 % at idx, then back to the pre-crash level over 10 bars: the price level, not the total, is hit
      const level = (a: Float64Array, to: number) => a.slice(0, to).reduce((p, x) => p * (1 + x), 1);
      expect(level(s, idx + 1) / level(r, idx + 1)).toBeCloseTo(0.8, 12);
      expect(level(s, idx + 11) / level(r, idx + 11)).toBeCloseTo(1, 12);
      expect(changed(r, s)).toEqual(Array.from({ length: 11 }, (_, k) => idx + k));
    },
    regime_bear: (s) => {
      const c = changed(r, s);
      expect(c).toHaveLength(60); // 60 days of daily bars
      for (const i of c) expect(s[i]).toBeCloseTo(r[i] - 0.01, 15);
    },
    regime_sideways: (s) => {
      const c = changed(r, s);
      expect(c.length).toBeGreaterThan(0);
      expect(c[c.length - 1] - c[0]).toBeLessThan(30);
    },
  };
  for (const kind of STRESS_KINDS) {
    it(`${kind} changes exactly the bars it describes`, () => cases[kind](applyStress(r, { kind }, opts)));
  }
});

describe('the stress baseline is the stored run itself', () => {
  let s: TestServices;
  beforeAll(() => {
    s = createTestServices();
  });
  afterAll(async () => {
    await s.dispose();
  });

  it('baseline metrics equal the stored run’s bit for bit; Δ is reported in percentage points', async () => {
    const list = await s.invoke('data:list', {});
    if (!list.ok) throw new Error(list.error.message);
    const ds = list.value.datasets.find((d) => d.bars === 2000)!.id;
    const bt = await s.invoke('backtest:run', { datasetId: ds, strategyId: 'ma_crossover', params: { fast_window: 10, slow_window: 50 } });
    if (!bt.ok) throw new Error(bt.error.message);
    const st = await s.invoke('stress:run', { source: { runId: bt.value.id }, report: false });
    if (!st.ok) throw new Error(st.error.message);
    const sum = st.value.summary;
    expect(sum.baselineRunMetrics).toEqual(bt.value.metrics);
    for (const k of Object.keys(bt.value.metrics)) expect(Object.is(sum.baselineRunMetrics![k], bt.value.metrics[k])).toBe(true);
    expect(Object.is(sum.baseline.sharpe, bt.value.metrics.sharpe)).toBe(true);
    expect(sum.baseline.totalReturn * 100).toBeCloseTo(bt.value.metrics.totalReturnPct ?? NaN, 10);
    expect(sum.baseline.cagr * 100).toBeCloseTo(bt.value.metrics.cagrPct!, 10);
    sum.results.forEach((r, i) => {
      expect(sum.deltasPp![i].totalReturnPp).toBeCloseTo((r.stressed.totalReturn - sum.baseline.totalReturn) * 100, 10);
      expect(sum.deltasPp![i].maxDrawdownPp).toBeCloseTo(r.diff.maxDrawdown * 100, 10);
    });
    // a crash makes things worse, measured the run's way
    const crash = sum.results.find((r) => r.scenario.kind === 'single_crash_bar')!;
    expect(crash.stressed.maxDrawdown).toBeLessThan(sum.baseline.maxDrawdown);
    // the same source given as data set + strategy gives the same baseline
    const again = await s.invoke('stress:run', { source: { datasetId: ds, strategyId: 'ma_crossover', params: { fast_window: 10, slow_window: 50 } }, report: false, save: false });
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value.summary.baselineRunMetrics).toEqual(bt.value.metrics);
  }, 60_000);
});
