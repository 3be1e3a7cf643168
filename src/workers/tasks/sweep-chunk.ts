/**
 * Sweep chunk: a run of parameter sets of one sweep, measured on a shared data set (cached per worker with its
 * IndicatorCache, so each indicator series is computed once per data set per worker). Returns per combination
 * only metrics and packed block statistics (see core/research/block-stats.ts); equity curves never leave here.
 */
import { z } from 'zod';
import { EngineConfigSchema } from '../../core/api/schemas';
import { runBacktest } from '../../core/engine/run';
import { periodsPerYear } from '../../core/data/bars';
import { computeMetrics } from '../../core/metrics/metrics';
import { ParamValueSchema, canonicalJson, runSweepChunk, type SweepKernel } from '../../core/research/sweep';
import { createKernelScratch } from '../../core/research/sweep-kernel';
import { getStrategy } from '../../core/strategies/registry';
import type { StrategyDef } from '../../core/strategies/types';
import { SharedBarsSchema, datasetFor } from '../shared-data';
import { defineTask } from './task';

const Input = z.object({
  data: SharedBarsSchema,
  strategyId: z.string(),
  fixed: z.record(z.string(), ParamValueSchema),
  combos: z.array(z.record(z.string(), ParamValueSchema)),
  /** index of combos[0] in the sweep's canonical order */
  startIndex: z.number().int().nonnegative(),
  engine: EngineConfigSchema,
  blocks: z.number().int().min(2),
});

/** periodsPerYear per cached data set: detecting it sorts all bar intervals, far too slow per combination. */
const ppyOf = new WeakMap<object, number>();
/** the fused kernel's buffers, reused by every chunk this worker thread runs */
const scratch = createKernelScratch();

export interface SweepChunkRow {
  index: number;
  metrics: Record<string, number | null>;
  /** packed [n, Σr, Σr²] × S */
  blocks: Float64Array;
}

export const sweepChunkTask = defineTask({
  input: Input,
  describe: (i) => `strategy ${i.strategyId}, combinations #${i.startIndex}–#${i.startIndex + i.combos.length - 1}, first ${canonicalJson(i.combos[0] ?? {})}`,
  run(i): { rows: SweepChunkRow[] } {
    const { bars, ind } = datasetFor(i.data);
    let ppy = ppyOf.get(bars);
    if (ppy === undefined) {
      ppy = periodsPerYear(bars.time);
      ppyOf.set(bars, ppy);
    }
    const P = ppy;
    const strategy: StrategyDef = getStrategy(i.strategyId);
    const kernel: SweepKernel = {
      strategy,
      runBacktest,
      metrics: (res, b) => computeMetrics(res, b, { periodsPerYear: P }),
    };
    const rows = runSweepChunk(kernel, bars, ind, i.combos, {
      fixed: i.fixed, engine: i.engine, blocks: i.blocks, startIndex: i.startIndex, periodsPerYear: P, scratch,
    });
    // Params are known to the caller (it planned them); send back only what was measured.
    return { rows: rows.map((r) => ({ index: r.index, metrics: r.metrics, blocks: r.blocks })) };
  },
});
