/**
 * Size of a sweep range without expanding it (a form shows "×99" per parameter and the product as the user
 * types; `1:4999999` must not allocate five million numbers to say so). Same inclusive, float-tolerant rule as
 * grid.ts's rangeValues; 0 for an empty or malformed range (grid.ts's rangeCount validates, then counts here).
 */
import type { SweepRange } from '../strategies/types';

export function rangeCount(r: SweepRange): number {
  if (r.kind === 'values') return r.values.length;
  const { min, max, step } = r;
  if (![min, max, step].every(Number.isFinite) || step <= 0 || max < min) return 0;
  return Math.floor((max - min) / step + 1e-9) + 1;
}

/** Values of a numeric range strictly below `lo` / above `hi` (counted, not expanded). */
export function rangeOutside(r: SweepRange, lo: number | undefined, hi: number | undefined): { below: number; above: number } {
  if (r.kind === 'values') {
    const nums = r.values.filter((v): v is number => typeof v === 'number');
    return { below: lo === undefined ? 0 : nums.filter((v) => v < lo).length, above: hi === undefined ? 0 : nums.filter((v) => v > hi).length };
  }
  const n = rangeCount(r);
  if (n === 0) return { below: 0, above: 0 };
  // index i holds min + i·step; count the i with value < lo (resp. > hi), float-tolerant like rangeCount
  const below = lo === undefined || r.min >= lo ? 0 : Math.min(n, Math.ceil((lo - r.min) / r.step - 1e-9));
  const above = hi === undefined || r.max <= hi ? 0 : Math.min(n, n - (Math.floor((hi - r.min) / r.step + 1e-9) + 1));
  return { below, above: Math.max(0, above) };
}
