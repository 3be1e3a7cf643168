/**
 * Percentile ranks (0..100) of the latest value within a window of history.
 */

/**
 * pandas `rolling(n).apply(lambda w: w.rank(pct=True).iloc[-1]) * 100`: the average rank (ties share the mean
 * of their ranks) of x[t] among x[t−n+1..t], divided by n, times 100. NaN if the window holds a NaN or t < n−1.
 * O(n·w) — fine for windows up to a few hundred bars.
 */
export function rollingPercentRank(x: Float64Array, n: number): Float64Array {
  const len = x.length;
  const out = new Float64Array(len).fill(NaN);
  if (n < 1) return out;
  let lastNan = -1; // most recent NaN index
  for (let t = 0; t < len; t++) {
    const v = x[t];
    if (Number.isNaN(v)) { lastNan = t; continue; }
    if (t < n - 1 || lastNan > t - n) continue;
    let less = 0;
    let equal = 0; // includes x[t] itself
    for (let k = t - n + 1; k <= t; k++) {
      const w = x[k];
      if (w < v) less++;
      else if (w === v) equal++;
    }
    out[t] = ((less + (equal + 1) / 2) / n) * 100;
  }
  return out;
}

/**
 * Expanding percentile: share of the non-NaN history up to and including t whose value is ≤ x[t], times 100
 * (a true percentile — low values get low ranks). NaN where x[t] is NaN. O(n log n) with a Fenwick tree over
 * the sorted distinct values.
 */
export function expandingPercentile(x: Float64Array): Float64Array {
  const len = x.length;
  const out = new Float64Array(len).fill(NaN);
  let valid = 0;
  for (let t = 0; t < len; t++) if (!Number.isNaN(x[t])) valid++;
  if (valid === 0) return out;
  const sorted = new Float64Array(valid);
  for (let t = 0, k = 0; t < len; t++) if (!Number.isNaN(x[t])) sorted[k++] = x[t];
  sorted.sort();
  // distinct values
  let m = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[m - 1]) sorted[m++] = sorted[i];
  const uniq = sorted.subarray(0, m);
  const tree = new Float64Array(m + 1);
  let count = 0;
  for (let t = 0; t < len; t++) {
    const v = x[t];
    if (Number.isNaN(v)) continue;
    // position of v in uniq (binary search), 1-based for the Fenwick tree
    let lo = 0;
    let hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (uniq[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo + 1; i <= m; i += i & -i) tree[i] += 1;
    count++;
    let le = 0;
    for (let i = lo + 1; i > 0; i -= i & -i) le += tree[i];
    out[t] = (le / count) * 100;
  }
  return out;
}

/**
 * pandas `rolling(n).quantile(q)` (linear interpolation between the order statistics at position q·(n−1)),
 * NaN if the window holds a NaN or t < n − 1. Keeps the window sorted in a preallocated buffer (binary search
 * + copyWithin per bar, O(n·w) memory moves, no allocation per bar).
 */
export function rollingQuantile(x: Float64Array, n: number, q: number): Float64Array {
  const len = x.length;
  const out = new Float64Array(len).fill(NaN);
  if (n < 1 || q < 0 || q > 1) return out;
  const sorted = new Float64Array(n);
  let size = 0;
  let lastNan = -1;
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const frac = pos - lo;
  // Lower-bound search in sorted[0..size).
  const find = (v: number): number => {
    let a = 0, b = size;
    while (a < b) {
      const m = (a + b) >> 1;
      if (sorted[m] < v) a = m + 1;
      else b = m;
    }
    return a;
  };
  for (let t = 0; t < len; t++) {
    if (t >= n) {
      const old = x[t - n];
      if (!Number.isNaN(old)) {
        const i = find(old);
        sorted.copyWithin(i, i + 1, size);
        size--;
      }
    }
    const v = x[t];
    if (Number.isNaN(v)) lastNan = t;
    else {
      const i = find(v);
      sorted.copyWithin(i + 1, i, size);
      sorted[i] = v;
      size++;
    }
    if (t >= n - 1 && lastNan <= t - n) {
      out[t] = frac === 0 ? sorted[lo] : sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
    }
  }
  return out;
}
