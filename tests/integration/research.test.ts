import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServices, type TestServices } from '../support/services';

type Ok<T> = { ok: true; value: T };
function ok<T>(r: { ok: boolean; value?: T; error?: { code: string; message: string } }): T {
  if (!r.ok) throw new Error(`${r.error?.code}: ${r.error?.message}`);
  return (r as Ok<T>).value;
}
const hash = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex');

describe('research through the handlers (real pool, real temp SQLite)', () => {
  let s: TestServices;
  let datasetId: string;
  beforeAll(async () => {
    s = createTestServices({ workers: 2 });
    datasetId = ok(await s.invoke('data:list', {})).datasets.find((d) => d.bars === 2000)!.id;
  });
  afterAll(async () => { await s.dispose(); });

  it('walk-forward: windows, IS optimisation, stitched OOS, stored run and report files', async () => {
    const progress: number[] = [];
    const off = s.on('jobs:did-progress', (p) => { if (p.kind === 'walkforward') progress.push(p.done); });
    const r = ok(await s.invoke('walkforward:run', {
      datasetId, strategyId: 'ma_crossover', grid: { fast_window: { kind: 'values', values: [5, 10] }, slow_window: { kind: 'values', values: [20, 40] } },
      train: 600, test: 200, step: 200, mode: 'rolling',
    }));
    off();
    expect(r.summary.folds).toHaveLength(7);
    expect(r.summary.gridSize).toBe(4);
    expect(r.summary.aggregates.totalWindows).toBe(7);
    expect(r.summary.stitched.equity.length).toBeGreaterThan(1000);
    expect(r.runId).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(7);
    expect(existsSync(r.report!.html!)).toBe(true);
    const html = readFileSync(r.report!.html!, 'utf8');
    expect(html).toContain(r.configHash);
    expect(html).not.toMatch(/<script[^>]+src=/); // self-contained
    expect(readFileSync(r.report!.md!, 'utf8')).toContain('## Windows');
    const got = ok(await s.invoke('reports:get', { runId: r.runId }));
    expect(got.report?.html).toBe(r.report!.html);
    // same seed + config → same hash and identical results
    const again = ok(await s.invoke('walkforward:run', {
      datasetId, strategyId: 'ma_crossover', grid: { fast_window: { kind: 'values', values: [5, 10] }, slow_window: { kind: 'values', values: [20, 40] } },
      train: 600, test: 200, step: 200, mode: 'rolling', save: false, report: false,
    }));
    expect(again.configHash).toBe(r.configHash);
    expect(hash(again.summary)).toBe(hash(r.summary));
  });

  it('Monte-Carlo: deterministic, identical with 1 and 2 workers; Sharpe/CAGR not zero', async () => {
    const input = { source: { datasetId, strategyId: 'ma_crossover', params: { fast_window: 10, slow_window: 40 } }, method: 'block' as const, nPaths: 1500, seed: 7, report: false };
    const a = ok(await s.invoke('montecarlo:run', input));
    expect(a.summary.nPaths).toBe(1500);
    expect(a.summary.sharpe.p50).not.toBe(0);
    expect(a.summary.cagr.p50).not.toBe(0);
    expect(a.summary.fan.step.length).toBeLessThanOrEqual(501);
    const one = createTestServices({ workers: 1 });
    try {
      const ds1 = ok(await one.invoke('data:list', {})).datasets.find((d) => d.bars === 2000)!.id;
      const b = ok(await one.invoke('montecarlo:run', { ...input, source: { ...input.source, datasetId: ds1 } }));
      expect(b.configHash).toBe(a.configHash);
      expect(hash(b.summary)).toBe(hash(a.summary));
    } finally {
      await one.dispose();
    }
  });

  it('stress from a stored backtest run; Go/No-Go; unknown inputs are clear errors', async () => {
    const bt = ok(await s.invoke('backtest:run', { datasetId, strategyId: 'ma_crossover', params: { fast_window: 10, slow_window: 40 } }));
    const st = ok(await s.invoke('stress:run', { source: { runId: bt.id } }));
    expect(st.summary.results.map((x) => x.scenario.kind)).toEqual(['single_crash_bar', 'gap_down_open', 'vol_spike', 'drawdown_extension', 'flash_crash', 'regime_bear', 'regime_sideways']);
    expect(st.summary.results[0].stressed.maxDrawdown).toBeLessThanOrEqual(-0.2);
    const mc = ok(await s.invoke('montecarlo:run', { source: { runId: bt.id }, method: 'trade_shuffle', nPaths: 200 }));
    expect(mc.summary.method).toBe('trade_shuffle');
    const g = ok(await s.invoke('research:gonogo', { tier: 'core', riskProfile: 'moderate', metrics: { sharpe: 2, maxDrawdownPct: -10, trades: 60, profitFactor: 1.5 }, oosSharpe: 1.1, dsr: 0.99, pbo: 0.1 }));
    expect(g.verdict).toBe('GO');
    const bad = await s.invoke('walkforward:run', { datasetId, strategyId: 'ma_crossover', train: 5000, test: 100 });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.message).toMatch(/no complete window/);
    const badRecipe = await s.invoke('research:portfolio', { preset: 'nope', datasetId });
    expect(!badRecipe.ok && badRecipe.error.code).toBe('NOT_FOUND');
  });

  it('overfitting statistics of a finished sweep (PSR, DSR with N = sweep size, PBO)', async () => {
    const sw = ok(await s.invoke('sweeps:start', { datasetId, strategyId: 'ma_crossover', grid: { fast_window: '5:25:5', slow_window: '30,50,80' }, wait: true }));
    const o = ok(await s.invoke('research:overfitting', { sweepId: sw.sweepId }));
    expect(o.nTrials).toBe(15);
    expect(o.blocks).toBe(16);
    expect(o.nSplits).toBe(12870);
    expect(o.pbo).toBeGreaterThanOrEqual(0);
    expect(o.pbo).toBeLessThanOrEqual(1);
    expect(o.dsr).toBeLessThanOrEqual(o.psr);
    expect(o.kurtosis).toBeGreaterThan(1);
  });

  it('portfolio recipe multi_style_moderate: backtest → walk-forward → Monte-Carlo → stress → Go/No-Go → report', async () => {
    const r = ok(await s.invoke('research:portfolio', { preset: 'multi_style_moderate', datasetId, nPaths: 300 }));
    expect(r.members.map((m) => m.name)).toEqual(['rsi_reversion_btc_moderate', 'rsi_reversion_eth_moderate', 'ma_trend_btc_moderate', 'trend_following_eth_moderate']);
    expect(r.members.map((m) => m.weight)).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(r.walkforward?.folds.length).toBeGreaterThan(0);
    expect(r.montecarlo?.nPaths).toBe(300);
    expect(r.stress?.results.map((x) => x.scenario.severity)).toEqual([0.25, 0.25]);
    expect(['GO', 'NO_GO', 'INCONCLUSIVE']).toContain(r.gonogo.verdict);
    expect(r.gonogo.reasons.length).toBeGreaterThan(0);
    expect(existsSync(r.report!.html!)).toBe(true);
    expect(existsSync(r.report!.md!)).toBe(true);
  });

  it('sweep-based recipe rsi_reversion_balanced: top 3 of the sweep, DSR with N = sweep size, PBO from the sweep', async () => {
    const before = await s.invoke('research:portfolio', { preset: 'rsi_reversion_balanced', datasetId, nPaths: 100 });
    expect(!before.ok && before.error.message).toMatch(/peak sweep --preset rsi_reversion_basic/);
    const sw = ok(await s.invoke('sweeps:start', { datasetId, preset: 'rsi_reversion_basic', wait: true }));
    const r = ok(await s.invoke('research:portfolio', { preset: 'rsi_reversion_balanced', datasetId, nPaths: 100 }));
    expect(r.members).toHaveLength(3);
    expect(r.members.map((m) => m.weight)).toEqual([0.4, 0.3, 0.3]);
    expect(r.members.every((m) => m.strategyId === 'rsi_reversion')).toBe(true);
    const pboCheck = r.gonogo.checks.find((c) => c.criterion === 'pbo');
    expect(pboCheck?.status).not.toBe('missing');
    expect(sw.total).toBe(27);
  });
});
