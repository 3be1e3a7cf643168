import { z } from 'zod';
import { defineDomain } from '../define';
import { JobIdInput, JobIdSchema } from './jobs';
import { EngineConfigPatchSchema, IdSchema, RunDetailSchema, TimeMsSchema } from '../schemas';

export const BacktestRunInputSchema = z.object({
  datasetId: IdSchema,
  strategyId: z.string().min(1),
  /** strategy parameters by SPEC name; strings are coerced ('10' → 10) and validated by the registry */
  params: z.record(z.string(), z.unknown()).default({}),
  /** any subset of EngineConfig; `preset` picks the defaults for the rest (config.toml [backtest] for 'default') */
  engine: EngineConfigPatchSchema.default({}),
  /** recorded with the run and part of its config hash (default: [backtest] seed of config.toml) */
  seed: z.number().int().optional(),
  /** bar range, epoch ms inclusive */
  from: TimeMsSchema.optional(),
  to: TimeMsSchema.optional(),
  /** false: compute and return without storing (id 0 is not stored) */
  save: z.boolean().default(true),
  note: z.string().max(2000).optional(),
  ...JobIdInput,
});

export const backtestDomain = defineDomain({
  commands: {
    'backtest:run': {
      doc: 'Run one backtest and store it (an identical configuration returns the stored run, reused: true): metrics, backtesting.py stats (preset backtesting-py), trades, equity.',
      input: BacktestRunInputSchema,
      output: RunDetailSchema.extend({
        jobId: JobIdSchema,
        /** true: an identical configuration (same config hash) was stored before and this is that run, not a new one */
        reused: z.boolean().optional(),
      }),
    },
  },
});
