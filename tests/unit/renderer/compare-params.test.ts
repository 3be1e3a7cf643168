import { describe, expect, it } from 'vitest';
import { formatParams, shortParamNames } from '../../../src/core/runs/param-label';
import { compareAxisKind, compareX } from '../../../src/renderer/src/features/experiments/compare-axis';

describe('parameter label', () => {
  it('drops the length suffix: fast=10 slow=30', () => {
    expect(formatParams({ fast_window: 10, slow_window: 30 })).toBe('fast=10 slow=30');
  });
  it('keeps full names when the short ones would collide', () => {
    expect(formatParams({ fast_window: 5, fast_period: 7 })).toBe('fast_window=5 fast_period=7');
    expect(shortParamNames(['fast', 'fast_window']).get('fast_window')).toBe('fast_window');
  });
  it('formats every value type and the empty set', () => {
    expect(formatParams({ k: 2.5, on: true, stop: null, mode: 'long only', side: 'long' })).toBe('k=2.5 on=true stop=null mode="long only" side=long');
    expect(formatParams({ x: 0.1 + 0.2 })).toBe('x=0.3');
    expect(formatParams({})).toBe('—');
  });
});

describe('compare axis', () => {
  it('same data set keeps dates', () => {
    expect(compareAxisKind(['a', 'a'])).toBe('date');
    expect(compareX([1000, 2000], 'date')).toEqual([1000, 2000]);
  });
  it('different data sets: days since each curve starts', () => {
    expect(compareAxisKind(['a', 'b'])).toBe('days');
    const t0 = Date.UTC(2004, 7, 19);
    expect(compareX([t0, t0 + 86_400_000, t0 + 36 * 3_600_000 * 10], 'days')).toEqual([0, 1, 15]);
    expect(compareX([], 'days')).toEqual([]);
  });
});
