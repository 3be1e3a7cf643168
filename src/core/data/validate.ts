import { PeakError } from '../errors';
import { type Bars, type Calendar, detectCalendar, detectIntervalMs, intervalLabel, MS_PER_DAY } from './bars';
import { MAX_LISTED_GAPS, type GapInfo, type QualityReport } from './quality';
import { formatTimestamp } from './timestamp';

export type BarField = 'time' | 'open' | 'high' | 'low' | 'close' | 'volume';

export interface ValidateOptions {
  /** bar index → 1-based file line (header = row 1). Default: index + 2 (one header line, no blank lines). */
  rowNumbers?: ArrayLike<number>;
  /** column names as written in the file, for messages (default: the field name) */
  columns?: Partial<Record<BarField, string>>;
}

const WEEK_MS = 7 * MS_PER_DAY;
/**
 * Exchange-calendar closures. The weekend window is Fri 20:00 → Mon 00:00 UTC (52 h), wide enough for
 * FX (closes Fri ~21:00, reopens Sun ~21:00 UTC) and stock markets. 1970-01-02 was a Friday.
 */
const WEEKEND_START_MS = MS_PER_DAY + 20 * 3_600_000;
const WEEKEND_LEN_MS = 52 * 3_600_000;
/** On exchange-calendar data a closure of up to one weekday (holiday, overnight session) is not a gap. */
const EXCHANGE_CLOSURE_TOLERANCE_MS = MS_PER_DAY;

/** Weekend ms in (−∞, t), relative to a fixed origin: overlap(a, b) = weekendMsBefore(b) − weekendMsBefore(a). */
function weekendMsBefore(t: number): number {
  const x = t - WEEKEND_START_MS;
  const weeks = Math.floor(x / WEEK_MS);
  const into = x - weeks * WEEK_MS;
  return weeks * WEEKEND_LEN_MS + Math.min(into, WEEKEND_LEN_MS);
}

export interface GapSummary {
  count: number;
  largestMs: number;
  first: GapInfo[];
}

/**
 * Holes in the time axis. 24/7 data: a spacing > 1.5 × interval is a gap. Exchange-calendar data: weekend
 * time is taken out of the spacing first, and a further closure of up to one day is tolerated — so weekends,
 * holidays and overnight sessions are not gaps, but a missing trading week is.
 * `missingBars` = round(effective spacing / interval) − 1.
 */
export function findGaps(time: ArrayLike<number>, intervalMs: number, calendar: Calendar): GapSummary {
  const out: GapSummary = { count: 0, largestMs: 0, first: [] };
  if (!(intervalMs > 0)) return out;
  const threshold = calendar === '24/7' ? 1.5 * intervalMs : Math.max(1.5 * intervalMs, intervalMs + EXCHANGE_CLOSURE_TOLERANCE_MS);
  for (let i = 1; i < time.length; i++) {
    const dt = time[i] - time[i - 1];
    if (dt <= 1.5 * intervalMs) continue;
    const eff = calendar === '24/7' ? dt : dt - (weekendMsBefore(time[i]) - weekendMsBefore(time[i - 1]));
    if (eff <= threshold) continue;
    out.count++;
    if (dt > out.largestMs) out.largestMs = dt;
    if (out.first.length < MAX_LISTED_GAPS) {
      out.first.push({ afterTime: time[i - 1], missingBars: Math.max(1, Math.round(eff / intervalMs) - 1) });
    }
  }
  return out;
}

/** The quality report of bars already known to be valid (e.g. synthetic or already-stored data). */
export function qualityReport(bars: Bars, warnings: string[] = []): QualityReport {
  const n = bars.time.length;
  const intervalMs = detectIntervalMs(bars.time);
  const calendar = detectCalendar(bars.time);
  const w = [...warnings];
  if (n < 2) w.push(`only ${n} bar(s): the bar interval cannot be detected`);
  if (calendar === 'exchange' && n >= 2) {
    w.push('exchange calendar: weekends (Fri 20:00–Mon 00:00 UTC) and closures up to 1 day are not counted as gaps');
  }
  const gaps = findGaps(bars.time, intervalMs, calendar);
  if (gaps.count > 0) {
    w.push(`${gaps.count} gap(s) in the time axis; the longest spans ${formatDuration(gaps.largestMs)}`);
  }
  return {
    bars: n,
    firstTime: n ? bars.time[0] : 0,
    lastTime: n ? bars.time[n - 1] : 0,
    intervalMs,
    intervalLabel: intervalMs > 0 ? intervalLabel(intervalMs) : 'unknown',
    calendar,
    gaps,
    duplicatesRemoved: 0,
    warnings: w,
  };
}

export function formatDuration(ms: number): string {
  if (ms >= MS_PER_DAY) return `${+(ms / MS_PER_DAY).toFixed(2)} d`;
  if (ms >= 3_600_000) return `${+(ms / 3_600_000).toFixed(2)} h`;
  if (ms >= 60_000) return `${+(ms / 60_000).toFixed(2)} min`;
  return `${ms / 1000} s`;
}

/**
 * Check OHLCV rules and build the quality report, or throw PeakError('BAD_FILE',
 * '<file>: row <r>, column "<col>": <what>') for the first offending row (file order).
 * Rules: finite, positive prices; high ≥ max(open, close); low ≤ min(open, close); finite volume ≥ 0;
 * finite timestamps, strictly increasing (so unique). Gaps are reported, never fatal.
 */
export function validateBars(bars: Bars, fileName: string, rowNumbers?: ArrayLike<number>, options: Omit<ValidateOptions, 'rowNumbers'> = {}): { report: QualityReport } {
  const n = bars.time.length;
  const col = (f: BarField): string => options.columns?.[f] ?? f;
  const row = (i: number): number => (rowNumbers ? rowNumbers[i] : i + 2);
  const fail = (i: number, f: BarField, what: string): never => {
    throw new PeakError('BAD_FILE', `${fileName}: row ${row(i)}, column "${col(f)}": ${what}`, { row: row(i), column: col(f) });
  };
  const badPrice = (i: number, f: BarField, v: number): never =>
    fail(i, f, Number.isFinite(v) ? `price ${v} must be positive` : `${v} is not a finite number`);
  if (n === 0) throw new PeakError('BAD_FILE', `${fileName}: row 2: no data rows`, { row: 2 });
  for (const f of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
    if (bars[f].length !== n) throw new PeakError('INTERNAL', `${fileName}: column "${col(f)}" has ${bars[f].length} values, expected ${n}`);
  }
  const { time, open, high, low, close, volume } = bars;
  for (let i = 0; i < n; i++) {
    const t = time[i];
    if (!Number.isFinite(t)) fail(i, 'time', 'not a valid timestamp');
    if (i > 0) {
      const p = time[i - 1];
      if (t === p) fail(i, 'time', `duplicate timestamp ${formatTimestamp(t)} (same as row ${row(i - 1)})`);
      if (t < p) fail(i, 'time', `timestamp ${formatTimestamp(t)} is earlier than row ${row(i - 1)} (${formatTimestamp(p)}); rows must be sorted ascending`);
    }
    // `!(v > 0)` is true for NaN as well as for zero and negatives; the message tells them apart
    if (!(open[i] > 0) || open[i] === Infinity) badPrice(i, 'open', open[i]);
    if (!(high[i] > 0) || high[i] === Infinity) badPrice(i, 'high', high[i]);
    if (!(low[i] > 0) || low[i] === Infinity) badPrice(i, 'low', low[i]);
    if (!(close[i] > 0) || close[i] === Infinity) badPrice(i, 'close', close[i]);
    const v = volume[i];
    if (!Number.isFinite(v)) fail(i, 'volume', `${v} is not a finite number`);
    if (v < 0) fail(i, 'volume', `volume ${v} must not be negative`);
    const hiBody = open[i] > close[i] ? open[i] : close[i];
    const loBody = open[i] < close[i] ? open[i] : close[i];
    if (high[i] < hiBody) fail(i, 'high', `high ${high[i]} is below max(open, close) = ${hiBody}`);
    if (low[i] > loBody) fail(i, 'low', `low ${low[i]} is above min(open, close) = ${loBody}`);
  }
  return { report: qualityReport(bars) };
}
