import { describe, expect, it } from 'vitest';
import { makeBars, MS_PER_DAY } from '../../../src/core/data/bars';
import { concatBars } from '../../../src/core/data/combine';
import { QualityReport } from '../../../src/core/data/quality';
import { formatTimestamp, parseTimestamp } from '../../../src/core/data/timestamp';
import { findGaps, qualityReport, validateBars } from '../../../src/core/data/validate';
import { PeakError } from '../../../src/core/errors';

const H = 3_600_000;
const t = (i: number): number => Date.UTC(2024, 0, 6) + i * H; // from a Saturday: a 24/7 sample

function bars(rows: [t: number, o: number, h: number, l: number, c: number, v?: number][]) {
  const b = makeBars(rows.length);
  rows.forEach(([t, o, h, l, c, v = 1], i) => {
    b.time[i] = t; b.open[i] = o; b.high[i] = h; b.low[i] = l; b.close[i] = c; b.volume[i] = v;
  });
  return b;
}

describe('parseTimestamp', () => {
  it('reads naive ISO dates and date-times as UTC', () => {
    expect(parseTimestamp('2004-08-19')).toBe(Date.UTC(2004, 7, 19));
    expect(parseTimestamp('2017-04-19 09:00:00')).toBe(Date.UTC(2017, 3, 19, 9));
    expect(parseTimestamp('2017-04-19T09:00')).toBe(Date.UTC(2017, 3, 19, 9));
    expect(parseTimestamp('2024-02-29T23:59:59.250')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59, 250));
    expect(parseTimestamp('1969-12-31')).toBe(-MS_PER_DAY);
  });
  it('applies Z and ±hh:mm / ±hhmm offsets', () => {
    expect(parseTimestamp('2024-01-01T00:00:00Z')).toBe(Date.UTC(2024, 0, 1));
    expect(parseTimestamp('2024-01-01T02:00:00+02:00')).toBe(Date.UTC(2024, 0, 1));
    expect(parseTimestamp('2023-12-31T19:30:00-0430')).toBe(Date.UTC(2024, 0, 1));
    expect(parseTimestamp('2024-01-01 01:00:00+01')).toBe(Date.UTC(2024, 0, 1));
  });
  it('decides the epoch unit by magnitude', () => {
    expect(parseTimestamp('1704067200')).toBe(1704067200000); // s
    expect(parseTimestamp('1704067200.5')).toBe(1704067200500); // fractional s
    expect(parseTimestamp('1704067200000')).toBe(1704067200000); // ms
    expect(parseTimestamp('1704067200000000')).toBe(1704067200000); // µs
    expect(parseTimestamp('1704067200000000000')).toBe(1704067200000); // ns
    expect(parseTimestamp('99999999999')).toBe(99999999999000); // just below 1e11 → seconds
    expect(parseTimestamp('100000000000')).toBe(100000000000); // 1e11 → milliseconds
  });
  it('returns NaN for impossible dates and junk', () => {
    for (const s of ['', '2023-02-29', '2024-13-01', '2024-01-01T24:00', '01/02/2024', 'yesterday', '2024-01-01T00:00+25:00', 'NaN']) {
      expect(parseTimestamp(s), s).toBeNaN();
    }
  });
  it('formats for messages without milliseconds when there are none', () => {
    expect(formatTimestamp(Date.UTC(2024, 0, 1))).toBe('2024-01-01T00:00:00Z');
    expect(formatTimestamp(Date.UTC(2024, 0, 1) + 5)).toBe('2024-01-01T00:00:00.005Z');
    expect(formatTimestamp(NaN)).toBe('NaN');
  });
});

describe('validateBars', () => {
  it('accepts valid bars and builds a schema-valid report', () => {
    const { report } = validateBars(bars([[t(0), 1, 2, 0.5, 1.5], [t(1), 1.5, 1.6, 1.4, 1.5, 0]]), 'ok.csv');
    expect(QualityReport.parse(report)).toEqual(report);
    expect(report).toMatchObject({ bars: 2, firstTime: t(0), lastTime: t(1), intervalMs: H, intervalLabel: '1h', duplicatesRemoved: 0 });
  });
  it('names the row from rowNumbers and the column from the file header', () => {
    const b = bars([[t(0), 1, 2, 0.5, 1.5], [t(1), 1.5, 1.4, 1.3, 1.45]]);
    expect(() => validateBars(b, 'x.csv', [2, 7], { columns: { high: 'High' } }))
      .toThrow('x.csv: row 7, column "High": high 1.4 is below max(open, close) = 1.5');
  });
  it('rejects NaN, infinite, zero and negative values', () => {
    const cases: [number[], string][] = [
      [[t(0), NaN, 2, 0.5, 1.5], 'column "open": NaN is not a finite number'],
      [[t(0), 1, Infinity, 0.5, 1.5], 'column "high": Infinity is not a finite number'],
      [[t(0), 1, 2, 0, 1.5], 'column "low": price 0 must be positive'],
      [[t(0), 1, 2, 0.5, -1.5], 'column "close": price -1.5 must be positive'],
      [[t(0), 1, 2, 0.5, 1.5, -1], 'column "volume": volume -1 must not be negative'],
      [[NaN, 1, 2, 0.5, 1.5], 'column "time": not a valid timestamp'],
    ];
    for (const [row, msg] of cases) {
      const b = bars([[t(-1), 1, 1, 1, 1], row as [number, number, number, number, number, number?]]);
      let err: unknown;
      try { validateBars(b, 'f'); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(PeakError);
      expect((err as PeakError).code).toBe('BAD_FILE');
      expect((err as PeakError).message).toBe(`f: row 3, ${msg}`);
    }
  });
  it('rejects duplicate and decreasing timestamps', () => {
    expect(() => validateBars(bars([[t(0), 1, 1, 1, 1], [t(0), 1, 1, 1, 1]]), 'd')).toThrow(/row 3, column "time": duplicate timestamp 2024-01-06T00:00:00Z \(same as row 2\)/);
    expect(() => validateBars(bars([[t(1), 1, 1, 1, 1], [t(0), 1, 1, 1, 1]]), 'u')).toThrow(/row 3, column "time": timestamp .* is earlier than row 2/);
  });
  it('rejects an empty series', () => {
    expect(() => validateBars(makeBars(0), 'e')).toThrow(/e: row 2: no data rows/);
  });
});

describe('gap detection', () => {
  it('24/7: a spacing above 1.5 intervals is a gap', () => {
    const g = findGaps([0, 1, 2, 4, 5, 6, 7, 15].map((i) => i * 60_000), 60_000, '24/7');
    expect(g).toEqual({ count: 2, largestMs: 8 * 60_000, first: [{ afterTime: 2 * 60_000, missingBars: 1 }, { afterTime: 7 * 60_000, missingBars: 7 }] });
  });
  it('exchange calendar: weekends and one-day closures are not gaps, a missing week is', () => {
    const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);
    // Thu 2024-01-04, Fri 01-05, Mon 01-08 (weekend), Wed 01-10 (Tue holiday), Wed 01-24 (a week missing)
    const time = [day(2024, 1, 4), day(2024, 1, 5), day(2024, 1, 8), day(2024, 1, 10), day(2024, 1, 24)];
    const g = findGaps(time, MS_PER_DAY, 'exchange');
    expect(g.count).toBe(1);
    expect(g.first[0]).toEqual({ afterTime: day(2024, 1, 10), missingBars: 9 });
  });
  it('qualityReport says so when the interval cannot be detected', () => {
    expect(qualityReport(bars([[t(0), 1, 1, 1, 1]])).warnings.join(' ')).toMatch(/interval cannot be detected/);
  });
});

describe('concatBars', () => {
  it('appends later bars and refuses overlapping ones', () => {
    const a = bars([[1, 1, 1, 1, 1], [2, 1, 1, 1, 1]]);
    const b = bars([[3, 2, 2, 2, 2]]);
    expect(Array.from(concatBars(a, b).time)).toEqual([1, 2, 3]);
    expect(Array.from(concatBars(a, b).close)).toEqual([1, 1, 2]);
    expect(() => concatBars(b, a)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(concatBars(makeBars(0), b).time.length).toBe(1);
  });
});

describe('DownloadParams', () => {
  it('parses times from ISO text or epoch ms and defaults exchange and timeframe', async () => {
    const { DownloadParams } = await import('../../../src/core/data/download-params');
    expect(DownloadParams.parse({ symbol: 'BTC/USD', since: '2024-01-01', until: 1704153600000 })).toEqual({
      exchangeId: 'kraken', symbol: 'BTC/USD', timeframe: '1h', since: Date.UTC(2024, 0, 1), until: 1704153600000,
    });
    const bad = DownloadParams.safeParse({ symbol: 'BTC/USD', since: 'last tuesday' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].path).toEqual(['since']);
    expect(bad.error?.issues[0].message).toMatch(/"last tuesday" is not a time/);
  });
});
