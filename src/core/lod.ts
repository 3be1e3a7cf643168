/**
 * Level-of-detail downsampling for charts, O(n) in the range, one pass, no per-bar allocation.
 * The range [start, end) is split into ⌈len / maxPoints⌉-bar buckets; each bucket keeps its first time, min, max
 * and last value (and for OHLC: first open, max high, min low, last close, summed volume), so a one-bar spike
 * still shows at any zoom level.
 */

/** Index range [start, end) of `time` (ascending) within [from, to] (inclusive, epoch ms). */
export function timeRange(time: Float64Array, from?: number, to?: number): [number, number] {
  const n = time.length;
  const lo = from === undefined ? 0 : lowerBound(time, from);
  const hi = to === undefined ? n : upperBound(time, to);
  return [lo, Math.max(lo, hi)];
}

function lowerBound(a: Float64Array, x: number): number {
  let lo = 0, hi = a.length;
  while (lo < hi) { const m = (lo + hi) >>> 1; if (a[m] < x) lo = m + 1; else hi = m; }
  return lo;
}
function upperBound(a: Float64Array, x: number): number {
  let lo = 0, hi = a.length;
  while (lo < hi) { const m = (lo + hi) >>> 1; if (a[m] <= x) lo = m + 1; else hi = m; }
  return lo;
}

/** Bars per bucket so that ⌈len / k⌉ ≤ maxPoints. */
export function bucketSize(len: number, maxPoints: number): number {
  return Math.max(1, Math.ceil(len / Math.max(1, Math.floor(maxPoints))));
}

export interface MinMaxSeries {
  time: Float64Array;
  min: Float64Array;
  max: Float64Array;
  last: Float64Array;
  barsPerPoint: number;
}

export function lodMinMax(time: Float64Array, values: Float64Array, start: number, end: number, maxPoints: number): MinMaxSeries {
  const len = Math.max(0, end - start);
  const k = bucketSize(len, maxPoints);
  const m = Math.ceil(len / k);
  const t = new Float64Array(m), mn = new Float64Array(m), mx = new Float64Array(m), last = new Float64Array(m);
  for (let b = 0; b < m; b++) {
    const s = start + b * k;
    const e = Math.min(end, s + k);
    let lo = Infinity, hi = -Infinity;
    for (let i = s; i < e; i++) {
      const v = values[i];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    t[b] = time[s];
    mn[b] = lo;
    mx[b] = hi;
    last[b] = values[e - 1];
  }
  return { time: t, min: mn, max: mx, last, barsPerPoint: k };
}

export interface OhlcvColumns {
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

export function lodOhlcv(b: OhlcvColumns, start: number, end: number, maxPoints: number): OhlcvColumns & { barsPerPoint: number } {
  const len = Math.max(0, end - start);
  const k = bucketSize(len, maxPoints);
  const m = Math.ceil(len / k);
  const out = {
    time: new Float64Array(m), open: new Float64Array(m), high: new Float64Array(m),
    low: new Float64Array(m), close: new Float64Array(m), volume: new Float64Array(m), barsPerPoint: k,
  };
  for (let j = 0; j < m; j++) {
    const s = start + j * k;
    const e = Math.min(end, s + k);
    let hi = -Infinity, lo = Infinity, vol = 0;
    for (let i = s; i < e; i++) {
      if (b.high[i] > hi) hi = b.high[i];
      if (b.low[i] < lo) lo = b.low[i];
      vol += b.volume[i];
    }
    out.time[j] = b.time[s];
    out.open[j] = b.open[s];
    out.high[j] = hi;
    out.low[j] = lo;
    out.close[j] = b.close[e - 1];
    out.volume[j] = vol;
  }
  return out;
}

/** Drawdown from the running peak as a fraction (≤ 0) per bar: eq / max(eq[0..t]) − 1. */
export function drawdownSeries(equity: Float64Array): Float64Array {
  const dd = new Float64Array(equity.length);
  let peak = -Infinity;
  for (let i = 0; i < equity.length; i++) {
    const v = equity[i];
    if (v > peak) peak = v;
    dd[i] = peak > 0 ? v / peak - 1 : 0;
  }
  return dd;
}

/**
 * lodMinMax(drawdownSeries(equity)) over [start, end) without the per-bar drawdown array: the running peak is
 * taken from bar 0 (bars before `start` still set the peak), each bucket keeps the min/max drawdown. Same
 * arithmetic as drawdownSeries, so the values are bit-identical.
 */
export function lodDrawdown(equity: Float64Array, start: number, end: number, maxPoints: number): { min: Float64Array; max: Float64Array; barsPerPoint: number } {
  const len = Math.max(0, end - start);
  const k = bucketSize(len, maxPoints);
  const m = Math.ceil(len / k);
  const mn = new Float64Array(m), mx = new Float64Array(m);
  let peak = -Infinity;
  for (let i = 0; i < start; i++) if (equity[i] > peak) peak = equity[i];
  for (let b = 0; b < m; b++) {
    const s = start + b * k;
    const e = Math.min(end, s + k);
    let lo = Infinity, hi = -Infinity;
    for (let i = s; i < e; i++) {
      const v = equity[i];
      if (v > peak) peak = v;
      const d = peak > 0 ? v / peak - 1 : 0;
      if (d < lo) lo = d;
      if (d > hi) hi = d;
    }
    mn[b] = lo;
    mx[b] = hi;
  }
  return { min: mn, max: mx, barsPerPoint: k };
}

/** Each bucket's last value × `scale` (buy & hold's LOD `last` without the per-bar curve); NaN scale → NaN. */
export function lodScaledLast(values: Float64Array, scale: number, start: number, end: number, maxPoints: number): Float64Array {
  const len = Math.max(0, end - start);
  const k = bucketSize(len, maxPoints);
  const m = Math.ceil(len / k);
  const out = new Float64Array(m);
  for (let b = 0; b < m; b++) out[b] = scale * values[Math.min(end, start + (b + 1) * k) - 1];
  return out;
}
