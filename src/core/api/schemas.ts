/**
 * Shared zod schemas of the contract (data sets, runs, trades, engine config). Declared once; the command
 * modules in ./commands compose them. Times are epoch milliseconds UTC; rates are fractions (0.001 = 10 bps);
 * percentages carry a `Pct` suffix and are in percent.
 */
import { z } from 'zod';
import { ENGINE_PRESETS } from '../engine/types';
import { SweepRangeSchema as SweepRangeSchemaOnce } from '../strategies/types';
import type { EngineConfig, Sizing, Trade } from '../engine/types';
import { QualityReport } from '../data/quality';
import { MetricsSchema } from '../metrics/metrics';

export const IdSchema = z.string().min(1).max(200);
export const RunIdSchema = z.number().int().positive();
/** epoch milliseconds UTC */
export const TimeMsSchema = z.number().finite();

// ---- engine -------------------------------------------------------------------------------------------

export const SizingSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('fraction'), fraction: z.number().positive().max(100) }),
  z.object({ mode: z.literal('all_in_units') }),
  z.object({ mode: z.literal('fixed_notional'), notional: z.number().positive() }),
]) satisfies z.ZodType<Sizing>;

const pctOrNull = z.number().positive().max(10).nullable();

export const EngineConfigSchema = z.object({
  preset: z.enum(ENGINE_PRESETS),
  cash: z.number().positive(),
  commission: z.number().min(0).max(0.5),
  slippage: z.number().min(0).max(0.5),
  fill: z.enum(['next_open', 'close']),
  sizing: SizingSchema,
  stopLossPct: pctOrNull,
  takeProfitPct: pctOrNull,
  trailingStopPct: pctOrNull,
  finalize: z.boolean(),
}) satisfies z.ZodType<EngineConfig>;

/** What a caller may pass: any subset; the preset's defaults fill the rest (see resolveEngineConfig). */
export const EngineConfigPatchSchema = EngineConfigSchema.partial();
export type EngineConfigPatch = z.infer<typeof EngineConfigPatchSchema>;

export const TradeSchema = z.object({
  entryBar: z.number().int(),
  /** -1 while open */
  exitBar: z.number().int(),
  entryTime: TimeMsSchema,
  exitTime: TimeMsSchema,
  /** signed units: > 0 long, < 0 short */
  size: z.number(),
  entryPrice: z.number(),
  exitPrice: z.number(),
  /** net of this trade's fees, quote currency */
  pnl: z.number(),
  /** net return on the entry notional, fraction */
  returnPct: z.number(),
  fees: z.number(),
  exitReason: z.enum(['signal', 'stop_loss', 'take_profit', 'trailing_stop', 'end_of_data', 'ruin', 'open']),
}) satisfies z.ZodType<Trade>;

/**
 * Metrics of a run keyed by name (computeMetrics fields: totalReturnPct, sharpe, maxDrawdownPct, trades, …).
 * null where a figure is undefined (no trades, zero variance) so JSON stays valid.
 */
export const MetricsRecordSchema = MetricsSchema.partial().catchall(z.number().nullable());
/** backtesting.py's stats keyed with its own names ("Return [%]", "# Trades", …); backtesting-py preset only. */
export const StatsRecordSchema = z.record(z.string(), z.number().nullable());

// ---- data sets --------------------------------------------------------------------------------------

export const DatasetSourceSchema = z.enum(['csv', 'synthetic', 'download', 'seed']);

/** Validation report of a data set (the schema of core/data/quality.ts). */
export const QualityReportSchema = QualityReport;
export type QualityReportView = z.infer<typeof QualityReportSchema>;

export const DatasetSummarySchema = z.object({
  id: IdSchema,
  name: z.string(),
  symbol: z.string().nullable(),
  source: DatasetSourceSchema,
  /** file path, exchange id or generator name */
  sourceDetail: z.string().nullable(),
  bars: z.number().int(),
  firstTime: TimeMsSchema,
  lastTime: TimeMsSchema,
  intervalMs: z.number(),
  intervalLabel: z.string(),
  calendar: z.enum(['24/7', 'exchange']),
  gapCount: z.number().int(),
  /** sha256 hex over the bar columns */
  contentHash: z.string(),
  createdAt: TimeMsSchema,
});
export type DatasetSummary = z.infer<typeof DatasetSummarySchema>;

// ---- strategies -------------------------------------------------------------------------------------

export { SweepRangeSchema } from '../strategies/types';

/** JSON description of one strategy parameter (the registry's ParamDescription), enough for a form or `--param k=v`. */
export const ParamDescSchema = z.object({
  name: z.string(),
  type: z.enum(['integer', 'number', 'boolean', 'enum', 'json']),
  /** null is accepted (means "off") */
  nullable: z.boolean(),
  default: z.unknown(),
  /** inclusive unless the matching exclusive flag is set */
  min: z.number().optional(),
  max: z.number().optional(),
  exclusiveMin: z.boolean().optional(),
  exclusiveMax: z.boolean().optional(),
  values: z.array(z.string()).optional(),
  sweep: SweepRangeSchemaOnce.optional(),
});

export const StrategyInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  version: z.string(),
  author: z.string(),
  tier: z.enum(['core', 'aux', 'legacy', 'r_and_d']),
  style: z.enum(['state', 'event']),
  regime: z.enum(['any', 'trending', 'ranging']),
  tags: z.array(z.string()),
  params: z.array(ParamDescSchema),
  /** the full default parameter set */
  defaults: z.record(z.string(), z.unknown()),
});
export type StrategyInfo = z.infer<typeof StrategyInfoSchema>;

// ---- runs -------------------------------------------------------------------------------------------

/** Run kinds: 'backtest' here; research helpers add theirs (walkforward, montecarlo, stress, portfolio …). */
export const RunKindSchema = z.string().min(1).max(40);

export const RunSummarySchema = z.object({
  id: RunIdSchema,
  kind: RunKindSchema,
  datasetId: IdSchema.nullable(),
  datasetName: z.string().nullable(),
  strategyId: z.string().nullable(),
  params: z.record(z.string(), z.unknown()),
  engine: EngineConfigSchema.nullable(),
  seed: z.number().int(),
  /** sha256 hex of canonical JSON { dataset content hash, strategy, params, engine, seed } */
  configHash: z.string(),
  metrics: MetricsRecordSchema,
  /** backtesting-py preset only */
  stats: StatsRecordSchema.nullable(),
  tradeCount: z.number().int(),
  /** bar range the run covered, [from, to] epoch ms */
  fromTime: TimeMsSchema.nullable(),
  toTime: TimeMsSchema.nullable(),
  createdAt: TimeMsSchema,
  durationMs: z.number(),
  note: z.string().nullable(),
});
export type RunSummary = z.infer<typeof RunSummarySchema>;

export const RunDetailSchema = RunSummarySchema.extend({
  trades: z.array(TradeSchema),
  openTrades: z.array(TradeSchema),
});
export type RunDetail = z.infer<typeof RunDetailSchema>;

export const PageSchema = {
  limit: z.number().int().min(1).max(10_000).default(50),
  offset: z.number().int().min(0).default(0),
};
