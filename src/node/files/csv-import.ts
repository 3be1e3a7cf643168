import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Bars } from '../../core/data/bars';
import type { QualityReport } from '../../core/data/quality';
import { parseTimestamp } from '../../core/data/timestamp';
import { type BarField, validateBars } from '../../core/data/validate';
import { PeakError } from '../../core/errors';
import { looksLikeText, shownCell } from './csv-text';
import { readRegularFileUtf8 } from './safe-read';

/**
 * OHLCV CSV import (pandas `to_csv` files, exchange exports, hand-made sheets).
 * - Delimiter ',', ';' or tab, whichever occurs most in the header line (outside quotes).
 * - Header names case-insensitive: open/o, high/h, low/l, close/c (else price), volume/vol/v, and the time
 *   column timestamp/time/date/datetime/ts/unix — or a blank first header cell (the pandas index).
 * - Timestamps: ISO 8601 (naive = UTC) or epoch s/ms/µs/ns by magnitude (see core/data/timestamp.ts).
 * - With ';' as delimiter a decimal comma ("1,0716") is accepted.
 * Row numbers in messages are 1-based file lines (header = row 1). Any rejection throws PeakError('BAD_FILE')
 * naming file, row and column; nothing half-parsed is ever returned.
 */

const ALIASES: Record<BarField, string[]> = {
  time: ['timestamp', 'time', 'date', 'datetime', 'ts', 'unix'],
  open: ['open', 'o'],
  high: ['high', 'h'],
  low: ['low', 'l'],
  close: ['close', 'c', 'price'],
  volume: ['volume', 'vol', 'v'],
};
const REQUIRED: BarField[] = ['time', 'open', 'high', 'low', 'close'];
const FIELDS: BarField[] = ['time', 'open', 'high', 'low', 'close', 'volume'];
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;

function detectDelimiter(headerLine: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch]++;
  }
  let best = ',';
  for (const d of [';', '\t']) if (counts[d] > counts[best]) best = d;
  return best;
}

function mapHeader(header: string[], fileName: string, row: number): Record<BarField, number> {
  const norm = header.map((h) => h.trim().toLowerCase());
  const idx: Record<BarField, number> = { time: -1, open: -1, high: -1, low: -1, close: -1, volume: -1 };
  for (const f of FIELDS) {
    // alias order matters: 'close' beats 'price' when both exist
    for (const a of ALIASES[f]) {
      const j = norm.indexOf(a);
      if (j >= 0) { idx[f] = j; break; }
    }
  }
  if (idx.time < 0 && norm[0] === '') idx.time = 0;
  const shown = header.slice(0, 20).map(shownCell).join(', ') + (header.length > 20 ? ', …' : '');
  // a repeated name would silently drop one of the columns (close,close → volume 0): name it instead
  const seen = new Map<string, number>();
  for (let j = 0; j < norm.length; j++) {
    if (norm[j] === '') continue;
    const first = seen.get(norm[j]);
    if (first !== undefined) {
      throw new PeakError('BAD_FILE', `${fileName}: row ${row}, column ${j + 1} ${shownCell(header[j])}: duplicate header (also column ${first + 1})`, { row, column: header[j] });
    }
    seen.set(norm[j], j);
  }
  for (const f of REQUIRED) {
    if (idx[f] < 0) {
      const names = f === 'time' ? `${ALIASES.time.join('/')} or a blank first header cell` : ALIASES[f].join('/');
      throw new PeakError('BAD_FILE', `${fileName}: row ${row}, column "${f}": missing (accepted names: ${names}); header found: [${shown}]`, { row, column: f });
    }
  }
  return idx;
}

interface CsvRecord { record: string[]; info: { lines: number } }

/** csv-parse types `info: true` output as string[][]; check the shape we rely on (first record suffices). */
function isCsvRecords(x: unknown): x is CsvRecord[] {
  if (!Array.isArray(x)) return false;
  const r: unknown = x[0];
  return x.length === 0 || (typeof r === 'object' && r !== null && 'record' in r && Array.isArray(r.record) &&
    'info' in r && typeof r.info === 'object' && r.info !== null && 'lines' in r.info && typeof r.info.lines === 'number');
}

/**
 * The non-blank records of the text, in order, with their 1-based file lines. Quote-free text (every OHLCV
 * export we know) is split directly — several times faster than csv-parse with line info on a 525,600-row
 * file, and the same result, since without quotes a record is exactly one line. Anything quoted goes through
 * csv-parse. `upperBound` is an upper bound on the record count, known before the first record is visited.
 */
interface RecordSource { upperBound: number; forEach(visit: (cells: string[], line: number) => void): void }

function records(body: string, delimiter: string, fileName: string): RecordSource {
  if (!body.includes('"')) {
    const text = body.split('\n');
    return {
      upperBound: text.length,
      forEach(visit) {
        for (let i = 0; i < text.length; i++) {
          const line = text[i];
          if (line.trim() === '') continue;
          const cells = line.split(delimiter);
          for (let j = 0; j < cells.length; j++) cells[j] = cells[j].trim(); // also drops a trailing \r
          visit(cells, i + 1);
        }
      },
    };
  }
  let parsed: unknown;
  try {
    parsed = parse(body, { delimiter, info: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (e) {
    const row = e && typeof e === 'object' && 'lines' in e && typeof e.lines === 'number' ? e.lines : '?';
    throw new PeakError('BAD_FILE', `${fileName}: row ${row}: not readable as CSV (${e instanceof Error ? e.message : String(e)})`, { row });
  }
  if (!isCsvRecords(parsed)) throw new PeakError('INTERNAL', `${fileName}: unexpected CSV parser output`);
  const recs = parsed;
  return {
    upperBound: recs.length,
    forEach(visit) {
      for (const r of recs) visit(r.record, r.info.lines);
    },
  };
}

export function parseOhlcvCsv(text: string, fileName: string): { bars: Bars; report: QualityReport } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') {
    throw new PeakError('BAD_FILE', `${fileName}: row 1: the file is empty (expected a header with time, open, high, low, close[, volume])`, { row: 1 });
  }
  const delimiter = detectDelimiter(/^[ \t]*\S.*$/m.exec(body)?.[0] ?? '');
  const source = records(body, delimiter, fileName);
  const cap = Math.max(0, source.upperBound - 1);
  const time = new Float64Array(cap), open = new Float64Array(cap), high = new Float64Array(cap);
  const low = new Float64Array(cap), close = new Float64Array(cap), volume = new Float64Array(cap);
  const rows = new Int32Array(cap);
  const decimalComma = delimiter === ';';
  let header: string[] | undefined;
  let headerRow = 1;
  let idx: Record<BarField, number> = { time: -1, open: -1, high: -1, low: -1, close: -1, volume: -1 };
  let n = 0;
  let emptyVolume = 0;
  const colName = (f: BarField): string => (header && idx[f] >= 0 ? header[idx[f]] || (f === 'time' ? '(index)' : f) : f);
  const fail = (row: number, f: BarField, what: string): never => {
    throw new PeakError('BAD_FILE', `${fileName}: row ${row}, column "${colName(f)}": ${what}`, { row, column: colName(f) });
  };
  const cell = (cells: string[], f: BarField, row: number): string => {
    const v = cells[idx[f]];
    if (v === undefined) fail(row, f, `missing value (the row has ${cells.length} cells, the header ${header?.length})`);
    return v;
  };
  const num = (cells: string[], f: BarField, row: number): number => {
    const raw = cell(cells, f, row);
    if (raw === '') fail(row, f, 'empty value');
    const s = decimalComma && DECIMAL_COMMA.test(raw) ? raw.replace(',', '.') : raw;
    if (!DECIMAL.test(s)) fail(row, f, `${shownCell(raw)} is not a number`);
    return Number(s);
  };

  source.forEach((cells, row) => {
    if (!header) {
      header = cells;
      headerRow = row;
      idx = mapHeader(cells, fileName, row);
      return;
    }
    if (cells.length > header.length) {
      // extra cells belong to no column: storing the row would silently drop data
      throw new PeakError('BAD_FILE', `${fileName}: row ${row}, column ${header.length + 1}: the row has ${cells.length} cells but the header has ${header.length}`, { row, column: header.length + 1 });
    }
    const ts = cell(cells, 'time', row);
    if (ts === '') fail(row, 'time', 'empty value');
    const t = parseTimestamp(ts);
    if (Number.isNaN(t)) fail(row, 'time', `${shownCell(ts)} is not a timestamp (ISO 8601 date/date-time or epoch seconds/milliseconds)`);
    time[n] = t;
    open[n] = num(cells, 'open', row);
    high[n] = num(cells, 'high', row);
    low[n] = num(cells, 'low', row);
    close[n] = num(cells, 'close', row);
    if (idx.volume >= 0) {
      if (cell(cells, 'volume', row) === '') emptyVolume++; // read as 0
      else volume[n] = num(cells, 'volume', row);
    }
    rows[n] = row;
    n++;
  });
  if (n === 0) throw new PeakError('BAD_FILE', `${fileName}: row ${headerRow + 1}: no data rows after the header`, { row: headerRow + 1 });
  const bars: Bars = {
    time: time.slice(0, n), open: open.slice(0, n), high: high.slice(0, n),
    low: low.slice(0, n), close: close.slice(0, n), volume: volume.slice(0, n),
  };
  const { report } = validateBars(bars, fileName, rows, {
    columns: Object.fromEntries(FIELDS.map((f) => [f, colName(f)])),
  });
  if (idx.volume < 0) report.warnings.push('no volume column: volume set to 0');
  if (emptyVolume > 0) report.warnings.push(`${emptyVolume} empty volume cell(s) read as 0`);
  return { bars, report };
}

/** Read and parse a CSV file (regular files only, size-capped); the message names the file by its base name. */
export async function importOhlcvCsvFile(path: string): Promise<{ bars: Bars; report: QualityReport; fileName: string }> {
  const fileName = basename(path);
  const text = await readRegularFileUtf8(path);
  if (!looksLikeText(text)) {
    // never echo the content of something that is not CSV text (a key file, /proc/self/environ)
    throw new PeakError('BAD_FILE', `${fileName}: not a CSV text file (binary or control characters found)`);
  }
  return { ...parseOhlcvCsv(text, fileName), fileName };
}
