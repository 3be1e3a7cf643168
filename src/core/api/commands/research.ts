/**
 * Robustness research commands: walk-forward, Monte-Carlo, stress, overfitting statistics (PSR/DSR/PBO),
 * Go/No-Go, portfolio recipes, and the reports they write. Long commands run as jobs ('jobs:did-progress').
 * Units: Sharpe annualised unless named per-period; drawdowns and returns are fractions (−0.15 = −15 %).
 */
import { z } from 'zod';
import { defineDomain } from '../define';
import { MetricNameSchema } from '../name-lists';
import { EngineConfigPatchSchema, IdSchema, RunIdSchema, TimeMsSchema } from '../schemas';
import { GoNoGoInputSchema, GoNoGoResultSchema } from '../../research/gonogo';
import { McSummarySchema } from '../../research/montecarlo';
import { ReportModelSchema } from '../../research/report-model';
import { STRESS_KINDS, StressSummarySchema } from '../../research/stress';
import { ParamValueSchema, SweepRangeSchema } from '../../strategies/types';
import { JobIdInput, JobIdSchema } from './jobs';

const ParamValue = ParamValueSchema;
const SweepRange = SweepRangeSchema;
const WindowLength = z.union([z.number().int().positive(), z.string().regex(/^\d+(\.\d+)?[mhdw]$/, "a duration like '180d', '12h', '4w' or '90m'")]);

/** Where the returns come from: a stored backtest run, or a backtest run now. */
export const ReturnSourceSchema = z.union([
  z.object({ runId: RunIdSchema }),
  z.object({
    datasetId: IdSchema,
    strategyId: z.string().min(1),
    params: z.record(z.string(), z.unknown()).default({}),
    engine: EngineConfigPatchSchema.default({}),
    from: TimeMsSchema.optional(),
    to: TimeMsSchema.optional(),
  }),
]);

export const ReportRefSchema = z.object({
  dir: z.string(),
  html: z.string().nullable(),
  md: z.string().nullable(),
  json: z.string().nullable(),
});
export type ReportRef = z.infer<typeof ReportRefSchema>;

const ResearchRunBase = {
  /** stored run id (0 when save = false) */
  runId: z.number().int().nonnegative(),
  kind: z.enum(['walkforward', 'montecarlo', 'stress', 'portfolio']),
  seed: z.number().int(),
  configHash: z.string(),
  durationMs: z.number(),
  report: ReportRefSchema.nullable(),
  jobId: JobIdSchema,
};

// Result shapes declared once, next to the code that computes them (core/research/*), re-exported here.
export { McSummarySchema, StressSummarySchema, GoNoGoResultSchema };

const NumOrNull = z.number().nullable();
const SegmentMetricsOut = z.record(z.string(), NumOrNull);
export const WfSummarySchema = z.object({
  folds: z.array(z.object({
    window: z.object({ index: z.number(), trainStart: z.number(), trainEnd: z.number(), testStart: z.number(), testEnd: z.number() }),
    trainFrom: TimeMsSchema, trainTo: TimeMsSchema, testFrom: TimeMsSchema, testTo: TimeMsSchema,
    params: z.record(z.string(), z.unknown()),
    is: SegmentMetricsOut,
    oos: SegmentMetricsOut,
  })),
  aggregates: z.record(z.string(), NumOrNull),
  stitched: z.object({ time: z.array(z.number()), equity: z.array(z.number()) }),
  stitchedTotalReturn: NumOrNull,
  stitchedMaxDrawdown: NumOrNull,
  stitchedSharpe: NumOrNull,
  efficiency: NumOrNull,
  meanIsAnnualReturn: NumOrNull,
  meanOosAnnualReturn: NumOrNull,
  gridSize: z.number(),
  metric: z.string(),
});

export type WfSummary = z.infer<typeof WfSummarySchema>;
export type McSummaryResult = z.infer<typeof McSummarySchema>;
export type StressSummaryResult = z.infer<typeof StressSummarySchema>;

export const OverfittingResultSchema = z.object({
  sweepId: z.number().int(),
  nTrials: z.number().int(),
  blocks: z.number().int(),
  metric: z.string(),
  best: z.object({ index: z.number().int(), params: z.record(z.string(), z.unknown()), sharpe: NumOrNull }),
  /** per-period Sharpe of the best combination and its moments (population skew, RAW kurtosis) */
  perPeriodSharpe: z.number(),
  n: z.number(),
  skew: z.number(),
  kurtosis: z.number(),
  periodsPerYear: z.number(),
  /** variance of the trials' per-period Sharpes */
  varianceOfSharpes: z.number(),
  psr: z.number(),
  dsr: z.number(),
  /** deflated benchmark, per period and annualised */
  srStar: z.number(),
  srStarAnnual: z.number(),
  pbo: z.number(),
  nSplits: z.number().int(),
  probOosLoss: z.number(),
  degradation: z.object({ slope: NumOrNull, intercept: NumOrNull }),
  logitHistogram: z.object({ edges: z.array(z.number()), counts: z.array(z.number()) }),
  /** (IS, OOS) per-period Sharpe of the IS-best per split, at most 2,000 evenly sampled */
  isOos: z.array(z.tuple([z.number(), z.number()])),
});

export type GoNoGoResult = z.infer<typeof GoNoGoResultSchema>;
export type OverfittingResult = z.infer<typeof OverfittingResultSchema>;

const WfSpecInput = {
  train: WindowLength,
  test: WindowLength,
  step: WindowLength.nullable().optional(),
  mode: z.enum(['rolling', 'anchored']).default('rolling'),
};

export const researchDomain = defineDomain({
  commands: {
    'walkforward:run': {
      doc: 'Walk-forward: optimise a parameter grid in-sample per window by a metric, evaluate out-of-sample, stitch and report.',
      input: z.object({
        datasetId: IdSchema,
        strategyId: z.string().min(1),
        /** parameters held fixed */
        params: z.record(z.string(), ParamValue).default({}),
        /** grid to optimise in-sample (empty = just the fixed parameters); or a sweep preset name */
        grid: z.record(z.string(), SweepRange).default({}),
        sweepPreset: z.string().optional(),
        constraints: z.array(z.string()).default([]),
        ...WfSpecInput,
        metric: MetricNameSchema.default('sharpe'),
        engine: EngineConfigPatchSchema.default({}),
        seed: z.number().int().optional(),
        from: TimeMsSchema.optional(),
        to: TimeMsSchema.optional(),
        save: z.boolean().default(true),
        report: z.boolean().default(true),
        ...JobIdInput,
      }),
      output: z.object({ ...ResearchRunBase, summary: WfSummarySchema }),
    },
    'montecarlo:run': {
      doc: 'Monte-Carlo of a backtest: iid/block bootstrap of per-bar returns or trade-order shuffle; percentiles, probability of loss, fan chart.',
      input: z.object({
        source: ReturnSourceSchema,
        method: z.enum(['iid', 'block', 'trade_shuffle']).default('iid'),
        nPaths: z.number().int().positive().max(1_000_000).default(1000),
        blockSize: z.number().int().positive().default(20),
        seed: z.number().int().optional(),
        save: z.boolean().default(true),
        report: z.boolean().default(true),
        ...JobIdInput,
      }),
      output: z.object({ ...ResearchRunBase, summary: McSummarySchema }),
    },
    'stress:run': {
      doc: 'Stress scenarios on a backtest\'s returns: baseline vs stressed metrics and their difference.',
      input: z.object({
        source: ReturnSourceSchema,
        scenarios: z.array(z.enum(STRESS_KINDS)).min(1).default([...STRESS_KINDS]),
        /** overrides every scenario's default severity */
        severity: z.number().min(0).max(1).optional(),
        position: z.enum(['start', 'middle', 'end']).default('middle'),
        seed: z.number().int().optional(),
        save: z.boolean().default(true),
        report: z.boolean().default(true),
        ...JobIdInput,
      }),
      output: z.object({ ...ResearchRunBase, summary: StressSummarySchema }),
    },
    'research:overfitting': {
      doc: 'PSR, Deflated Sharpe (N = the sweep\'s size) and PBO by CSCV of a finished sweep.',
      input: z.object({ sweepId: z.number().int().positive(), metric: MetricNameSchema.optional(), ...JobIdInput }),
      output: OverfittingResultSchema.extend({ jobId: JobIdSchema }),
    },
    'research:gonogo': {
      doc: 'Go/No-Go verdict from metrics, walk-forward OOS Sharpe, DSR, PBO, stress and Monte-Carlo against config/gonogo.toml.',
      input: GoNoGoInputSchema,
      output: GoNoGoResultSchema,
    },
    'research:portfolio': {
      doc: 'Run a portfolio recipe: member backtests → allocation → walk-forward → Monte-Carlo → stress → Go/No-Go, and write the report.',
      input: z.object({
        preset: z.string().min(1),
        datasetId: IdSchema,
        seed: z.number().int().optional(),
        engine: EngineConfigPatchSchema.default({}),
        /** walk-forward windows of the OOS check (default: 5 anchored windows over the data) */
        walkforward: z.object(WfSpecInput).optional(),
        /** override the recipe's Monte-Carlo path count */
        nPaths: z.number().int().positive().optional(),
        from: TimeMsSchema.optional(),
        to: TimeMsSchema.optional(),
        save: z.boolean().default(true),
        ...JobIdInput,
      }),
      output: z.object({
        ...ResearchRunBase,
        recipe: z.string(),
        members: z.array(z.object({ name: z.string(), strategyId: z.string(), params: z.record(z.string(), z.unknown()), weight: z.number(), metrics: z.record(z.string(), NumOrNull) })),
        metrics: z.record(z.string(), NumOrNull),
        walkforward: WfSummarySchema.nullable(),
        montecarlo: McSummarySchema.nullable(),
        stress: StressSummarySchema.nullable(),
        gonogo: GoNoGoResultSchema,
        warnings: z.array(z.string()),
      }),
    },
    'research:recipes': {
      doc: 'The portfolio recipes of config/portfolio_recipes.toml.',
      input: z.object({}).default({}),
      output: z.object({ recipes: z.array(z.object({ id: z.string(), portfolioName: z.string(), riskProfile: z.string(), members: z.array(z.string()), weights: z.array(z.number()) })), warnings: z.array(z.string()) }),
    },
    'reports:get': {
      doc: 'The report files (HTML, Markdown, JSON) written for a run; with `model`, its structured report (sections, tables, chart traces) for drawing in the app.',
      input: z.object({
        runId: RunIdSchema,
        /** true: also send the HTML report prepared for the app (scripts removed; read from the run's stored report) */
        content: z.boolean().default(false),
        /** true: also send the stored report model (report-model.json of the run's report, validated) */
        model: z.boolean().default(false),
      }),
      output: z.object({
        runId: z.number().int(),
        report: ReportRefSchema.nullable(),
        /** with `content`: the report's HTML without scripts (null when the run has no HTML report) */
        html: z.string().nullable().optional(),
        /** with `model`: the report's model (null when the run has no report or it was written before models were stored) */
        model: ReportModelSchema.nullable().optional(),
      }),
    },
  },
});
