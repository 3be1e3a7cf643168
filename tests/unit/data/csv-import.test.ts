import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importOhlcvCsvFile, parseOhlcvCsv } from '../../../src/node/files/csv-import';
import { PeakError } from '../../../src/core/errors';
import { MS_PER_DAY } from '../../../src/core/data/bars';
import { synthGarchMarkov } from '../../../src/core/data/synthetic';
import { formatOhlcvCsv } from '../../../src/node/files/csv-export';

const FIX = join(__dirname, '../../fixtures/csv');
const SHARED = join(__dirname, '../../../../shared/data');
const fixture = (name: string): string => readFileSync(join(FIX, name), 'utf8');

/** Parse and return the PeakError thrown (fails the test when nothing is thrown). */
function rejection(text: string, name: string): PeakError {
  try {
    parseOhlcvCsv(text, name);
  } catch (e) {
    expect(e).toBeInstanceOf(PeakError);
    return e as PeakError;
  }
  throw new Error(`${name} was accepted but should have been rejected`);
}

describe.skipIf(!existsSync(join(SHARED, 'goog.csv')))('the public pandas CSVs in shared/data', () => {
  it('goog.csv: 2148 daily exchange-calendar bars, 2004-08-19 … 2013-03-01', async () => {
    const { bars, report } = await importOhlcvCsvFile(join(SHARED, 'goog.csv'));
    expect(report.bars).toBe(2148);
    expect(bars.time[0]).toBe(Date.parse('2004-08-19T00:00:00Z'));
    expect(report.lastTime).toBe(Date.parse('2013-03-01T00:00:00Z'));
    expect(report.intervalMs).toBe(MS_PER_DAY);
    expect(report.intervalLabel).toBe('1d');
    expect(report.calendar).toBe('exchange');
    expect([bars.open[0], bars.high[0], bars.low[0], bars.close[0], bars.volume[0]]).toEqual([100, 104.06, 95.96, 100.34, 22351900]);
    // weekends and single holidays are closures, not gaps; only multi-day closures (e.g. Sandy, Oct 2012) remain
    expect(report.gaps.count).toBe(2); // 2006-12-29 → 2007-01-03 and Hurricane Sandy (2012-10-26 → 10-31)
  });
  it('eurusd.csv: 5000 hourly bars, 2017-04-19 09:00 … 2018-02-07 15:00', async () => {
    const { report } = await importOhlcvCsvFile(join(SHARED, 'eurusd.csv'));
    expect(report.bars).toBe(5000);
    expect(report.firstTime).toBe(Date.parse('2017-04-19T09:00:00Z'));
    expect(report.lastTime).toBe(Date.parse('2018-02-07T15:00:00Z'));
    expect(report.intervalLabel).toBe('1h');
    expect(report.gaps.count).toBe(0); // FX weekends are closures
  });
  it('btcusd.csv: 156 monthly bars, 2012-01-31 … 2024-12-31', async () => {
    const { report } = await importOhlcvCsvFile(join(SHARED, 'btcusd.csv'));
    expect(report.bars).toBe(156);
    expect(report.firstTime).toBe(Date.parse('2012-01-31T00:00:00Z'));
    expect(report.lastTime).toBe(Date.parse('2024-12-31T00:00:00Z'));
    expect(report.intervalLabel).toBe('1M');
    expect(report.gaps.count).toBe(0);
  });
});

describe('CSV rejections name the file, the row and the column', () => {
  const cases: [file: string, row: number, column: string, what: RegExp][] = [
    ['bad-number.csv', 3, 'close', /"abc" is not a number/],
    ['negative-price.csv', 4, 'Open', /price -101 must be positive/],
    ['high-below-close.csv', 3, 'h', /high 101 is below max\(open, close\) = 101\.5/],
    ['duplicate-timestamp.csv', 4, '(index)', /duplicate timestamp 2024-01-02T00:00:00Z \(same as row 3\)/],
    ['unsorted.csv', 4, '(index)', /earlier than row 3/],
    ['missing-column.csv', 1, 'low', /missing .*header found: \["date", "open", "high", "close", "volume"\]/],
    ['empty-cell.csv', 2, 'close', /empty value/],
  ];
  for (const [file, row, column, what] of cases) {
    it(`${file} → row ${row}, column "${column}"`, () => {
      const e = rejection(fixture(file), file);
      expect(e.code).toBe('BAD_FILE');
      expect(e.message).toContain(`${file}: row ${row}, column "${column}"`);
      expect(e.message).toMatch(what);
    });
  }
  it('an empty file is rejected at row 1', () => {
    const e = rejection(fixture('empty.csv'), 'empty.csv');
    expect(e.message).toMatch(/^empty\.csv: row 1: the file is empty/);
    expect(rejection('\n  \n', 'blank.csv').code).toBe('BAD_FILE');
  });
  it('a header without data rows is rejected', () => {
    expect(rejection('time,open,high,low,close\n', 'h.csv').message).toMatch(/row 2: no data rows/);
  });
  it('bad timestamps and short rows name the row and column', () => {
    expect(rejection('date,open,high,low,close\n2024-13-01,1,1,1,1\n', 'd.csv').message)
      .toMatch(/d\.csv: row 2, column "date": "2024-13-01" is not a timestamp/);
    expect(rejection('date,open,high,low,close\n2024-01-01,1,1,1\n', 's.csv').message)
      .toMatch(/s\.csv: row 2, column "close": missing value/);
    expect(rejection('date,open,high,low,close\n2024-01-01,1,1,1,0x10\n', 'x.csv').message).toMatch(/"0x10" is not a number/);
    expect(rejection('date,open,high,low,close\n2024-01-01,1,1,1,NaN\n', 'n.csv').message).toMatch(/column "close"/);
    expect(rejection('date,open,high,low,close,volume\n2024-01-01,1,1,1,1,-5\n', 'v.csv').message).toMatch(/column "volume": volume -5/);
    expect(rejection('date,open,high,low,close\n2024-01-01,1,1,1.5,1\n', 'l.csv').message).toMatch(/column "low": low 1\.5 is above/);
    expect(rejection('date,open,high,low,close\n2024-01-01,0,1,1,1\n', 'z.csv').message).toMatch(/column "open": price 0 must be positive/);
  });
  it('a missing file is NOT_FOUND', async () => {
    await expect(importOhlcvCsvFile(join(FIX, 'nope.csv'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('CSV dialects', () => {
  it('reads semicolons, epoch milliseconds, decimal commas and skips blank lines', () => {
    const { bars, report } = parseOhlcvCsv(fixture('semicolon-epoch-ms.csv'), 'semi.csv');
    expect(report.bars).toBe(3);
    expect(Array.from(bars.time)).toEqual([1704067200000, 1704067260000, 1704067320000]);
    expect(bars.open[0]).toBe(42000.5);
    expect(bars.volume[0]).toBe(1.25);
    expect(report.intervalLabel).toBe('1m');
  });
  it('reports a row number that counts blank lines', () => {
    const e = rejection('unix;open;high;low;close\n1704067200000;1;1;1;1\n\n1704067200000;1;1;1;1\n', 'b.csv');
    expect(e.message).toContain('b.csv: row 4, column "unix": duplicate timestamp');
  });
  it('accepts ISO date-times with Z, offsets and T, epoch seconds, and aliases in any case', () => {
    const csv = 'DateTime,OPEN,High,Low,Price,Vol\n' +
      '2024-01-01T00:00:00Z,1,2,0.5,1.5,3\n' +
      '2024-01-01T02:00:00+01:00,1,2,0.5,1.5,\n' +
      '2024-01-01 02:00,1,2,0.5,1.5,3\n';
    const { bars, report } = parseOhlcvCsv(csv, 'iso.csv');
    expect(Array.from(bars.time)).toEqual([0, 1, 2].map((h) => Date.UTC(2024, 0, 1, h)));
    expect(bars.close[2]).toBe(1.5);
    expect(report.warnings.join(' ')).toMatch(/1 empty volume cell/);
    const s = parseOhlcvCsv('ts,o,h,l,c\n1704067200,1,1,1,1\n1704067260,1,1,1,1\n', 'secs.csv');
    expect(s.bars.time[0]).toBe(1704067200000);
    expect(s.report.warnings.join(' ')).toMatch(/no volume column/);
    expect(Array.from(s.bars.volume)).toEqual([0, 0]);
  });
  it('prefers close over price when both exist and strips a BOM', () => {
    const { bars } = parseOhlcvCsv('\ufefftime,open,high,low,price,close\n2024-01-01,1,3,1,2,2.5\n', 'bom.csv');
    expect(bars.close[0]).toBe(2.5);
  });
});

describe('gap report', () => {
  it('reports holes in 24/7 data with the bars missing, without rejecting the file', () => {
    const { report } = parseOhlcvCsv(fixture('gaps-epoch-s.csv'), 'gaps.csv');
    expect(report.calendar).toBe('24/7');
    expect(report.intervalMs).toBe(3_600_000);
    expect(report.gaps.count).toBe(2);
    expect(report.gaps.largestMs).toBe(7 * 3_600_000);
    expect(report.gaps.first).toEqual([
      { afterTime: Date.UTC(2024, 0, 6, 2), missingBars: 2 },
      { afterTime: Date.UTC(2024, 0, 6, 6), missingBars: 6 },
    ]);
    expect(report.duplicatesRemoved).toBe(0);
  });
  it('lists at most 20 gaps but counts them all', () => {
    // a 1-minute 24/7 series (from Saturday 2024-01-06) with a 2-bar hole after every 8th bar
    const rows = ['time,open,high,low,close'];
    let t = 1704499200;
    for (let i = 0; i < 200; i++) { rows.push(`${t},1,1,1,1`); t += i % 8 === 7 ? 180 : 60; }
    const { report } = parseOhlcvCsv(rows.join('\n'), 'many.csv');
    expect(report.gaps.count).toBe(24);
    expect(report.gaps.first).toHaveLength(20);
    expect(report.gaps.first[0].missingBars).toBe(2);
  });
});

describe('CSV export', () => {
  it('round-trips bars exactly through formatOhlcvCsv → parseOhlcvCsv', () => {
    const { bars } = synthGarchMarkov({ n: 2000, seed: 'roundtrip', ticksPerBar: 5 });
    const back = parseOhlcvCsv(formatOhlcvCsv(bars), 'rt.csv').bars;
    for (const f of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) expect(back[f]).toEqual(bars[f]);
  });
});

describe('quoted CSV (csv-parse path)', () => {
  it('reads quoted headers and cells with the same row numbers', () => {
    const csv = '\n"Date";"Open";"High";"Low";"Close"\n"2024-01-06";"1,5";"2";"1";"1,75"\n\n"2024-01-07";"1";"1";"1";"bad"\n';
    const e = rejection(csv, 'q.csv');
    expect(e.message).toBe('q.csv: row 5, column "Close": "bad" is not a number');
    const ok = parseOhlcvCsv(csv.replace('"bad"', '"1"'), 'q.csv');
    expect(Array.from(ok.bars.open)).toEqual([1.5, 1]);
    expect(ok.bars.close[0]).toBe(1.75);
  });
  it('rejects a broken quote with the row', () => {
    const e = rejection('time,open,high,low,close\n2024-01-06,"1,1,1,1\n', 'bq.csv');
    expect(e.code).toBe('BAD_FILE');
    expect(e.message).toMatch(/^bq\.csv: row \d+: not readable as CSV/);
  });
});
