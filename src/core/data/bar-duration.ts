/**
 * Durations counted in bars (max drawdown duration, bars held …) read as time where the data has a calendar.
 * Pure and shared by the renderer, the CLI and the reports, so one run shows the same figure everywhere.
 *
 * Time per bar comes from the run's own annualisation: periodsPerYear (core/data/bars) is 365 days ÷ bar interval
 * for 24/7 data, so 365 d ÷ P gives the interval back exactly; for exchange-hours data (252 trading days a year)
 * it gives the average calendar time per bar, nights and weekends included — so 10 trading days of daily bars
 * read as "14 d", the wall-clock time a researcher sat in that drawdown.
 */
import { MS_PER_DAY } from './bars';

/** The year of periodsPerYear's 24/7 convention (365 days, not 365.25), so 525,600 one-minute bars are "1 y". */
export const MS_PER_YEAR = 365 * MS_PER_DAY;

const UNITS: readonly (readonly [name: string, ms: number])[] = [
  ['y', MS_PER_YEAR],
  ['d', MS_PER_DAY],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
];

/** Calendar ms per bar from a run's bars-per-year; null when unknown (periodsPerYear falls back to 1 without an interval). */
export function calendarMsPerBar(periodsPerYear: unknown): number | null {
  if (typeof periodsPerYear !== 'number' || !Number.isFinite(periodsPerYear) || periodsPerYear <= 1) return null;
  return MS_PER_YEAR / periodsPerYear;
}

/**
 * A span in ms as its two largest units: "12 d 4 h", "1 y 70 d", "59 m". The finest unit shown is the largest
 * one not longer than `resolutionMs` (a bar: daily bars never show hours), seconds at the finest, days at the
 * coarsest below years. Rounds to that unit, carrying into the next ("59 m 40 s" at minute resolution → "1 h").
 */
export function formatSpanMs(ms: number, resolutionMs = 1_000): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  let fine = UNITS.length - 1;
  for (let i = 1; i < UNITS.length; i++) {
    if (UNITS[i][1] <= resolutionMs) {
      fine = i;
      break;
    }
  }
  for (let i = 0; i <= fine; i++) {
    const [name, u] = UNITS[i];
    if (i === fine) {
      const n = Math.round(ms / u);
      // rounding reached the next unit up: say it in that unit instead ("60 m" → "1 h")
      if (i > 0 && n * u >= UNITS[i - 1][1]) return formatSpanMs(n * u, resolutionMs);
      return `${n.toLocaleString('en-US')} ${name}`;
    }
    if (ms < u) continue;
    const [lowName, lowMs] = UNITS[i + 1];
    const total = Math.round(ms / lowMs);
    if (i > 0 && total * lowMs >= UNITS[i - 1][1]) return formatSpanMs(total * lowMs, resolutionMs);
    const perUnit = Math.round(u / lowMs);
    const hi = Math.floor(total / perUnit);
    const lo = total % perUnit;
    return lo === 0 ? `${hi.toLocaleString('en-US')} ${name}` : `${hi.toLocaleString('en-US')} ${name} ${lo} ${lowName}`;
  }
  return '—'; // unreachable: the loop always returns at i === fine
}

/** "1 bar", "17,520 bars". */
export function formatBarCount(bars: number): string {
  if (!Number.isFinite(bars) || bars < 0) return '—';
  const n = Math.round(bars);
  return `${n.toLocaleString('en-US')} ${n === 1 ? 'bar' : 'bars'}`;
}

const knownInterval = (intervalMs: number | null | undefined): intervalMs is number =>
  typeof intervalMs === 'number' && Number.isFinite(intervalMs) && intervalMs > 0;

/** A bar count as time ("12 d 4 h") when the bar interval is known, else as bars ("17,520 bars"). */
export function formatBarsAsDuration(bars: number | null | undefined, intervalMs: number | null | undefined): string {
  if (typeof bars !== 'number' || !Number.isFinite(bars) || bars < 0) return '—';
  if (!knownInterval(intervalMs)) return formatBarCount(bars);
  return formatSpanMs(bars * intervalMs, intervalMs);
}

/** Time and bar count together ("12 d 4 h · 17,520 bars"); the bar count alone when the interval is unknown. */
export function formatBarsWithCount(bars: number | null | undefined, intervalMs: number | null | undefined): string {
  if (typeof bars !== 'number' || !Number.isFinite(bars) || bars < 0) return '—';
  if (!knownInterval(intervalMs)) return formatBarCount(bars);
  return `${formatBarsAsDuration(bars, intervalMs)} · ${formatBarCount(bars)}`;
}
