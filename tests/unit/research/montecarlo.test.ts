import { describe, expect, it } from 'vitest';
import { createRng, xoshiroState } from '../../../src/core/rng';
import {
  batchCount, defaultMcConfig, nextU32, distribution, equityReturns, fanIndices, percentileSorted, runMcBatch, runMonteCarlo,
  summarizeMc, type McConfig,
} from '../../../src/core/research/montecarlo';

const series = (n: number, seed = 1, mu = 0.0005, sd = 0.01): Float64Array => {
  const rng = createRng(seed);
  return Float64Array.from({ length: n }, () => mu + sd * rng.normal());
};
const cfg = (o: Partial<McConfig>): McConfig => ({ ...defaultMcConfig, ...o });

function maxDd(r: Float64Array): number {
  let eq = 1, peak = 1, m = 0;
  for (const x of r) { eq *= 1 + x; peak = Math.max(peak, eq); m = Math.min(m, eq / peak - 1); }
  return m;
}

describe('percentiles', () => {
  it('linear interpolation like numpy.percentile', () => {
    const s = Float64Array.from([1, 2, 3, 4, 10]);
    // np.percentile([1,2,3,4,10], [5,25,50,75,95]) = [1.2, 2, 3, 4, 8.8]
    expect(percentileSorted(s, 0.05)).toBeCloseTo(1.2, 12);
    expect(percentileSorted(s, 0.95)).toBeCloseTo(8.8, 12);
    const d = distribution(Float64Array.from([4, 1, 10, 3, 2]));
    expect([d.p25, d.p50, d.p75]).toEqual([2, 3, 4]);
    expect(d.mean).toBe(4);
    expect(d.std).toBeCloseTo(Math.sqrt(12.5), 12);
  });
});

describe('Monte-Carlo', () => {
  it('trade shuffle: final equity, Sharpe and CAGR are order-invariant and computed with P (not zero)', () => {
    const r = series(200, 5, 0.002, 0.02);
    const P = 50; // trades per year
    const s = runMonteCarlo(r, cfg({ method: 'trade_shuffle', nPaths: 300, periodsPerYear: P, batchSize: 64 }));
    const prod = r.reduce((a, x) => a * (1 + x), 1);
    const mean = r.reduce((a, x) => a + x, 0) / r.length;
    const sd = Math.sqrt(r.reduce((a, x) => a + (x - mean) ** 2, 0) / (r.length - 1));
    expect(s.finalEquity.min).toBeCloseTo(10_000 * prod, 6);
    expect(s.finalEquity.max).toBeCloseTo(10_000 * prod, 6);
    expect(s.sharpe.p50).toBeCloseTo((mean / sd) * Math.sqrt(P), 9);
    expect(s.cagr.p50).toBeCloseTo(prod ** (P / r.length) - 1, 9);
    expect(s.sharpe.p50).not.toBe(0);
    // the drawdown differs between orders
    expect(s.maxDrawdown.max).toBeGreaterThan(s.maxDrawdown.min);
    expect(s.maxDrawdown.max).toBeLessThanOrEqual(0);
  });

  it('block bootstrap with block = length reproduces the original path exactly', () => {
    const r = series(100, 9);
    const s = runMonteCarlo(r, cfg({ method: 'block', blockSize: 100, nPaths: 20 }));
    const prod = r.reduce((a, x) => a * (1 + x), 1);
    expect(s.finalEquity.min).toBeCloseTo(10_000 * prod, 8);
    expect(s.finalEquity.max).toBeCloseTo(10_000 * prod, 8);
    expect(s.maxDrawdown.p50).toBeCloseTo(maxDd(r), 12);
  });

  it('iid bootstrap: unbiased mean, plausible spread, probability of loss', () => {
    const r = series(1000, 2, 0.001, 0.01);
    const s = runMonteCarlo(r, cfg({ method: 'iid', nPaths: 2000, periodsPerYear: 365 }));
    const mean = r.reduce((a, x) => a + x, 0) / r.length;
    // E[log final] ≈ T·E[log(1+r)]; check median total return against exp(Σ log(1+r)) within ~2 sd
    const logSum = r.reduce((a, x) => a + Math.log1p(x), 0);
    expect(Math.log(s.finalEquity.p50 / 10_000)).toBeCloseTo(logSum, 0);
    expect(s.sharpe.mean).toBeCloseTo((mean / 0.01) * Math.sqrt(365), 0);
    expect(s.probLoss).toBeGreaterThanOrEqual(0);
    expect(s.probLoss).toBeLessThan(0.2);
    expect(s.finalEquity.p5).toBeLessThan(s.finalEquity.p50);
    expect(s.finalEquity.p50).toBeLessThan(s.finalEquity.p95);
    const lossShare = s.totalReturn.p5 < 0 ? 'some' : 'none';
    expect(['some', 'none']).toContain(lossShare);
  });

  it('probability of loss is 1 for a strictly losing series and 0 for a strictly winning one', () => {
    expect(runMonteCarlo(Float64Array.from({ length: 50 }, () => -0.001), cfg({ nPaths: 10 })).probLoss).toBe(1);
    expect(runMonteCarlo(Float64Array.from({ length: 50 }, () => 0.001), cfg({ nPaths: 10 })).probLoss).toBe(0);
  });

  it('is deterministic: same seed → identical; different seed → different; batch order irrelevant', () => {
    const r = series(500, 3);
    const c = cfg({ nPaths: 1000, batchSize: 128, seed: 7, method: 'block' });
    const a = runMonteCarlo(r, c);
    const b = runMonteCarlo(r, c);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(runMonteCarlo(r, { ...c, seed: 8 }).finalEquity.p50).not.toBe(a.finalEquity.p50);
    const nb = batchCount(c);
    const shuffled = Array.from({ length: nb }, (_, i) => nb - 1 - i).map((i) => runMcBatch(r, c, i));
    expect(JSON.stringify(summarizeMc(shuffled, c, r.length))).toBe(JSON.stringify(a));
  });

  it('fan chart: ≤ fanSteps+1 points, starts at the initial equity, ordered bands', () => {
    const r = series(2000, 4);
    const s = runMonteCarlo(r, cfg({ nPaths: 300, fanSteps: 500, fanPaths: 200 }));
    expect(s.fan.step.length).toBe(501);
    expect(s.fan.step[0]).toBe(0);
    expect(s.fan.step[500]).toBe(2000);
    expect(s.fan.nPaths).toBe(200);
    expect(s.fan.p50[0]).toBe(10_000);
    for (let k = 0; k < 501; k++) {
      expect(s.fan.p5[k]).toBeLessThanOrEqual(s.fan.p50[k]);
      expect(s.fan.p50[k]).toBeLessThanOrEqual(s.fan.p95[k]);
    }
    expect(Array.from(fanIndices(10, 500))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('rejects bad input naming the field', () => {
    expect(() => runMonteCarlo(Float64Array.from([0.1, -1.5, 0]), cfg({}))).toThrow(/return #1/);
    expect(() => runMonteCarlo(series(10), cfg({ nPaths: 0 }))).toThrow(/nPaths/);
    expect(() => runMonteCarlo(series(10), cfg({ periodsPerYear: 0 }))).toThrow(/periodsPerYear/);
  });

  it('the inlined generator draws exactly the createRng(seed) stream', () => {
    const st = xoshiroState(123456789);
    const ref = createRng(123456789);
    for (let i = 0; i < 1000; i++) expect(nextU32(st)).toBe(ref.nextU32());
  });

  it('equityReturns gives simple returns', () => {
    expect(Array.from(equityReturns([100, 110, 99]))).toEqual([0.10000000000000009, -0.09999999999999998]);
  });
});
