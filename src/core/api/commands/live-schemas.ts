/** Schemas of the live domain (sessions, gates, risk, drills, alerts, audit snapshot). */
import { z } from 'zod';
import { ENVIRONMENTS, EFFECTIVE_MODES, GATE_NAMES } from '../../live/environment';
import { TightenLimitsSchema } from '../../live/effective-config';
import { DRILL_IDS } from '../../live/drills';
import { ALERT_CODES, ALERT_LEVEL_NAMES } from '../../live/alerts';
import { EngineConfigPatchSchema, IdSchema, TradeSchema } from '../schemas';

export const SessionIdSchema = z.number().int().positive();
export const SESSION_STATUSES = ['running', 'paused', 'stopped', 'completed', 'halted', 'failed'] as const;
export const SessionStatusSchema = z.enum(SESSION_STATUSES);
export const SpeedSchema = z.enum(['1x', '10x', '100x', 'max']);
export const TradingStateSchema = z.enum(['ACTIVE', 'REDUCING', 'HALTED']);
export const SeveritySchema = z.enum(['ok', 'warning', 'breach']);
export const AlertLevelSchema = z.enum(ALERT_LEVEL_NAMES);

export const FeedSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('replay'), datasetId: IdSchema, speed: SpeedSchema.default('max') }),
  z.strictObject({
    kind: z.literal('generator'),
    /** seeded Markov-switching GARCH bars (SPEC §5) */
    seed: z.number().int().default(42),
    /** bars are generated at once before the session starts (on the event loop): 1,000,000 is ~0.25 s, 5,000,000 was 1.2 s */
    n: z.number().int().min(2).max(1_000_000).default(2000),
    /** bar length, ms (1-second bars make a lively demo at 1×) */
    intervalMs: z.number().int().min(1000).max(86_400_000).default(60_000),
    startPrice: z.number().positive().max(1e9).default(50_000),
    speed: SpeedSchema.default('max'),
  }),
]);
export type Feed = z.infer<typeof FeedSchema>;

export const SessionStartInputSchema = z.strictObject({
  name: z.string().max(120).optional(),
  /** the environment the session runs in: paper → paper broker; shadow/testnet/live_dry_run → dry-run executor */
  mode: z.enum(['paper', 'shadow', 'live_dry_run']).default('paper'),
  feed: FeedSchema,
  strategyId: z.string().min(1).max(80),
  params: z.record(z.string().max(80), z.unknown()).default({}),
  engine: EngineConfigPatchSchema.default({}),
  /** enforce: a breach blocks and may halt; monitor: evaluated and alerted, never blocks (backtest parity) */
  riskMode: z.enum(['enforce', 'monitor']).default('enforce'),
  /** a request may only TIGHTEN limits (loosening goes through the reviewed governance loop) */
  riskLimits: TightenLimitsSchema.default({}),
  maxDurationS: z.number().positive().max(30 * 86_400).optional(),
  seed: z.number().int().optional(),
  /** client-chosen job id (the job registry uses it) */
  jobId: z.string().min(1).max(120).regex(/^[A-Za-z0-9._:-]+$/).optional(),
  /** resolve only when the session has ended (CLI --wait) */
  wait: z.boolean().default(false),
  note: z.string().max(2000).optional(),
});

export const SessionSummarySchema = z.object({
  id: SessionIdSchema,
  name: z.string(),
  mode: z.string(),
  strategyId: z.string(),
  datasetId: z.string().nullable(),
  feed: FeedSchema,
  seed: z.number(),
  configHash: z.string(),
  status: SessionStatusSchema,
  statusDetail: z.string().nullable(),
  createdAt: z.number(),
  endedAt: z.number().nullable(),
  barsDone: z.number().int(),
  barsTotal: z.number().int().nullable(),
  equityStart: z.number(),
  equityLast: z.number(),
  /** (equityLast / equityStart − 1)·100 */
  pnlPct: z.number(),
  tradeCount: z.number().int(),
  rejected: z.number().int(),
  symbol: z.string(),
  firstTime: z.number().nullable(),
  lastTime: z.number().nullable(),
});
export type SessionSummary = z.infer<typeof SessionSummarySchema>;

export const OrderRecordSchema = z.object({
  seq: z.number().int(),
  bar: z.number().int(),
  time: z.number(),
  side: z.enum(['buy', 'sell']),
  units: z.number(),
  refPrice: z.number(),
  fillPrice: z.number(),
  fee: z.number(),
  reduces: z.boolean(),
  reason: z.string(),
  status: z.enum(['filled', 'rejected']),
  rejectReason: z.string().nullable(),
  slippageBps: z.number(),
  latency: z.object({ signalToSendMs: z.number(), sendToAckMs: z.number(), ackToFillMs: z.number() }),
});

export const SessionConfigSchema = z.object({
  params: z.record(z.string(), z.unknown()),
  engine: z.record(z.string(), z.unknown()),
  riskMode: z.enum(['enforce', 'monitor']),
  risk: z.record(z.string(), z.unknown()),
  limitsSource: z.string(),
  maxDurationS: z.number(),
  note: z.string().nullable(),
});

export const LiveEventSchema = z.object({
  id: z.number().int(),
  sessionId: z.number().int().nullable(),
  ts: z.number(),
  kind: z.string(),
  level: AlertLevelSchema.nullable(),
  message: z.string(),
  data: z.unknown(),
});
export type LiveEvent = z.infer<typeof LiveEventSchema>;

export const SessionDetailSchema = SessionSummarySchema.extend({
  config: SessionConfigSchema,
  trades: z.array(TradeSchema),
  openTrade: TradeSchema.nullable(),
  orders: z.array(OrderRecordSchema),
  /** equity per bar done (the last bar of a finished session: after the end-of-data close) */
  equity: z.array(z.number()),
  /** bar times matching `equity` */
  time: z.array(z.number()),
  events: z.array(LiveEventSchema),
  latency: z.object({ orders: z.number().int(), meanSignalToSendMs: z.number(), meanSlippageBps: z.number() }),
});
export type SessionDetail = z.infer<typeof SessionDetailSchema>;

export const GateStateSchema = z.object({ gate: z.enum(GATE_NAMES), value: z.string(), pass: z.boolean(), reason: z.string().nullable() });

export const TradingStatusSchema = z.object({
  state: TradingStateSchema,
  cause: z.enum(['breach', 'kill_switch', 'manual', 'reset']).nullable(),
  reason: z.string().nullable(),
  since: z.number(),
  actor: z.string().nullable(),
});

export const RiskMetricSchema = z.object({
  limit: z.string(), value: z.number(), max: z.number(), utilisation: z.number(), margin: z.number(), severity: SeveritySchema,
});
export const RiskEvaluationSchema = z.object({
  allowed: z.boolean(), severity: SeveritySchema, reasons: z.array(z.string()), metrics: z.array(RiskMetricSchema),
});

export const HealthCheckSchema = z.object({ name: z.string(), ok: z.boolean(), detail: z.string() });

export const LiveStatusSchema = z.object({
  environment: z.enum(ENVIRONMENTS),
  effectiveMode: z.enum(EFFECTIVE_MODES),
  liveLocked: z.literal(true),
  liveLockedReason: z.string(),
  gates: z.array(GateStateSchema),
  liveExecutionAllowed: z.boolean(),
  reasons: z.array(z.string()),
  tradingState: TradingStatusSchema,
  riskLimits: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
  limitsSource: z.string(),
  portfolio: RiskEvaluationSchema,
  health: z.enum(['green', 'yellow', 'red']),
  sessions: z.object({ total: z.number().int(), running: z.number().int(), byMode: z.record(z.string(), z.number().int()) }),
  tier: z.object({ liveOrderExecution: z.literal('locked'), allowedTiers: z.array(z.string()) }),
});

export const PortfolioSchema = z.object({
  equity: z.number(),
  exposure: z.number(),
  positions: z.array(z.object({ sessionId: z.number().int(), symbol: z.string(), qty: z.number(), price: z.number(), notional: z.number() })),
  evaluation: RiskEvaluationSchema,
});

export const DrillResultSchema = z.object({
  id: z.enum(DRILL_IDS), scenario: z.string(), passed: z.boolean(), expectedAllowed: z.boolean(), isLiveExecutionAllowed: z.boolean(),
  expectedReason: z.string(), reason: z.string(), effectiveMode: z.string(), guardGate: z.string(), notes: z.string(), violations: z.array(z.string()),
});

export const INCIDENT_DRILLS = ['data_gap', 'pnl_divergence', 'risk_violation', 'sink_failure'] as const;
export const IncidentDrillSchema = z.enum(INCIDENT_DRILLS);

export const IncidentResultSchema = z.object({
  drill: IncidentDrillSchema,
  passed: z.boolean(),
  expected: z.string(),
  observed: z.string(),
  sessionId: z.number().int().nullable(),
  alerts: z.array(z.object({ level: AlertLevelSchema, code: z.enum(ALERT_CODES), message: z.string() })),
  stepsTicked: z.array(z.string()),
  notes: z.string(),
});

export const DrillLogEntrySchema = z.object({
  id: z.number().int(), ts: z.number(), kind: z.enum(['gate', 'incident']), drillId: z.string(), passed: z.boolean(),
  expected: z.string(), observed: z.string(), notes: z.string().nullable(),
});

export const RunbookSchema = z.object({ id: IncidentDrillSchema, title: z.string(), steps: z.array(z.string()), markdown: z.string() });

export const AlertRowSchema = z.object({
  id: z.number().int(), ts: z.number(), level: AlertLevelSchema, source: z.string(), code: z.string(), message: z.string(), count: z.number().int(),
  context: z.unknown(),
});

export const SnapshotFileSchema = z.object({ name: z.string(), bytes: z.number().int(), sha256: z.string(), content: z.string() });
