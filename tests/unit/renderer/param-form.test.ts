import { describe, expect, it } from 'vitest';
import {
  coerceField,
  formToParams,
  initialFormState,
  normalizeParamFields,
  rangeToSpec,
} from '../../../src/renderer/src/lib/param-form';

// The shape strategies:list sends (src/core/api/schemas.ts ParamDescSchema).
const maDesc = [
  { name: 'fast_window', type: 'integer', default: 10, min: 2, max: 200, sweep: { kind: 'range', min: 2, max: 100, step: 1 } },
  { name: 'slow_window', type: 'integer', default: 30, min: 3, max: 500 },
  { name: 'side', type: 'enum', default: 'long_only', enum: ['long_only', 'long_short'] },
  { name: 'use_filter', type: 'boolean', default: false },
  { name: 'threshold', type: 'number', default: null, min: 0, max: 1 },
];

describe('form from a parameter description', () => {
  it('maps types to field kinds with bounds, options and sweep ranges', () => {
    const f = normalizeParamFields(maDesc);
    expect(f.map((x) => [x.name, x.kind])).toEqual([
      ['fast_window', 'integer'],
      ['slow_window', 'integer'],
      ['side', 'enum'],
      ['use_filter', 'boolean'],
      ['threshold', 'number'],
    ]);
    expect(f[0]).toMatchObject({ label: 'Fast window', min: 2, max: 200, step: 1, default: 10, sweep: { kind: 'range', min: 2, max: 100, step: 1 } });
    expect(f[2].options).toEqual(['long_only', 'long_short']);
    expect(f[4].nullable).toBe(true);
  });
  it('accepts a JSON Schema object (zod toJSONSchema), incl. nullable anyOf', () => {
    const f = normalizeParamFields({
      type: 'object',
      properties: {
        rsi_window: { type: 'integer', minimum: 2, maximum: 100, default: 14 },
        side: { type: 'string', enum: ['long_only', 'long_short'], default: 'long_short' },
        stop: { anyOf: [{ type: 'number', minimum: 0 }, { type: 'null' }], default: null },
      },
    });
    expect(f.map((x) => x.kind)).toEqual(['integer', 'enum', 'number']);
    expect(f[2]).toMatchObject({ nullable: true, min: 0, default: null });
  });
  it('ignores garbage without throwing', () => {
    expect(normalizeParamFields(null)).toEqual([]);
    expect(normalizeParamFields([1, 'x', { type: 'number' }])).toEqual([]);
  });
});

describe('form values → params', () => {
  const fields = normalizeParamFields(maDesc);
  it('round-trips the defaults', () => {
    const st = initialFormState(fields);
    expect(st).toEqual({ fast_window: '10', slow_window: '30', side: 'long_only', use_filter: false, threshold: '' });
    expect(formToParams(fields, st)).toEqual({ params: { fast_window: 10, slow_window: 30, side: 'long_only', use_filter: false, threshold: null }, errors: {} });
  });
  it('uses given values over defaults', () => {
    expect(initialFormState(fields, { fast_window: 5, use_filter: true }).fast_window).toBe('5');
    expect(initialFormState(fields, { fast_window: 5, use_filter: true }).use_filter).toBe(true);
  });
  it('names the field and the broken rule', () => {
    expect(coerceField(fields[0], 'abc')).toEqual({ error: 'fast_window: expected a number, got "abc"' });
    expect(coerceField(fields[0], '2.5')).toEqual({ error: 'fast_window: expected an integer, got 2.5' });
    expect(coerceField(fields[0], '1')).toEqual({ error: 'fast_window: must be ≥ 2' });
    expect(coerceField(fields[1], '501')).toEqual({ error: 'slow_window: must be ≤ 500' });
    expect(coerceField(fields[1], '')).toEqual({ error: 'slow_window: required' });
    expect(coerceField(fields[2], 'sideways')).toMatchObject({ error: expect.stringContaining('expected one of long_only, long_short') });
    const { errors } = formToParams(fields, { ...initialFormState(fields), fast_window: 'x' });
    expect(Object.keys(errors)).toEqual(['fast_window']);
  });
});

describe('sweep range specs', () => {
  it('print a:b:step and lists (parsing and counting are core\'s: tests/unit/renderer/grid-form.test.ts)', () => {
    expect(rangeToSpec({ kind: 'range', min: 2, max: 100, step: 1 })).toBe('2:100:1');
    expect(rangeToSpec({ kind: 'values', values: ['a', 'b'] })).toBe('a,b');
    expect(rangeToSpec(undefined)).toBe('');
  });
});

describe('strategies:list encoding', () => {
  it('reads enum options from `values` and respects explicit nullable', () => {
    const f = normalizeParamFields([
      { name: 'side', type: 'enum', nullable: false, default: 'long_only', values: ['long_only', 'long_short'] },
      { name: 'stop', type: 'number', nullable: true, default: null, min: 0 },
    ]);
    expect(f[0]).toMatchObject({ kind: 'enum', options: ['long_only', 'long_short'], nullable: false });
    expect(f[1]).toMatchObject({ kind: 'number', nullable: true });
  });
});
