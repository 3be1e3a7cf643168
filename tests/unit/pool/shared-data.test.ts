import { describe, expect, it } from 'vitest';
import { makeBars } from '../../../src/core/data/bars';
import { cachedDatasetKeys, createBoundedIndicatorCache, datasetFor, DATASET_CACHE_SIZE, shareBars } from '../../../src/workers/shared-data';

describe('worker-side data cache', () => {
  it('indicator cache: computes once per key, evicts least recently used beyond the byte budget', () => {
    const c = createBoundedIndicatorCache(3 * 800); // three series of 100 doubles
    let computed = 0;
    const mk = () => { computed++; return new Float64Array(100); };
    const a = c.get('a', mk);
    expect(c.get('a', mk)).toBe(a);
    c.get('b', mk); c.get('c', mk);
    c.get('a', mk); // touch a: b is now the oldest
    c.get('d', mk); // evicts b
    expect(c.size()).toBe(3);
    expect(c.bytes()).toBe(2400);
    expect(computed).toBe(4);
    c.get('a', mk); c.get('c', mk); c.get('d', mk);
    expect(computed).toBe(4);
    c.get('b', mk);
    expect(computed).toBe(5);
  });

  it('data sets: cached per key (LRU), shared columns used without copying', () => {
    const b = makeBars(10);
    const sets = Array.from({ length: DATASET_CACHE_SIZE + 1 }, (_, i) => shareBars(`k${i}`, b));
    const first = datasetFor(sets[0]);
    expect(datasetFor(sets[0])).toBe(first);
    expect(first.bars.close).toBe(sets[0].close);
    for (const s of sets.slice(1)) datasetFor(s);
    expect(cachedDatasetKeys()).not.toContain('k0');
    expect(cachedDatasetKeys()).toHaveLength(DATASET_CACHE_SIZE);
  });

  it('rejects ragged columns naming the column', () => {
    const s = shareBars('ragged', makeBars(10));
    expect(() => datasetFor({ ...s, open: new Float64Array(9) })).toThrow(/column open has 9 rows, close has 10/);
  });
});
