import { z } from 'zod';
import { defineDomain } from '../define';
import { RunSortKeySchema, SearchTextSchema } from '../name-lists';
import { IdSchema, PageSchema, RunDetailSchema, RunIdSchema, RunSummarySchema, TimeMsSchema } from '../schemas';

/** Level-of-detail equity: per bucket the min and max (so spikes survive) and the last value. */
export const EquitySeriesSchema = z.object({
  /** bucket start time, epoch ms */
  time: z.array(z.number()),
  equityMin: z.array(z.number()),
  equityMax: z.array(z.number()),
  equityLast: z.array(z.number()),
  /** drawdown from the running peak as a fraction (≤ 0), per bucket */
  drawdownMin: z.array(z.number()),
  drawdownMax: z.array(z.number()),
  /** buy & hold equity per bucket (last bar), from the run's initial equity over the run's first → last bar */
  buyHold: z.array(z.number()),
  totalPoints: z.number().int(),
  barsPerPoint: z.number().int(),
});

export const runsDomain = defineDomain({
  commands: {
    'runs:list': {
      doc: 'Stored runs, filtered and sorted (by createdAt or by any metric name, e.g. sharpe).',
      input: z
        .object({
          kind: z.string().max(40).optional(),
          strategyId: z.string().max(80).optional(),
          datasetId: IdSchema.optional(),
          /** createdAt range, epoch ms inclusive */
          from: TimeMsSchema.optional(),
          to: TimeMsSchema.optional(),
          /** matches strategy, data set name, note or params text */
          text: SearchTextSchema.optional(),
          /** 'createdAt' | 'id' | 'durationMs' | 'tradeCount' | 'strategyId' | a metric name (e.g. 'sharpe') |
           *  'stats:<backtesting.py key>' (e.g. 'stats:Return [%]'); runs without the metric sort last */
          sortBy: RunSortKeySchema.default('createdAt'),
          desc: z.boolean().default(true),
          ...PageSchema,
        })
        .default({ sortBy: 'createdAt', desc: true, limit: 50, offset: 0 }),
      output: z.object({ runs: z.array(RunSummarySchema), total: z.number().int() }),
    },
    'runs:get': {
      doc: 'One run with its trades.',
      input: z.object({ id: RunIdSchema }),
      output: RunDetailSchema,
    },
    'runs:equity': {
      doc: 'Equity and drawdown of a run, min/max per bucket, at most maxPoints buckets in [from, to].',
      input: z.object({
        id: RunIdSchema,
        maxPoints: z.number().int().min(2).max(1_000_000).default(2000),
        from: TimeMsSchema.optional(),
        to: TimeMsSchema.optional(),
      }),
      output: EquitySeriesSchema,
    },
    'runs:delete': {
      doc: 'Delete a run with its trades and equity.',
      input: z.object({ id: RunIdSchema }),
      output: z.object({ deleted: z.boolean() }),
    },
  },
  events: {
    'runs:did-change': z.object({ action: z.enum(['created', 'deleted']), id: z.number().int(), kind: z.string() }),
  },
});
