// Forms check with the contract's own schemas and report in the form's units (issue 8 item 18).
import { describe, expect, it } from 'vitest';
import { engineDefaults, engineFromForm, ENGINE_FORM_LIMITS } from '../../../src/renderer/src/features/backtest/engine-form';
import { buildGoNoGo, buildMonteCarlo, buildStress, buildWalkForward, STRESS_KINDS } from '../../../src/renderer/src/features/research/requests';
import { buildDownload, buildSynth, nameFromFile } from '../../../src/renderer/src/features/data/requests';
import { buildSweepStart } from '../../../src/renderer/src/features/sweeps/requests';
import { issueMessage } from '../../../src/renderer/src/lib/form-schema';
import type { Run } from '../../../src/renderer/src/features/research/store';
import type { ParamField } from '../../../src/renderer/src/lib/param-form';

const form = engineDefaults('default');

describe('engine form: bounds in the form\'s units', () => {
  it('cash 1e300 is refused with the limit, not accepted', () => {
    expect(engineFromForm({ ...form, cash: '1e300' }).errors).toEqual({ cash: 'Cash: must be at most 1,000,000,000,000' });
    expect(engineFromForm({ ...form, cash: '0' }).errors).toEqual({ cash: 'Cash: must be more than 0' });
  });
  it('a 20,000 bps fee names the field in bps (the schema\'s 0.5 is 5,000 bps)', () => {
    expect(ENGINE_FORM_LIMITS.maxFeeBps).toBe(5000);
    expect(engineFromForm({ ...form, feeBps: '20000' }).errors).toEqual({ feeBps: 'Fee (bps): must be at most 5,000 bps' });
    expect(engineFromForm({ ...form, slippageBps: '-1' }).errors).toEqual({ slippageBps: 'Slippage (bps): must be at least 0 bps' });
  });
  it('a 500 % stop-loss says percent, not "(0,1)"', () => {
    expect(engineFromForm({ ...form, slPct: '500' }).errors).toEqual({ slPct: 'Stop-loss %: must be below 100 %' });
    expect(engineFromForm({ ...form, tpPct: '2000' }).errors).toEqual({ tpPct: 'Take-profit %: must be at most 1,000 %' });
    expect(engineFromForm({ ...form, tpPct: '50' }).engine.takeProfitPct).toBe(0.5);
  });
  it('fraction > 1 shows the leverage; above the configured cap it is refused', () => {
    const five = engineFromForm({ ...form, fraction: '5' });
    expect(five.errors).toEqual({});
    expect(five.engine.sizing).toEqual({ mode: 'fraction', fraction: 5 });
    expect(five.notes.fraction).toMatch(/^5× leverage: positions are 5 times the equity/);
    expect(engineFromForm({ ...form, fraction: '0.5' }).notes).toEqual({});
    expect(engineFromForm({ ...form, fraction: '5' }, 3).errors).toEqual({ fraction: 'Fraction: must be at most 3× equity' });
    expect(engineFromForm({ ...form, fraction: '11' }).errors.fraction).toBe('Fraction: must be at most 10× equity');
  });
});

describe('schema issues on the form\'s terms', () => {
  it('scales bounds into the form unit and never echoes zod text', () => {
    const msg = issueMessage({ code: 'too_big', origin: 'number', maximum: 1, inclusive: true, path: ['severity'], message: 'Too big: expected number to be <=1', input: 5 } as never, { label: 'Severity', unit: ' %', scale: 100 });
    expect(msg).toBe('Severity: must be at most 100 %');
    expect(issueMessage({ code: 'invalid_type', expected: 'int', path: ['bars'], message: 'x', input: 1.5 } as never, { label: 'Bars' })).toBe('Bars: expected a whole number');
  });
});

const run = { id: 7, datasetId: 'ds', strategyId: 'ma_crossover', params: { fast_window: 10, slow_window: 30 }, engine: {}, seed: 42, metrics: { sharpe: 1.2, maxDrawdownPct: -12, trades: 40, profitFactor: 1.5 } } as unknown as Run;
const fields: ParamField[] = [
  { name: 'fast_window', label: 'Fast', kind: 'integer', default: 10, min: 2, nullable: false },
  { name: 'slow_window', label: 'Slow', kind: 'integer', default: 30, min: 2, nullable: false },
  { name: 'side', label: 'Side', kind: 'enum', default: 'long_only', options: ['long_only', 'long_short'], nullable: false },
];

describe('research request builders', () => {
  it('stress: severity typed in % goes as a fraction; 150 % is refused in %', () => {
    const picked = Object.fromEntries(STRESS_KINDS.map((k) => [k, k === 'flash_crash']));
    const ok = buildStress(run, { picked, position: 'end', severityPct: '25' }, 'job-1');
    expect(ok).toEqual({ ok: true, value: expect.objectContaining({ source: { runId: 7 }, scenarios: ['flash_crash'], position: 'end', severity: 0.25, jobId: 'job-1' }) });
    expect(buildStress(run, { picked, position: 'end', severityPct: '150' }, 'j')).toEqual({ ok: false, errors: { severity: 'Severity: must be at most 100 %' } });
    expect(buildStress(run, { picked: {}, position: 'end', severityPct: '' })).toMatchObject({ ok: false, errors: { scenarios: expect.stringMatching(/^Scenarios/) } });
  });
  it('Monte-Carlo: paths and block size are whole numbers, named', () => {
    expect(buildMonteCarlo(run, { method: 'block', nPaths: '2000', block: '20', seed: '42' }, 'j')).toEqual({ ok: true, value: expect.objectContaining({ nPaths: 2000, blockSize: 20, seed: 42, method: 'block', jobId: 'j' }) });
    expect(buildMonteCarlo(run, { method: 'block', nPaths: '0', block: '2.5', seed: '' })).toEqual({ ok: false, errors: { nPaths: 'Paths: must be more than 0', blockSize: 'Block size: expected a whole number' } });
  });
  it('walk-forward: grid texts via core\'s parser; the run\'s other params stay fixed', () => {
    const r = buildWalkForward(run, fields, { train: '365d', test: '500', mode: 'rolling', metric: 'sharpe', grid: { fast_window: '5:15:5', slow_window: '' } }, 'wf');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.grid).toEqual({ fast_window: { kind: 'range', min: 5, max: 15, step: 5 } });
    expect(r.value.params).toEqual({ slow_window: 30 });
    expect(r.value).toMatchObject({ train: '365d', test: 500, jobId: 'wf', datasetId: 'ds' });
    expect(buildWalkForward(run, fields, { train: '365d', test: '90d', mode: 'rolling', metric: 'sharpe', grid: { fast_window: '-5:5' } })).toEqual({ ok: false, errors: { fast_window: expect.stringMatching(/7 of 11 values are below the minimum 2/) } });
  });
  it('Go/No-Go: the run\'s metrics plus whatever evidence exists; missing evidence is null', () => {
    const input = buildGoNoGo(run, 'core', 'moderate', { wf: null, mc: null, stress: null, overfit: null });
    expect(input).toEqual({ tier: 'core', riskProfile: 'moderate', metrics: { sharpe: 1.2, maxDrawdownPct: -12, trades: 40, profitFactor: 1.5 }, oosSharpe: null, dsr: null, pbo: null, crashDrawdown: null, mc: null });
  });
});

describe('data request builders', () => {
  it('synth: checked with SynthInputSchema, named fields', () => {
    expect(buildSynth({ kind: 'garch', bars: '500', seed: '7', intervalMs: '3600000', name: ' x ' })).toEqual({ ok: true, value: { kind: 'garch', bars: 500, seed: 7, intervalMs: 3_600_000, name: 'x' } });
    expect(buildSynth({ kind: 'regime', bars: '1', seed: 'a', intervalMs: '60000', name: '' })).toEqual({ ok: false, errors: { bars: 'Bars: must be at least 2', seed: 'Seed: expected a number' } });
  });
  it('download: UTC days, until after since, job id passed on', () => {
    expect(buildDownload({ exchange: 'kraken', symbol: 'BTC/USD', timeframe: '1h', since: '2024-01-01', until: '' }, 'dl')).toEqual({ ok: true, value: expect.objectContaining({ since: Date.UTC(2024, 0, 1), jobId: 'dl', symbol: 'BTC/USD' }) });
    expect(buildDownload({ exchange: 'kraken', symbol: 'BTC/USD', timeframe: '1h', since: '2024-02-01', until: '2024-01-01' })).toEqual({ ok: false, errors: { until: 'Until: must be after Since' } });
    expect(buildDownload({ exchange: 'kraken', symbol: '', timeframe: '1h', since: 'soon', until: '' })).toEqual({ ok: false, errors: { since: 'Since: expected a date YYYY-MM-DD, got "soon"' } });
    expect(nameFromFile('C:\\data\\btc-1h.csv')).toBe('btc-1h');
  });
});

describe('sweep start builder', () => {
  it('sends the engine of the backtest form (costs in bps → fractions, sizing, exits, seed) and names bad engine fields', () => {
    const engine = { ...engineDefaults('default'), feeBps: '25', slippageBps: '2', slPct: '3', sizing: 'fixed_notional' as const, notional: '500', seed: '7' };
    const r = buildSweepStart(fields, { ...base, engine, swept: { fast_window: true }, specs: { fast_window: '5:10' } });
    expect(r).toMatchObject({ input: { seed: 7, engine: { preset: 'default', commission: 0.0025, slippage: 0.0002, stopLossPct: 0.03, sizing: { mode: 'fixed_notional', notional: 500 } } } });
    const bad = buildSweepStart(fields, { ...base, engine: { ...engine, feeBps: '20000', seed: '1.5' }, swept: { fast_window: true }, specs: { fast_window: '5:10' } });
    expect(bad).toEqual({ errors: ['Fee (bps): must be at most 5,000 bps', 'Seed: expected an integer, got 1.5'] });
  });
  const base = { datasetId: 'ds', strategyId: 'ma_crossover', preset: '', random: '', metric: 'sharpe', engine: engineDefaults('default') };
  it('grid as typed, unticked params fixed, confirmation above 10,000', () => {
    const r = buildSweepStart(fields, { ...base, swept: { fast_window: true, slow_window: true }, specs: { fast_window: '2:200', slow_window: '2:200', side: 'long_short' } });
    expect(r).toMatchObject({ combinations: 39_601, needsConfirmation: true, input: { grid: { fast_window: '2:200', slow_window: '2:200' }, params: { side: 'long_short' }, seed: 42 } });
    const sampled = buildSweepStart(fields, { ...base, random: '500', swept: { fast_window: true, slow_window: true }, specs: { fast_window: '2:200', slow_window: '2:200' } });
    expect(sampled).toMatchObject({ combinations: 500, needsConfirmation: false, input: { random: 500 } });
  });
  it('every problem is listed, none dropped silently', () => {
    const r = buildSweepStart(fields, { ...base, datasetId: '', random: '-3', swept: { fast_window: true }, specs: { fast_window: '-5:5', slow_window: 'abc' } });
    expect(r).toEqual({ errors: [
      'fast_window: 7 of 11 values are below the minimum 2 and would be skipped — start the range at 2',
      'Data set: pick one (or import data first)',
      'slow_window: expected a number, got "abc" (held fixed)',
      'Random sample: a whole number above 0, or empty for the full grid (got "-3")',
    ] });
  });
});
