/**
 * Sweeps: grid / preset / seeded random search over a strategy's parameters, run in chunks on the worker pool,
 * persisted chunk by chunk (resumable with identical results), ranked by any metric.
 */
import { z } from 'zod';
import { ParamValueSchema, SweepRangeSchema } from '../../research/sweep';
import { defineDomain } from '../define';
import { MetricNameSchema } from '../name-lists';
import { EngineConfigPatchSchema, IdSchema, MetricsRecordSchema, TimeMsSchema } from '../schemas';
import { JobIdInput, JobIdSchema } from './jobs';

export const SweepIdSchema = z.number().int().positive();
export const SweepStatusSchema = z.enum(['running', 'interrupted', 'cancelled', 'failed', 'done']);

export const SweepStartInputSchema = z.object({
  datasetId: IdSchema,
  /** required unless a preset names it */
  strategyId: z.string().min(1).optional(),
  /** a config/sweeps/<name>.toml preset (SPEC §4) */
  preset: z.string().regex(/^[a-z0-9_]+$/).optional(),
  /**
   * Per parameter: a range/values object, or text "a:b:step" / "a:b" / "v1,v2" / "v". Overrides the preset's
   * entries. Without preset and grid, the strategy's own sweep ranges are used.
   */
  grid: z.record(z.string(), z.union([SweepRangeSchema, z.string()])).optional(),
  /** extra rules, e.g. "stop_loss_pct < take_profit_pct" (the strategy's constraint always applies) */
  constraints: z.array(z.string()).default([]),
  /** parameters held fixed (not swept) */
  params: z.record(z.string(), ParamValueSchema).default({}),
  /** random search: N distinct combinations of the grid drawn with `seed` */
  random: z.number().int().positive().optional(),
  engine: EngineConfigPatchSchema.default({}),
  /** ranking metric: any computeMetrics field */
  metric: MetricNameSchema.default('sharpe'),
  seed: z.number().int().default(42),
  /** worker threads for this sweep (default: the app's pool) */
  workers: z.number().int().min(1).max(256).optional(),
  /** true: resolve when the sweep ends (CLI); false: return at once, follow the job's 'jobs:did-progress' */
  wait: z.boolean().default(false),
  ...JobIdInput,
});

/**
 * `detail` of a sweep job's jobs:did-progress (and the job's result is `{kind:'sweep', id: String(sweepId)}`).
 * Sweeps are resumable: jobs:cancel stops one (finished chunks stay stored), jobs:resume continues it.
 */
export const SweepProgressDetailSchema = z.object({
  sweepId: SweepIdSchema,
  status: SweepStatusSchema,
  chunksDone: z.number().int(),
  chunks: z.number().int(),
});
export type SweepProgressDetail = z.infer<typeof SweepProgressDetailSchema>;

export const SweepSummarySchema = z.object({
  id: SweepIdSchema,
  datasetId: IdSchema,
  strategyId: z.string(),
  preset: z.string().nullable(),
  status: SweepStatusSchema,
  error: z.string().nullable(),
  metric: z.string(),
  seed: z.number().int(),
  configHash: z.string(),
  /** the job that last ran it (jobs:cancel / jobs:resume take this id) */
  jobId: JobIdSchema.nullable(),
  /** combinations in total / measured so far */
  total: z.number().int(),
  done: z.number().int(),
  chunks: z.number().int(),
  chunksDone: z.number().int(),
  createdAt: TimeMsSchema,
  updatedAt: TimeMsSchema,
  finishedAt: TimeMsSchema.nullable(),
  /** compute wall time summed over sessions, ms */
  elapsedMs: z.number(),
});
export type SweepSummary = z.infer<typeof SweepSummarySchema>;

export const SweepResultRowSchema = z.object({
  /** combination index in the sweep's canonical order */
  index: z.number().int(),
  params: z.record(z.string(), ParamValueSchema),
  metrics: MetricsRecordSchema,
});

const HeatValue = z.union([z.number(), z.string(), z.boolean(), z.null()]);

export const sweepsDomain = defineDomain({
  commands: {
    'sweeps:start': {
      doc: 'Start a parameter sweep (grid, preset or seeded random search) on the worker pool.',
      input: SweepStartInputSchema,
      output: z.object({ sweepId: SweepIdSchema, jobId: JobIdSchema, total: z.number().int(), configHash: z.string(), status: SweepStatusSchema }),
    },
    'sweeps:list': {
      doc: 'Sweeps, newest first.',
      input: z.object({
        datasetId: IdSchema.optional(),
        strategyId: z.string().optional(),
        limit: z.number().int().min(1).max(1000).default(50),
        offset: z.number().int().min(0).default(0),
      }).default({ limit: 50, offset: 0 }),
      output: z.object({ sweeps: z.array(SweepSummarySchema), total: z.number().int() }),
    },
    'sweeps:get': {
      doc: 'One sweep: status, progress, configuration, seed, config hash (and results hash once done).',
      input: z.object({ id: SweepIdSchema }),
      output: SweepSummarySchema.extend({
        config: z.record(z.string(), z.unknown()),
        resultsHash: z.string().nullable(),
      }),
    },
    'sweeps:results': {
      doc: 'Ranked sweep results (params + metrics), sorted by any metric, with paging and metric filters.',
      input: z.object({
        id: SweepIdSchema,
        sortBy: MetricNameSchema.optional(),
        desc: z.boolean().default(true),
        limit: z.number().int().min(1).max(100_000).default(20),
        offset: z.number().int().min(0).default(0),
        filters: z.array(z.object({ metric: MetricNameSchema, min: z.number().optional(), max: z.number().optional() })).max(32).default([]),
      }),
      output: z.object({ rows: z.array(SweepResultRowSchema), total: z.number().int(), sortBy: z.string() }),
    },
    'sweeps:heatmap': {
      doc: 'A metric over two swept parameters (other parameters aggregated by max).',
      input: z.object({ id: SweepIdSchema, x: z.string().max(64), y: z.string().max(64), metric: MetricNameSchema.optional() }),
      output: z.object({
        x: z.array(HeatValue), y: z.array(HeatValue), z: z.array(z.array(z.number().nullable())), metric: z.string(),
        /** per cell (laid out like z) the stored row that produced its value: params and the fixed-list metrics (hover) */
        cells: z.array(z.array(SweepResultRowSchema.nullable())),
      }),
    },
    'sweeps:cell': {
      doc: 'The best combination of one heatmap cell (x = xValue, y = yValue; best by the metric, as the heatmap aggregates).',
      input: z.object({ id: SweepIdSchema, x: z.string().max(64), y: z.string().max(64), xValue: HeatValue, yValue: HeatValue, metric: MetricNameSchema.optional() }),
      output: z.object({ row: SweepResultRowSchema.nullable(), count: z.number().int(), metric: z.string() }),
    },
    'sweeps:presets': {
      doc: 'Sweep presets shipped in config/sweeps (SPEC §4).',
      input: z.object({}).default({}),
      output: z.object({
        presets: z.array(z.object({
          name: z.string(),
          strategyId: z.string(),
          description: z.string(),
          grid: z.record(z.string(), SweepRangeSchema),
          constraints: z.array(z.string()),
        })),
      }),
    },
  },
});
