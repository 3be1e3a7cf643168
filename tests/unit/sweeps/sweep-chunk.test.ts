import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MS_PER_DAY } from '../../../src/core/data/bars';
import { synthGarchMarkov } from '../../../src/core/data/synthetic';
import { runBacktest } from '../../../src/core/engine/run';
import { defaultEngineConfig } from '../../../src/core/engine/types';
import { computeMetrics } from '../../../src/core/metrics/metrics';
import { computeBlockStats } from '../../../src/core/research/block-stats';
import { expandGrid, planGrid } from '../../../src/core/research/grid';
import { createIndicatorCache } from '../../../src/core/strategies/types';
import { getStrategy } from '../../../src/core/strategies/registry';
import { createPool, type Pool } from '../../../src/node/pool/pool';
import { shareBars } from '../../../src/workers/shared-data';

const bars = synthGarchMarkov({ n: 3000, seed: 7, intervalMs: MS_PER_DAY }).bars;

describe('sweep-chunk task on the pool', () => {
  let pool: Pool;
  beforeAll(() => { pool = createPool({ workers: 2 }); });
  afterAll(async () => { await pool.destroy(); });

  it('returns, per combination, the same metrics and block stats as a direct single backtest', async () => {
    const combos = expandGrid(planGrid({
      fast_window: { kind: 'values', values: [5, 10, 20] },
      slow_window: { kind: 'values', values: [30, 50] },
    }));
    const data = shareBars('t1', bars);
    const out = await pool.run('sweep-chunk', {
      data, strategyId: 'ma_crossover', fixed: {}, combos, startIndex: 10, engine: defaultEngineConfig, blocks: 16,
    });
    expect(out.rows.map((r) => r.index)).toEqual([10, 11, 12, 13, 14, 15]);
    const s = getStrategy('ma_crossover');
    for (let i = 0; i < combos.length; i++) {
      const p = s.params.parse(combos[i]);
      const res = runBacktest(bars, s.signals(bars, p, { ind: createIndicatorCache() }), defaultEngineConfig);
      const m = computeMetrics(res, bars);
      expect(out.rows[i].metrics.sharpe).toBe(m.sharpe);
      expect(out.rows[i].metrics.totalReturnPct).toBe(m.totalReturnPct);
      expect(out.rows[i].metrics.trades).toBe(m.trades);
      expect(Array.from(out.rows[i].blocks)).toEqual(Array.from(computeBlockStats(res.equity, 16)));
    }
  });

  it('a failing combination names the strategy and its parameters', async () => {
    const data = shareBars('t2', bars);
    await expect(pool.run('sweep-chunk', {
      data, strategyId: 'ma_crossover', fixed: {}, combos: [{ fast_window: 10, slow_window: 5000 }], startIndex: 3, engine: defaultEngineConfig, blocks: 16,
    })).rejects.toThrow(/task sweep-chunk \(strategy ma_crossover.*failed: sweep ma_crossover combination #3 \{"fast_window":10,"slow_window":5000\}/);
  });

  it('the 4,851-combination grid comes back complete, one row per combination (timing: npm run bench)', async () => {
    const combos = expandGrid(planGrid({
      fast_window: { kind: 'range', min: 2, max: 100, step: 1 },
      slow_window: { kind: 'range', min: 2, max: 100, step: 1 },
    }), (p) => (p.fast_window as number) < (p.slow_window as number));
    expect(combos).toHaveLength(4851);
    const data = shareBars('t3', bars);
    const size = 250;
    const inputs = [];
    for (let i = 0; i < combos.length; i += size) {
      inputs.push({ data, strategyId: 'ma_crossover', fixed: {}, combos: combos.slice(i, i + size), startIndex: i, engine: defaultEngineConfig, blocks: 16 });
    }
    const out = await pool.runMany('sweep-chunk', inputs);
    const idx = out.flatMap((o) => o.rows.map((r) => r.index));
    expect(idx).toEqual(combos.map((_, i) => i));
  });
});
