/**
 * Scheduler planning, pure: the jobs of config/scheduler/jobs.toml and what a tick at time `now` does. The cron
 * arithmetic (time zones, DST) is injected as `nextAfter(job, afterMs)` (node/automation uses croner), so the
 * rules here — fire when due, never overlap a job with itself, report missed runs instead of replaying them —
 * are testable with any clock.
 */
import { z } from 'zod';
import { SuiteNameSchema } from './schemas';
import { WorkflowTypeSchema } from './decision';

export const ScheduledTargetSchema = z.union([
  z.object({ suite: SuiteNameSchema, quick: z.boolean().default(false) }),
  z.object({ workflow: WorkflowTypeSchema, dry_run: z.boolean().default(false) }),
]);
export type ScheduledTarget = z.infer<typeof ScheduledTargetSchema>;

export const ScheduledJobSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9_]{1,64}$/, 'job name: lower-case letters, digits, _ (max 64)'),
    /** 5-field cron (minute hour day month weekday), evaluated in `timezone` */
    cron: z.string().min(9).max(100),
    enabled: z.boolean().default(true),
    timeout_sec: z.number().int().min(1).max(86_400).default(3600),
    tags: z.array(z.string().max(40)).default([]),
    description: z.string().max(300).default(''),
  })
  .and(ScheduledTargetSchema);
export type ScheduledJob = z.infer<typeof ScheduledJobSchema>;

export const SchedulerConfigSchema = z
  .object({
    /** IANA zone the cron expressions are read in, e.g. "Europe/Berlin" */
    timezone: z.string().min(1).max(60).default('UTC'),
    job: z.array(ScheduledJobSchema).default([]),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.job.forEach((j, i) => {
      if (seen.has(j.name)) ctx.addIssue({ code: 'custom', path: ['job', i, 'name'], message: `duplicate job name "${j.name}"` });
      seen.add(j.name);
    });
  });
export type SchedulerConfig = z.infer<typeof SchedulerConfigSchema>;

export const targetLabel = (j: ScheduledTarget): string => ('suite' in j ? `suite ${j.suite}${j.quick ? ' (quick)' : ''}` : `workflow ${j.workflow}${j.dry_run ? ' (dry run)' : ''}`);

/** epoch ms of the next occurrence strictly after `afterMs`, or null when there is none */
export type NextAfter = (job: ScheduledJob, afterMs: number) => number | null;

export interface TickPlan {
  /** jobs to start now, with the occurrence they stand for */
  fire: { name: string; dueMs: number }[];
  /** due, but the previous run of the same job is still going: not started (no overlap) */
  overlapped: { name: string; dueMs: number }[];
  /** next due time per enabled job after this tick */
  nextDue: Map<string, number | null>;
}

/**
 * One scheduler tick. `nextDue` holds each job's pending occurrence; a job whose occurrence is ≤ now fires (or is
 * recorded as overlapped when `running` has it), and its next occurrence is computed after `now` — so a tick that
 * comes late (sleep, a busy machine) fires once, not once per occurrence it slept through.
 */
export function planTick(jobs: readonly ScheduledJob[], nextDue: ReadonlyMap<string, number | null>, running: ReadonlySet<string>, now: number, nextAfter: NextAfter): TickPlan {
  const plan: TickPlan = { fire: [], overlapped: [], nextDue: new Map() };
  for (const j of jobs) {
    if (!j.enabled) continue;
    const due = nextDue.has(j.name) ? (nextDue.get(j.name) ?? null) : nextAfter(j, now - 1);
    if (due !== null && due <= now) {
      (running.has(j.name) ? plan.overlapped : plan.fire).push({ name: j.name, dueMs: due });
      plan.nextDue.set(j.name, nextAfter(j, now));
    } else {
      plan.nextDue.set(j.name, due);
    }
  }
  return plan;
}

/** Occurrences in (fromMs, toMs] — the runs missed while the scheduler was not running (reported, not replayed). */
export function missedOccurrences(job: ScheduledJob, fromMs: number, toMs: number, nextAfter: NextAfter, limit = 1000): number[] {
  const out: number[] = [];
  let t = nextAfter(job, fromMs);
  while (t !== null && t <= toMs && out.length < limit) {
    out.push(t);
    t = nextAfter(job, t);
  }
  return out;
}

/** earliest pending occurrence (the scheduler sleeps until then), null when nothing is scheduled */
export function earliestDue(nextDue: ReadonlyMap<string, number | null>): number | null {
  let min: number | null = null;
  for (const t of nextDue.values()) if (t !== null && (min === null || t < min)) min = t;
  return min;
}
