// Trust #11: names from a request are looked up in real lists; strings are bounded; BAD_INPUT, never INTERNAL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInputLimits } from '../../../src/core/api/input-limits';
import { isMetricName, isRunSortKey } from '../../../src/core/api/name-lists';
import { createTestServices, type TestServices } from '../../support/services';

let s: TestServices;
beforeAll(() => {
  s = createTestServices();
});
afterAll(async () => {
  await s.dispose();
});

const code = async (name: string, input: unknown): Promise<string> => {
  const r = await s.invokeByName(name, input);
  return r.ok ? 'OK' : r.error.code;
};

describe('built-in property names never reach SQL or a lookup', () => {
  it('metric and sort-key lists reject inherited names', () => {
    for (const n of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'a\\"', '']) {
      expect(isMetricName(n)).toBe(false);
      expect(isRunSortKey(n)).toBe(false);
    }
    expect(isMetricName('sharpe')).toBe(true);
    expect(isRunSortKey('stats:Return [%]')).toBe(true);
    expect(isRunSortKey('stats:constructor')).toBe(false);
  });
  it('runs:list with sortBy constructor or a bad JSON path is BAD_INPUT', async () => {
    expect(await code('runs:list', { sortBy: 'constructor' })).toBe('BAD_INPUT');
    expect(await code('runs:list', { sortBy: 'a\\"' })).toBe('BAD_INPUT');
    expect(await code('runs:list', { sortBy: 'stats:x"y' })).toBe('BAD_INPUT');
    expect(await code('runs:list', { sortBy: 'sharpe' })).toBe('OK');
    expect(await code('runs:list', { sortBy: 'stats:Return [%]' })).toBe('OK');
  });
  it('a 10 MB text filter is BAD_INPUT, not "LIKE pattern too complex"', async () => {
    expect(await code('runs:list', { text: 'x'.repeat(10_000_000) })).toBe('BAD_INPUT');
    expect(await code('data:list', { text: '%'.repeat(5000) })).toBe('BAD_INPUT');
    expect(await code('runs:list', { text: '%_\\' })).toBe('OK');
  });
  it('a sweep cannot be started, ranked or mapped by metric constructor', async () => {
    const ds = (await s.invoke('data:list', {})).ok ? ((await s.invoke('data:list', {})) as { value: { datasets: { id: string }[] } }).value.datasets[0].id : '';
    expect(await code('sweeps:start', { datasetId: ds, strategyId: 'ma_crossover', metric: 'constructor' })).toBe('BAD_INPUT');
    expect(await code('sweeps:results', { id: 1, sortBy: 'constructor' })).toBe('BAD_INPUT');
    expect(await code('sweeps:results', { id: 1, filters: [{ metric: '__proto__', min: 0 }] })).toBe('BAD_INPUT');
    expect(await code('sweeps:heatmap', { id: 1, x: 'fast_window', y: 'slow_window', metric: 'constructor' })).toBe('BAD_INPUT');
    expect(await code('research:overfitting', { sweepId: 1, metric: 'anything' })).toBe('BAD_INPUT');
    expect(await code('walkforward:run', { datasetId: ds, strategyId: 'ma_crossover', train: 100, test: 50, metric: 'constructor' })).toBe('BAD_INPUT');
  });
});

describe('a sweep stored with metric "constructor" before the check', () => {
  it('still lists its results and heatmap (ranked by sharpe) instead of failing for ever', async () => {
    const list = await s.invoke('data:list', {});
    if (!list.ok) throw new Error(list.error.message);
    const ds = list.value.datasets[0].id;
    const sw = await s.invoke('sweeps:start', { datasetId: ds, strategyId: 'ma_crossover', grid: { fast_window: '2:3', slow_window: '8:9' }, wait: true });
    if (!sw.ok) throw new Error(sw.error.message);
    s.store.db.prepare("UPDATE sweeps SET metric = 'constructor' WHERE id = ?").run(sw.value.sweepId);
    const r = await s.invoke('sweeps:results', { id: sw.value.sweepId });
    expect(r.ok ? r.value.sortBy : r.error.message).toBe('sharpe');
    const h = await s.invoke('sweeps:heatmap', { id: sw.value.sweepId, x: 'fast_window', y: 'slow_window' });
    expect(h.ok ? h.value.metric : h.error.message).toBe('sharpe');
  });
});

describe('raw input limits', () => {
  it('refuse deep nesting, long strings and machinery keys, naming the field', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = { a: deep };
    expect(() => checkInputLimits('runs:list', deep)).toThrow(/nested deeper than 32/);
    expect(() => checkInputLimits('runs:list', { note: 'x'.repeat(10_001) })).toThrow(/runs:list: note: text longer than 10000/);
    expect(() => checkInputLimits('backtest:run', JSON.parse('{"params":{"__proto__":{"x":1}}}'))).toThrow(/params.__proto__: not an accepted name/);
    expect(() => checkInputLimits('data:import', { csvText: 'x'.repeat(50_000), name: 'a' })).not.toThrow();
    expect(() => checkInputLimits('data:import', { name: 'x'.repeat(50_000) })).toThrow(/name/);
  });
});
