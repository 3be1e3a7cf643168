import { z } from 'zod';
import { defineDomain } from '../define';

/** Progress of a long job (download, sweep, walk-forward …). Rate in units per second, ETA in seconds. */
export const JobProgressSchema = z.object({
  jobId: z.string(),
  kind: z.string(),
  done: z.number(),
  total: z.number().nullable(),
  ratePerSec: z.number(),
  etaSec: z.number().nullable(),
  message: z.string().optional(),
});
export type JobProgress = z.infer<typeof JobProgressSchema>;

export const JobInfoSchema = z.object({
  jobId: z.string(),
  kind: z.string(),
  startedAt: z.number(),
  done: z.number(),
  total: z.number().nullable(),
});

export const jobsDomain = defineDomain({
  commands: {
    'jobs:list': {
      doc: 'Jobs running now.',
      input: z.object({}).default({}),
      output: z.object({ jobs: z.array(JobInfoSchema) }),
    },
    'jobs:cancel': {
      doc: 'Cancel a running job by id (its command then fails with CANCELLED).',
      input: z.object({ jobId: z.string() }),
      output: z.object({ cancelled: z.boolean() }),
    },
  },
  events: {
    'jobs:did-progress': JobProgressSchema,
    'jobs:did-finish': z.object({
      jobId: z.string(),
      kind: z.string(),
      status: z.enum(['done', 'failed', 'cancelled']),
      message: z.string().optional(),
    }),
  },
});
