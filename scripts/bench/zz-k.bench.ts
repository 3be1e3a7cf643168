/** THROWAWAY (helper K): A/B of the fused sweep kernel, ms per combination on 1M one-minute bars. */
import { periodsPerYear } from '../../src/core/data/bars';
import { synthGarchMarkov } from '../../src/core/data/synthetic';
import { defaultEngineConfig } from '../../src/core/engine/types';
import { createKernelScratch, measureFused } from '../../src/core/research/sweep-kernel';
import { getStrategy } from '../../src/core/strategies/registry';
import { createIndicatorCache } from '../../src/core/strategies/types';
import type { BenchOptions, BenchResult } from './harness';
import { createKernelScratch as oldScratch, measureFused as oldMeasure } from './zz-k-old-kernel';

export const names = ['zzk.old_ms', 'zzk.new_ms'];

export async function run(_opts: BenchOptions): Promise<BenchResult[]> {
  const bars = synthGarchMarkov({ n: 1_000_000, seed: 42, intervalMs: 60_000 }).bars;
  const P = periodsPerYear(bars.time);
  const s = getStrategy('ma_crossover');
  const ind = createIndicatorCache();
  const targets: { t: Float64Array; w: number }[] = [];
  for (const [f, sl] of [[5, 60], [12, 100], [30, 250], [54, 150], [8, 200], [20, 70]]) {
    const sig = s.signals(bars, s.params.parse({ fast_window: f, slow_window: sl }), { ind });
    targets.push({ t: sig.target.slice(), w: sig.warmup });
  }
  const bo = new Float64Array(48), bn = new Float64Array(48);
  const so = oldScratch(), sn = createKernelScratch();
  let bestOld = Infinity, bestNew = Infinity;
  for (let rep = 0; rep < 8; rep++) {
    let t0 = performance.now();
    for (const x of targets) oldMeasure(bars, x.t, x.w, defaultEngineConfig, P, bo, so);
    bestOld = Math.min(bestOld, (performance.now() - t0) / targets.length);
    t0 = performance.now();
    for (const x of targets) measureFused(bars, x.t, x.w, defaultEngineConfig, P, bn, sn);
    bestNew = Math.min(bestNew, (performance.now() - t0) / targets.length);
  }
  for (const x of targets) {
    const a = oldMeasure(bars, x.t, x.w, defaultEngineConfig, P, bo, so);
    const b = measureFused(bars, x.t, x.w, defaultEngineConfig, P, bn, sn);
    for (const k of Object.keys(a)) if (!Object.is(a[k], b[k])) process.stderr.write(`diff ${k}: ${a[k]} vs ${b[k]}\n`);
    for (let i = 0; i < 48; i++) if (bo[i] !== bn[i]) process.stderr.write(`block diff ${i}\n`);
  }
  return [{ name: 'zzk.old_ms', value: bestOld, unit: 'ms' }, { name: 'zzk.new_ms', value: bestNew, unit: 'ms' }];
}
