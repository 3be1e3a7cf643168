import { describe, expect, it } from 'vitest';
import {
  calendarMsPerBar,
  formatBarCount,
  formatBarsAsDuration,
  formatBarsWithCount,
  formatSpanMs,
} from '../../../src/core/data/bar-duration';
import { periodsPerYear } from '../../../src/core/data/bars';

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

describe('bar counts as time', () => {
  it('says zero and single bars in the unit of a bar', () => {
    expect(formatBarsAsDuration(0, MIN)).toBe('0 m');
    expect(formatBarsAsDuration(1, MIN)).toBe('1 m');
    expect(formatBarsAsDuration(0, DAY)).toBe('0 d');
    expect(formatBarsAsDuration(1, DAY)).toBe('1 d');
  });

  it('stays in minutes below an hour and rolls over at 60', () => {
    expect(formatBarsAsDuration(59, MIN)).toBe('59 m');
    expect(formatBarsAsDuration(60, MIN)).toBe('1 h');
    expect(formatBarsAsDuration(61, MIN)).toBe('1 h 1 m');
  });

  it('shows days and hours: 17,520 one-minute bars = 292 h = 12 d 4 h', () => {
    expect(formatBarsAsDuration(17_520, MIN)).toBe('12 d 4 h');
    expect(formatBarsWithCount(17_520, MIN)).toBe('12 d 4 h · 17,520 bars');
  });

  it('shows years and days past a year (365-day year)', () => {
    expect(formatBarsAsDuration(525_600, MIN)).toBe('1 y'); // the seeded 1-minute year
    expect(formatBarsAsDuration(400, DAY)).toBe('1 y 35 d');
    // 10,000 h = 416.67 d → 1 y 51.67 d → rounded to whole days: 1 y 52 d (hours dropped past a year)
    expect(formatBarsAsDuration(10_000, HOUR)).toBe('1 y 52 d');
    expect(formatBarsAsDuration(3_653, DAY)).toBe('10 y 3 d'); // 3,653 − 10 × 365 = 3
  });

  it('never shows finer than a bar: daily bars give days only', () => {
    expect(formatBarsAsDuration(45, DAY)).toBe('45 d');
    expect(formatBarsAsDuration(3, 4 * HOUR)).toBe('12 h');
    expect(formatBarsAsDuration(7, 4 * HOUR)).toBe('1 d 4 h');
  });

  it('handles non-integer intervals (average calendar time per exchange bar)', () => {
    const perTradingDay = calendarMsPerBar(252)!; // 365/252 d = 1.4484 d
    expect(perTradingDay).toBeCloseTo((365 / 252) * DAY, 6);
    expect(formatBarsAsDuration(10, perTradingDay)).toBe('14 d'); // 14.48 d
    expect(formatBarsAsDuration(252, perTradingDay)).toBe('1 y'); // float product ≈ 365 d, rounds to 1 y
    // exchange-hours 1 h bars, 7 a day: 365 d / 1764 = 4.966 h per bar; 70 bars = 347.6 h = 14 d 11.6 h → 14 d 12 h
    expect(formatBarsAsDuration(70, calendarMsPerBar(252 * 7))).toBe('14 d 12 h');
    expect(formatBarsAsDuration(3, 1_500)).toBe('5 s'); // 4.5 s rounds half up
  });

  it('keeps bars when the interval is unknown', () => {
    expect(formatBarsAsDuration(17_520, null)).toBe('17,520 bars');
    expect(formatBarsAsDuration(1, undefined)).toBe('1 bar');
    expect(formatBarsAsDuration(5, 0)).toBe('5 bars');
    expect(formatBarsAsDuration(5, Number.NaN)).toBe('5 bars');
    expect(formatBarsWithCount(5, null)).toBe('5 bars');
    expect(formatBarCount(0)).toBe('0 bars');
  });

  it('renders missing or negative counts as a dash', () => {
    expect(formatBarsAsDuration(null, MIN)).toBe('—');
    expect(formatBarsAsDuration(-1, MIN)).toBe('—');
    expect(formatBarsWithCount(Number.NaN, MIN)).toBe('—');
    expect(formatSpanMs(-5)).toBe('—');
  });

  it('carries rounding into the next unit', () => {
    expect(formatSpanMs(59 * MIN + 40_000, MIN)).toBe('1 h');
    expect(formatSpanMs(DAY - 20 * MIN, HOUR)).toBe('1 d');
    expect(formatSpanMs(365 * DAY - 10 * MIN, HOUR)).toBe('1 y');
    expect(formatSpanMs(42_000)).toBe('42 s');
  });
});

describe('calendar time per bar from periods per year', () => {
  it('inverts periodsPerYear for 24/7 data exactly', () => {
    const t = Float64Array.from({ length: 100 }, (_, i) => Date.UTC(2024, 0, 6) + i * 15 * MIN); // starts on a Saturday
    expect(calendarMsPerBar(periodsPerYear(t))).toBe(15 * MIN);
    expect(calendarMsPerBar(525_600)).toBe(MIN);
    expect(calendarMsPerBar(365)).toBe(DAY);
  });
  it('is unknown where periodsPerYear had no interval (falls back to 1) or is missing', () => {
    expect(calendarMsPerBar(1)).toBeNull();
    expect(calendarMsPerBar(null)).toBeNull();
    expect(calendarMsPerBar(undefined)).toBeNull();
    expect(calendarMsPerBar(Number.NaN)).toBeNull();
  });
});
