/**
 * Channels and bands: Donchian (monotonic deques, O(n)), Bollinger, MACD.
 */
import { ema, rollingStd, sma } from './moving';

/**
 * Rolling max ('max') or min ('min') over a window of n bars ending at t − lag (lag 0 = inclusive of bar t,
 * lag 1 = the PRIOR n bars). O(n) with a monotonic deque in a preallocated Int32Array ring.
 * Inputs are assumed finite (validated bars).
 */
function rollingExtreme(x: Float64Array, n: number, kind: 'max' | 'min', lag: 0 | 1): Float64Array {
  const len = x.length;
  const out = new Float64Array(len).fill(NaN);
  if (n < 1) return out;
  const cap = n + 1;
  const dq = new Int32Array(cap); // indices; values monotonic from head to tail
  let head = 0;
  let size = 0;
  const isMax = kind === 'max';
  for (let i = 0; i < len; i++) {
    // Evict indices that left the window ending at i: window is [i − n + 1, i].
    while (size > 0 && dq[head] <= i - n) { head = (head + 1) % cap; size--; }
    const v = x[i];
    while (size > 0) {
      const tailPos = (head + size - 1) % cap;
      const tv = x[dq[tailPos]];
      if (isMax ? tv <= v : tv >= v) size--;
      else break;
    }
    dq[(head + size) % cap] = i;
    size++;
    const t = i + lag; // window ending at i is reported at t
    if (i >= n - 1 && t < len) out[t] = x[dq[head]];
  }
  return out;
}

/** Highest of the PRIOR n values (shift 1): out[t] = max(x[t−n..t−1]), first at index n. */
export const donchianPriorHigh = (x: Float64Array, n: number) => rollingExtreme(x, n, 'max', 1);
/** Lowest of the PRIOR n values (shift 1), first at index n. */
export const donchianPriorLow = (x: Float64Array, n: number) => rollingExtreme(x, n, 'min', 1);
/** Highest of the last n values including t, first at index n − 1. */
export const donchianHigh = (x: Float64Array, n: number) => rollingExtreme(x, n, 'max', 0);
/** Lowest of the last n values including t, first at index n − 1. */
export const donchianLow = (x: Float64Array, n: number) => rollingExtreme(x, n, 'min', 0);

export interface DonchianBands {
  upper: Float64Array;
  lower: Float64Array;
}
/** Donchian channel from the PRIOR n bars: upper = max(high[t−n..t−1]), lower = min(low[t−n..t−1]). */
export function donchianPrior(high: Float64Array, low: Float64Array, n: number): DonchianBands {
  return { upper: donchianPriorHigh(high, n), lower: donchianPriorLow(low, n) };
}
/** Donchian channel including bar t. */
export function donchianInclusive(high: Float64Array, low: Float64Array, n: number): DonchianBands {
  return { upper: donchianHigh(high, n), lower: donchianLow(low, n) };
}

export interface Bollinger {
  mid: Float64Array;
  upper: Float64Array;
  lower: Float64Array;
}
/** Bollinger bands: mid = SMA(n), upper/lower = mid ± k·sample std (ddof 1), first at n − 1. */
export function bollinger(close: Float64Array, n: number, k: number): Bollinger {
  const mid = sma(close, n);
  const sd = rollingStd(close, n, 1);
  const len = close.length;
  const upper = new Float64Array(len);
  const lower = new Float64Array(len);
  for (let t = 0; t < len; t++) {
    upper[t] = mid[t] + k * sd[t];
    lower[t] = mid[t] - k * sd[t];
  }
  return { mid, upper, lower };
}

export interface Macd {
  macd: Float64Array;
  signal: Float64Array;
  hist: Float64Array;
}
/** MACD with pandas `ewm(span, adjust=False)` EMAs (defined from bar 0): macd = EMA_fast − EMA_slow, signal = EMA(macd). */
export function macd(close: Float64Array, fast = 12, slow = 26, signalN = 9): Macd {
  const f = ema(close, fast, 'first');
  const s = ema(close, slow, 'first');
  const len = close.length;
  const m = new Float64Array(len);
  for (let t = 0; t < len; t++) m[t] = f[t] - s[t];
  const sig = ema(m, signalN, 'first');
  const hist = new Float64Array(len);
  for (let t = 0; t < len; t++) hist[t] = m[t] - sig[t];
  return { macd: m, signal: sig, hist };
}
