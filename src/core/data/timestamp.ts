/**
 * Timestamp text → epoch milliseconds UTC, without Date.parse (which reads naive date-times in the host's
 * local zone). Accepted:
 * - ISO 8601 dates and date-times: '2004-08-19', '2017-04-19 09:00:00', '2017-04-19T09:00:00.250Z',
 *   '2017-04-19T09:00+02:00', '…+0200'. A naive date or date-time is UTC.
 * - Epoch numbers, unit decided by magnitude: |v| < 1e11 seconds, < 1e14 milliseconds, < 1e17 microseconds,
 *   else nanoseconds (1e11 s is the year 5138; 1e11 ms is 1973-03-03).
 * Returns NaN for anything else (the caller names the row and column).
 */
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
const EPOCH = /^[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Days since 1970-01-01 of a proleptic Gregorian civil date (Howard Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function parseTimestamp(raw: string): number {
  const s = raw.trim();
  if (s === '') return NaN;
  if (EPOCH.test(s)) {
    const v = Number(s);
    const a = Math.abs(v);
    if (!Number.isFinite(v)) return NaN;
    if (a < 1e11) return Math.round(v * 1000);
    if (a < 1e14) return Math.round(v);
    if (a < 1e17) return Math.round(v / 1000);
    return Math.round(v / 1e6);
  }
  const m = ISO.exec(s);
  if (!m) return NaN;
  const y = +m[1], mo = +m[2], d = +m[3];
  const h = m[4] ? +m[4] : 0, mi = m[5] ? +m[5] : 0, sec = m[6] ? +m[6] : 0;
  if (mo < 1 || mo > 12) return NaN;
  const dim = mo === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[mo - 1];
  if (d < 1 || d > dim || h > 23 || mi > 59 || sec > 59) return NaN;
  // fraction: first 3 digits are milliseconds; finer digits are rounded away
  const frac = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  let offsetMin = 0;
  const tz = m[8];
  if (tz && tz !== 'Z' && tz !== 'z') {
    const sign = tz[0] === '-' ? -1 : 1;
    const digits = tz.slice(1).replace(':', '');
    const oh = +digits.slice(0, 2), om = digits.length > 2 ? +digits.slice(2, 4) : 0;
    if (oh > 23 || om > 59) return NaN;
    offsetMin = sign * (oh * 60 + om);
  }
  return daysFromCivil(y, mo, d) * 86_400_000 + ((h * 60 + mi - offsetMin) * 60 + sec) * 1000 + frac;
}

/** epoch ms → '2024-01-01T00:00:00Z' style text for messages (no milliseconds unless present). */
export function formatTimestamp(ms: number): string {
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return String(ms);
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso;
}
