/** Monte-Carlo batch: paths [b·batchSize, …) with the batch's derived seed (identical whatever the worker count). */
import { z } from 'zod';
import { runMcBatch, type McBatchResult } from '../../core/research/montecarlo';
import { defineTask } from './task';

const f64 = z.custom<Float64Array>((v) => v instanceof Float64Array, 'expected a Float64Array');

export const McConfigSchema = z.object({
  method: z.enum(['iid', 'block', 'trade_shuffle']),
  nPaths: z.number().int().positive(),
  seed: z.number().int(),
  blockSize: z.number().int().positive(),
  initialEquity: z.number().positive(),
  periodsPerYear: z.number().positive(),
  batchSize: z.number().int().positive(),
  fanSteps: z.number().int().positive(),
  fanPaths: z.number().int().nonnegative(),
});

const Input = z.object({ returns: f64, config: McConfigSchema, batchIndex: z.number().int().nonnegative() });

export const mcBatchTask = defineTask({
  input: Input,
  describe: (i) => `method ${i.config.method}, seed ${i.config.seed}, batch #${i.batchIndex} of ${i.config.nPaths} paths over ${i.returns.length} returns`,
  run(i): McBatchResult {
    return runMcBatch(i.returns, i.config, i.batchIndex);
  },
});
