import { describe, expect, it } from 'vitest';
import { histogram, maxPointsFor } from '../../../src/renderer/src/lib/series';
import { chordOf, createSequenceMatcher } from '../../../src/renderer/src/lib/shortcuts';
import { parseHash, toHash } from '../../../src/renderer/src/stores/ui';
import { engineDefaults, engineFromForm } from '../../../src/renderer/src/features/backtest/engine-form';
import { filtersToInput } from '../../../src/renderer/src/features/experiments/store';

describe('chart series helpers', () => {
  it('asks for two points per pixel, clamped', () => {
    expect(maxPointsFor(900)).toBe(1800);
    expect(maxPointsFor(10)).toBe(200);
    expect(maxPointsFor(5000)).toBe(4000);
    expect(maxPointsFor(Number.NaN)).toBe(2000);
  });
  it('bins values and skips NaN', () => {
    const h = histogram([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, Number.NaN], 5);
    expect(h.counts).toEqual([2, 2, 2, 2, 2]);
    expect(h.centers[0]).toBeCloseTo(0.9);
    expect(histogram([3, 3]).counts).toEqual([2]);
    expect(histogram([]).counts).toEqual([]);
  });
});

describe('keyboard', () => {
  const ev = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean; code: string }> = {}) => ({
    key,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    ...mods,
  });
  it('normalises chords (Ctrl and Cmd are both Mod; Alt+digit by code)', () => {
    expect(chordOf(ev('k', { ctrlKey: true }))).toBe('Mod+K');
    expect(chordOf(ev('k', { metaKey: true }))).toBe('Mod+K');
    expect(chordOf(ev('¡', { altKey: true, code: 'Digit1' }))).toBe('Alt+1');
  });
  it('matches two-key sequences within the window only', () => {
    const m = createSequenceMatcher({ 'g d': 'data' }, 1000);
    expect(m('g', 0)).toBeNull();
    expect(m('d', 500)).toBe('data');
    expect(m('g', 2000)).toBeNull();
    expect(m('d', 3500)).toBeNull();
  });
});

describe('routing', () => {
  it('parses and prints hash routes', () => {
    expect(parseHash('#/experiments?run=12')).toEqual({ screen: 'experiments', params: { run: '12' } });
    expect(parseHash('')).toEqual({ screen: 'dashboard', params: {} });
    expect(parseHash('#/nope')).toEqual({ screen: 'dashboard', params: {} });
    expect(toHash('data', { id: 'a b' })).toBe('#/data?id=a+b');
  });
});

describe('engine form', () => {
  it('converts bps and percent to the engine fractions', () => {
    const f = { ...engineDefaults('default'), slPct: '2', tpPct: '', trailPct: '0' };
    const { engine, seed, errors } = engineFromForm(f);
    expect(errors).toEqual({});
    expect(seed).toBe(42);
    expect(engine).toMatchObject({ preset: 'default', cash: 10000, commission: 0.001, slippage: 0.0005, stopLossPct: 0.02, takeProfitPct: null, trailingStopPct: null, finalize: true, sizing: { mode: 'fraction', fraction: 1 } });
  });
  it('uses the backtesting-py preset defaults', () => {
    const { engine } = engineFromForm(engineDefaults('backtesting-py'));
    expect(engine).toMatchObject({ commission: 0, slippage: 0, sizing: { mode: 'all_in_units' }, finalize: false, fill: 'next_open' });
  });
  it('names the bad field', () => {
    expect(engineFromForm({ ...engineDefaults('default'), feeBps: 'x' }).errors).toEqual({ feeBps: 'Fee (bps): expected a number, got "x"' });
    expect(engineFromForm({ ...engineDefaults('default'), seed: '1.5' }).errors.seed).toBe('Seed: expected an integer, got 1.5');
  });
});

describe('run filters', () => {
  it('turn dates into an inclusive epoch-ms range', () => {
    const i = filtersToInput({ text: ' sma ', strategyId: 'ma_crossover', from: '2024-01-01', to: '2024-01-31', sortBy: 'sharpe', desc: true });
    expect(i).toEqual({ sortBy: 'sharpe', desc: true, limit: 200, offset: 0, text: 'sma', strategyId: 'ma_crossover', from: Date.UTC(2024, 0, 1), to: Date.UTC(2024, 1, 1) - 1 });
    expect(filtersToInput({ text: '', strategyId: '', from: '', to: '', sortBy: 'createdAt', desc: false })).toEqual({ sortBy: 'createdAt', desc: false, limit: 200, offset: 0 });
  });
});

describe('equity preview scaling', () => {
  it('spans finite values and pads a flat series', async () => {
    const { extent } = await import('../../../src/renderer/src/charts/equity-preview');
    expect(extent([1, 5, Number.NaN], [3, -2])).toEqual([-2, 5]);
    expect(extent([100, 100])).toEqual([99, 101]);
    expect(extent([])).toEqual([0, 1]);
  });
});

describe('screen shortcuts', () => {
  it('Alt+digit only for the first nine screens; every screen has its g-sequence', async () => {
    const { SCREENS, screenShortcut, screenShortcutText } = await import('../../../src/renderer/src/features/nav');
    expect(SCREENS.length).toBeGreaterThan(9);
    expect(screenShortcut(0)).toEqual({ alt: 'Alt+1', sequence: 'g h' });
    expect(screenShortcut(8).alt).toBe('Alt+9');
    expect(screenShortcut(9).alt).toBeNull(); // Alt+10 cannot be typed
    expect(screenShortcutText(SCREENS.length - 1)).toBe(`g ${SCREENS[SCREENS.length - 1].key}`);
    expect(new Set(SCREENS.map((s) => s.key)).size).toBe(SCREENS.length);
  });
});
