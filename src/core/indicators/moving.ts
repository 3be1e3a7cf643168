/**
 * Moving averages and smoothers. Float64Array in → Float64Array out (same length), NaN during warm-up.
 * Leading NaNs of the input (an indicator of an indicator, e.g. SMA of ATR) shift the warm-up; a NaN later in
 * the series is treated as missing (pandas semantics) by the rolling functions.
 */

/** Recompute running sums from scratch this often (steps) so rounding error cannot drift on long series. */
const RESUM_EVERY = 1024;

/** Index of the first non-NaN value, or x.length. */
export function firstValid(x: Float64Array): number {
  let i = 0;
  while (i < x.length && Number.isNaN(x[i])) i++;
  return i;
}

/**
 * Rolling mean over `window` bars counting only non-NaN values, defined when at least `minPeriods` of them
 * are in the window (pandas `rolling(window, min_periods).mean()`).
 */
export function rollingMean(x: Float64Array, window: number, minPeriods = window): Float64Array {
  const n = x.length;
  const out = new Float64Array(n).fill(NaN);
  if (window < 1 || minPeriods < 1) return out;
  let sum = 0;
  let count = 0;
  let sinceResum = 0;
  for (let t = 0; t < n; t++) {
    const v = x[t];
    if (!Number.isNaN(v)) { sum += v; count++; }
    if (t >= window) {
      const old = x[t - window];
      if (!Number.isNaN(old)) { sum -= old; count--; }
    }
    if (++sinceResum >= RESUM_EVERY) {
      sinceResum = 0;
      sum = 0;
      for (let k = Math.max(0, t - window + 1); k <= t; k++) if (!Number.isNaN(x[k])) sum += x[k];
    }
    if (count >= minPeriods) out[t] = sum / count;
  }
  return out;
}

/**
 * Simple moving average with min_periods = n (pandas `rolling(n).mean()`).
 * Fast path for NaN-free input (the common case, and on the backtest bench's critical path): a running sum in
 * blocks of RESUM_EVERY bars, re-summed exactly between blocks so rounding error cannot accumulate.
 */
export function sma(x: Float64Array, n: number, into?: Float64Array): Float64Array {
  const len = x.length;
  // `into` (optional, fully overwritten): a recycled buffer of the same length, see IndicatorCache.alloc
  const out = into !== undefined && into.length === len ? into : new Float64Array(len);
  if (n < 1 || n > len) {
    for (let i = 0; i < len; i++) if (x[i] !== x[i]) return rollingMean(x, n, n);
    return out.fill(NaN);
  }
  out.fill(NaN, 0, n - 1);
  const inv = 1 / n;
  let t = n - 1;
  while (t < len) {
    // exact sum of the window ending at t
    let sum = 0;
    for (let k = t - n + 1; k <= t; k++) sum += x[k];
    out[t] = sum * inv;
    const end = Math.min(len, t + RESUM_EVERY);
    for (let i = t + 1; i < end; i++) {
      sum += x[i] - x[i - n];
      out[i] = sum * inv;
    }
    // Every input value passes through `sum`, and a NaN stays in it until the next exact re-sum: checking once
    // per block finds any NaN without a separate scan. Then the NaN-aware general path takes over.
    if (sum !== sum) return rollingMean(x, n, n);
    t = end;
  }
  return out;
}

/**
 * Exponential moving average, alpha = 2/(n+1).
 * - 'first': pandas `ewm(span=n, adjust=False).mean()` — y at the first valid input = that input (no warm-up).
 * - 'sma':   TA-Lib — first value at (first valid + n − 1) = SMA of the first n values, then recursive.
 */
export function ema(x: Float64Array, n: number, seed: 'first' | 'sma' = 'first'): Float64Array {
  return expSmooth(x, n, 2 / (n + 1), seed === 'sma');
}

/** Wilder smoothing (alpha = 1/n) seeded with the simple mean of the first n valid values: y = y₋₁ + (x − y₋₁)/n. */
export function wilder(x: Float64Array, n: number): Float64Array {
  return expSmooth(x, n, 1 / n, true);
}

/**
 * Shared recursive smoother. A NaN after the start leaves y unchanged (the output repeats the last value).
 */
function expSmooth(x: Float64Array, n: number, alpha: number, smaSeed: boolean): Float64Array {
  const len = x.length;
  const out = new Float64Array(len).fill(NaN);
  if (n < 1) return out;
  const s = firstValid(x);
  if (s >= len) return out;
  let y: number;
  let t: number;
  if (smaSeed) {
    if (s + n > len) return out;
    let sum = 0;
    for (let k = s; k < s + n; k++) sum += Number.isNaN(x[k]) ? 0 : x[k];
    y = sum / n;
    t = s + n - 1;
  } else {
    y = x[s];
    t = s;
  }
  out[t] = y;
  for (let i = t + 1; i < len; i++) {
    const v = x[i];
    if (!Number.isNaN(v)) y += alpha * (v - y);
    out[i] = y;
  }
  return out;
}

/**
 * Rolling standard deviation over n bars, ddof 0 (population) or 1 (sample, pandas default), min_periods = n.
 * Welford-style add/remove update with an exact two-pass recompute of the window every n steps (amortised
 * O(1) per bar, so still O(n) overall): removal updates lose precision when the variance drops sharply, and the
 * recompute bounds that error to one window. A window of equal values gives exactly 0. A NaN inside the window
 * makes the output NaN.
 */
export function rollingStd(x: Float64Array, n: number, ddof: 0 | 1 = 1): Float64Array {
  const len = x.length;
  const out = new Float64Array(len).fill(NaN);
  if (n < 1 || n - ddof < 1) return out;
  let nanCount = 0;
  let mean = 0;
  let m2 = 0;
  let count = 0; // valid values in window
  let sinceResum = 0;
  let equalRun = 0; // length of the run of identical values ending at t (pandas also reports exactly 0 then)
  for (let t = 0; t < len; t++) {
    const v = x[t];
    equalRun = t > 0 && v === x[t - 1] ? equalRun + 1 : 1;
    if (Number.isNaN(v)) nanCount++;
    else {
      count++;
      const d = v - mean;
      mean += d / count;
      m2 += d * (v - mean);
    }
    if (t >= n) {
      const o = x[t - n];
      if (Number.isNaN(o)) nanCount--;
      else {
        count--;
        if (count === 0) { mean = 0; m2 = 0; }
        else {
          const d = o - mean;
          mean -= d / count;
          m2 -= d * (o - mean);
        }
      }
    }
    if (++sinceResum >= n && count > 0) {
      sinceResum = 0;
      let s = 0;
      const from = Math.max(0, t - n + 1);
      for (let k = from; k <= t; k++) if (!Number.isNaN(x[k])) s += x[k];
      mean = s / count;
      let q = 0;
      for (let k = from; k <= t; k++) if (!Number.isNaN(x[k])) { const d = x[k] - mean; q += d * d; }
      m2 = q;
    }
    if (t >= n - 1 && nanCount === 0) out[t] = equalRun >= n ? 0 : Math.sqrt(Math.max(0, m2) / (n - ddof));
  }
  return out;
}

/** Momentum as a simple return over n bars: x[t]/x[t−n] − 1 (NaN for t < n). */
export function momentum(x: Float64Array, n: number): Float64Array {
  const len = x.length;
  const out = new Float64Array(len).fill(NaN);
  if (n < 1) return out;
  for (let t = n; t < len; t++) out[t] = x[t] / x[t - n] - 1;
  return out;
}

/** Simple returns per bar, r[t] = x[t]/x[t−1] − 1 (pandas pct_change; r[0] = NaN). */
export function pctChange(x: Float64Array): Float64Array {
  return momentum(x, 1);
}
