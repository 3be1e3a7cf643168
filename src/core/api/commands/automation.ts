/**
 * Automation (issue 12): offline suites (runs, their live events, the meta report), the scheduler's state and the
 * autonomous workflow (monitors → decision → execution). No command takes a file path: run directories and
 * report files live under the app's data dir and are looked up by run id.
 */
import { z } from 'zod';
import { defineDomain } from '../define';
import { TimeMsSchema } from '../schemas';
import {
  AutomationLogSchema, EventTypeSchema, RunCountsSchema, RunEventSchema, RunIdSchema as AutomationRunIdSchema,
  RunStatusSchema, RunSummaryFileSchema, SuiteNameSchema,
} from '../../automation/schemas';
import { DecisionSchema, WorkflowTypeSchema } from '../../automation/decision';
import { MonitorResultSchema } from '../../automation/monitors';

const JobName = z.string().min(1).max(100);

export const AutomationRunRowSchema = z.object({
  runId: AutomationRunIdSchema,
  suite: SuiteNameSchema,
  status: RunStatusSchema,
  startedAt: TimeMsSchema,
  finishedAt: TimeMsSchema.nullable(),
  durationSec: z.number(),
  trigger: z.string(),
  counts: RunCountsSchema,
});
export type AutomationRunRow = z.infer<typeof AutomationRunRowSchema>;

export const TrendSchema = z.object({
  job: z.string(),
  metric: z.string(),
  direction: z.enum(['lower_is_better', 'higher_is_better', 'stable']),
  points: z.array(z.object({ t: z.number(), value: z.number(), runId: z.string() })),
  latest: z.number(),
  baseline: z.number().nullable(),
  change: z.number().nullable(),
  regression: z.boolean(),
});

export const WorkflowOutcomeSchema = z.object({
  decisionId: z.number().int(),
  requested: WorkflowTypeSchema,
  chosen: WorkflowTypeSchema,
  decision: DecisionSchema,
  monitors: z.array(MonitorResultSchema),
  status: z.enum(['completed', 'dry_run', 'alerted', 'skipped', 'failed']),
  output: z.record(z.string(), z.unknown()),
  error: z.string().nullable(),
  datasetId: z.string().nullable(),
});

export const automationDomain = defineDomain({
  commands: {
    'automation:run': {
      doc: 'Start a daily or weekly offline suite as a job (id = run id); follow it with automation:did-event.',
      input: z.object({
        suite: SuiteNameSchema,
        dryRun: z.boolean().default(false),
        quick: z.boolean().default(false),
        only: z.array(JobName).max(50).default([]),
        skip: z.array(JobName).max(50).default([]),
        /** pause after each job, ms (lets a person follow a demo run) */
        pauseMs: z.number().int().min(0).max(10_000).default(0),
      }),
      output: z.object({ runId: AutomationRunIdSchema, jobId: z.string() }),
    },
    'automation:runs': {
      doc: 'Stored suite runs, newest first.',
      input: z.object({ suite: SuiteNameSchema.optional(), from: TimeMsSchema.optional(), to: TimeMsSchema.optional(), limit: z.number().int().min(1).max(1000).default(100) }).default({ limit: 100 }),
      output: z.object({ runs: z.array(AutomationRunRowSchema) }),
    },
    'automation:get': {
      doc: "A suite run: its JSON log, summary.json and its latest events (filtered by type, phase and time).",
      input: z.object({
        runId: AutomationRunIdSchema,
        types: z.array(EventTypeSchema).max(20).optional(),
        phase: JobName.optional(),
        /** events at or after this time, epoch ms */
        since: TimeMsSchema.optional(),
        limit: z.number().int().min(1).max(5000).default(100),
      }),
      output: z.object({
        run: AutomationRunRowSchema,
        log: AutomationLogSchema,
        summary: RunSummaryFileSchema.nullable(),
        events: z.array(RunEventSchema),
        totalEvents: z.number().int(),
        phases: z.array(z.string()),
        dir: z.string(),
      }),
    },
    'automation:meta': {
      doc: 'Meta report over the last 7 or 30 days: trends per job and metric, regressions (> 10 % vs trailing median); writes HTML + Markdown.',
      input: z.object({ days: z.union([z.literal(7), z.literal(30)]).default(7), suite: SuiteNameSchema.optional(), write: z.boolean().default(true) }).default({ days: 7, write: true }),
      output: z.object({
        days: z.number().int(), fromMs: z.number(), toMs: z.number(), runs: z.number().int(),
        trends: z.array(TrendSchema), regressions: z.array(TrendSchema),
        files: z.object({ html: z.string(), md: z.string() }).nullable(),
      }),
    },
    'automation:decide': {
      doc: 'Run the autonomous workflow once: monitors on real data → decision → execution (or a dry run); stored.',
      input: z.object({
        type: WorkflowTypeSchema.default('auto'),
        datasetId: z.string().min(1).max(200).optional(),
        dryRun: z.boolean().default(false),
        forceExecute: z.boolean().default(false),
        forceSkip: z.boolean().default(false),
      }),
      output: WorkflowOutcomeSchema,
    },
    'automation:decisions': {
      doc: 'Stored autonomous decisions, newest first.',
      input: z.object({ limit: z.number().int().min(1).max(1000).default(50) }).default({ limit: 50 }),
      output: z.object({
        decisions: z.array(z.object({ id: z.number().int(), createdAt: z.number(), workflowType: z.string(), action: z.string(), confidence: z.number(), dryRun: z.boolean(), trigger: z.string() })),
      }),
    },
    'scheduler:status': {
      doc: 'The scheduler jobs of config/scheduler/jobs.toml with their next and last runs.',
      input: z.object({}).default({}),
      output: z.object({
        running: z.boolean(),
        health: z.object({ status: z.string(), detail: z.string().optional() }),
        timezone: z.string(),
        jobs: z.array(z.object({
          name: z.string(), cron: z.string(), enabled: z.boolean(), target: z.string(), description: z.string(),
          nextDueMs: z.number().nullable(), lastFiredMs: z.number().nullable(), lastStatus: z.string().nullable(), active: z.boolean(),
        })),
      }),
    },
  },
  events: {
    'automation:did-event': z.object({ runId: AutomationRunIdSchema, event: RunEventSchema, summary: RunSummaryFileSchema }),
  },
});
