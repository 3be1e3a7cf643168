import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/rng';
import {
  blockSharpe, computeBlockStats, mergeBlocks, packBlockStats, unpackBlockStats,
} from '../../../src/core/research/block-stats';

describe('PBO block statistics', () => {
  it('matches a naive split of the per-bar simple returns into S contiguous blocks', () => {
    const rng = createRng(5);
    const n = 1001;
    const eq = new Float64Array(n);
    eq[0] = 10_000;
    for (let i = 1; i < n; i++) eq[i] = eq[i - 1] * (1 + 0.01 * rng.normal());
    const packed = computeBlockStats(eq, 16);
    const r = Array.from({ length: n - 1 }, (_, t) => eq[t + 1] / eq[t] - 1);
    const st = unpackBlockStats(packed);
    expect(st).toHaveLength(16);
    let start = 0;
    for (let b = 0; b < 16; b++) {
      const end = Math.floor(((b + 1) * (n - 1)) / 16);
      const part = r.slice(start, end);
      expect(st[b].n).toBe(part.length);
      expect(st[b].sum).toBeCloseTo(part.reduce((a, x) => a + x, 0), 12);
      expect(st[b].sumSq).toBeCloseTo(part.reduce((a, x) => a + x * x, 0), 12);
      start = end;
    }
    expect(st.reduce((a, s) => a + s.n, 0)).toBe(n - 1);
    // merged blocks give the full-sample per-period Sharpe (ddof 1)
    const m = r.reduce((a, x) => a + x, 0) / r.length;
    const sd = Math.sqrt(r.reduce((a, x) => a + (x - m) ** 2, 0) / (r.length - 1));
    expect(blockSharpe(mergeBlocks(st))).toBeCloseTo(m / sd, 10);
    expect(packBlockStats(st)).toEqual(packed);
  });

  it('flat equity has zero-return blocks and no Sharpe; tiny curves do not crash', () => {
    const st = unpackBlockStats(computeBlockStats(new Float64Array(40).fill(100), 16));
    expect(st.every((s) => s.sum === 0 && s.sumSq === 0)).toBe(true);
    expect(blockSharpe(mergeBlocks(st))).toBeNull();
    expect(computeBlockStats(new Float64Array(1), 16).every((x) => x === 0)).toBe(true);
    expect(unpackBlockStats(computeBlockStats(Float64Array.from([1, 2, 3]), 16)).reduce((a, s) => a + s.n, 0)).toBe(2);
  });
});
