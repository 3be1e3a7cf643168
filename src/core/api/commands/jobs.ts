/**
 * The ONE job lifecycle. Every long command (data:download, backtest:run, walkforward:run, montecarlo:run,
 * stress:run, research:portfolio, research:overfitting, sweeps:start; later live sessions, drills, automation
 * runs) takes an optional caller-chosen `jobId` (absent: the server makes one) and answers with it. While it runs
 * the job emits `jobs:did-progress`; when it ends, one `jobs:did-finish` naming what it produced (`result`).
 *
 * Ownership: a job belongs to the connection that started it (a twin WebSocket connection, an Electron
 * webContents, 'cli', 'test'). Its events go to that connection and to connections that called `jobs:follow`;
 * `jobs:cancel` on someone else's job is refused with FORBIDDEN unless `force: true`. Jobs are rows of the `jobs`
 * table, so `jobs:list` shows history and a job still 'running' when the process died reads 'interrupted';
 * `jobs:resume` continues a job of a resumable kind (sweeps today) under the same id.
 */
import { z } from 'zod';
import { defineDomain } from '../define';

/** A job id: the caller's choice (e.g. crypto.randomUUID()) or the server's. */
export const JobIdSchema = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'a job id is 1–64 characters of A–Z a–z 0–9 . _ -');
export type JobId = z.infer<typeof JobIdSchema>;

/** The optional input field every long command accepts. */
export const JobIdInput = { jobId: JobIdSchema.optional() };

export const JobKindSchema = z.string().min(1).max(64);
export const JobStatusSchema = z.enum(['running', 'done', 'failed', 'cancelled', 'interrupted']);
export type JobStatus = z.infer<typeof JobStatusSchema>;
export const JobFinishStatusSchema = z.enum(['done', 'failed', 'cancelled']);
export type JobFinishStatus = z.infer<typeof JobFinishStatusSchema>;

/** What a job produced: `{kind:'run', id:'12'}`, `{kind:'sweep', id:'3'}`, `{kind:'dataset', id:'btc-1h'}` … */
export const JobResultRefSchema = z.object({ kind: z.string().min(1).max(32), id: z.string().min(1).max(128) });
export type JobResultRef = z.infer<typeof JobResultRefSchema>;

/** Kind-specific extras of a progress event (scalars only), e.g. a sweep's SweepProgressDetail. */
export const JobDetailSchema = z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()]));
export type JobDetail = z.infer<typeof JobDetailSchema>;

/** Progress of a long job. Rate in units per second, ETA in seconds. */
export const JobProgressSchema = z.object({
  jobId: JobIdSchema,
  kind: JobKindSchema,
  done: z.number(),
  total: z.number().nullable(),
  ratePerSec: z.number(),
  etaSec: z.number().nullable(),
  message: z.string().optional(),
  detail: JobDetailSchema.optional(),
});
export type JobProgress = z.infer<typeof JobProgressSchema>;

export const JobFinishSchema = z.object({
  jobId: JobIdSchema,
  kind: JobKindSchema,
  status: JobFinishStatusSchema,
  message: z.string().optional(),
  result: JobResultRefSchema.optional(),
});
export type JobFinish = z.infer<typeof JobFinishSchema>;

export const JobInfoSchema = z.object({
  jobId: JobIdSchema,
  kind: JobKindSchema,
  status: JobStatusSchema,
  /** epoch ms */
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  done: z.number(),
  total: z.number().nullable(),
  /** started by the calling connection */
  mine: z.boolean(),
  /** jobs:resume can continue it (a property of the kind; only when not running or done) */
  resumable: z.boolean(),
  configHash: z.string().optional(),
  result: JobResultRefSchema.optional(),
  error: z.string().optional(),
});
export type JobInfo = z.infer<typeof JobInfoSchema>;

export const jobsDomain = defineDomain({
  commands: {
    'jobs:list': {
      doc: 'Jobs, newest first: running ones and the history kept in the jobs table.',
      input: z.object({
        status: JobStatusSchema.optional(),
        kind: JobKindSchema.optional(),
        /** the job that produced this (e.g. {kind:'sweep', id:'3'}) */
        result: JobResultRefSchema.optional(),
        limit: z.number().int().min(1).max(1000).default(100),
      }).default({ limit: 100 }),
      output: z.object({ jobs: z.array(JobInfoSchema) }),
    },
    'jobs:cancel': {
      doc: "Cancel a running job by id (its command then fails with CANCELLED). Another connection's job needs force.",
      input: z.object({ jobId: JobIdSchema, force: z.boolean().default(false) }),
      output: z.object({ cancelled: z.boolean() }),
    },
    'jobs:resume': {
      doc: 'Continue an interrupted, cancelled or failed job of a resumable kind (sweeps) under the same id.',
      input: z.object({
        jobId: JobIdSchema,
        /** true: answer when the job ends (CLI); false: at once, follow jobs:did-progress */
        wait: z.boolean().default(false),
        /** worker threads for this session (sweeps; default: the app's pool) */
        workers: z.number().int().min(1).max(256).optional(),
      }),
      output: z.object({
        jobId: JobIdSchema,
        kind: JobKindSchema,
        status: JobStatusSchema,
        result: JobResultRefSchema.optional(),
        /** units left when it resumed (sweeps: combinations) */
        remaining: z.number(),
        total: z.number().nullable(),
      }),
    },
    'jobs:follow': {
      doc: "Receive a job's events on this connection too (e.g. a second window watching a sweep).",
      input: z.object({ jobId: JobIdSchema }),
      output: z.object({ following: z.boolean() }),
    },
    'jobs:unfollow': {
      doc: 'Stop receiving the events of a job this connection follows.',
      input: z.object({ jobId: JobIdSchema }),
      output: z.object({ following: z.boolean() }),
    },
  },
  events: {
    'jobs:did-progress': JobProgressSchema,
    'jobs:did-finish': JobFinishSchema,
  },
});
