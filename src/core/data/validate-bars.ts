/**
 * The ONE bar check every way into the store goes through (CSV import, synthetic generation, download,
 * resumed downloads): the OHLCV rules of validateBars plus a time range a Date can show. A generator fed
 * extreme parameters (startMs 1e308 → identical timestamps; volatility 1e308 → Infinity prices) is refused
 * like a bad file, naming the bar.
 */
import { isPeakError, PeakError, type PeakErrorCode } from '../errors';
import type { Bars } from './bars';
import { validateBars } from './validate';

/** ±8.64e15 ms: the range of a JavaScript Date (years −271821 … 275760). */
export const MAX_ABS_TIME_MS = 8.64e15;

export type BarOrigin = 'csv' | 'synthetic' | 'download' | 'seed';

/** Throws a PeakError naming `label` and the first offending bar (1-based); returns normally otherwise. */
export function assertStorableBars(bars: Bars, label: string, origin: BarOrigin): void {
  // generated data is the request's fault (BAD_INPUT); file or exchange content is BAD_FILE
  const code: PeakErrorCode = origin === 'synthetic' || origin === 'seed' ? 'BAD_INPUT' : 'BAD_FILE';
  const n = bars.time.length;
  for (let i = 0; i < n; i++) {
    const t = bars.time[i];
    if (!(Math.abs(t) <= MAX_ABS_TIME_MS)) {
      throw new PeakError(code, `${label}: bar ${i + 1}, "time": ${t} ms is outside the range of a date (±${MAX_ABS_TIME_MS})`);
    }
  }
  try {
    validateBars(bars, label);
  } catch (e) {
    // validateBars numbers file rows (bar i is row i + 2); here there is no file, so name bars (1-based)
    if (isPeakError(e) && e.code === 'BAD_FILE') {
      throw new PeakError(code, e.message.replace(/row (\d+)(, column)?/g, (_m, r: string) => `bar ${Number(r) - 1}`));
    }
    throw e;
  }
}
