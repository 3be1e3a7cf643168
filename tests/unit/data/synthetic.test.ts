import { describe, expect, it } from 'vitest';
import {
  generateSeedDataset, seedDatasets, standardisedT, synthGarchMarkov, synthRegimeSession, SYNTH_DEFAULT_START_MS,
} from '../../../src/core/data/synthetic';
import { validateBars } from '../../../src/core/data/validate';
import type { Bars } from '../../../src/core/data/bars';
import { createRng } from '../../../src/core/rng';
import { PeakError } from '../../../src/core/errors';

function expectOhlcInvariants(b: Bars): void {
  const n = b.close.length;
  let bad = -1;
  for (let i = 0; i < n && bad < 0; i++) {
    const ok = b.open[i] > 0 && b.close[i] > 0 && b.low[i] > 0 && b.volume[i] >= 0 &&
      b.high[i] >= Math.max(b.open[i], b.close[i]) && b.low[i] <= Math.min(b.open[i], b.close[i]) &&
      (i === 0 || b.time[i] > b.time[i - 1]) && Number.isFinite(b.high[i]);
    if (!ok) bad = i;
  }
  expect(bad, `first bar breaking an OHLC invariant`).toBe(-1);
  expect(() => validateBars(b, 'synthetic')).not.toThrow();
}

function logReturns(close: Float64Array): Float64Array {
  const r = new Float64Array(close.length - 1);
  for (let i = 1; i < close.length; i++) r[i - 1] = Math.log(close[i] / close[i - 1]);
  return r;
}
const variance = (x: Float64Array): number => {
  let m = 0;
  for (const v of x) m += v;
  m /= x.length;
  let s = 0;
  for (const v of x) s += (v - m) ** 2;
  return s / x.length;
};

describe('synthRegimeSession (SPEC §5 offline synth session)', () => {
  it('replays identically for the same seed and differs for another', () => {
    const a = synthRegimeSession(), b = synthRegimeSession({ seed: 42 }), c = synthRegimeSession({ seed: 43 });
    expect(a.bars.close).toEqual(b.bars.close);
    expect(a.bars.high).toEqual(b.bars.high);
    expect(a.bars.volume).toEqual(b.bars.volume);
    expect(a.bars.close).not.toEqual(c.bars.close);
  });
  it('uses the SPEC defaults: 1000 one-minute bars from 2024-01-01Z around base 50,000', () => {
    const { bars } = synthRegimeSession();
    expect(bars.close.length).toBe(1000);
    expect(bars.time[0]).toBe(SYNTH_DEFAULT_START_MS);
    expect(bars.time[0]).toBe(Date.parse('2024-01-01T00:00:00Z'));
    expect(bars.time[999] - bars.time[998]).toBe(60_000);
    // first close = base·exp(r0) with |r0| a few percent at most
    expect(Math.abs(Math.log(bars.close[0] / 50_000))).toBeLessThan(0.2);
    for (const v of bars.volume) { expect(v).toBeGreaterThanOrEqual(0.1); expect(v).toBeLessThan(10); }
  });
  it('keeps OHLC invariants on every bar', () => {
    expectOhlcInvariants(synthRegimeSession({ nSteps: 20_000, nRegimes: 7, seed: 'inv' }).bars);
  });
  it('lays regimes out as contiguous, equal-length segments', () => {
    const { regimes } = synthRegimeSession({ nSteps: 999, nRegimes: 3 });
    expect(Array.from(regimes.subarray(0, 333)).every((r) => r === 0)).toBe(true);
    expect(Array.from(regimes.subarray(333, 666)).every((r) => r === 1)).toBe(true);
    expect(Array.from(regimes.subarray(666)).every((r) => r === 2)).toBe(true);
    const uneven = synthRegimeSession({ nSteps: 1000, nRegimes: 3 }).regimes;
    const lengths = [0, 1, 2].map((k) => uneven.filter((r) => r === k).length);
    expect(Math.max(...lengths) - Math.min(...lengths)).toBeLessThanOrEqual(1);
    for (let i = 1; i < uneven.length; i++) expect(uneven[i] - uneven[i - 1]).toBeGreaterThanOrEqual(0);
  });
  it('rejects bad parameters with BAD_INPUT naming the field', () => {
    expect(() => synthRegimeSession({ nSteps: 0 })).toThrow(/nSteps/);
    expect(() => synthRegimeSession({ nSteps: 2, nRegimes: 3 })).toThrow(PeakError);
  });
});

describe('synthGarchMarkov (SPEC §5 GARCH + Markov)', () => {
  it('replays identically for the same seed and differs for another', () => {
    const a = synthGarchMarkov({ n: 5000, seed: 7 }), b = synthGarchMarkov({ n: 5000, seed: 7 });
    expect(a.bars.close).toEqual(b.bars.close);
    expect(a.regimes).toEqual(b.regimes);
    expect(synthGarchMarkov({ n: 5000, seed: 8 }).bars.close).not.toEqual(a.bars.close);
  });
  it('keeps OHLC invariants, with one tick per bar and with aggregated ticks', () => {
    expectOhlcInvariants(synthGarchMarkov({ n: 20_000, seed: 1 }).bars);
    expectOhlcInvariants(synthGarchMarkov({ n: 5_000, seed: 2, ticksPerBar: 60 }).bars);
  });
  it('aggregates ticks: open = first tick, close = last tick, volume = Σ tick volumes', () => {
    // 4 ticks per bar vs the same stream at 1 tick per bar: bar b covers ticks 4b..4b+3.
    const ticks = synthGarchMarkov({ n: 400, seed: 3 }).bars;
    const agg = synthGarchMarkov({ n: 100, seed: 3, ticksPerBar: 4 }).bars;
    for (let b = 0; b < 100; b++) {
      expect(agg.open[b]).toBe(ticks.close[4 * b]);
      expect(agg.close[b]).toBe(ticks.close[4 * b + 3]);
      const seg = ticks.close.subarray(4 * b, 4 * b + 4);
      expect(agg.high[b]).toBe(Math.max(...seg));
      expect(agg.low[b]).toBe(Math.min(...seg));
      expect(agg.volume[b]).toBeCloseTo(ticks.volume.subarray(4 * b, 4 * b + 4).reduce((x, y) => x + y, 0), 9);
    }
  });
  it('matches the unconditional GARCH variance ω/(1−α−β) within 10 % in a long single-regime run', () => {
    const reg = { omega: 1e-5, alpha: 0.05, beta: 0.9, nu: 6 };
    const { bars } = synthGarchMarkov({ n: 400_000, seed: 11, regimes: [reg], transition: [[1]] });
    const v = variance(logReturns(bars.close));
    const target = reg.omega / (1 - reg.alpha - reg.beta);
    expect(Math.abs(v / target - 1)).toBeLessThan(0.1);
  });
  it('standardises the Student-t shocks to unit variance', () => {
    const rng = createRng('t-std');
    for (const nu of [4.5, 5, 8]) {
      const x = new Float64Array(400_000);
      for (let i = 0; i < x.length; i++) x[i] = standardisedT(rng, nu);
      expect(variance(x)).toBeGreaterThan(0.95);
      expect(variance(x)).toBeLessThan(1.05);
    }
  });
  it('switches regimes with the given transition matrix', () => {
    const { regimes } = synthGarchMarkov({ n: 200_000, seed: 5 });
    // stationary share of regime 1 for [[.98,.02],[.05,.95]] is .02/(.02+.05) ≈ 0.2857
    const share = regimes.reduce((a, r) => a + r, 0) / regimes.length;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.32);
  });
  it('validates transition rows and ν with BAD_INPUT naming the field', () => {
    expect(() => synthGarchMarkov({ transition: [[0.9, 0.05], [0.05, 0.95]] })).toThrow(/transition\.0: row sums to 0\.95/);
    expect(() => synthGarchMarkov({ transition: [[1]] })).toThrow(/transition: must have 2 rows/);
    expect(() => synthGarchMarkov({ regimes: [{ omega: 1e-5, alpha: 0.1, beta: 0.8, nu: 2 }], transition: [[1]] })).toThrow(/regimes\.0\.nu/);
    try { synthGarchMarkov({ n: -1 }); } catch (e) { expect((e as PeakError).code).toBe('BAD_INPUT'); }
  });
  it('starts σ² at 100·ω when α + β ≥ 1 and stays finite', () => {
    const { bars } = synthGarchMarkov({ n: 2000, seed: 9, regimes: [{ omega: 1e-8, alpha: 0.2, beta: 0.8, nu: 5 }], transition: [[1]] });
    expect(bars.close.every((c) => Number.isFinite(c) && c > 0)).toBe(true);
  });
});

describe('seed data sets', () => {
  it('lists the BTC-like minute year and the daily decade with JSON-able params', () => {
    const specs = seedDatasets();
    const names = specs.map((s) => s.name);
    expect(names).toContain('BTC-like 1m (1 year)');
    expect(names).toContain('Daily decade');
    expect(JSON.parse(JSON.stringify(specs))).toEqual(specs);
  });
  it('generates the 1-year 1m set (525,600 bars from 2024-01-01Z near 42,000) in under a second, reproducibly', () => {
    const spec = seedDatasets().find((s) => s.name === 'BTC-like 1m (1 year)');
    if (!spec) throw new Error('missing spec');
    const t0 = performance.now();
    const b = generateSeedDataset(spec);
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(1000);
    expect(b.close.length).toBe(525_600);
    expect(b.time[0]).toBe(Date.parse('2024-01-01T00:00:00Z'));
    expect(b.time[525_599]).toBe(Date.parse('2024-12-30T23:59:00Z'));
    expect(b.open[0]).toBe(42_000);
    const { report } = validateBars(b, spec.name);
    expect(report.intervalLabel).toBe('1m');
    expect(report.calendar).toBe('24/7');
    expect(report.gaps.count).toBe(0);
    // annualised volatility in a BTC-like band
    const annVol = Math.sqrt(variance(logReturns(b.close)) * 525_600);
    expect(annVol).toBeGreaterThan(0.3);
    expect(annVol).toBeLessThan(2);
    // reproducible: compare element-wise without a deep-equal over 525,600 values
    const again = generateSeedDataset(spec).close;
    let diff = 0;
    for (let i = 0; i < again.length; i++) if (again[i] !== b.close[i]) diff++;
    expect(diff).toBe(0);
    console.info(`seed 'BTC-like 1m (1 year)': ${ms.toFixed(0)} ms for 525,600 bars`);
  });
  it('generates the daily decade: 3,650 daily 24/7 bars', () => {
    const spec = seedDatasets().find((s) => s.name === 'Daily decade');
    if (!spec) throw new Error('missing spec');
    const b = generateSeedDataset(spec);
    const { report } = validateBars(b, spec.name);
    expect(report.bars).toBe(3650);
    expect(report.intervalLabel).toBe('1d');
    expect(report.calendar).toBe('24/7');
  });
});

describe('interval-scaled GARCH regimes', () => {
  it('keep the annualised volatility of 1-minute and daily bars in the same BTC-like range', async () => {
    const { garchRegimesForInterval, synthGarchMarkov } = await import('../../../src/core/data/synthetic');
    const annVol = (intervalMs: number, n: number) => {
      const { bars } = synthGarchMarkov({ n, seed: 3, regimes: garchRegimesForInterval(intervalMs), intervalMs });
      let s = 0, s2 = 0;
      for (let i = 1; i < n; i++) { const r = Math.log(bars.close[i] / bars.close[i - 1]); s += r; s2 += r * r; }
      const v = s2 / (n - 1) - (s / (n - 1)) ** 2;
      return Math.sqrt(v * (365 * 86_400_000) / intervalMs);
    };
    const minute = annVol(60_000, 200_000), daily = annVol(86_400_000, 20_000);
    for (const v of [minute, daily]) { expect(v).toBeGreaterThan(0.4); expect(v).toBeLessThan(1.6); }
  });
});
