import { writeFile } from 'node:fs/promises';
import type { Bars } from '../../core/data/bars';
import { formatTimestamp } from '../../core/data/timestamp';

/**
 * Bars → CSV text that parseOhlcvCsv reads back exactly: header `timestamp,open,high,low,close,volume`,
 * ISO 8601 UTC timestamps ('2024-01-01T00:00:00Z'), numbers in JavaScript's shortest round-trip form.
 */
export function formatOhlcvCsv(bars: Bars): string {
  const n = bars.time.length;
  const lines = new Array<string>(n + 1);
  lines[0] = 'timestamp,open,high,low,close,volume';
  for (let i = 0; i < n; i++) {
    lines[i + 1] = `${formatTimestamp(bars.time[i])},${bars.open[i]},${bars.high[i]},${bars.low[i]},${bars.close[i]},${bars.volume[i]}`;
  }
  return `${lines.join('\n')}\n`;
}

export async function exportOhlcvCsvFile(path: string, bars: Bars): Promise<void> {
  await writeFile(path, formatOhlcvCsv(bars), 'utf8');
}
