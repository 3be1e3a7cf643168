/**
 * Sweep throughput on the real worker pool (task.worker bundled like the app does; warm pool; data shared once
 * per job through SharedArrayBuffers; indicators recomputed per timed run — a fresh data-set key each time).
 * Timed: planning the grid, cutting chunks, running them on the pool and collecting every row (metrics + block
 * statistics). Not timed: SQLite writes (the service does them on the main thread as chunks finish).
 * - sweep.ma_crossover_4851.daily: fast, slow ∈ 2..100, fast < slow (4,851 runs) on 3,000 daily synthetic bars,
 *   2 workers, wall s (best of 5 after a warm-up; best of 2 with --quick).
 * - sweep.1000x1m: 1,000 MA-crossover combinations × 1,000,000 one-minute bars, 2 workers, wall s (one run);
 *   sweep.1000x1m.rss_mb: peak resident set of the process (main + worker threads) in MB.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MS_PER_DAY, type Bars } from '../../src/core/data/bars';
import { synthGarchMarkov } from '../../src/core/data/synthetic';
import { defaultEngineConfig } from '../../src/core/engine/types';
import { expandGrid, planGrid, type GridSpec, type ParamSet } from '../../src/core/research/grid';
import { chooseChunkSize } from '../../src/core/research/sweep';
import { createPool, type Pool } from '../../src/node/pool/pool';
import { shareBars } from '../../src/workers/shared-data';
import { wanted, type BenchOptions, type BenchResult } from './harness';

export const names = ['sweep.ma_crossover_4851.daily', 'sweep.1000x1m', 'sweep.1000x1m.rss_mb'];

/** Find the project root from this bundle (node_modules/.cache/peak-bench/…) or the source file. */
function projectRoot(): string {
  let d = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(d, 'package.json')) && existsSync(join(d, 'src/workers/task.worker.ts'))) return d;
    d = dirname(d);
  }
  throw new Error('bench: cannot find the project root');
}

let workerFile: Promise<string> | null = null;
/** Bundles src/workers/task.worker.ts the way the vitest ?modulePath plugin does (content-hashed .mjs). */
export function workerBundle(): Promise<string> {
  workerFile ??= (async () => {
    const root = projectRoot();
    const entry = join(root, 'src/workers/task.worker.ts');
    const { build } = await import('vite');
    const out = await build({
      configFile: false, root, logLevel: 'silent',
      build: { ssr: entry, write: false, minify: false, target: 'node20', rollupOptions: { output: { format: 'es', codeSplitting: false } } },
    });
    const outputs = Array.isArray(out) ? out : [out];
    const chunk = outputs.flatMap((o) => ('output' in o ? o.output : [])).find((c) => c.type === 'chunk');
    if (chunk === undefined || chunk.type !== 'chunk') throw new Error('bench: worker bundle failed');
    const file = resolve(root, 'node_modules/.cache/peak-workers', `task.worker-${createHash('sha256').update(chunk.code).digest('hex').slice(0, 16)}.mjs`);
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(`${file}.${process.pid}.tmp`, chunk.code);
      renameSync(`${file}.${process.pid}.tmp`, file);
    }
    return file;
  })();
  return workerFile;
}

export async function benchPool(workers: number): Promise<Pool> {
  return createPool({ workers, workerPath: await workerBundle() });
}

let keySeq = 0;
/** One sweep job on the pool; returns the number of rows collected. */
export async function sweepOnPool(pool: Pool, bars: Bars, strategyId: string, grid: GridSpec, valid: (p: ParamSet) => boolean): Promise<number> {
  const combos = expandGrid(planGrid(grid), valid);
  const data = shareBars(`bench-${process.pid}-${++keySeq}`, bars);
  const size = chooseChunkSize(combos.length, bars.close.length, pool.workers);
  const inputs = [];
  for (let i = 0; i < combos.length; i += size) {
    inputs.push({ data, strategyId, fixed: {}, combos: combos.slice(i, i + size), startIndex: i, engine: defaultEngineConfig, blocks: 16 });
  }
  let rows = 0;
  await pool.runMany('sweep-chunk', inputs, { collect: false, onResult: (_i, r) => { rows += r.rows.length; } });
  if (rows !== combos.length) throw new Error(`bench: ${rows} rows for ${combos.length} combinations`);
  return rows;
}

export const fastLtSlow = (p: ParamSet): boolean => (p.fast_window as number) < (p.slow_window as number);
export const GRID_4851: GridSpec = {
  fast_window: { kind: 'range', min: 2, max: 100, step: 1 },
  slow_window: { kind: 'range', min: 2, max: 100, step: 1 },
};
export const dailyBars = (): Bars => synthGarchMarkov({ n: 3000, seed: 42, intervalMs: MS_PER_DAY }).bars;

async function best(fn: () => Promise<unknown>, runs: number, warmup: number): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  let b = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    b = Math.min(b, performance.now() - t0);
  }
  return b;
}

export async function run(opts: BenchOptions): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const pool = await benchPool(2);
  try {
    if (wanted('sweep.ma_crossover_4851.daily', opts)) {
      const bars = dailyBars();
      const ms = await best(() => sweepOnPool(pool, bars, 'ma_crossover', GRID_4851, fastLtSlow), opts.quick ? 2 : 5, 1);
      out.push({ name: 'sweep.ma_crossover_4851.daily', value: ms / 1000, unit: 's' });
    }
    if (wanted('sweep.1000x1m', opts)) {
      const bars = synthGarchMarkov({ n: 1_000_000, seed: 42, intervalMs: 60_000 }).bars;
      // 50 fast × 20 slow windows = 1,000 combinations, all with fast < slow
      const grid: GridSpec = {
        fast_window: { kind: 'range', min: 5, max: 54, step: 1 },
        slow_window: { kind: 'range', min: 60, max: 250, step: 10 },
      };
      const t0 = performance.now();
      await sweepOnPool(pool, bars, 'ma_crossover', grid, fastLtSlow);
      out.push({ name: 'sweep.1000x1m', value: (performance.now() - t0) / 1000, unit: 's' });
      out.push({ name: 'sweep.1000x1m.rss_mb', value: process.resourceUsage().maxRSS / 1024, unit: 'MB' });
    }
  } finally {
    await pool.destroy();
  }
  return out;
}
