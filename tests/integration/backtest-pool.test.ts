/**
 * Backtests and overfitting statistics run as pool tasks (`backtest`, `overfitting`) must give exactly what the
 * in-process computation gave: equity element for element, the same trades, metrics and stats.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineDefaultsFromConfig } from '../../src/core/api/config';
import { resolveEngineConfig } from '../../src/core/api/engine-config';
import { runStrategyBacktest } from '../../src/core/api/run-backtest';
import { sliceBars } from '../../src/core/data/bars';
import type { EngineConfig } from '../../src/core/engine/types';
import { equityReturns } from '../../src/core/research/montecarlo';
import { dsr, histogram, pboCscv, psr, returnMoments, sampleVariance, sharpeFromSums } from '../../src/core/research/overfitting';
import { getStrategy, resolveParams } from '../../src/core/strategies/registry';
import { blobToF64 } from '../../src/node/db/blob';
import { runPooledBacktest } from '../../src/node/backtest/service';
import { sharedPool } from '../../src/node/pool/context-pool';
import { createTestServices, type TestServices } from '../support/services';

function ok<T>(r: { ok: boolean; value?: T; error?: { code: string; message: string } }): T {
  if (!r.ok) throw new Error(`${r.error?.code}: ${r.error?.message}`);
  return r.value as T;
}

/** bitwise equality (NaN = NaN, −0 ≠ +0), reporting the first differing index */
function expectSameF64(a: Float64Array, b: Float64Array): void {
  expect(a.length).toBe(b.length);
  let first = -1;
  for (let i = 0; i < a.length && first < 0; i++) if (!Object.is(a[i], b[i])) first = i;
  expect(first, first >= 0 ? `index ${first}: ${a[first]} vs ${b[first]}` : '').toBe(-1);
}

describe('backtests and overfitting on the worker pool', () => {
  let s: TestServices;
  let datasetId: string;
  let contentHash: string;
  beforeAll(async () => {
    s = createTestServices({ workers: 2 });
    const ds = ok(await s.invoke('data:list', {})).datasets.find((d) => d.bars === 2000)!;
    datasetId = ds.id;
    contentHash = s.store.datasets.require(ds.id).contentHash;
  });
  afterAll(async () => { await s.dispose(); });

  const engineOf = (patch: Partial<EngineConfig>): EngineConfig => resolveEngineConfig(patch, engineDefaultsFromConfig(s.config));

  const cases: { name: string; strategyId: string; params: Record<string, unknown>; engine: Partial<EngineConfig>; range?: [number, number] }[] = [
    { name: 'ma_crossover default preset, whole set', strategyId: 'ma_crossover', params: { fast_window: 10, slow_window: 30 }, engine: {} },
    { name: 'ma_crossover backtesting-py long_short (second decision pass), a range', strategyId: 'ma_crossover', params: { fast_window: 10, slow_window: 30, side: 'long_short' }, engine: { preset: 'backtesting-py', finalize: true }, range: [150, 1700] },
    { name: 'rsi_reversion with stops and fees', strategyId: 'rsi_reversion', params: {}, engine: { commission: 0.001, stopLossPct: 0.03, takeProfitPct: 0.06 } },
  ];

  for (const c of cases) {
    it(`pooled = direct: ${c.name}`, async () => {
      const all = s.ctx.bars(datasetId);
      const [a, b] = c.range ?? [0, all.time.length];
      const params = resolveParams(c.strategyId, c.params) as Record<string, unknown>;
      const engine = engineOf(c.engine);
      const direct = runStrategyBacktest(sliceBars(all, a, b), getStrategy(c.strategyId), params, engine);
      // twice: the second run reuses the worker's cached data set and indicators
      for (let k = 0; k < 2; k++) {
        const pooled = await runPooledBacktest(s.ctx, { datasetId, contentHash, start: a, end: b, strategyId: c.strategyId, params, engine });
        expect(pooled.result.equity).toBeInstanceOf(Float64Array);
        expectSameF64(pooled.result.equity, direct.result.equity);
        expect(pooled.result.trades.length).toBeGreaterThan(0);
        expect(pooled.result.trades).toEqual(direct.result.trades);
        expect(pooled.result.openTrades).toEqual(direct.result.openTrades);
        expect(pooled.metrics).toEqual(direct.metrics);
        expect(pooled.stats).toEqual(direct.stats);
        expect(pooled.warmup).toBe(direct.warmup);
        expect({ ...pooled.result, equity: null }).toEqual({ ...direct.result, equity: null });
      }
    });
  }

  it('backtest:run stores the pooled result: stored equity and trades equal the direct run', async () => {
    const all = s.ctx.bars(datasetId);
    const from = all.time[100], to = all.time[1899];
    const run = ok(await s.invoke('backtest:run', { datasetId, strategyId: 'ma_crossover', params: { fast_window: 8, slow_window: 40 }, from, to }));
    expect(run.id).toBeGreaterThan(0);
    const params = resolveParams('ma_crossover', { fast_window: 8, slow_window: 40 }) as Record<string, unknown>;
    const direct = runStrategyBacktest(sliceBars(all, 100, 1900), getStrategy('ma_crossover'), params, engineOf({}));
    const eq = s.store.runs.equity(run.id)!;
    expect(eq.startBar).toBe(100);
    expectSameF64(eq.equity, direct.result.equity);
    expect(run.trades).toEqual(direct.result.trades);
    expect(run.metrics).toEqual(JSON.parse(JSON.stringify(direct.metrics)));
    expect(run.fromTime).toBe(from);
    expect(run.toTime).toBe(to);
    // unsaved runs come back the same, with id 0
    const unsaved = ok(await s.invoke('backtest:run', { datasetId, strategyId: 'ma_crossover', params: { fast_window: 8, slow_window: 40 }, from, to, save: false }));
    expect(unsaved.id).toBe(0);
    expect(unsaved.trades).toEqual(run.trades);
    expect(unsaved.configHash).toBe(run.configHash);
  });

  it('research:overfitting on the pool equals the in-process computation', async () => {
    const sw = ok(await s.invoke('sweeps:start', { datasetId, strategyId: 'ma_crossover', grid: { fast_window: '5:25:5', slow_window: '30,50,80' }, wait: true }));
    const o = ok(await s.invoke('research:overfitting', { sweepId: sw.sweepId }));

    // The former main-thread code, verbatim in substance.
    const rows = s.store.db.prepare('SELECT idx, params_json, metrics_json, blocks FROM sweep_results WHERE sweep_id = ? ORDER BY idx').all(sw.sweepId) as { idx: number; params_json: string; metrics_json: string; blocks: Buffer }[];
    const cfgRow = s.store.db.prepare('SELECT config_json, metric FROM sweeps WHERE id = ?').get(sw.sweepId) as { config_json: string; metric: string };
    const S = blobToF64(rows[0].blocks).length / 3;
    const stats = new Float64Array(rows.length * S * 3);
    const srs = new Float64Array(rows.length);
    let best = -1, bestScore = -Infinity;
    rows.forEach((r, c) => {
      const b = blobToF64(r.blocks);
      stats.set(b, c * S * 3);
      let n = 0, sum = 0, sq = 0;
      for (let k = 0; k < S; k++) { n += b[3 * k]; sum += b[3 * k + 1]; sq += b[3 * k + 2]; }
      srs[c] = sharpeFromSums(n, sum, sq);
      const m = (JSON.parse(r.metrics_json) as Record<string, number | null>)[cfgRow.metric];
      const score = typeof m === 'number' && Number.isFinite(m) ? m : -Infinity;
      if (best < 0 || score > bestScore) { best = c; bestScore = score; }
    });
    const pbo = pboCscv({ nCombos: rows.length, nBlocks: S, stats });
    const cfg = JSON.parse(cfgRow.config_json) as { fixed?: Record<string, unknown>; engine: EngineConfig };
    const strategy = getStrategy('ma_crossover');
    const params = strategy.params.parse({ ...(cfg.fixed ?? {}), ...(JSON.parse(rows[best].params_json) as Record<string, unknown>) }) as Record<string, unknown>;
    const bars = s.ctx.bars(datasetId);
    const mom = returnMoments(equityReturns(runStrategyBacktest(bars, strategy, params, cfg.engine).result.equity));
    const V = sampleVariance(Array.from(srs).filter(Number.isFinite));
    const sr = srs[best];
    const d = dsr({ sr, n: mom.n, skew: mom.skew, kurtosis: mom.kurtosis }, rows.length, V);

    expect(o.best.index).toBe(rows[best].idx);
    expect(o.perPeriodSharpe).toBe(sr);
    expect(o.varianceOfSharpes).toBe(V);
    expect([o.n, o.skew, o.kurtosis]).toEqual([mom.n, mom.skew, mom.kurtosis]);
    expect(o.psr).toBe(psr(sr, mom.n, mom.skew, mom.kurtosis, 0));
    expect(o.dsr).toBe(d.dsr);
    expect(o.srStar).toBe(d.srStar);
    expect(o.pbo).toBe(pbo.pbo);
    expect(o.nSplits).toBe(pbo.nSplits);
    expect(o.probOosLoss).toBe(pbo.probOosLoss);
    expect(o.logitHistogram).toEqual(histogram(pbo.logits, 24));
    expect(o.isOos.length).toBeGreaterThan(0);
    expect(o.isOos[0]).toEqual([pbo.isSharpe[0], pbo.oosSharpe[0]]);
  });

  it('bad task input comes back as BAD_INPUT naming the field', async () => {
    const pool = sharedPool(s.ctx);
    await expect(pool.run('overfitting', { stats: new Float64Array(5), nCombos: 2, nBlocks: 2, best: 0, bestEquity: null, periodsPerYear: 252 }))
      .rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/task overfitting: invalid input at stats/) });
    await expect(runPooledBacktest(s.ctx, { datasetId, contentHash, strategyId: 'no_such_strategy', params: {}, engine: engineOf({}) }))
      .rejects.toMatchObject({ message: expect.stringMatching(/task backtest \(strategy no_such_strategy/) });
  });
});
