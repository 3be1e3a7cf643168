/**
 * Walk-forward fold: optimise the grid on the window's training bars by `metric` (SPEC tie-break), then
 * evaluate the winner on the test bars. Bars come from the shared data set (cached per worker).
 */
import { z } from 'zod';
import { EngineConfigSchema } from '../../core/api/schemas';
import { periodsPerYear } from '../../core/data/bars';
import { runFold, type FoldResult } from '../../core/research/walkforward';
import { createBacktestEvaluator } from '../../core/research/walkforward-eval';
import { getStrategy } from '../../core/strategies/registry';
import { SharedBarsSchema, datasetFor } from '../shared-data';
import { defineTask } from './task';

const Input = z.object({
  data: SharedBarsSchema,
  strategyId: z.string(),
  /** parameters are re-validated by the strategy's own schema (composites carry JSON component lists) */
  fixed: z.record(z.string(), z.unknown()),
  grid: z.array(z.record(z.string(), z.unknown())).min(1),
  engine: EngineConfigSchema,
  metric: z.string(),
  window: z.object({
    index: z.number().int().nonnegative(),
    trainStart: z.number().int().nonnegative(),
    trainEnd: z.number().int().positive(),
    testStart: z.number().int().positive(),
    testEnd: z.number().int().positive(),
  }),
});

/** periodsPerYear per cached data set: detecting it sorts every bar interval, too slow to repeat per fold. */
const ppyOf = new WeakMap<object, number>();

export const wfFoldTask = defineTask({
  input: Input,
  describe: (i) => `strategy ${i.strategyId}, window #${i.window.index} train [${i.window.trainStart}, ${i.window.trainEnd}) test [${i.window.testStart}, ${i.window.testEnd}), ${i.grid.length} parameter sets`,
  run(i): FoldResult<Record<string, unknown>> {
    const { bars } = datasetFor(i.data);
    let P = ppyOf.get(bars);
    if (P === undefined) {
      P = periodsPerYear(bars.time);
      ppyOf.set(bars, P);
    }
    const evaluate = createBacktestEvaluator(bars, getStrategy(i.strategyId), i.fixed, i.engine, P);
    return runFold(i.window, i.grid, evaluate, i.metric);
  },
});
