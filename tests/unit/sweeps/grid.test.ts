import { describe, expect, it } from 'vitest';
import {
  checkConstraint, compareParamSets, expandGrid, parseConstraint, parseGridOverride, planGrid, rangeValues, sampleGrid,
} from '../../../src/core/research/grid';

describe('grid ranges and overrides', () => {
  it('ranges are inclusive and free of float noise', () => {
    expect(rangeValues({ kind: 'range', min: 2, max: 6, step: 2 })).toEqual([2, 4, 6]);
    expect(rangeValues({ kind: 'range', min: 0.1, max: 0.5, step: 0.1 })).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(rangeValues({ kind: 'range', min: 2, max: 100, step: 1 })).toHaveLength(99);
  });
  it('bad ranges name the parameter', () => {
    expect(() => rangeValues({ kind: 'range', min: 5, max: 1, step: 1 }, 'fast_window')).toThrow(/fast_window: max 1 < min 5/);
    expect(() => rangeValues({ kind: 'range', min: 1, max: 5, step: 0 }, 'x')).toThrow(/x: step must be > 0/);
  });
  it('parses k=a:b:step, k=a:b, k=v1,v2 and scalars', () => {
    expect(parseGridOverride('fast_window=2:10:2')).toEqual(['fast_window', { kind: 'range', min: 2, max: 10, step: 2 }]);
    expect(parseGridOverride('slow_window=3:5')).toEqual(['slow_window', { kind: 'range', min: 3, max: 5, step: 1 }]);
    expect(parseGridOverride('vol_method=atr,std')).toEqual(['vol_method', { kind: 'values', values: ['atr', 'std'] }]);
    expect(parseGridOverride('t=none,0.02,true')).toEqual(['t', { kind: 'values', values: [null, 0.02, true] }]);
  });
  it('rejects malformed overrides naming the flag text', () => {
    expect(() => parseGridOverride('fast_window')).toThrow(/--grid fast_window: expected key=a:b:step/);
    expect(() => parseGridOverride('fast_window=a:b')).toThrow(/--grid fast_window=a:b: a range is min:max/);
    expect(() => parseGridOverride('fast_window=1,,2')).toThrow(/empty value/);
    expect(() => parseGridOverride('9x=1')).toThrow(/bad parameter name/);
  });
  it('constraints', () => {
    const c = parseConstraint('fast_window < slow_window');
    expect(checkConstraint(c, { fast_window: 5, slow_window: 10 })).toBe(true);
    expect(checkConstraint(c, { fast_window: 10, slow_window: 10 })).toBe(false);
    expect(checkConstraint(parseConstraint('lower<=30'), { lower: 31 })).toBe(false);
    // an "off" (null) side never violates an ordering rule
    expect(checkConstraint(parseConstraint('stop_loss_pct < take_profit_pct'), { stop_loss_pct: 0.05, take_profit_pct: null })).toBe(true);
    expect(() => parseConstraint('a << b')).toThrow(/expected "a < b"/);
  });
});

describe('grid expansion and random search', () => {
  const plan = planGrid({
    fast_window: { kind: 'range', min: 2, max: 100, step: 1 },
    slow_window: { kind: 'range', min: 2, max: 100, step: 1 },
  });
  const fastLtSlow = (p: Record<string, unknown>) => (p.fast_window as number) < (p.slow_window as number);

  it('fast, slow ∈ 2..100 with fast < slow gives 4,851 combinations in canonical order', () => {
    const all = expandGrid(plan, fastLtSlow);
    expect(all).toHaveLength(4851);
    expect(all[0]).toEqual({ fast_window: 2, slow_window: 3 });
    expect(all.at(-1)).toEqual({ fast_window: 99, slow_window: 100 });
    for (let i = 1; i < all.length; i++) expect(compareParamSets(plan.keys, all[i - 1], all[i])).toBeLessThan(0);
  });

  it('values given unsorted / duplicated are normalised', () => {
    const p = planGrid({ a: { kind: 'values', values: [3, 1, 2, 1] }, m: { kind: 'values', values: ['std', 'atr'] } });
    expect(p.values).toEqual([[1, 2, 3], ['atr', 'std']]);
    expect(p.cartesian).toBe(6);
  });

  it('random search: N distinct valid combinations, same seed → same set, different seed → different', () => {
    const a = sampleGrid(plan, 200, 42, fastLtSlow);
    const b = sampleGrid(plan, 200, 42, fastLtSlow);
    const c = sampleGrid(plan, 200, 43, fastLtSlow);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(new Set(a.map((p) => JSON.stringify(p))).size).toBe(200);
    expect(a.every(fastLtSlow)).toBe(true);
    for (let i = 1; i < a.length; i++) expect(compareParamSets(plan.keys, a[i - 1], a[i])).toBeLessThan(0);
  });

  it('random N beyond the valid count returns the whole valid grid', () => {
    expect(sampleGrid(plan, 10_000, 1, fastLtSlow)).toHaveLength(4851);
  });

  it('a grid that is too large is refused with advice', () => {
    const huge = planGrid({ a: { kind: 'range', min: 1, max: 3000, step: 1 }, b: { kind: 'range', min: 1, max: 3000, step: 1 } });
    expect(() => expandGrid(huge)).toThrow(/exceeds the limit.*random search/);
    // …but random search over it works (rejection sampling path)
    const s = sampleGrid(huge, 50, 7, (p) => (p.a as number) < (p.b as number));
    expect(s).toHaveLength(50);
  });
});
