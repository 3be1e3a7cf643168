import { it } from 'vitest';
import { MS_PER_DAY, periodsPerYear } from '../../../src/core/data/bars';
import { synthGarchMarkov } from '../../../src/core/data/synthetic';
import { runBacktest } from '../../../src/core/engine/run';
import { defaultEngineConfig } from '../../../src/core/engine/types';
import { computeMetrics } from '../../../src/core/metrics/metrics';
import { runSweepChunk } from '../../../src/core/research/sweep';
import { createIndicatorCache } from '../../../src/core/strategies/types';
import { getStrategy } from '../../../src/core/strategies/registry';
import { cpuUsage } from 'node:process';

it('probe', () => {
  const bars = synthGarchMarkov({ n: 3000, seed: 7, intervalMs: MS_PER_DAY }).bars;
  const s = getStrategy('ma_crossover');
  const P = periodsPerYear(bars.time);
  const combos: Record<string, number>[] = [];
  for (let f = 2; f <= 100; f++) for (let sl = f + 1; sl <= 100; sl++) combos.push({ fast_window: f, slow_window: sl });
  const k = { strategy: s, runBacktest, metrics: (r: Parameters<typeof computeMetrics>[0], b: typeof bars) => computeMetrics(r, b, { periodsPerYear: P }) };
  for (let rep = 0; rep < 3; rep++) {
    for (const fused of [false, true]) {
      const ind = createIndicatorCache();
      const c0 = cpuUsage();
      runSweepChunk(k, bars, ind, combos, { fixed: {}, engine: defaultEngineConfig, blocks: 16, startIndex: 0, ...(fused ? { periodsPerYear: P } : {}) });
      const c = cpuUsage(c0);
      console.log(fused ? 'fused' : 'slow ', ((c.user + c.system) / 1000).toFixed(0), 'ms cpu');
    }
  }
});
