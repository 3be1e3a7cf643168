import { afterEach, describe, expect, it } from 'vitest';
import { parseRunSearch } from '../../../src/core/runs/param-search';
import { createTestServices, type TestServices } from '../../support/services';

const lists = new Map([
  ['ma_crossover', ['fast_window', 'slow_window', 'side']],
  ['rsi_reversion', ['period', 'lower', 'upper']],
]);

describe('run search parser', () => {
  it('splits parameter filters from free text and parses values', () => {
    expect(parseRunSearch('goog fast_window=22 side=long note', lists)).toEqual({
      text: 'goog note',
      params: [{ name: 'fast_window', value: 22 }, { name: 'side', value: 'long' }],
    });
    expect(parseRunSearch('lower=-2.5e1 upper=true period=null', lists).params.map((p) => p.value)).toEqual([-25, true, null]);
  });
  it('accepts the short names the legends show (fast=22 → fast_window)', () => {
    expect(parseRunSearch('fast=22 slow=30', lists).params).toEqual([{ name: 'fast_window', value: 22 }, { name: 'slow_window', value: 30 }]);
  });
  it('refuses unknown names (scoped to the strategy when one is picked), empty and odd values: BAD_INPUT naming the token', () => {
    expect(() => parseRunSearch('fast_windw=22', lists)).toThrow(/search "fast_windw=22": "fast_windw" is not a parameter \(valid: fast_window, lower/);
    expect(() => parseRunSearch('period=14', lists, 'ma_crossover')).toThrow(/not a parameter of ma_crossover/);
    expect(() => parseRunSearch('fast_window=', lists)).toThrow(/value is missing/);
    expect(() => parseRunSearch('side=a"b', lists)).toThrow(/must be a number/);
    expect(() => parseRunSearch('nope=1', lists)).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });
});

describe('runs:list with parameter filters', () => {
  let s: TestServices;
  afterEach(async () => s?.dispose());
  function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value;
  }
  it('finds runs by exact parameter value on the server, and refuses unknown names', async () => {
    s = createTestServices();
    const ds = unwrap(await s.invoke('data:list', {})).datasets.find((d) => d.name === 'Test GARCH 1h')!;
    const run = (fast: number, slow: number) =>
      s.invoke('backtest:run', { datasetId: ds.id, strategyId: 'ma_crossover', params: { fast_window: fast, slow_window: slow } }).then(unwrap);
    const a = await run(22, 50);
    const b = await run(10, 50);
    const c = await run(22, 60);
    const ids = async (text: string) => unwrap(await s.invoke('runs:list', { text })).runs.map((r) => r.id).sort((x, y) => x - y);
    expect(await ids('fast_window=22')).toEqual([a.id, c.id]);
    expect(await ids('fast=22 slow=60')).toEqual([c.id]);
    expect(await ids('ma_crossover slow_window=50')).toEqual([a.id, b.id]);
    expect(await ids('fast_window=22.0')).toEqual([a.id, c.id]);
    expect(await ids('fast_window=23')).toEqual([]);
    const bad = await s.invoke('runs:list', { text: 'fast_windw=22' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(!bad.ok && bad.error.message).toMatch(/fast_windw/);
  });
});
