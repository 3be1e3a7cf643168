/** zod schemas of what drills store and send (shared by the repository, the contract and the reports). */
import { z } from 'zod';
import { DrillSignal } from './types';

export const DrillKeySchema = z.enum(['enter_long', 'enter_short', 'exit', 'skip']);
export const QuirkModeSchema = z.enum(['intended', 'spec']);
export const HeatMethodSchema = z.enum(['report', 'features']);

export const DrillConfigSchema = z.object({
  scenarioId: z.string().nullable(),
  source: z.object({ kind: z.enum(['regime', 'garch', 'dataset', 'demo']), seed: z.union([z.number(), z.string()]).nullable(), dataset: z.string().nullable(), start: z.number().int() }),
  strategy: z.string(),
  params: z.record(z.string(), z.unknown()),
  length: z.number().int(),
  speedBarsPerS: z.number(),
  countdownMs: z.number().int(),
  /** bars shown at once before the replay starts (the strategy's warm-up) */
  replayFrom: z.number().int().nonnegative(),
  quirks: QuirkModeSchema,
  method: HeatMethodSchema,
  tags: z.object({ enter_long: z.array(z.string()), enter_short: z.array(z.string()), exit: z.array(z.string()) }),
});
export type DrillConfig = z.infer<typeof DrillConfigSchema>;

export const PricesSchema = z.object({
  time: z.array(z.number()), open: z.array(z.number()), high: z.array(z.number()), low: z.array(z.number()), close: z.array(z.number()),
});
export type Prices = z.infer<typeof PricesSchema>;

export const TagsListSchema = DrillSignal.shape.tags;

const num = z.number();
const nullableNum = z.number().nullable();
const CategorySchema = z.enum(['MISSED', 'SKIPPED', 'IMPULSIVE', 'LATE', 'ON_TIME']);
const OutcomeSchema = z.enum(['HIT', 'MISSED', 'LATE', 'FOMO', 'RULE_BREAK', 'OTHER']);
const ClusterSchema = z.enum(['trend_follow', 'counter_trend', 'breakout', 'exit', 'reentry', 'other']);
const DimensionSchema = z.enum(['fomo', 'loss_fear', 'impulsivity', 'hesitation', 'rule_break']);
const UserActionSchema = z.enum(['EXECUTED', 'SKIPPED', 'FOMO', 'RULE_BREAK', 'OVERSIZE', 'OVERSIZED']);

export const ReactionRecordSchema = z.object({ signalId: z.string(), bar: z.number().int(), reactionMs: nullableNum, userAction: UserActionSchema.nullable(), category: CategorySchema });
export const ReactionSummarySchema = z.object({
  counts: z.record(CategorySchema, num), n: z.number().int(), mean: nullableNum, median: nullableNum, std: nullableNum,
  p50: nullableNum, p90: nullableNum, p95: nullableNum, p99: nullableNum, min: nullableNum, max: nullableNum,
});
export const DrillEventSchema = z.object({
  signalId: z.string(), bar: z.number().int(), time: num, recommended: z.enum(['ENTER_LONG', 'ENTER_SHORT', 'EXIT', 'NONE']), tags: z.array(z.string()),
  userAction: UserActionSchema.nullable(), delayS: num, hasAction: z.boolean(), outcome: OutcomeSchema, pnlAfterBars: nullableNum,
  autoTags: z.array(z.string()), note: z.string(),
});
export const HeatmapSchema = z.object({
  method: HeatMethodSchema, quirks: QuirkModeSchema,
  cells: z.array(z.object({ cluster: ClusterSchema, dimension: DimensionSchema, score: num, heat: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]), signalIds: z.array(z.string()) })),
  counts: z.record(ClusterSchema, num), problemClusters: z.array(ClusterSchema),
});
export const FeatureEventSchema = z.object({
  signalId: z.string(), cluster: ClusterSchema, action: z.enum(['enter', 'exit', 'skip', 'none']), latencyS: nullableNum, movePct: num, pnlBp: num,
  adversePct: num, favorablePct: num, lossStreak: num, skipStreak: num, hasSetup: z.boolean(), hasSignal: z.boolean(), oppositeToSignal: z.boolean(),
  sizeViolation: z.boolean(), riskViolation: z.boolean(), marked: z.object({ fomo: z.boolean(), fear: z.boolean(), impulsive: z.boolean() }),
});
export const PaperTradeSchema = z.object({
  side: z.union([z.literal(1), z.literal(-1)]), entryBar: z.number().int(), entryPrice: num, exitBar: z.number().int(), exitPrice: num, qty: num, fees: num, pnl: num,
  reason: z.enum(['key', 'end_of_data']),
});
export const DrillAnalysisSchema = z.object({
  reactions: z.array(ReactionRecordSchema), summary: ReactionSummarySchema, events: z.array(DrillEventSchema),
  outcomes: z.record(OutcomeSchema, num), painPoints: z.array(DrillEventSchema), heatmapReport: HeatmapSchema, heatmapFeatures: HeatmapSchema,
  featureEvents: z.array(FeatureEventSchema), trades: z.array(PaperTradeSchema), pnl: num, fees: num, offSignalActions: z.number().int(),
});

export const StoredActionSchema = z.object({
  id: z.number().int(), signalId: z.string().nullable(), key: DrillKeySchema, userAction: UserActionSchema, latencyMs: nullableNum,
  bar: z.number().int(), time: num, note: z.string(), receivedAt: num,
});
export const DrillStatusSchema = z.enum(['running', 'finished', 'abandoned']);
export const DrillSummarySchema = z.object({
  id: z.string(), createdAt: num, finishedAt: nullableNum, status: DrillStatusSchema, scenarioId: z.string().nullable(), strategy: z.string(),
  totalSignals: z.number().int(), missedSignals: z.number().int().nullable(), avgReactionMs: nullableNum, pnl: nullableNum,
});
export type DrillSummary = z.infer<typeof DrillSummarySchema>;
export const DrillDetailSchema = z.object({
  drill: DrillSummarySchema, config: DrillConfigSchema, prices: PricesSchema, signals: z.array(DrillSignal),
  actions: z.array(StoredActionSchema), analysis: DrillAnalysisSchema.nullable(),
});
export type DrillDetail = z.infer<typeof DrillDetailSchema>;
