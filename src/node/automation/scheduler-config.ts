/**
 * config/scheduler/jobs.toml → the core schema, with every cron expression and the time zone checked by croner
 * (errors name the file and the job). The bundled file is imported at build time, like config.toml.
 */
import { readFileSync } from 'node:fs';
import { Cron } from 'croner';
import { readToml } from '../config/toml';
import { SchedulerConfigSchema, type NextAfter, type ScheduledJob, type SchedulerConfig } from '../../core/automation/schedule';
import { PeakError } from '../../core/errors';
import bundledJobs from '../../../config/scheduler/jobs.toml?raw';

export const BUNDLED_JOBS_NAME = 'config/scheduler/jobs.toml';

function cronFor(expr: string, timezone: string): Cron {
  // paused: croner computes occurrences only; the scheduler service does its own timing with the injected clock
  return new Cron(expr, { timezone, paused: true, legacyMode: true });
}

export function parseSchedulerConfig(text: string, file: string): SchedulerConfig {
  const config = readToml(SchedulerConfigSchema, text, file);
  for (const j of config.job) {
    try {
      const c = cronFor(j.cron, config.timezone);
      c.nextRun(); // an unknown time zone only throws here
      c.stop();
    } catch (e) {
      throw new PeakError('BAD_FILE', `${file}: [job ${j.name}] cron "${j.cron}" / timezone "${config.timezone}": ${(e as Error).message}`);
    }
  }
  return config;
}

export function loadSchedulerConfig(path?: string): SchedulerConfig {
  if (path === undefined) return parseSchedulerConfig(bundledJobs, BUNDLED_JOBS_NAME);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new PeakError('BAD_FILE', `${path}: cannot read scheduler config (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return parseSchedulerConfig(text, path);
}

/** croner-backed occurrence arithmetic (time zone and DST aware), cached per job */
export function cronNextAfter(config: SchedulerConfig): NextAfter {
  const crons = new Map<string, Cron>();
  return (job: ScheduledJob, afterMs: number) => {
    let c = crons.get(job.name);
    if (!c) crons.set(job.name, (c = cronFor(job.cron, config.timezone)));
    const next = c.nextRun(new Date(afterMs));
    return next ? next.getTime() : null;
  };
}
