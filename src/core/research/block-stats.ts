/**
 * PBO/CSCV block statistics of one sweep combination, kept instead of its equity curve (bounded memory).
 *
 * Convention: per-bar SIMPLE returns r[t] = equity[t] / equity[t−1] − 1 for t = 1 … n−1 (T = n − 1 returns;
 * warm-up/flat bars contribute r = 0, so every combination of a sweep shares the same time axis). The returns are
 * split into S contiguous blocks by index: block b holds r[t] for t−1 ∈ [⌊b·T/S⌋, ⌊(b+1)·T/S⌋). Per block we keep
 * n, Σr and Σr² — enough for each block's mean and (ddof 1) standard deviation, hence the per-block and any
 * union-of-blocks Sharpe that CSCV needs, and the moments for PSR/DSR.
 */
import { simpleReturn } from '../metrics/metrics';
export const DEFAULT_BLOCKS = 16;

export interface BlockStat {
  n: number;
  sum: number;
  sumSq: number;
}

/** Packed layout: [n₀, Σ₀, Σ²₀, n₁, Σ₁, Σ²₁, …], length 3·S. */
export function computeBlockStats(equity: Float64Array, blocks = DEFAULT_BLOCKS, out = new Float64Array(3 * blocks)): Float64Array {
  out.fill(0);
  const T = equity.length - 1;
  if (T <= 0) return out;
  let prev = equity[0];
  for (let b = 0; b < blocks; b++) {
    const lo = Math.floor((b * T) / blocks);
    const hi = Math.floor(((b + 1) * T) / blocks);
    let s = 0, s2 = 0;
    for (let j = lo; j < hi; j++) {
      const e = equity[j + 1];
      // Same convention as the metrics (simpleReturn): at most −100 %, and 0 once equity is gone.
      const r = simpleReturn(e, prev);
      s += r;
      s2 += r * r;
      prev = e;
    }
    out[3 * b] = hi - lo;
    out[3 * b + 1] = s;
    out[3 * b + 2] = s2;
  }
  return out;
}

export function unpackBlockStats(packed: ArrayLike<number>): BlockStat[] {
  const out: BlockStat[] = [];
  for (let i = 0; i + 2 < packed.length; i += 3) out.push({ n: packed[i], sum: packed[i + 1], sumSq: packed[i + 2] });
  return out;
}

export function packBlockStats(stats: readonly BlockStat[]): Float64Array {
  const out = new Float64Array(stats.length * 3);
  stats.forEach((s, i) => {
    out[3 * i] = s.n;
    out[3 * i + 1] = s.sum;
    out[3 * i + 2] = s.sumSq;
  });
  return out;
}

/** Merge blocks (e.g. CSCV's in-sample half): n, Σ and Σ² add. */
export function mergeBlocks(stats: readonly BlockStat[]): BlockStat {
  let n = 0, sum = 0, sumSq = 0;
  for (const s of stats) { n += s.n; sum += s.sum; sumSq += s.sumSq; }
  return { n, sum, sumSq };
}

/** Per-period Sharpe (mean / std, ddof 1) of a merged block; null when undefined (n < 2 or zero variance). */
export function blockSharpe(s: BlockStat): number | null {
  if (s.n < 2) return null;
  const mean = s.sum / s.n;
  const v = (s.sumSq - s.n * mean * mean) / (s.n - 1);
  if (!(v > 0)) return null;
  return mean / Math.sqrt(v);
}
