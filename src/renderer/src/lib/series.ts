/**
 * Pure helpers for chart series (tested): bucket look-ups for trade markers on a downsampled equity curve,
 * histogram bins, and maxPoints from a pixel width.
 */

/** Points to request for a chart of `widthPx` pixels: two per pixel (min and max survive), clamped. */
export function maxPointsFor(widthPx: number, min = 200, max = 4000): number {
  if (!Number.isFinite(widthPx) || widthPx <= 0) return 2000;
  return Math.max(min, Math.min(max, Math.round(widthPx * 2)));
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
