/**
 * The files an automation suite run writes, declared once (zod) so the runner, `peak automation validate`, the
 * repository and the Automation screen agree:
 * - the JSON log of SPEC §8 (`automation_<suite>_<YYYYmmdd_HHMMSS>.json`), rewritten after every job so a run that
 *   dies mid-way still leaves a valid partial log;
 * - `events.jsonl` (seed 001: one event per line, appended and flushed as written);
 * - `summary.json` (seed 001: the run's current state, rewritten on every change).
 * Times are ISO-8601 UTC strings in the files, durations in seconds (SPEC §8's units).
 */
import { z } from 'zod';

export const SuiteNameSchema = z.enum(['daily', 'weekly']);
export type SuiteName = z.infer<typeof SuiteNameSchema>;

export const JobStatusSchema = z.enum(['ok', 'failed', 'skipped']);
export type JobStatus = z.infer<typeof JobStatusSchema>;

/** 'running' while the runner writes; 'interrupted' when it was cancelled/killed before runner_end */
export const RunStatusSchema = z.enum(['running', 'completed', 'failed', 'interrupted']);
export type RunStatus = z.infer<typeof RunStatusSchema>;

const IsoSchema = z.iso.datetime({ offset: true });
/** job metrics: numbers, labels, ids (SPEC §8 `extra`) */
export const ExtraSchema = z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()]));
export type Extra = z.infer<typeof ExtraSchema>;

export const JobResultSchema = z.object({
  job_name: z.string().min(1).max(100),
  status: JobStatusSchema,
  duration_sec: z.number().nonnegative(),
  extra: ExtraSchema,
  error_msg: z.string().nullable(),
  /** attempts made (1 = no retry) */
  attempts: z.number().int().min(0).default(1),
});
export type JobResult = z.infer<typeof JobResultSchema>;

export const RunCountsSchema = z.object({
  total_jobs: z.number().int().min(0),
  jobs_ok: z.number().int().min(0),
  jobs_failed: z.number().int().min(0),
  jobs_skipped: z.number().int().min(0),
});
export type RunCounts = z.infer<typeof RunCountsSchema>;

export const RunIdSchema = z.string().regex(/^(daily|weekly)_\d{8}_\d{6}_[0-9a-f]{6}$/, 'run id "<suite>_<YYYYmmdd_HHMMSS>_<hex6>"');

/** SPEC §8 JSON log, plus `status` (partial logs say so) and the flags the run was started with. */
export const AutomationLogSchema = z.object({
  run_id: RunIdSchema,
  run_type: z.enum(['daily_suite', 'weekly_suite']),
  status: RunStatusSchema,
  started_at: IsoSchema,
  finished_at: IsoSchema.nullable(),
  duration_sec: z.number().nonnegative(),
  summary: RunCountsSchema,
  jobs: z.array(JobResultSchema),
  flags: z.object({ dry_run: z.boolean(), quick: z.boolean(), only: z.array(z.string()), skip: z.array(z.string()) }),
});
export type AutomationLog = z.infer<typeof AutomationLogSchema>;

export const EventTypeSchema = z.enum([
  'runner_start', 'runner_end', 'phase_start', 'phase_end', 'checkpoint', 'heartbeat', 'retry', 'backoff', 'error', 'summary_updated',
]);
export type EventType = z.infer<typeof EventTypeSchema>;
export const EventLevelSchema = z.enum(['debug', 'info', 'warning', 'error']);
export type EventLevel = z.infer<typeof EventLevelSchema>;

/** One line of events.jsonl (seed 001's event: timestamp, session_id, type, phase, level, message, metrics, details). */
export const RunEventSchema = z.object({
  /** sequence number within the run, from 1 */
  seq: z.number().int().min(1),
  timestamp: IsoSchema,
  session_id: RunIdSchema,
  type: EventTypeSchema,
  /** the job (phase) the event belongs to; null for runner-level events */
  phase: z.string().max(100).nullable(),
  level: EventLevelSchema,
  message: z.string().max(2000),
  status: z.string().max(40).optional(),
  metrics: z.record(z.string(), z.number()).optional(),
  details: ExtraSchema.optional(),
});
export type RunEvent = z.infer<typeof RunEventSchema>;

/** summary.json: the current state of a run (seed 001). */
export const RunSummaryFileSchema = z.object({
  session_id: RunIdSchema,
  run_type: z.enum(['daily_suite', 'weekly_suite']),
  status: RunStatusSchema,
  started_at: IsoSchema,
  updated_at: IsoSchema,
  last_heartbeat: IsoSchema.nullable(),
  current_phase: z.string().nullable(),
  phases_completed: z.number().int().min(0),
  phases_total: z.number().int().min(0),
  counts: RunCountsSchema,
  events_written: z.number().int().min(0),
});
export type RunSummaryFile = z.infer<typeof RunSummaryFileSchema>;

export function countJobs(jobs: readonly Pick<JobResult, 'status'>[], total = jobs.length): RunCounts {
  let ok = 0, failed = 0, skipped = 0;
  for (const j of jobs) {
    if (j.status === 'ok') ok++;
    else if (j.status === 'failed') failed++;
    else skipped++;
  }
  return { total_jobs: total, jobs_ok: ok, jobs_failed: failed, jobs_skipped: skipped };
}

/** `20260101_083000` from epoch ms (UTC) — the SPEC §8 timestamp part of file names and run ids. */
export function compactTimestamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}_${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

export const runTypeOf = (suite: SuiteName): AutomationLog['run_type'] => (suite === 'daily' ? 'daily_suite' : 'weekly_suite');
export const suiteOfRunType = (t: AutomationLog['run_type']): SuiteName => (t === 'daily_suite' ? 'daily' : 'weekly');
