/**
 * RSI, true range, ATR and the directional movement index (±DI, ADX). Wilder smoothing throughout, seeded
 * with the simple mean of the first n values (TA-Lib convention), NaN during warm-up.
 */
import { rollingMean, wilder } from './moving';

/**
 * RSI (TA-Lib definition). Diffs d[t] = close[t] − close[t−1] for t ≥ 1; gains = max(d, 0), losses = max(−d, 0).
 * 'wilder': the first value at index n uses the simple mean of gains/losses over t = 1..n, then
 * avg = avg₋₁ + (x − avg₋₁)/n. 'sma': plain rolling mean of the last n gains/losses (also first at index n).
 * 'ewm': pandas `ewm(alpha=1/n, adjust=False, min_periods=n)` of gains/losses as the Python original wrote it —
 * the same recursion seeded with the FIRST gain/loss (t = 1) instead of the mean; also first reported at index n.
 * RSI = 100 − 100/(1 + avgGain/avgLoss). avgLoss = 0 gives 100 when avgGain > 0 and 50 when both are 0
 * (a flat window is neutral; the original's NaN there was an accident of 0/0).
 */
export type RsiMethod = 'wilder' | 'sma' | 'ewm';
export function rsi(close: Float64Array, n: number, method: RsiMethod = 'wilder'): Float64Array {
  const len = close.length;
  const out = new Float64Array(len).fill(NaN);
  if (n < 1 || len <= n) return out;
  if (method === 'sma') {
    const g = new Float64Array(len);
    const l = new Float64Array(len);
    g[0] = NaN;
    l[0] = NaN;
    for (let t = 1; t < len; t++) {
      const d = close[t] - close[t - 1];
      g[t] = d > 0 ? d : 0;
      l[t] = d < 0 ? -d : 0;
    }
    const ag = rollingMean(g, n, n);
    const al = rollingMean(l, n, n);
    for (let t = n; t < len; t++) out[t] = rsiFrom(ag[t], al[t]);
    return out;
  }
  let ag = 0;
  let al = 0;
  if (method === 'ewm') {
    const d1 = close[1] - close[0];
    ag = d1 > 0 ? d1 : 0;
    al = d1 < 0 ? -d1 : 0;
    for (let t = 2; t < len; t++) {
      const d = close[t] - close[t - 1];
      ag += ((d > 0 ? d : 0) - ag) / n;
      al += ((d < 0 ? -d : 0) - al) / n;
      if (t >= n) out[t] = rsiFrom(ag, al);
    }
    if (n === 1) out[1] = rsiFrom(d1 > 0 ? d1 : 0, d1 < 0 ? -d1 : 0);
    return out;
  }
  for (let t = 1; t <= n; t++) {
    const d = close[t] - close[t - 1];
    if (d > 0) ag += d;
    else al -= d;
  }
  ag /= n;
  al /= n;
  out[n] = rsiFrom(ag, al);
  for (let t = n + 1; t < len; t++) {
    const d = close[t] - close[t - 1];
    ag += ((d > 0 ? d : 0) - ag) / n;
    al += ((d < 0 ? -d : 0) - al) / n;
    out[t] = rsiFrom(ag, al);
  }
  return out;
}

function rsiFrom(ag: number, al: number): number {
  if (al === 0) return ag > 0 ? 100 : 50;
  return 100 - 100 / (1 + ag / al);
}

/** True range: max(H−L, |H−C₋₁|, |L−C₋₁|); TR[0] = H[0] − L[0]. */
export function trueRange(h: Float64Array, l: Float64Array, c: Float64Array): Float64Array {
  const len = c.length;
  const out = new Float64Array(len);
  if (len === 0) return out;
  out[0] = h[0] - l[0];
  for (let t = 1; t < len; t++) {
    const pc = c[t - 1];
    out[t] = Math.max(h[t] - l[t], Math.abs(h[t] - pc), Math.abs(l[t] - pc));
  }
  return out;
}

/** ATR, TA-Lib style: first value at index n = mean of TR[1..n], then Wilder smoothing. */
export function atr(h: Float64Array, l: Float64Array, c: Float64Array, n: number): Float64Array {
  const tr = trueRange(h, l, c);
  if (tr.length > 0) tr[0] = NaN; // TR[0] has no previous close; TA-Lib skips it
  return wilder(tr, n);
}

export interface Dmi {
  plusDI: Float64Array;
  minusDI: Float64Array;
  adx: Float64Array;
}

/**
 * Directional movement index (Wilder). For t ≥ 1: up = H − H₋₁, down = L₋₁ − L; +DM = up if up > down and
 * up > 0 else 0; −DM = down if down > up and down > 0 else 0. TR, +DM, −DM are Wilder-smoothed (first at
 * index n); DI± = 100·DM/ATR (0 when ATR = 0); DX = 100·|DI+ − DI−|/(DI+ + DI−) (0 when both are 0);
 * ADX = Wilder of DX, first at index 2n − 1.
 */
export function dmi(h: Float64Array, l: Float64Array, c: Float64Array, n: number): Dmi {
  const len = c.length;
  const tr = trueRange(h, l, c);
  const pdm = new Float64Array(len);
  const mdm = new Float64Array(len);
  if (len > 0) { tr[0] = NaN; pdm[0] = NaN; mdm[0] = NaN; }
  for (let t = 1; t < len; t++) {
    const up = h[t] - h[t - 1];
    const down = l[t - 1] - l[t];
    pdm[t] = up > down && up > 0 ? up : 0;
    mdm[t] = down > up && down > 0 ? down : 0;
  }
  const atrS = wilder(tr, n);
  const pS = wilder(pdm, n);
  const mS = wilder(mdm, n);
  const plusDI = new Float64Array(len).fill(NaN);
  const minusDI = new Float64Array(len).fill(NaN);
  const dx = new Float64Array(len).fill(NaN);
  for (let t = 0; t < len; t++) {
    const a = atrS[t];
    if (Number.isNaN(a)) continue;
    const p = a > 0 ? (100 * pS[t]) / a : 0;
    const m = a > 0 ? (100 * mS[t]) / a : 0;
    plusDI[t] = p;
    minusDI[t] = m;
    dx[t] = p + m > 0 ? (100 * Math.abs(p - m)) / (p + m) : 0;
  }
  return { plusDI, minusDI, adx: wilder(dx, n) };
}
