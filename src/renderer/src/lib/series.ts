/**
 * Pure helpers for chart series (tested): bucket look-ups for trade markers on a downsampled equity curve,
 * histogram bins, and maxPoints from a pixel width.
 */

/** Points to request for a chart of `widthPx` pixels: two per pixel (min and max survive), clamped. */
export function maxPointsFor(widthPx: number, min = 200, max = 4000): number {
  if (!Number.isFinite(widthPx) || widthPx <= 0) return 2000;
  return Math.max(min, Math.min(max, Math.round(widthPx * 2)));
}

/** Index of the last element ≤ t in an ascending array (−1 when t precedes all). O(log n). */
export function bucketIndex(times: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = times.length - 1;
  if (hi < 0 || t < times[0]) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (times[mid] <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Evenly spaced histogram of values (NaN skipped): returns bin centres and counts. Bin count by the
 * Freedman–Diaconis-free simple rule √n, clamped to [5, 60], so tiny and huge trade lists both read well.
 */
export function histogram(values: ArrayLike<number>, bins?: number): { centers: number[]; counts: number[]; width: number } {
  const xs: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) xs.push(values[i]);
  if (xs.length === 0) return { centers: [], counts: [], width: 0 };
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of xs) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  const n = bins ?? Math.max(5, Math.min(60, Math.round(Math.sqrt(xs.length))));
  if (hi === lo) return { centers: [lo], counts: [xs.length], width: 1 };
  const w = (hi - lo) / n;
  const counts = new Array<number>(n).fill(0);
  for (const x of xs) counts[Math.min(n - 1, Math.floor((x - lo) / w))]++;
  return { centers: counts.map((_, i) => lo + (i + 0.5) * w), counts, width: w };
}

/** Evenly sample at most `max` indices of [0, n) (keeps first and last) — caps trade markers on huge runs. */
export function sampleIndices(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  const step = (n - 1) / (max - 1);
  for (let i = 0; i < max; i++) out.push(Math.round(i * step));
  return out;
}
