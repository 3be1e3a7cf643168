import { z } from 'zod';
import { defineDomain } from '../define';
import { SearchTextSchema } from '../name-lists';
import { JobIdInput, JobIdSchema } from './jobs';
import { DatasetSourceSchema, DatasetSummarySchema, IdSchema, PageSchema, QualityReportSchema, TimeMsSchema } from '../schemas';

const ImportedSchema = z.object({
  dataset: DatasetSummarySchema,
  /** false when the same content was already stored (deduplicated by content hash) */
  created: z.boolean(),
});

/** Downsampled OHLCV for a chart: one bucket per point (open first, high max, low min, close last, volume sum). */
export const OhlcSeriesSchema = z.object({
  time: z.array(z.number()),
  open: z.array(z.number()),
  high: z.array(z.number()),
  low: z.array(z.number()),
  close: z.array(z.number()),
  volume: z.array(z.number()),
  /** bars in the requested range before downsampling */
  totalBars: z.number().int(),
  /** bars per bucket (1 = not downsampled) */
  barsPerPoint: z.number().int(),
});

/**
 * Generation runs where the request arrives, so its work is bounded before it starts: at most 2,000,000 bars
 * (≈ 0.8 s; the seeded 1-minute year is 525,600) and at most 20,000,000 generated ticks (bars × ticks per bar).
 */
export const SYNTH_MAX_BARS = 2_000_000;
export const SYNTH_MAX_TICKS = 20_000_000;

export const SynthInputSchema = z.object({
  kind: z.enum(['regime', 'garch']),
  bars: z.number().int().min(2).max(SYNTH_MAX_BARS),
  seed: z.number().int().default(42),
  name: z.string().min(1).max(200).optional(),
  symbol: z.string().max(40).optional(),
  /** first bar time, epoch ms (default 2024-01-01T00:00:00Z); within the years 1970–2200 */
  startMs: TimeMsSchema.min(0).max(7_258_118_400_000).optional(),
  /** bar spacing in ms (default 60,000 = 1 minute; at most 1 week) */
  intervalMs: z.number().int().positive().max(604_800_000).optional(),
  /** regime generator: start price (SPEC §5 base 50,000) */
  base: z.number().min(1e-6).max(1e12).optional(),
  /** regime generator: volatility scale (SPEC §5 0.02) */
  volatility: z.number().positive().max(1).optional(),
  /** regime generator: number of contiguous regimes (SPEC §5 3) */
  regimes: z.number().int().min(1).max(1000).optional(),
  /** garch generator: start price */
  startPrice: z.number().min(1e-6).max(1e12).optional(),
  /** garch generator: ticks aggregated per bar */
  ticksPerBar: z.number().int().min(1).max(10_000).optional(),
}).refine((i) => i.bars * (i.ticksPerBar ?? 1) <= SYNTH_MAX_TICKS, {
  path: ['ticksPerBar'],
  message: `bars × ticks per bar must be at most ${SYNTH_MAX_TICKS.toLocaleString('en-US')} generated ticks`,
});

export const dataDomain = defineDomain({
  commands: {
    'data:import': {
      doc: 'Import an OHLCV CSV (from a path, or its text); the same content twice returns the stored data set.',
      input: z.union([
        z.object({ path: z.string().min(1), name: z.string().min(1).max(200).optional(), symbol: z.string().max(40).optional() }),
        z.object({ csvText: z.string().min(1), name: z.string().min(1).max(200), symbol: z.string().max(40).optional() }),
      ]),
      output: ImportedSchema,
    },
    'data:synth': {
      doc: 'Generate a seeded synthetic data set (contiguous regimes or Markov-switching GARCH, SPEC §5).',
      input: SynthInputSchema,
      output: ImportedSchema,
    },
    'data:download': {
      doc: 'Download OHLCV candles from an exchange with ccxt (Kraken by default); resumes after a stored data set.',
      input: z.object({
        exchange: z.string().min(1).max(40).default('kraken'),
        symbol: z.string().min(1).max(40),
        timeframe: z.string().min(1).max(10).default('1h'),
        /** epoch ms */
        since: TimeMsSchema,
        until: TimeMsSchema.optional(),
        name: z.string().min(1).max(200).optional(),
        /** ms between requests instead of the exchange's own rate limit (e.g. 5 for a local replay server) */
        rateLimitMs: z.number().int().min(0).max(60_000).optional(),
        /** continue a stored data set after its last bar; the result is stored as a new data set */
        resumeDatasetId: IdSchema.optional(),
        ...JobIdInput,
      }),
      output: ImportedSchema.extend({ pages: z.number().int(), fetchedBars: z.number().int(), jobId: JobIdSchema }),
    },
    'data:list': {
      doc: 'Stored data sets, newest first.',
      input: z.object({ source: DatasetSourceSchema.optional(), text: SearchTextSchema.optional(), ...PageSchema }).default({ limit: 50, offset: 0 }),
      output: z.object({ datasets: z.array(DatasetSummarySchema), total: z.number().int() }),
    },
    'data:get': {
      doc: 'A data set with its quality report.',
      input: z.object({ id: IdSchema }),
      output: z.object({ dataset: DatasetSummarySchema, quality: QualityReportSchema }),
    },
    'data:bars': {
      doc: 'OHLCV of a data set in [from, to] downsampled to at most maxPoints buckets for a chart.',
      input: z.object({
        id: IdSchema,
        from: TimeMsSchema.optional(),
        to: TimeMsSchema.optional(),
        maxPoints: z.number().int().min(2).max(1_000_000).default(2000),
      }),
      output: OhlcSeriesSchema,
    },
    'data:delete': {
      doc: 'Delete a data set. Refused (CONFLICT) while runs reference it unless force deletes them too.',
      input: z.object({ id: IdSchema, force: z.boolean().default(false) }),
      output: z.object({ deleted: z.boolean(), runsDeleted: z.number().int() }),
    },
  },
  events: {
    'data:did-change': z.object({ action: z.enum(['created', 'deleted']), id: IdSchema }),
  },
});
