import { describe, expect, it } from 'vitest';
import { applyStress, longestDrawdownEpisode, returnSeriesMetrics, runStress, STRESS_KINDS } from '../../../src/core/research/stress';

const flat = (n: number, v = 0.001) => new Float64Array(n).fill(v);
const opts = { barsPerDay: 1 };
const prod = (r: Float64Array, a = 0, b = r.length) => { let p = 1; for (let i = a; i < b; i++) p *= 1 + r[i]; return p; };

describe('stress scenarios', () => {
  it('single_crash_bar sets r[idx] = −severity at start/middle/end', () => {
    expect(applyStress(flat(11), { kind: 'single_crash_bar', severity: 0.3 }, opts)[5]).toBe(-0.3);
    expect(applyStress(flat(11), { kind: 'single_crash_bar', position: 'start' }, opts)[0]).toBe(-0.2);
    expect(applyStress(flat(11), { kind: 'single_crash_bar', position: 'end' }, opts)[10]).toBe(-0.2);
  });
  it('gap_down_open subtracts the gap from the bar return', () => {
    expect(applyStress(flat(11), { kind: 'gap_down_open', severity: 0.1 }, opts)[5]).toBeCloseTo(0.001 - 0.1, 15);
  });
  it('vol_spike scales returns within ±window/2 of idx', () => {
    const r = applyStress(flat(11), { kind: 'vol_spike', severity: 0.5, window: 5 }, opts);
    expect(Array.from(r).map((x) => +x.toFixed(6))).toEqual([0.001, 0.001, 0.001, 0.0015, 0.0015, 0.0015, 0.0015, 0.0015, 0.001, 0.001, 0.001]);
  });
  it('drawdown_extension deepens the longest drawdown episode (< −1 %)', () => {
    const r = Float64Array.from([0.01, -0.02, -0.01, 0.005, 0.03, 0.01, -0.005, 0.002]);
    expect(longestDrawdownEpisode(r)).toEqual({ start: 1, end: 4 });
    const s = applyStress(r, { kind: 'drawdown_extension', severity: 0.5 }, opts);
    expect(s[1]).toBeCloseTo(-0.03, 15);
    expect(s[2]).toBeCloseTo(-0.015, 15);
    expect(s[6]).toBe(-0.005); // outside the episode
    expect(returnSeriesMetrics(s, 365).maxDrawdown).toBeLessThan(returnSeriesMetrics(r, 365).maxDrawdown);
  });
  it('flash_crash: −20 % then a linear recovery to the pre-crash level over 10 bars', () => {
    const r = new Float64Array(30);
    const s = applyStress(r, { kind: 'flash_crash', position: 'start' }, opts);
    expect(s[0]).toBeCloseTo(-0.2, 15);
    expect(prod(s, 0, 6)).toBeCloseTo(0.9, 12); // halfway back after 5 recovery bars
    expect(prod(s, 0, 11)).toBeCloseTo(1, 12);
    expect(s[11]).toBe(0);
  });
  it('regime_bear adds −1 %/day for 60 days (hourly bars: −1/24 % per bar for 1440 bars)', () => {
    const d = applyStress(flat(100, 0), { kind: 'regime_bear', position: 'start' }, opts);
    expect(d.slice(0, 60).every((x) => Math.abs(x + 0.01) < 1e-15)).toBe(true);
    expect(d[60]).toBe(0);
    const h = applyStress(flat(3000, 0), { kind: 'regime_bear', position: 'end' }, { barsPerDay: 24 });
    expect(h[3000 - 1440]).toBeCloseTo(-0.01 / 24, 15);
    expect(h[3000 - 1441]).toBe(0);
  });
  it('regime_sideways: zero net drift, chop 2 at the default severity', () => {
    const r = Float64Array.from({ length: 60 }, (_, i) => 0.002 + (i % 2 ? 0.01 : -0.01));
    const s = applyStress(r, { kind: 'regime_sideways', position: 'start' }, opts);
    const sum = s.slice(0, 30).reduce((a, b) => a + b, 0);
    expect(Math.abs(sum)).toBeLessThan(1e-12);
    expect(s[0]).toBeCloseTo(-0.02, 12);
    expect(s[30]).toBe(r[30]);
  });
  it('rejects unknown kinds and out-of-range severity', () => {
    // @ts-expect-error deliberately invalid kind
    expect(() => applyStress(flat(5), { kind: 'meteor' }, opts)).toThrow(/unknown scenario 'meteor'/);
    expect(() => applyStress(flat(5), { kind: 'vol_spike', severity: 2 }, opts)).toThrow(/severity of vol_spike/);
  });
});

describe('baseline vs stressed', () => {
  it('returns baseline, stressed and diff metrics for every kind', () => {
    const r = Float64Array.from({ length: 400 }, (_, i) => 0.001 + 0.01 * Math.sin(i));
    const s = runStress(r, STRESS_KINDS.map((kind) => ({ kind })), { barsPerDay: 1, periodsPerYear: 365, initialEquity: 10_000 });
    expect(s.results.length).toBe(7);
    for (const x of s.results) {
      expect(x.diff.totalReturn).toBeCloseTo(x.stressed.totalReturn - s.baseline.totalReturn, 12);
      expect(x.stressed.maxDrawdown).toBeLessThanOrEqual(0);
    }
    const crash = s.results[0];
    expect(crash.stressed.maxDrawdown).toBeLessThanOrEqual(-0.2);
    expect(crash.diff.finalEquity).toBeLessThan(0);
  });
  it('metrics: CAGR and Sharpe annualised with P', () => {
    const m = returnSeriesMetrics(Float64Array.from([0.01, -0.005, 0.02, 0]), 365, 100);
    const mean = 0.025 / 4;
    const sd = Math.sqrt([0.01, -0.005, 0.02, 0].reduce((a, x) => a + (x - mean) ** 2, 0) / 3);
    expect(m.sharpe).toBeCloseTo((mean / sd) * Math.sqrt(365), 12);
    expect(m.cagr).toBeCloseTo((1.01 * 0.995 * 1.02) ** (365 / 4) - 1, 9);
    expect(m.finalEquity).toBeCloseTo(100 * 1.01 * 0.995 * 1.02, 12);
  });
});
