// Minimal reader for the pandas-written reference CSVs (blank first header = timestamp index), used by tests
// that must stay independent of the product's own CSV importer.
import { readFileSync } from 'node:fs';
import type { Bars } from '../../src/core/data/bars';

export function readPandasCsv(path: string): Bars {
  const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/).slice(1);
  const n = lines.length;
  const b = { time: new Float64Array(n), open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n), volume: new Float64Array(n) };
  lines.forEach((line, i) => {
    const [t, o, h, l, c, v] = line.split(',');
    b.time[i] = Date.parse(t.includes(' ') ? t.replace(' ', 'T') + 'Z' : t + 'T00:00:00Z');
    b.open[i] = +o; b.high[i] = +h; b.low[i] = +l; b.close[i] = +c; b.volume[i] = +v;
  });
  return b;
}

/** Naive rolling mean (NaN for the first n-1 bars), an independent reference. */
export function naiveSma(x: Float64Array, n: number): Float64Array {
  const out = new Float64Array(x.length).fill(NaN);
  for (let i = n - 1; i < x.length; i++) {
    let s = 0;
    for (let k = i - n + 1; k <= i; k++) s += x[k];
    out[i] = s / n;
  }
  return out;
}

/** backtesting.py SmaCross as held targets: strict crossover, long after cross-up, short (or flat) after cross-down. */
export function smaCrossTargets(close: Float64Array, fast: number, slow: number, longShort: boolean): Float64Array {
  const a = naiveSma(close, fast), b = naiveSma(close, slow);
  const t = new Float64Array(close.length);
  let pos = 0;
  for (let i = 1; i < close.length; i++) {
    if (a[i - 1] < b[i - 1] && a[i] > b[i]) pos = 1;
    else if (a[i - 1] > b[i - 1] && a[i] < b[i]) pos = longShort ? -1 : 0;
    t[i] = pos;
  }
  return t;
}
