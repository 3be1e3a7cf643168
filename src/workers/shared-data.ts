/**
 * Market data shared with workers ONCE per job: a data set's columns are copied into SharedArrayBuffers on the
 * main side (`shareBars`), and every task carries the SAB-backed arrays (structured clone shares the memory, it
 * does not copy) plus a `key`. Workers cache the Bars and an IndicatorCache per key (LRU, `DATASET_CACHE_SIZE`),
 * so a sweep computes each indicator series once per data set per worker and reuses it across chunks.
 */
import { z } from 'zod';
import type { Bars } from '../core/data/bars';
import type { IndicatorCache } from '../core/strategies/types';
import type { OhlcvColumns } from '../core/lod';

export interface SharedBars extends OhlcvColumns {
  /** identifies the data set content (e.g. its content hash + range); equal keys MUST mean equal columns */
  key: string;
}

const COLS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

/** Copies the columns into SharedArrayBuffers (one copy per job, then zero-copy to every task). */
export function shareBars(key: string, bars: Bars): SharedBars {
  const out = { key } as SharedBars;
  for (const c of COLS) {
    const src = bars[c];
    if (src.buffer instanceof SharedArrayBuffer) {
      out[c] = src;
      continue;
    }
    const dst = new Float64Array(new SharedArrayBuffer(src.length * 8));
    dst.set(src);
    out[c] = dst;
  }
  return out;
}

// Any backing buffer (SharedArrayBuffer in practice), hence not z.instanceof (which pins ArrayBuffer).
const f64 = z.custom<Float64Array>((v) => v instanceof Float64Array, 'expected a Float64Array');
export const SharedBarsSchema = z.object({
  key: z.string().min(1),
  time: f64,
  open: f64,
  high: f64,
  low: f64,
  close: f64,
  volume: f64,
});

export interface CachedDataset {
  bars: Bars;
  ind: IndicatorCache & { size(): number; bytes(): number };
}

/**
 * Indicator memory per data set per worker: 192 MB = 24 series of 1,000,000 bars. Enough for a sweep's working
 * set (the current fast window plus every slow window of a typical grid), small enough that 2 workers stay far
 * below 1 GB on minute data; daily data never comes near it.
 */
export const INDICATOR_BUDGET_BYTES = 192 * 1024 * 1024;

/**
 * IndicatorCache with a byte budget, least recently used series evicted first. An evicted series is simply
 * recomputed when asked again (same values: indicators are pure); arrays handed out stay valid.
 */
export function createBoundedIndicatorCache(budgetBytes = INDICATOR_BUDGET_BYTES): CachedDataset['ind'] {
  const m = new Map<string, Float64Array>();
  let bytes = 0;
  return {
    get(key, compute) {
      const hit = m.get(key);
      if (hit !== undefined) {
        m.delete(key);
        m.set(key, hit);
        return hit;
      }
      const v = compute();
      m.set(key, v);
      bytes += v.byteLength;
      while (bytes > budgetBytes && m.size > 1) {
        const [k0, v0] = m.entries().next().value as [string, Float64Array];
        m.delete(k0);
        bytes -= v0.byteLength;
      }
      return v;
    },
    size: () => m.size,
    bytes: () => bytes,
  };
}

/** Data sets kept per worker thread (each with its own indicator budget). */
export const DATASET_CACHE_SIZE = 2;
const cache = new Map<string, CachedDataset>();

/** Worker side: the cached Bars + IndicatorCache of a shared data set (LRU by key). */
export function datasetFor(shared: SharedBars): CachedDataset {
  const hit = cache.get(shared.key);
  if (hit !== undefined) {
    // Re-insert to mark as most recently used (Map keeps insertion order).
    cache.delete(shared.key);
    cache.set(shared.key, hit);
    return hit;
  }
  const n = shared.close.length;
  for (const c of COLS) {
    if (shared[c].length !== n) throw new Error(`shared data set ${shared.key}: column ${c} has ${shared[c].length} rows, close has ${n}`);
  }
  const entry: CachedDataset = {
    bars: { time: shared.time, open: shared.open, high: shared.high, low: shared.low, close: shared.close, volume: shared.volume },
    ind: createBoundedIndicatorCache(),
  };
  cache.set(shared.key, entry);
  while (cache.size > DATASET_CACHE_SIZE) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    cache.delete(oldest);
  }
  return entry;
}

export const cachedDatasetKeys = (): string[] => [...cache.keys()];
