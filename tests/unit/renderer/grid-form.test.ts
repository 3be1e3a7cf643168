// Sweep / walk-forward grid texts: core's parser, bounds checked so nothing is dropped silently (issue 8 item 18).
import { describe, expect, it } from 'vitest';
import { checkGrid, checkRange, confirmText, countText } from '../../../src/renderer/src/lib/grid-form';
import { rangeCount, rangeOutside } from '../../../src/core/research/grid-count';
import { rangeValues } from '../../../src/core/research/grid';
import type { ParamField } from '../../../src/renderer/src/lib/param-form';

const fast: ParamField = { name: 'fast_window', label: 'Fast window', kind: 'integer', default: 10, min: 2, nullable: false };
const slow: ParamField = { name: 'slow_window', label: 'Slow window', kind: 'integer', default: 30, min: 2, nullable: false };

describe('range counts without expanding', () => {
  it('agrees with core rangeValues on inclusive, float-tolerant ranges', () => {
    for (const r of [
      { kind: 'range' as const, min: 2, max: 100, step: 1 },
      { kind: 'range' as const, min: 0.1, max: 0.3, step: 0.1 },
      { kind: 'range' as const, min: -5, max: 5, step: 1 },
      { kind: 'range' as const, min: 1, max: 10, step: 3 },
    ]) expect(rangeCount(r)).toBe(rangeValues(r).length);
    expect(rangeCount({ kind: 'range', min: 50, max: 2, step: 1 })).toBe(0);
    expect(rangeCount({ kind: 'range', min: 1, max: 4_999_999, step: 1 })).toBe(4_999_999);
  });
  it('counts the values outside a parameter\'s bounds (hand-counted)', () => {
    // -5..5: -5,-4,-3,-2,-1,0,1 are below 2 → 7
    expect(rangeOutside({ kind: 'range', min: -5, max: 5, step: 1 }, 2, undefined)).toEqual({ below: 7, above: 0 });
    // 0,3,6,9 with max 5 → 6 and 9 above
    expect(rangeOutside({ kind: 'range', min: 0, max: 9, step: 3 }, undefined, 5)).toEqual({ below: 0, above: 2 });
    expect(rangeOutside({ kind: 'values', values: [1, 2, 3, 'x'] }, 2, 2)).toEqual({ below: 1, above: 1 });
  });
});

describe('checkRange says why', () => {
  it('accepts a:b, a:b:step and lists', () => {
    expect(checkRange(fast, '2:100')).toEqual({ range: { kind: 'range', min: 2, max: 100, step: 1 }, count: 99 });
    expect(checkRange(fast, '5,10,20')).toEqual({ range: { kind: 'values', values: [5, 10, 20] }, count: 3 });
  });
  it('-5:5 on a parameter ≥ 2 names the 7 values that would be skipped', () => {
    const r = checkRange(fast, '-5:5');
    expect(r).toEqual({ error: 'fast_window: 7 of 11 values are below the minimum 2 and would be skipped — start the range at 2' });
  });
  it('50:2 is empty and says so (with the likely intent)', () => {
    expect(checkRange(fast, '50:2')).toEqual({ error: 'fast_window: 50:2 is empty — a range runs from min to max (did you mean 2:50?)' });
  });
  it('a zero step, a blank text, fractions on an integer parameter', () => {
    expect(checkRange(fast, '2:10:0')).toEqual({ error: 'fast_window: the step must be more than 0 (got 0)' });
    expect(checkRange(fast, ' ')).toMatchObject({ error: expect.stringMatching(/^fast_window: no values/) });
    expect(checkRange(fast, '2:5:0.5')).toMatchObject({ error: expect.stringMatching(/^fast_window: whole numbers only/) });
  });
  it('core\'s own parse errors come without the CLI flag', () => {
    const r = checkRange(fast, '1:2:3:4');
    expect('error' in r && r.error).toMatch(/^fast_window: /);
    expect('error' in r && r.error).not.toMatch(/--grid/);
  });
});

describe('checkGrid', () => {
  it('multiplies the counts and asks for confirmation above 10,000', () => {
    const small = checkGrid([fast, slow], { fast_window: true, slow_window: true }, { fast_window: '2:50', slow_window: '2:100' });
    expect(small).toMatchObject({ combinations: 49 * 99, errors: [], needsConfirmation: false });
    const big = checkGrid([fast, slow], { fast_window: true, slow_window: true }, { fast_window: '2:200', slow_window: '2:200' });
    expect(big.combinations).toBe(199 * 199);
    expect(big.needsConfirmation).toBe(true);
    expect(confirmText(big.combinations, undefined)).toBe('This sweep has up to 39,601 combinations. Start it?');
  });
  it('a wrong range makes the grid 0 and lists the reason; nothing ticked is an error too', () => {
    const g = checkGrid([fast, slow], { fast_window: true, slow_window: true }, { fast_window: '50:2', slow_window: '2:10' });
    expect(g.combinations).toBe(0);
    expect(g.errors).toEqual(['fast_window: 50:2 is empty — a range runs from min to max (did you mean 2:50?)']);
    expect(countText(g.ranges.fast_window)).toBe('!');
    expect(countText(g.ranges.slow_window)).toBe('×9');
    expect(countText(undefined)).toBe('fixed');
    expect(checkGrid([fast], {}, {}).errors).toEqual(['Tick at least one parameter to sweep']);
  });
});
