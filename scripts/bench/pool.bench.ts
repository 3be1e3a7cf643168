/**
 * pool.scaling_2v1: sweep throughput with 2 workers ÷ with 1 worker — the 4,851-combination MA-crossover sweep on
 * 3,000 daily bars, 3 times over (≈ 14,500 runs, so per-job overheads do not dominate), best of 3 per pool size
 * after a warm-up. On a 2-core machine the ideal is 2.0.
 */
import { benchPool, dailyBars, fastLtSlow, GRID_4851, sweepOnPool } from './sweep.bench';
import { wanted, type BenchOptions, type BenchResult } from './harness';

export const names = ['pool.scaling_2v1'];

export async function run(opts: BenchOptions): Promise<BenchResult[]> {
  if (!wanted('pool.scaling_2v1', opts)) return [];
  const bars = dailyBars();
  const job = async (workers: number): Promise<number> => {
    const pool = await benchPool(workers);
    try {
      const once = async () => {
        for (let k = 0; k < 3; k++) await sweepOnPool(pool, bars, 'ma_crossover', GRID_4851, fastLtSlow);
      };
      await once();
      let best = Infinity;
      for (let i = 0; i < (opts.quick ? 1 : 3); i++) {
        const t0 = performance.now();
        await once();
        best = Math.min(best, performance.now() - t0);
      }
      return best;
    } finally {
      await pool.destroy();
    }
  };
  const one = await job(1);
  const two = await job(2);
  return [{ name: 'pool.scaling_2v1', value: one / two, unit: 'x' }];
}
