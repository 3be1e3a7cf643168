// Trust #6: Go/No-Go evidence must belong to the subject run, is gathered by id from the store, and the verdict
// is a stored record with its evidence ids, read back identically after a restart.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateGoNoGo } from '../../../src/core/research/gonogo';
import { combinationMatches } from '../../../src/core/research/gonogo-evidence';
import { loadGoNoGoConfig } from '../../../src/node/research/config-files';
import { createServices, type Services } from '../../../src/node/services';
import { fakeClock, smallSeedSpecs, tempDir } from '../../support/services';

const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

describe('Go/No-Go evidence and stored verdicts', () => {
  let dir: ReturnType<typeof tempDir>;
  let s: Services;
  let ds = '';
  let run = 0;
  let rsiRun = 0;
  let sweep = 0;
  const db = () => join(dir.dir, 'peak.db');
  beforeAll(async () => {
    dir = tempDir('peak-gonogo-');
    s = createServices({ dataDir: dir.dir, dbPath: db(), clock: fakeClock(), seed: true, seedSpecs: smallSeedSpecs, workers: 1 });
    ds = ok(await s.invoke('data:list', {})).datasets.find((d) => d.bars === 2000)!.id;
    run = ok(await s.invoke('backtest:run', { datasetId: ds, strategyId: 'ma_crossover', params: { fast_window: 5, slow_window: 20 } })).id;
    rsiRun = ok(await s.invoke('backtest:run', { datasetId: ds, strategyId: 'rsi_reversion', params: {} })).id;
    sweep = ok(await s.invoke('sweeps:start', { datasetId: ds, strategyId: 'ma_crossover', grid: { fast_window: '4:6', slow_window: '19:21' }, wait: true })).sweepId;
  }, 120_000);
  afterAll(async () => {
    await s.close();
    dir.remove();
  });

  it('combinationMatches compares swept and fixed parameters key by key', () => {
    expect(combinationMatches({ fast_window: 5 }, { slow_window: 20 }, { fast_window: 5, slow_window: 20, side: 'long' })).toBe(true);
    expect(combinationMatches({ fast_window: 5 }, { slow_window: 21 }, { fast_window: 5, slow_window: 20 })).toBe(false);
  });

  it("an ma_crossover sweep is refused as evidence for an rsi_reversion run", async () => {
    const r = await s.invoke('gonogo:evaluate', { runId: rsiRun, evidence: { sweepId: sweep } });
    expect(r.ok ? 'OK' : r.error.code).toBe('BAD_INPUT');
    if (!r.ok) expect(r.error.message).toMatch(new RegExp(`sweep ${sweep}: strategy ma_crossover is not the run's rsi_reversion`));
  });

  it("a sweep that never tried the run's parameters is refused", async () => {
    const other = ok(await s.invoke('sweeps:start', { datasetId: ds, strategyId: 'ma_crossover', grid: { fast_window: '6:7', slow_window: '30:31' }, wait: true })).sweepId;
    const r = await s.invoke('gonogo:evaluate', { runId: run, evidence: { sweepId: other } });
    expect(r.ok ? 'OK' : r.error.message).toMatch(/none of its 4 combinations has run \d+'s parameters/);
  });

  it('a stress run of another backtest is refused; evidence of the same backtest is used', async () => {
    const foreign = ok(await s.invoke('stress:run', { source: { runId: rsiRun }, report: false })).runId;
    const r = await s.invoke('gonogo:evaluate', { runId: run, evidence: { stressRunId: foreign } });
    expect(r.ok ? 'OK' : r.error.message).toMatch(/stress run \d+: strategy rsi_reversion is not the run's ma_crossover/);
  });

  it('the verdict is stored with its evidence ids and read back identically after a restart', async () => {
    const stress = ok(await s.invoke('stress:run', { source: { runId: run }, report: false })).runId;
    const mc = ok(await s.invoke('montecarlo:run', { source: { runId: run }, nPaths: 50, seed: 3, report: false })).runId;
    const v = ok(await s.invoke('gonogo:evaluate', { runId: run, riskProfile: 'moderate', tier: 'core', evidence: { sweepId: sweep, stressRunId: stress, montecarloRunId: mc } }));
    expect(v.evidence).toEqual({ walkforwardRunId: null, sweepId: sweep, stressRunId: stress, montecarloRunId: mc });
    expect(v.inputs.dsr).toEqual(expect.any(Number));
    expect(v.inputs.pbo).toEqual(expect.any(Number));
    expect(v.inputs.crashDrawdown).toEqual(expect.any(Number));
    expect(v.inputs.mc).toEqual({ maxDrawdownP5: expect.any(Number), probLoss: expect.any(Number) });
    expect(v.inputs.metrics?.sharpe).toBe(ok(await s.invoke('runs:get', { id: run })).metrics.sharpe);
    // recomputing from the stored inputs gives the stored result
    expect(evaluateGoNoGo(v.inputs, loadGoNoGoConfig())).toEqual(v.result);

    await s.close();
    s = createServices({ dataDir: dir.dir, dbPath: db(), clock: fakeClock(Date.UTC(2027, 0, 1)), seed: false, workers: 1 });
    expect(ok(await s.invoke('gonogo:get', { id: v.id }))).toEqual(v);
    expect(ok(await s.invoke('gonogo:list', { runId: run })).verdicts).toEqual([v]);
  }, 120_000);
});
