/**
 * backtesting.py's stats as backtesting.py prints them (a pandas Series): Start/End as timestamps
 * ("2004-08-19 00:00:00"), durations as pandas Timedeltas ("3116 days 00:00:00", "0 days 04:30:00"),
 * counts as integers ("66"), other figures as floats (up to 6 decimals, like pandas' default display),
 * undefined as "NaN". The stored values are numbers (epoch ms, days); this only formats. Pure: the renderer
 * and the CLI share it.
 */
const MS_PER_DAY = 86_400_000;

export type StatKind = 'timestamp' | 'duration' | 'integer' | 'float';

const TIMESTAMP_KEYS: ReadonlySet<string> = new Set(['Start', 'End']);
const DURATION_KEYS: ReadonlySet<string> = new Set([
  'Duration', 'Max. Drawdown Duration', 'Avg. Drawdown Duration', 'Max. Trade Duration', 'Avg. Trade Duration',
]);
const INTEGER_KEYS: ReadonlySet<string> = new Set(['# Trades']);

export function statKind(key: string): StatKind {
  if (TIMESTAMP_KEYS.has(key)) return 'timestamp';
  if (DURATION_KEYS.has(key)) return 'duration';
  if (INTEGER_KEYS.has(key)) return 'integer';
  return 'float';
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** epoch ms → "YYYY-MM-DD HH:MM:SS" (UTC; fractional seconds when present, as pandas shows them). */
export function formatStatTimestamp(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return 'NaT';
  const base = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return d.getUTCMilliseconds() ? `${base}.${pad(d.getUTCMilliseconds(), 3)}000` : base;
}

/** days (fractional) → pandas Timedelta text: "3 days 04:30:00" (negative values as pandas: "-1 days +23:00:00"). */
export function formatStatDuration(days: number): string {
  if (!Number.isFinite(days)) return 'NaT';
  // whole milliseconds first, so 0.1 day is exactly 02:24:00 and not 02:23:59.999
  const totalMs = Math.round(days * MS_PER_DAY);
  const d = Math.floor(totalMs / MS_PER_DAY);
  let rest = totalMs - d * MS_PER_DAY;
  const h = Math.floor(rest / 3_600_000); rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000); rest -= m * 60_000;
  const s = Math.floor(rest / 1000); rest -= s * 1000;
  const clock = `${pad(h)}:${pad(m)}:${pad(s)}${rest ? `.${pad(rest, 3)}000` : ''}`;
  return d < 0 ? `${d} days +${clock}` : `${d} days ${clock}`;
}

/** A float as pandas displays it in a Series: at most 6 decimals, trailing zeros dropped, at least one decimal. */
export function formatStatFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  const t = v.toFixed(6).replace(/0+$/, '');
  return t.endsWith('.') ? `${t}0` : t;
}

export function formatStat(key: string, value: number | null): string {
  const kind = statKind(key);
  if (value === null) return kind === 'timestamp' || kind === 'duration' ? 'NaT' : 'NaN';
  switch (kind) {
    case 'timestamp': return formatStatTimestamp(value);
    case 'duration': return formatStatDuration(value);
    case 'integer': return Number.isInteger(value) ? String(value) : formatStatFloat(value);
    default: return formatStatFloat(value);
  }
}
