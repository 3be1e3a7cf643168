/**
 * Monte-Carlo throughput: 10,000 iid bootstrap paths over 2,000 seeded per-bar returns (fan chart of 1,000
 * paths × ≤ 500 steps included, percentiles and merge included).
 * - montecarlo.10k_x_2k: wall s on 2 warm worker threads (the app's pool is pre-started too), batches of 500
 *   paths split statically; identical results to one thread by construction (per-batch derived seeds).
 * - montecarlo.10k_x_2k.1thread: wall s of the same job in this thread.
 * Best of 5 timed runs after 2 warm-up runs (best of 2 with --quick).
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createRng } from '../../src/core/rng';
import { batchCount, defaultMcConfig, runMcBatch, runMonteCarlo, summarizeMc, type McBatchResult, type McConfig } from '../../src/core/research/montecarlo';
import { wanted, type BenchOptions, type BenchResult } from './harness';

export const names = ['montecarlo.10k_x_2k', 'montecarlo.10k_x_2k.1thread'];

interface Job { returns: Float64Array; cfg: McConfig; batches: number[] }

// Worker side: this same bundle, started with workerData.peakMcBench.
if (!isMainThread && (workerData as { peakMcBench?: boolean } | null)?.peakMcBench && parentPort) {
  const port = parentPort;
  port.on('message', (j: Job) => port.postMessage(j.batches.map((b) => runMcBatch(j.returns, j.cfg, b))));
}

function returnsSeries(): Float64Array {
  const rng = createRng(42);
  return Float64Array.from({ length: 2000 }, () => 0.0003 + 0.012 * rng.normal());
}

async function bestAsync(fn: () => Promise<unknown>, runs: number, warmup: number): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

export async function run(opts: BenchOptions): Promise<BenchResult[]> {
  const returns = returnsSeries();
  const cfg: McConfig = { ...defaultMcConfig, method: 'iid', nPaths: 10_000, seed: 42, periodsPerYear: 365 };
  const runs = opts.quick ? 2 : 5;
  const out: BenchResult[] = [];
  if (wanted('montecarlo.10k_x_2k.1thread', opts)) {
    const ms = await bestAsync(async () => runMonteCarlo(returns, cfg), runs, 2);
    out.push({ name: 'montecarlo.10k_x_2k.1thread', value: ms / 1000, unit: 's' });
  }
  if (wanted('montecarlo.10k_x_2k', opts)) {
    const W = 2;
    const workers = Array.from({ length: W }, () => new Worker(new URL(import.meta.url), { workerData: { peakMcBench: true } }));
    try {
      const nb = batchCount(cfg);
      const job = async () => {
        const parts = await Promise.all(workers.map((w, k) => new Promise<McBatchResult[]>((res, rej) => {
          w.once('message', res);
          w.once('error', rej);
          const batches = Array.from({ length: nb }, (_, b) => b).filter((b) => b % W === k);
          w.postMessage({ returns, cfg, batches } satisfies Job);
        })));
        return summarizeMc(parts.flat(), cfg, returns.length);
      };
      // same numbers as one thread (determinism across worker counts)
      const a = JSON.stringify(await job()), b = JSON.stringify(runMonteCarlo(returns, cfg));
      if (a !== b) throw new Error('montecarlo bench: 2-worker result differs from 1-thread result');
      const ms = await bestAsync(job, runs, 2);
      out.push({ name: 'montecarlo.10k_x_2k', value: ms / 1000, unit: 's' });
    } finally {
      await Promise.all(workers.map((w) => w.terminate()));
    }
  }
  return out;
}
