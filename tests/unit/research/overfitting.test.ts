import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/rng';
import {
  blockStatsFromMatrix, blockStatsFromObjects, combinationMasks, dsr, erf, expectedMaxSharpe, normCdf, normInv,
  pboCscv, perPeriodSharpe, psr, returnMoments, sampleVariance,
} from '../../../src/core/research/overfitting';

// Reference values computed independently with scipy.stats.norm (SciPy 1.17).
const CDF: [number, number][] = [
  [0, 0.5], [0.5, 0.6914624612740131], [1, 0.8413447460685429], [1.96, 0.9750021048517795],
  [-1.96, 0.024997895148220435], [2.5, 0.9937903346742238], [-3, 0.0013498980316300933],
  [3.7, 0.9998922002665226], [-5, 2.866515718791933e-7], [-8, 6.22096057427174e-16], [6, 0.9999999990134123],
  [-10, 7.61985302416047e-24],
];
const PPF: [number, number][] = [
  [1e-10, -6.361340902404056], [1e-5, -4.264890793922825], [0.001, -3.090232306167813],
  [0.02425, -1.972961051311885], [0.025, -1.9599639845400545], [0.1, -1.2815515655446004], [0.5, 0],
  [0.9, 1.2815515655446004], [0.975, 1.959963984540054], [0.99, 2.3263478740408408],
  [0.999999, 4.753424308817087], [1 - 1e-12, 7.0344869100478356],
];

describe('normal CDF and inverse', () => {
  it('matches scipy to 1e-13 absolute and 1e-12 relative in the tails', () => {
    for (const [z, p] of CDF) {
      expect(Math.abs(normCdf(z) - p)).toBeLessThan(1e-13);
      if (p > 0 && p < 1e-3) expect(Math.abs(normCdf(z) / p - 1)).toBeLessThan(1e-12);
    }
  });
  it('erf is odd and erf(1) = 0.8427007929497149', () => {
    expect(erf(1)).toBeCloseTo(0.8427007929497149, 14);
    expect(erf(-0.3)).toBeCloseTo(-erf(0.3), 15);
  });
  it('inverse matches scipy to 1e-11 and round-trips', () => {
    for (const [p, z] of PPF) expect(Math.abs(normInv(p) - z)).toBeLessThan(1e-11 * Math.max(1, Math.abs(z)));
    for (let p = 0.001; p < 1; p += 0.0137) expect(Math.abs(normCdf(normInv(p)) - p)).toBeLessThan(1e-14);
    expect(normInv(0)).toBe(-Infinity);
    expect(normInv(1)).toBe(Infinity);
    expect(normInv(1.5)).toBeNaN();
  });
});

describe('PSR', () => {
  it('follows Bailey & López de Prado (2012) — independent scipy value', () => {
    // Φ(0.1·√99 / √(1 + 0.5·0.1 + (5−1)/4·0.01)) = 0.8330822773316748
    expect(psr(0.1, 100, -0.5, 5)).toBeCloseTo(0.8330822773316748, 12);
  });
  it('is 0.5 at the benchmark, increasing in sr and n, and rejects excess-kurtosis mistakes', () => {
    expect(psr(0.2, 500, 0, 3, 0.2)).toBeCloseTo(0.5, 15);
    expect(psr(0.1, 500, 0, 3)).toBeGreaterThan(psr(0.05, 500, 0, 3));
    expect(psr(0.05, 1000, 0, 3)).toBeGreaterThan(psr(0.05, 100, 0, 3));
    // negative skew and fat tails lower the PSR of a positive Sharpe
    expect(psr(0.1, 500, -2, 10)).toBeLessThan(psr(0.1, 500, 0, 3));
    expect(() => psr(0.5, 100, 3, 0)).toThrow(/kurtosis/);
    expect(() => psr(0.1, 1, 0, 3)).toThrow(/n/);
  });
  it('converts an annualised Sharpe to per period with √P', () => {
    expect(perPeriodSharpe(2.5, 250)).toBeCloseTo(0.15811388300841897, 15);
  });
});

describe('DSR', () => {
  it("reproduces the paper's worked example (Bailey & López de Prado 2014): DSR ≈ 0.9004", () => {
    // SR 2.5 annualised on 1250 daily returns, N = 100 trials, V = 0.5 (annualised) → 0.5/250 per day, γ₃ −3, γ₄ 10.
    const r = dsr({ sr: 2.5 / Math.sqrt(250), n: 1250, skew: -3, kurtosis: 10 }, 100, 0.5 / 250);
    expect(r.srStar).toBeCloseTo(0.11317200186513214, 12);
    expect(r.srStar * Math.sqrt(250)).toBeCloseTo(1.7894, 4);
    expect(r.dsr).toBeCloseTo(0.9003968344493903, 11);
  });
  it('N = 1 → sr* = 0 (DSR = PSR), and sr* grows with N and V', () => {
    expect(expectedMaxSharpe(1, 0.3)).toBe(0);
    const s = { sr: 0.1, n: 300, skew: 0, kurtosis: 3 };
    expect(dsr(s, 1, 0.01).dsr).toBeCloseTo(psr(0.1, 300, 0, 3), 15);
    expect(expectedMaxSharpe(1000, 0.01)).toBeGreaterThan(expectedMaxSharpe(100, 0.01));
    expect(expectedMaxSharpe(100, 0.02)).toBeGreaterThan(expectedMaxSharpe(100, 0.01));
    expect(dsr(s, 1000, 0.01).dsr).toBeLessThan(dsr(s, 10, 0.01).dsr);
  });
});

describe('moments', () => {
  it('population skew and RAW kurtosis; sample std', () => {
    const x = [0.01, -0.02, 0.03, 0.0, 0.05, -0.01];
    const m = returnMoments(Float64Array.from(x));
    // scipy.stats.skew(x) = 0.2454358..., kurtosis(x, fisher=False) = 1.8790..., np.std(x, ddof=1)
    const mean = x.reduce((a, b) => a + b) / x.length;
    const m2 = x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length;
    const m3 = x.reduce((a, b) => a + (b - mean) ** 3, 0) / x.length;
    const m4 = x.reduce((a, b) => a + (b - mean) ** 4, 0) / x.length;
    expect(m.skew).toBeCloseTo(m3 / m2 ** 1.5, 12);
    expect(m.kurtosis).toBeCloseTo(m4 / m2 ** 2, 12);
    expect(m.std).toBeCloseTo(Math.sqrt((m2 * 6) / 5), 15);
    expect(sampleVariance([1, 2, 3, 4])).toBeCloseTo(5 / 3, 15);
  });
});

describe('PBO by CSCV', () => {
  it('enumerates C(S, S/2) splits', () => {
    expect(combinationMasks(16, 8).length).toBe(12870);
    expect(Array.from(combinationMasks(4, 2))).toEqual([0b0011, 0b0101, 0b1001, 0b0110, 0b1010, 0b1100]);
  });

  it('exact small case S = 4, N = 3 computed by hand', () => {
    // A good in blocks 0,1 and bad in 2,3; B the mirror; C mildly positive everywhere.
    const good = [0.02, 0.04], bad = [-0.04, -0.02], mild = [0, 0.01];
    const toStat = (r: number[]) => ({ n: r.length, sum: r[0] + r[1], sumSq: r[0] ** 2 + r[1] ** 2 });
    const m = blockStatsFromObjects([
      [good, good, bad, bad].map(toStat),
      [bad, bad, good, good].map(toStat),
      [mild, mild, mild, mild].map(toStat),
    ]);
    const r = pboCscv(m);
    // split {0,1}: IS best A, OOS (blocks 2,3) A is worst → rank 1, ω̄ = 1/4, λ = ln(1/3).
    // split {2,3}: B likewise. The four mixed splits: A and B have mean 0, C is best IS and OOS → λ = ln 3.
    expect(Array.from(r.bestIndex)).toEqual([0, 2, 2, 2, 2, 1]);
    const l3 = Math.log(3);
    const expected = [-l3, l3, l3, l3, l3, -l3];
    r.logits.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
    expect(r.pbo).toBeCloseTo(2 / 6, 15);
    expect(r.probOosLoss).toBeCloseTo(2 / 6, 15);
  });

  it('pure noise strategies → PBO ≈ 0.5', () => {
    const rng = createRng(7);
    const T = 1600, N = 40;
    const cols = Array.from({ length: N }, () => {
      const c = new Float64Array(T);
      for (let t = 0; t < T; t++) c[t] = 0.01 * rng.normal();
      return c;
    });
    const r = pboCscv(blockStatsFromMatrix(cols, 16));
    expect(r.nSplits).toBe(12870);
    expect(r.pbo).toBeGreaterThan(0.3);
    expect(r.pbo).toBeLessThan(0.7);
  });

  it('one strategy with a real edge in every block → PBO ≈ 0', () => {
    const rng = createRng(11);
    const T = 1600, N = 30;
    const cols = Array.from({ length: N }, (_, j) => {
      const c = new Float64Array(T);
      for (let t = 0; t < T; t++) c[t] = (j === 5 ? 0.003 : 0) + 0.01 * rng.normal();
      return c;
    });
    const r = pboCscv(blockStatsFromMatrix(cols, 16));
    expect(r.pbo).toBeLessThan(0.02);
    expect(r.bestIndex.every((b) => b === 5)).toBe(true);
  });

  it('matches a brute-force CSCV on raw returns (independent Sharpe from the concatenated series)', () => {
    const rng = createRng(3);
    const T = 120, N = 6, S = 6;
    const cols = Array.from({ length: N }, () => Float64Array.from({ length: T }, () => 0.001 + 0.01 * rng.normal()));
    const r = pboCscv(blockStatsFromMatrix(cols, S));
    const blockOf = (t: number) => Math.floor((t * S) / T);
    const sharpe = (x: number[]) => {
      const m = x.reduce((a, b) => a + b, 0) / x.length;
      const v = x.reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1);
      return m / Math.sqrt(v);
    };
    let le0 = 0;
    const masks = combinationMasks(S, S / 2);
    masks.forEach((mask, s) => {
      const isP = cols.map((c) => sharpe(Array.from(c).filter((_, t) => mask & (1 << blockOf(t)))));
      const oosP = cols.map((c) => sharpe(Array.from(c).filter((_, t) => !(mask & (1 << blockOf(t))))));
      const best = isP.indexOf(Math.max(...isP));
      const rank = 1 + oosP.filter((v) => v < oosP[best]).length;
      const w = rank / (N + 1);
      expect(r.logits[s]).toBeCloseTo(Math.log(w / (1 - w)), 9);
      if (Math.log(w / (1 - w)) <= 0) le0++;
    });
    expect(r.pbo).toBeCloseTo(le0 / masks.length, 15);
  });

  it('rejects bad input with messages naming the problem', () => {
    expect(() => blockStatsFromMatrix([new Float64Array(10)], 16)).toThrow(/S = 16/);
    expect(() => pboCscv(blockStatsFromMatrix([new Float64Array(20)], 4))).toThrow(/at least 2/);
  });
});
