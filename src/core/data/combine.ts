import { PeakError } from '../errors';
import { type Bars, makeBars } from './bars';
import { formatTimestamp } from './timestamp';

/**
 * `a` followed by `b` in a new Bars (a resumed download appended to the stored bars). Every bar of `b` must
 * open after the last bar of `a` — the download's `resumeFromMs` guarantees it; anything else is a CONFLICT.
 */
export function concatBars(a: Bars, b: Bars): Bars {
  const na = a.time.length, nb = b.time.length;
  if (na > 0 && nb > 0 && !(b.time[0] > a.time[na - 1])) {
    throw new PeakError('CONFLICT', `cannot append bars from ${formatTimestamp(b.time[0])}: the data set already ends at ${formatTimestamp(a.time[na - 1])}`);
  }
  const out = makeBars(na + nb);
  for (const f of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
    out[f].set(a[f], 0);
    out[f].set(b[f], na);
  }
  return out;
}
