import { describe, expect, it } from 'vitest';
import {
  atr, bollinger, dmi, donchianInclusive, donchianPrior, ema, expandingPercentile, macd, momentum, rollingMean,
  rollingPercentRank, rollingQuantile, rollingStd, rsi, sma, trueRange, wilder,
} from '../../../src/core/indicators';
import { createRng } from '../../../src/core/rng';

// ---- naive reference implementations (independent of the O(n) kernels) --------------------------------
const nanArr = (n: number) => new Array<number>(n).fill(NaN);
const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;

function smaRef(x: ArrayLike<number>, n: number): number[] {
  const out = nanArr(x.length);
  for (let t = n - 1; t < x.length; t++) {
    const w = Array.from(x).slice(t - n + 1, t + 1);
    if (w.some(Number.isNaN)) continue;
    out[t] = mean(w);
  }
  return out;
}
function emaFirstRef(x: ArrayLike<number>, n: number): number[] {
  const a = 2 / (n + 1);
  const out: number[] = [];
  for (let t = 0; t < x.length; t++) out.push(t === 0 ? x[0] : a * x[t] + (1 - a) * out[t - 1]);
  return out;
}
/** seeded with the mean of x[s..s+n-1], then y = (y·(n−1)+x)/n style with the given alpha */
function seededRef(x: ArrayLike<number>, n: number, alpha: number, s = 0): number[] {
  const out = nanArr(x.length);
  if (s + n > x.length) return out;
  let y = mean(Array.from(x).slice(s, s + n));
  out[s + n - 1] = y;
  for (let t = s + n; t < x.length; t++) { y = alpha * x[t] + (1 - alpha) * y; out[t] = y; }
  return out;
}
function rsiRef(c: ArrayLike<number>, n: number, method: 'wilder' | 'sma'): number[] {
  const out = nanArr(c.length);
  const g = [NaN], l = [NaN];
  for (let t = 1; t < c.length; t++) { const d = c[t] - c[t - 1]; g.push(Math.max(d, 0)); l.push(Math.max(-d, 0)); }
  const f = (ag: number, al: number) => (al === 0 ? (ag > 0 ? 100 : 50) : 100 - 100 / (1 + ag / al));
  if (method === 'sma') {
    for (let t = n; t < c.length; t++) out[t] = f(mean(g.slice(t - n + 1, t + 1)), mean(l.slice(t - n + 1, t + 1)));
    return out;
  }
  if (c.length <= n) return out;
  let ag = mean(g.slice(1, n + 1)), al = mean(l.slice(1, n + 1));
  out[n] = f(ag, al);
  for (let t = n + 1; t < c.length; t++) { ag = (ag * (n - 1) + g[t]) / n; al = (al * (n - 1) + l[t]) / n; out[t] = f(ag, al); }
  return out;
}
function trRef(h: ArrayLike<number>, l: ArrayLike<number>, c: ArrayLike<number>): number[] {
  return Array.from(c, (_, t) => (t === 0 ? h[0] - l[0] : Math.max(h[t] - l[t], Math.abs(h[t] - c[t - 1]), Math.abs(l[t] - c[t - 1]))));
}
function stdRef(x: ArrayLike<number>, n: number, ddof: number): number[] {
  const out = nanArr(x.length);
  for (let t = n - 1; t < x.length; t++) {
    const w = Array.from(x).slice(t - n + 1, t + 1);
    const m = mean(w);
    out[t] = Math.sqrt(w.reduce((s, v) => s + (v - m) ** 2, 0) / (n - ddof));
  }
  return out;
}
function dmiRef(h: number[], l: number[], c: number[], n: number) {
  const len = c.length;
  const tr = trRef(h, l, c), pdm = [0], mdm = [0];
  for (let t = 1; t < len; t++) {
    const up = h[t] - h[t - 1], dn = l[t - 1] - l[t];
    pdm.push(up > dn && up > 0 ? up : 0); mdm.push(dn > up && dn > 0 ? dn : 0);
  }
  const sm = (a: number[]) => seededRef(a, n, 1 / n, 1);
  const A = sm(tr), P = sm(pdm), M = sm(mdm);
  const pdi = nanArr(len), mdi = nanArr(len), dx = nanArr(len);
  for (let t = n; t < len; t++) {
    pdi[t] = A[t] > 0 ? (100 * P[t]) / A[t] : 0; mdi[t] = A[t] > 0 ? (100 * M[t]) / A[t] : 0;
    dx[t] = pdi[t] + mdi[t] > 0 ? (100 * Math.abs(pdi[t] - mdi[t])) / (pdi[t] + mdi[t]) : 0;
  }
  return { pdi, mdi, adx: seededRef(dx, n, 1 / n, n) };
}
function extremeRef(x: number[], n: number, f: (...v: number[]) => number, lag: number): number[] {
  const out = nanArr(x.length);
  for (let t = n - 1 + lag; t < x.length; t++) out[t] = f(...x.slice(t - lag - n + 1, t - lag + 1));
  return out;
}
function pctRankRef(x: number[], n: number): number[] {
  const out = nanArr(x.length);
  for (let t = n - 1; t < x.length; t++) {
    const w = x.slice(t - n + 1, t + 1);
    const sorted = [...w].sort((a, b) => a - b);
    const v = w[w.length - 1];
    const first = sorted.indexOf(v) + 1, last = sorted.lastIndexOf(v) + 1;
    out[t] = ((first + last) / 2 / n) * 100;
  }
  return out;
}

function expectClose(actual: Float64Array, expected: ArrayLike<number>, tol = 1e-9) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i], e = expected[i];
    if (Number.isNaN(e)) {
      if (!Number.isNaN(a)) throw new Error(`index ${i}: expected NaN, got ${a}`);
    } else if (!(Math.abs(a - e) <= tol * Math.max(1, Math.abs(e)))) {
      throw new Error(`index ${i}: expected ${e}, got ${a}`);
    }
  }
}

// ---- inputs ----------------------------------------------------------------------------------------
function randomOhlc(len: number, seed: number) {
  const r = createRng(seed);
  const c: number[] = [], h: number[] = [], l: number[] = [];
  let p = 100;
  for (let i = 0; i < len; i++) {
    p *= Math.exp(0.02 * r.normal());
    const o = p * (1 + 0.005 * r.normal());
    c.push(p); h.push(Math.max(o, p) * (1 + 0.01 * r.uniform())); l.push(Math.min(o, p) * (1 - 0.01 * r.uniform()));
  }
  return { c, h, l, C: Float64Array.from(c), H: Float64Array.from(h), L: Float64Array.from(l) };
}
const R = randomOhlc(400, 7);
const constant = Float64Array.from({ length: 60 }, () => 42.5);
// prices on a coarse grid so ties are frequent (exercises rank ties and Donchian equal values)
const ticks = (() => { const r = createRng(3); return Float64Array.from({ length: 300 }, () => 100 + r.int(6)); })();
const windows = [1, 2, 5, 14, 30];

describe('moving averages', () => {
  it('sma matches the naive window mean (random, ticks, constant, n=1, n > length)', () => {
    for (const n of windows) {
      expectClose(sma(R.C, n), smaRef(R.c, n));
      expectClose(sma(ticks, n), smaRef(ticks, n));
    }
    expectClose(sma(constant, 10), smaRef(constant, 10));
    const gappy = Float64Array.from(R.C.subarray(0, 60), (v, i) => (i < 3 || i === 30 ? NaN : v)); // general path
    expectClose(sma(gappy, 5), smaRef(gappy, 5));
    expect(Array.from(sma(constant, 100)).every(Number.isNaN)).toBe(true);
  });
  it('sma does not drift over a long series with a large offset', () => {
    const r = createRng(11);
    const x = Float64Array.from({ length: 200_000 }, () => 1e6 + r.normal());
    const s = sma(x, 50);
    for (const t of [1000, 99_999, 199_999]) {
      let ref = 0;
      for (let k = t - 49; k <= t; k++) ref += x[k];
      expect(Math.abs(s[t] - ref / 50) / 1e6).toBeLessThan(1e-13);
    }
  });
  it('rollingMean with min_periods skips NaNs like pandas', () => {
    const x = Float64Array.from([NaN, NaN, 1, 2, NaN, 4, 5]);
    expectClose(rollingMean(x, 3, 2), [NaN, NaN, NaN, 1.5, 1.5, 3, 4.5]);
  });
  it("ema 'first' = pandas adjust=False; 'sma' = TA-Lib seeding", () => {
    for (const n of windows) {
      expectClose(ema(R.C, n, 'first'), emaFirstRef(R.c, n));
      expectClose(ema(R.C, n, 'sma'), seededRef(R.c, n, 2 / (n + 1)));
    }
    expectClose(ema(constant, 5, 'sma'), seededRef(constant, 5, 2 / 6));
    expect(Array.from(ema(constant, 100, 'sma')).every(Number.isNaN)).toBe(true);
  });
  it('wilder is seeded with the simple mean of the first n values, then 1/n smoothing', () => {
    for (const n of windows) expectClose(wilder(R.C, n), seededRef(R.c, n, 1 / n));
    expectClose(wilder(Float64Array.from([2, 4, 6, 8]), 2), [NaN, 3, 4.5, 6.25]);
  });
  it('rollingStd ddof 0 and 1 match the two-pass window std; a constant window is exactly 0', () => {
    for (const n of [2, 5, 14, 30]) {
      expectClose(rollingStd(R.C, n, 1), stdRef(R.c, n, 1));
      expectClose(rollingStd(R.C, n, 0), stdRef(R.c, n, 0));
      expectClose(rollingStd(ticks, n, 1), stdRef(ticks, n, 1));
    }
    expectClose(rollingStd(R.C, 1, 0), stdRef(R.c, 1, 0));
    expect(Array.from(rollingStd(R.C, 1, 1)).every(Number.isNaN)).toBe(true);
    const s = rollingStd(constant, 10, 1);
    for (let t = 9; t < s.length; t++) expect(s[t]).toBe(0);
  });
  it('momentum = x/x₋ₙ − 1', () => {
    for (const n of windows) expectClose(momentum(R.C, n), Array.from(R.c, (v, t) => (t >= n ? v / R.c[t - n] - 1 : NaN)));
    expect(Array.from(momentum(constant, 100)).every(Number.isNaN)).toBe(true);
  });
});

describe('RSI', () => {
  it('matches the TA-Lib reference (wilder) and the rolling-mean variant', () => {
    for (const n of [2, 5, 14, 30]) {
      expectClose(rsi(R.C, n), rsiRef(R.c, n, 'wilder'));
      expectClose(rsi(R.C, n, 'sma'), rsiRef(R.c, n, 'sma'));
      expectClose(rsi(ticks, n), rsiRef(ticks, n, 'wilder'));
    }
  });
  it("'ewm' = pandas ewm(alpha=1/n, adjust=False, min_periods=n) of gains/losses (seeded with the first diff)", () => {
    const ref = (c: number[], n: number) => {
      const out = c.map(() => NaN);
      let ag = NaN, al = NaN;
      for (let t = 1; t < c.length; t++) {
        const d = c[t] - c[t - 1], g = Math.max(d, 0), l = Math.max(-d, 0);
        if (t === 1) { ag = g; al = l; } else { ag = (1 - 1 / n) * ag + g / n; al = (1 - 1 / n) * al + l / n; }
        if (t >= n) out[t] = al === 0 ? (ag > 0 ? 100 : 50) : 100 - 100 / (1 + ag / al);
      }
      return out;
    };
    for (const n of [1, 2, 5, 14]) expectClose(rsi(R.C, n, 'ewm'), ref(R.c, n));
    expect(Array.from(rsi(constant, 60, 'ewm')).every(Number.isNaN)).toBe(true);
  });
  it('hand-computed 2-period values: closes 1,2,1,3 → RSI[2] = 50, RSI[3] = 83.33', () => {
    // diffs +1, −1, +2. Seed: avgGain = (1+0)/2 = .5, avgLoss = (0+1)/2 = .5 → 50.
    // Then avgGain = .5 + (2 − .5)/2 = 1.25, avgLoss = .5 + (0 − .5)/2 = .25 → rs 5 → 100 − 100/6.
    expectClose(rsi(Float64Array.from([1, 2, 1, 3]), 2), [NaN, NaN, 50, 100 - 100 / 6]);
  });
  it('reproduces the classic 14-period Wilder example (StockCharts table) to 2 decimals', () => {
    const closes = [44.3389, 44.0902, 44.1497, 43.6124, 44.3278, 44.8264, 45.0955, 45.4245, 45.8433, 46.0826, 45.8931,
      46.0328, 45.614, 46.282, 46.282, 46.0028, 46.0328, 46.4116, 46.2222, 45.6439, 46.2122, 46.2521, 45.7137, 46.4515,
      45.7835, 45.3548, 44.0288, 44.1783, 44.2181, 44.5672, 43.4205, 42.6628, 43.1314];
    const expected = [70.53, 66.32, 66.55, 69.41, 66.36, 57.97, 62.93, 63.26, 56.06, 62.38, 54.71, 50.42, 39.99, 41.46,
      41.87, 45.46, 37.3, 33.08, 37.77];
    const r = rsi(Float64Array.from(closes), 14);
    expect(Number.isNaN(r[13])).toBe(true);
    for (let i = 0; i < expected.length; i++) expect(r[14 + i]).toBeCloseTo(expected[i], 1);
  });
  it('flat prices give 50, only rises give 100, too short gives all NaN', () => {
    const flat = rsi(constant, 14);
    expect(flat[14]).toBe(50);
    expect(flat[59]).toBe(50);
    expect(rsi(Float64Array.from({ length: 20 }, (_, i) => i + 1), 5)[19]).toBe(100);
    expect(Array.from(rsi(constant, 60)).every(Number.isNaN)).toBe(true);
  });
});

describe('true range, ATR, DMI', () => {
  it('trueRange and ATR (first value at index n = mean of TR[1..n])', () => {
    expectClose(trueRange(R.H, R.L, R.C), trRef(R.h, R.l, R.c));
    for (const n of [1, 5, 14]) expectClose(atr(R.H, R.L, R.C, n), seededRef(trRef(R.h, R.l, R.c), n, 1 / n, 1));
    expect(Array.from(atr(R.H.subarray(0, 10), R.L.subarray(0, 10), R.C.subarray(0, 10), 10)).every(Number.isNaN)).toBe(true);
  });
  it('±DI and ADX match the naive Wilder reference; ADX first at 2n − 1', () => {
    for (const n of [2, 5, 14]) {
      const d = dmi(R.H, R.L, R.C, n);
      const ref = dmiRef(R.h, R.l, R.c, n);
      expectClose(d.plusDI, ref.pdi);
      expectClose(d.minusDI, ref.mdi);
      expectClose(d.adx, ref.adx);
      expect(Number.isNaN(d.adx[2 * n - 2])).toBe(true);
      expect(Number.isNaN(d.adx[2 * n - 1])).toBe(false);
    }
  });
  it('constant bars give DI = 0, ADX = 0 (no NaN after warm-up)', () => {
    const d = dmi(constant, constant, constant, 5);
    expect(d.plusDI[5]).toBe(0);
    expect(d.adx[9]).toBe(0);
  });
});

describe('channels and bands', () => {
  it('Donchian prior (shift 1) and inclusive match naive max/min, with ties', () => {
    for (const x of [R.h, Array.from(ticks)]) {
      const X = Float64Array.from(x);
      for (const n of windows) {
        const p = donchianPrior(X, X, n), inc = donchianInclusive(X, X, n);
        expectClose(p.upper, extremeRef(x, n, Math.max, 1));
        expectClose(p.lower, extremeRef(x, n, Math.min, 1));
        expectClose(inc.upper, extremeRef(x, n, Math.max, 0));
        expectClose(inc.lower, extremeRef(x, n, Math.min, 0));
      }
    }
    expect(Array.from(donchianPrior(constant, constant, 60).upper).every(Number.isNaN)).toBe(true);
  });
  it('Bollinger bands use the sample std', () => {
    const b = bollinger(R.C, 20, 2);
    const m = smaRef(R.c, 20), s = stdRef(R.c, 20, 1);
    expectClose(b.mid, m);
    expectClose(b.upper, m.map((v, i) => v + 2 * s[i]));
    expectClose(b.lower, m.map((v, i) => v - 2 * s[i]));
  });
  it('MACD = EMA12 − EMA26 (adjust=False), signal EMA9, hist', () => {
    const d = macd(R.C);
    const f = emaFirstRef(R.c, 12), s = emaFirstRef(R.c, 26);
    const m = f.map((v, i) => v - s[i]);
    const sig = emaFirstRef(m, 9);
    expectClose(d.macd, m);
    expectClose(d.signal, sig);
    expectClose(d.hist, m.map((v, i) => v - sig[i]));
  });
});

describe('percentile ranks', () => {
  it('rollingPercentRank = pandas rank(pct) of the last value ×100 (average ties)', () => {
    for (const n of windows) {
      expectClose(rollingPercentRank(R.C, n), pctRankRef(R.c, n));
      expectClose(rollingPercentRank(ticks, n), pctRankRef(Array.from(ticks), n));
    }
    expectClose(rollingPercentRank(Float64Array.from([1, 2, 2, 2]), 3), [NaN, NaN, 5 / 6 * 100, 200 / 3]);
    expect(rollingPercentRank(constant, 4)[10]).toBeCloseTo(62.5, 12);
  });
  it('expandingPercentile = share of history ≤ current ×100', () => {
    const x = Array.from(ticks);
    const ref = x.map((v, t) => (x.slice(0, t + 1).filter((w) => w <= v).length / (t + 1)) * 100);
    expectClose(expandingPercentile(ticks), ref);
    expectClose(expandingPercentile(Float64Array.from([NaN, 3, 1, 2])), [NaN, 100, 50, 200 / 3]);
  });
  it('rollingQuantile = pandas rolling(n).quantile(q), linear interpolation; NaN windows stay NaN', () => {
    const ref = (x: number[], n: number, q: number) => x.map((_, t) => {
      if (t < n - 1) return NaN;
      const w = x.slice(t - n + 1, t + 1);
      if (w.some(Number.isNaN)) return NaN;
      w.sort((a, b) => a - b);
      const pos = q * (n - 1), lo = Math.floor(pos);
      return lo + 1 < n ? w[lo] + (pos - lo) * (w[lo + 1] - w[lo]) : w[lo];
    });
    for (const n of windows) for (const q of [0, 0.25, 0.5, 0.75, 1]) {
      expectClose(rollingQuantile(R.C, n, q), ref(R.c, n, q));
      expectClose(rollingQuantile(ticks, n, q), ref(Array.from(ticks), n, q));
    }
    const withNan = Float64Array.from([NaN, NaN, 3, 1, 2, 5, NaN, 4, 6, 7]);
    expectClose(rollingQuantile(withNan, 3, 0.5), ref(Array.from(withNan), 3, 0.5));
  });
});
