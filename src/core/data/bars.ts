/**
 * Columnar OHLCV. Every hot path works on these Float64Arrays, never on arrays of bar objects.
 * `time` is epoch milliseconds UTC, strictly increasing.
 */
export interface Bars {
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

export const barCount = (b: Bars): number => b.close.length;

export function makeBars(n: number): Bars {
  return {
    time: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
}

/** A contiguous view (no copy) of bars [start, end). */
export function sliceBars(b: Bars, start: number, end: number): Bars {
  return {
    time: b.time.subarray(start, end),
    open: b.open.subarray(start, end),
    high: b.high.subarray(start, end),
    low: b.low.subarray(start, end),
    close: b.close.subarray(start, end),
    volume: b.volume.subarray(start, end),
  };
}

export const MS_PER_DAY = 86_400_000;

/** Median spacing of consecutive timestamps in ms (robust to gaps such as weekends). */
export function detectIntervalMs(time: Float64Array): number {
  const n = time.length;
  if (n < 2) return 0;
  const diffs = new Float64Array(n - 1);
  for (let i = 1; i < n; i++) diffs[i - 1] = time[i] - time[i - 1];
  diffs.sort();
  const m = diffs.length >> 1;
  return diffs.length % 2 ? diffs[m] : (diffs[m - 1] + diffs[m]) / 2;
}

/**
 * '24/7' when a crypto-like share of bars falls on Saturday/Sunday (backtesting.py's 0.6·2/7 rule). Data whose
 * span holds no weekend day at all (a few weekdays of minute bars) carries no evidence either way: it counts as
 * 24/7, the market this workbench is for — backtesting.py would annualise three days of BTC minutes with 252 days.
 */
export type Calendar = '24/7' | 'exchange';
export function detectCalendar(time: Float64Array): Calendar {
  const n = time.length;
  if (n === 0) return '24/7';
  let weekend = 0;
  for (let i = 0; i < n; i++) {
    // 1970-01-01 was a Thursday (day 4); getUTCDay without allocating a Date.
    const dow = (Math.floor(time[i] / MS_PER_DAY) + 4) % 7;
    if (dow === 0 || dow === 6) weekend++;
  }
  if (weekend === 0 && !spanTouchesWeekend(time[0], time[n - 1])) return '24/7';
  return weekend / n > (2 / 7) * 0.6 ? '24/7' : 'exchange';
}

/** Whether any Saturday or Sunday (UTC) lies within [first, last]. */
function spanTouchesWeekend(first: number, last: number): boolean {
  const d0 = Math.floor(first / MS_PER_DAY);
  const d1 = Math.floor(last / MS_PER_DAY);
  if (d1 - d0 >= 6) return true;
  for (let d = d0; d <= d1; d++) {
    const dow = (d + 4) % 7;
    if (dow === 0 || dow === 6) return true;
  }
  return false;
}

const INTERVAL_LABELS: [number, string][] = [
  [60_000, '1m'], [180_000, '3m'], [300_000, '5m'], [900_000, '15m'], [1_800_000, '30m'],
  [3_600_000, '1h'], [7_200_000, '2h'], [14_400_000, '4h'], [21_600_000, '6h'], [43_200_000, '12h'],
  [MS_PER_DAY, '1d'], [7 * MS_PER_DAY, '1w'],
];

export function intervalLabel(ms: number): string {
  for (const [v, l] of INTERVAL_LABELS) if (v === ms) return l;
  if (ms >= 28 * MS_PER_DAY && ms <= 31 * MS_PER_DAY) return '1M';
  if (ms % MS_PER_DAY === 0) return `${ms / MS_PER_DAY}d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${ms / 1000}s`;
}

/**
 * Bars per year used to annualise per-bar statistics.
 * 24/7 data (crypto): 365 days · bars per day. Exchange-hours data: 252 trading days · median bars per
 * trading day. Weekly and monthly bars: 52 and 12.
 */
export function periodsPerYear(time: Float64Array, intervalMs = detectIntervalMs(time), calendar = detectCalendar(time)): number {
  if (intervalMs <= 0) return 1;
  if (intervalMs >= 27 * MS_PER_DAY) return 12;
  if (intervalMs >= 6 * MS_PER_DAY) return 52;
  if (calendar === '24/7') return (365 * MS_PER_DAY) / intervalMs;
  if (intervalMs >= MS_PER_DAY) return 252;
  // Exchange-hours intraday: count bars per calendar day that has data, take the median.
  const counts: number[] = [];
  let day = Math.floor(time[0] / MS_PER_DAY);
  let c = 0;
  for (let i = 0; i < time.length; i++) {
    const d = Math.floor(time[i] / MS_PER_DAY);
    if (d !== day) { counts.push(c); c = 0; day = d; }
    c++;
  }
  counts.push(c);
  counts.sort((a, b) => a - b);
  return 252 * counts[counts.length >> 1];
}
