/**
 * Buy & hold over the data set's (or the chosen range's) first to last bar: the same figure for every strategy
 * on the same data, independent of any strategy's warm-up (Trust #4: measured from each strategy's warm-up bar
 * the same data showed 317 % and 688 %).
 */

/** (close[last] / close[0] − 1)·100; null when there is no first price or fewer than 2 bars. */
export function buyHoldReturnPct(close: ArrayLike<number>): number | null {
  const n = close.length;
  if (n < 2 || !(close[0] > 0)) return null;
  const r = (close[n - 1] / close[0] - 1) * 100;
  return Number.isFinite(r) ? r : null;
}

/** The buy & hold equity line for a chart: initialEquity · close[i] / close[0], bar by bar. */
export function buyHoldCurve(close: ArrayLike<number>, initialEquity: number): Float64Array {
  const n = close.length;
  const out = new Float64Array(n);
  if (n === 0 || !(close[0] > 0)) return out.fill(NaN);
  const k = initialEquity / close[0];
  for (let i = 0; i < n; i++) out[i] = k * close[i];
  return out;
}
