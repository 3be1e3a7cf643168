import { describe, expect, it } from 'vitest';
import {
  DASH,
  fmtCompact,
  fmtDuration,
  fmtInt,
  fmtInterval,
  fmtMetric,
  fmtMetricCell,
  fmtMetricText,
  fmtMetricTitle,
  fmtNum,
  fmtPct,
  fmtPrice,
  fmtTime,
  humanize,
  metricInfo,
  orderMetricKeys,
  signClass,
} from '../../../src/renderer/src/lib/format';

describe('formatters', () => {
  it('render missing and non-finite values without NaN', () => {
    expect(fmtNum(null)).toBe(DASH);
    expect(fmtNum(undefined)).toBe(DASH);
    expect(fmtNum(Number.NaN)).toBe(DASH);
    expect(fmtNum(Infinity)).toBe('∞');
    expect(fmtNum(-Infinity)).toBe('−∞');
    expect(fmtPct(Number.NaN)).toBe(DASH);
    expect(fmtInt(null)).toBe(DASH);
  });
  it('format numbers with separators and fixed decimals', () => {
    expect(fmtNum(12345.678)).toBe('12,345.68');
    expect(fmtNum(-0.5, 3)).toBe('-0.500');
    expect(fmtInt(1234567.4)).toBe('1,234,567');
    expect(fmtPct(0.1234)).toBe('12.34 %');
    expect(fmtPct(0.05, 1, true)).toBe('+5.0 %');
    expect(fmtCompact(1_250_000)).toBe('1.25M');
    expect(fmtCompact(12_500)).toBe('12.5k');
    expect(fmtCompact(950)).toBe('950');
    expect(fmtCompact(2148)).toBe('2,148');
  });
  it('adapt price precision to magnitude', () => {
    expect(fmtPrice(43210.5)).toBe('43,210.50');
    expect(fmtPrice(1.23456789)).toBe('1.2346');
    expect(fmtPrice(0.000012345)).toBe('0.00001235');
  });
  it('format UTC times, dropping midnight', () => {
    expect(fmtTime(Date.UTC(2024, 2, 5))).toBe('2024-03-05');
    expect(fmtTime(Date.UTC(2024, 2, 5, 14, 7))).toBe('2024-03-05 14:07');
    expect(fmtTime(Date.UTC(2024, 2, 5), true)).toBe('2024-03-05 00:00');
  });
  it('format intervals and durations', () => {
    expect(fmtInterval(60_000)).toBe('1m');
    expect(fmtInterval(4 * 3_600_000)).toBe('4h');
    expect(fmtInterval(86_400_000)).toBe('1d');
    expect(fmtInterval(1500)).toBe('1500 ms');
    expect(fmtDuration(0.25)).toBe('250 ms');
    expect(fmtDuration(4.2)).toBe('4.2 s');
    expect(fmtDuration(185)).toBe('3 m 05 s');
    expect(fmtDuration(3720)).toBe('1 h 02 m');
    expect(fmtDuration(4999 * 3600)).toBe('208 d');
    expect(fmtDuration(3 * 86400)).toBe('3.0 d');
  });
  it('colour signs', () => {
    expect(signClass(1)).toBe('pos');
    expect(signClass(-1)).toBe('neg');
    expect(signClass(0)).toBe('');
  });
});

describe('metric display', () => {
  it('treats the Pct suffix as already-in-percent', () => {
    expect(fmtMetric('totalReturnPct', 12.345)).toEqual({ text: '12.35', unit: '%' });
    expect(fmtMetric('cagrPct', 3)).toEqual({ text: '3.00', unit: '% /yr' });
    expect(metricInfo('someNewThingPct')).toMatchObject({ kind: 'pct', label: 'Some new thing' });
  });
  it('formats ratios, counts and money with units', () => {
    expect(fmtMetricText('sharpe', 1.23456)).toBe('1.235 ann.');
    expect(fmtMetricText('trades', 57)).toBe('57');
    expect(fmtMetricText('maxDrawdownDurationBars', 1200)).toBe('1,200 bars');
    expect(fmtMetricText('equityFinal', 10543.219)).toBe('10,543.22');
    expect(fmtMetricText('profitFactor', null)).toBe(DASH);
  });
  it('shows a bar-count duration as time from the run\'s bars per year, bars without one', () => {
    const minuteYear = { periodsPerYear: 525_600 }; // 24/7 one-minute bars: 60,000 ms per bar
    // 17,520 min = 292 h = 12 d 4 h
    expect(fmtMetric('maxDrawdownDurationBars', 17_520, minuteYear)).toEqual({ text: '12 d 4 h', unit: '· 17,520 bars' });
    expect(fmtMetricText('maxDrawdownDurationBars', 17_520, minuteYear)).toBe('12 d 4 h · 17,520 bars');
    expect(fmtMetricCell('maxDrawdownDurationBars', 17_520, minuteYear)).toBe('12 d 4 h');
    expect(fmtMetricTitle('maxDrawdownDurationBars', 17_520, minuteYear)).toBe('12 d 4 h · 17,520 bars');
    // exchange daily data (252 a year): 10 bars = 10 × 365/252 d = 14.48 calendar days
    expect(fmtMetricCell('maxDrawdownDurationBars', 10, { periodsPerYear: 252 })).toBe('14 d');
    // no interval (periodsPerYear 1 is the fallback of a single bar) or no record: bars, as before
    expect(fmtMetricText('maxDrawdownDurationBars', 1200, { periodsPerYear: 1 })).toBe('1,200 bars');
    expect(fmtMetricCell('maxDrawdownDurationBars', 1)).toBe('1 bar');
    expect(fmtMetricTitle('sharpe', 1, minuteYear)).toBeUndefined();
  });
  it('orders headline metrics first, the rest alphabetically', () => {
    expect(orderMetricKeys(['zeta', 'sharpe', 'alpha', 'totalReturnPct'])).toEqual(['totalReturnPct', 'sharpe', 'alpha', 'zeta']);
  });
  it('humanises unknown keys', () => {
    expect(humanize('maxDrawdownDurationBars')).toBe('Max drawdown duration bars');
    expect(humanize('fast_window')).toBe('Fast window');
  });
});
