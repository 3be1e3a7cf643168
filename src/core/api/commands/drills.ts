import { z } from 'zod';
import { defineDomain } from '../define';
import { DrillSignal, POLICIES } from '../../drills';
import {
  DrillConfigSchema, DrillDetailSchema, DrillKeySchema, DrillSummarySchema, HeatMethodSchema, PricesSchema, QuirkModeSchema,
} from '../../drills/wire';

/**
 * Trigger-training drills (SPEC §7, issue 11). The renderer replays the bars it got from drills:start and only
 * paints; signals come from the core strategy code on the server. Key presses go to drills:act with the latency the
 * renderer measured (performance.now() from the signal's paint). Scenario ids come from a fixed library.
 */
const DrillIdSchema = z.string().regex(/^drill-[0-9a-f-]{36}$/, 'a drill id (drill-<uuid>)');
const ScenarioIdSchema = z.string().min(1).max(40);

const ScenarioInfoSchema = z.object({
  id: z.string(), name: z.string(), description: z.string(), length: z.number().int(), speedBarsPerS: z.number(), countdownMs: z.number().int(),
  source: z.string(), strategy: z.string(), tags: z.object({ enter_long: z.array(z.string()), enter_short: z.array(z.string()), exit: z.array(z.string()) }),
});
const ReportRefSchema = z.object({ dir: z.string(), html: z.string(), md: z.string(), json: z.string() });
const TrendsSchema = z.object({
  method: HeatMethodSchema,
  scores: z.array(z.object({ cluster: z.string(), dimension: z.string(), points: z.array(z.object({ drillId: z.string(), t: z.number(), score: z.number() })) })),
  reactions: z.array(z.object({ drillId: z.string(), t: z.number(), p50: z.number().nullable(), p90: z.number().nullable(), p95: z.number().nullable(), p99: z.number().nullable() })),
});

export const drillsDomain = defineDomain({
  commands: {
    'drills:scenarios': {
      doc: 'The scenario library (config/drills/*.toml): id, name, generator, strategy, speed, length, tags.',
      input: z.object({}).default({}),
      output: z.array(ScenarioInfoSchema),
    },
    'drills:start': {
      doc: 'Starts a drill from a scenario or a data set window: returns the bars (columnar), the indicator lines and the signals to replay.',
      input: z.object({
        scenario: ScenarioIdSchema.optional(),
        datasetId: z.string().min(1).max(200).optional(),
        start: z.number().int().nonnegative().optional(),
        strategy: z.string().min(1).max(60).optional(),
        params: z.record(z.string().max(60), z.unknown()).optional(),
        length: z.number().int().min(30).max(20_000).optional(),
        speedBarsPerS: z.number().positive().max(1000).optional(),
        countdownMs: z.number().int().min(500).max(60_000).optional(),
        seed: z.union([z.number().int(), z.string().max(64)]).optional(),
        quirks: QuirkModeSchema.optional(),
        method: HeatMethodSchema.optional(),
      }).strict(),
      output: z.object({
        drillId: z.string(), config: DrillConfigSchema, prices: PricesSchema,
        indicators: z.array(z.object({ name: z.string(), values: z.array(z.number().nullable()) })), signals: z.array(DrillSignal),
      }),
    },
    'drills:act': {
      doc: 'Records a key press: the signal it answers (null = off-signal), the key, the measured latency (ms) and the bar on screen.',
      input: z.object({
        drillId: DrillIdSchema, signalId: z.string().min(1).max(64).nullable(), key: DrillKeySchema,
        latencyMs: z.number().min(0).max(3_600_000).nullable(), bar: z.number().int().nonnegative(), note: z.string().max(500).optional(),
      }).strict(),
      output: z.object({ actionId: z.number().int(), userAction: z.string(), category: z.string().nullable() }),
    },
    'drills:finish': {
      doc: 'Finishes a running drill: analysis (reactions, outcomes, heatmaps, paper trades) stored, reports written.',
      input: z.object({ drillId: DrillIdSchema }).strict(),
      output: z.object({ detail: DrillDetailSchema, report: ReportRefSchema }),
    },
    'drills:abandon': {
      doc: 'Abandons a running drill (stored as abandoned, with the actions so far).',
      input: z.object({ drillId: DrillIdSchema }).strict(),
      output: DrillSummarySchema,
    },
    'drills:list': {
      doc: 'Drills, newest first.',
      input: z.object({ limit: z.number().int().min(1).max(1000).default(200) }).default({ limit: 200 }),
      output: z.array(DrillSummarySchema),
    },
    'drills:get': {
      doc: 'One drill: config, prices, signals, actions and (when finished) its analysis.',
      input: z.object({ drillId: DrillIdSchema }).strict(),
      output: DrillDetailSchema,
    },
    'drills:trends': {
      doc: 'Trends across finished drills: heatmap scores per cluster × dimension over time, reaction percentiles per drill.',
      input: z.object({ method: HeatMethodSchema.default('report') }).default({ method: 'report' }),
      output: TrendsSchema,
    },
    'drills:report': {
      doc: 'Writes (again) the HTML + Markdown + JSON report of a finished drill; returns the file paths.',
      input: z.object({ drillId: DrillIdSchema }).strict(),
      output: ReportRefSchema,
    },
    'drills:demo': {
      doc: 'Runs the SPEC §7 offline demo session (60 bars, 5 signals) and stores it as a finished drill.',
      input: z.object({ quirks: QuirkModeSchema.default('intended') }).default({ quirks: 'intended' }),
      output: z.object({ detail: DrillDetailSchema, report: ReportRefSchema }),
    },
    'drills:auto': {
      doc: 'Plays a scenario with a scripted trader (policy) and finishes it: for automation suites and tests.',
      input: z.object({ scenario: ScenarioIdSchema, policy: z.enum(POLICIES), seed: z.union([z.number().int(), z.string().max(64)]).optional(), length: z.number().int().min(30).max(20_000).optional() }).strict(),
      output: z.object({ total_signals: z.number().int(), missed_signals: z.number().int(), avg_reaction_ms: z.number().nullable(), drillId: z.string() }),
    },
  },
  events: {
    'drills:did-change': z.object({ id: z.string(), status: z.enum(['running', 'finished', 'abandoned']) }),
  },
});
