/**
 * The scheduler with an injected clock and timer: fire times across the Europe/Berlin DST changes (croner does the
 * zone arithmetic), no overlap of a job with itself, missed runs reported and not replayed, clean stop.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SchedulerConfigSchema, type ScheduledJob } from '../../../src/core/automation/schedule';
import { recordingAlertSink } from '../../../src/node/automation/alerts';
import { createAutomationRepository } from '../../../src/node/db/automation';
import { SchedulerService } from '../../../src/node/automation/scheduler';
import { loadSchedulerConfig, parseSchedulerConfig } from '../../../src/node/automation/scheduler-config';
import { silentLogger } from '../../../src/node/api/context';
import { createTestServices, type TestServices } from '../../support/services';

let s: TestServices | undefined;
afterEach(async () => { await s?.dispose(); s = undefined; });

const iso = (ms: number) => new Date(ms).toISOString();

function setup(jobs: unknown[], start: number, execute?: (job: ScheduledJob, signal: AbortSignal) => Promise<string>) {
  s ??= createTestServices();
  let now = start;
  const fired: { name: string; at: string }[] = [];
  const alerts = recordingAlertSink();
  const repo = createAutomationRepository(s.store.db);
  const svc = new SchedulerService({
    config: SchedulerConfigSchema.parse({ timezone: 'Europe/Berlin', job: jobs }),
    clock: () => now, repo, alerts, logger: silentLogger,
    execute: execute ?? (async (job) => { fired.push({ name: job.name, at: iso(now) }); return 'completed'; }),
    setTimer: () => () => {},
  });
  /** jump from wake-up to wake-up until `until` (what the real timer does, without waiting) */
  async function runUntil(until: number) {
    for (let i = 0; i < 10_000; i++) {
      const at = svc.nextWakeAt();
      if (at === null || at > until) break;
      now = at;
      svc.tick();
      await new Promise((r) => setImmediate(r));
    }
    now = until;
  }
  return { svc, fired, alerts, repo, runUntil, setNow: (t: number) => { now = t; } };
}

describe('scheduler', () => {
  it('fires a daily 08:00 Europe/Berlin job at 07:00Z before and 06:00Z after the spring DST change, and back in autumn', async () => {
    const { svc, fired, runUntil } = setup([{ name: 'morning', cron: '0 8 * * *', workflow: 'auto' }], Date.UTC(2026, 2, 27, 12));
    svc.start();
    await runUntil(Date.UTC(2026, 2, 31, 12));
    expect(fired.map((f) => f.at)).toEqual(['2026-03-28T07:00:00.000Z', '2026-03-29T06:00:00.000Z', '2026-03-30T06:00:00.000Z', '2026-03-31T06:00:00.000Z']);
    await svc.stop();
    const autumn = setup([{ name: 'morning', cron: '0 8 * * *', workflow: 'auto' }], Date.UTC(2026, 9, 24, 12));
    autumn.svc.start();
    await autumn.runUntil(Date.UTC(2026, 9, 26, 12));
    expect(autumn.fired.map((f) => f.at)).toEqual(['2026-10-25T07:00:00.000Z', '2026-10-26T07:00:00.000Z']);
    await autumn.svc.stop();
  });

  it('an hourly job fires 23 times on the 23-hour spring-forward day (local midnight to midnight)', async () => {
    const { svc, fired, runUntil } = setup([{ name: 'hourly', cron: '0 * * * *', workflow: 'auto' }], Date.UTC(2026, 2, 28, 22, 30));
    svc.start();
    // 2026-03-29 00:00 CET = 03-28T23:00Z … 2026-03-30 00:00 CEST = 03-29T22:00Z (exclusive)
    await runUntil(Date.UTC(2026, 2, 29, 21, 59));
    expect(fired).toHaveLength(23);
    expect(new Set(fired.map((f) => f.at)).size).toBe(23);
    expect(fired[0]?.at).toBe('2026-03-28T23:00:00.000Z');
    await svc.stop();
  });

  it('never overlaps a job with itself: an occurrence due while the previous run goes on is recorded, not started', async () => {
    let release: (() => void) | null = null;
    let started = 0;
    const { svc, runUntil } = setup([{ name: 'slow', cron: '*/10 * * * *', suite: 'daily' }], Date.UTC(2026, 0, 5, 9, 55), async () => {
      started++;
      await new Promise<void>((r) => { release = r; });
      return 'completed';
    });
    svc.start();
    await runUntil(Date.UTC(2026, 0, 5, 10, 25)); // due 10:00, 10:10, 10:20
    expect(started).toBe(1);
    expect(svc.overlapped.map((o) => iso(o.dueMs))).toEqual(['2026-01-05T10:10:00.000Z', '2026-01-05T10:20:00.000Z']);
    (release as unknown as () => void)();
    await new Promise((r) => setImmediate(r));
    await runUntil(Date.UTC(2026, 0, 5, 10, 31));
    expect(started).toBe(2);
    (release as unknown as () => void)();
    await svc.stop();
    expect(svc.health().status).toBe('stopped');
  });

  it('reports runs missed while it was not running, without replaying them', async () => {
    const jobs = [{ name: 'morning', cron: '0 8 * * *', workflow: 'auto' }, { name: 'off', cron: '0 * * * *', workflow: 'auto', enabled: false }];
    const a = setup(jobs, Date.UTC(2026, 0, 5, 12));
    a.svc.start();
    await a.svc.stop();
    const b = setup(jobs, Date.UTC(2026, 0, 8, 12)); // closed for three days: 6th, 7th, 8th at 07:00Z
    b.svc.start();
    expect(b.svc.missed.map((m) => iso(m.dueMs))).toEqual(['2026-01-06T07:00:00.000Z', '2026-01-07T07:00:00.000Z', '2026-01-08T07:00:00.000Z']);
    expect(b.alerts.alerts).toEqual([expect.objectContaining({ code: 'SCHEDULE_MISSED', level: 'warning' })]);
    expect(b.fired).toEqual([]);
    await b.runUntil(Date.UTC(2026, 0, 9, 12));
    expect(b.fired.map((f) => f.at)).toEqual(['2026-01-09T07:00:00.000Z']);
    await b.svc.stop();
  });

  it('stop() cancels a running job and waits for it', async () => {
    let aborted = false;
    const { svc, runUntil } = setup([{ name: 'long', cron: '0 * * * *', suite: 'weekly' }], Date.UTC(2026, 0, 5, 9, 59), (_job, signal) =>
      new Promise((resolve) => signal.addEventListener('abort', () => { aborted = true; resolve('interrupted'); })));
    svc.start();
    await runUntil(Date.UTC(2026, 0, 5, 10, 1));
    expect(svc.status().active.has('long')).toBe(true);
    await svc.stop();
    expect(aborted).toBe(true);
    expect(svc.status().active.size).toBe(0);
  });

  it('the bundled jobs.toml parses; bad cron or duplicate names are BAD_FILE naming the file and job', () => {
    const c = loadSchedulerConfig();
    expect(c.timezone).toBe('Europe/Berlin');
    expect(c.job.map((j) => j.name)).toContain('daily_suite');
    expect(() => parseSchedulerConfig('[[job]]\nname = "x"\ncron = "61 * * * * *"\nsuite = "daily"\n', 'jobs.toml')).toThrow(/jobs.toml: \[job x\] cron/);
    expect(() => parseSchedulerConfig('[[job]]\nname = "x"\ncron = "0 * * * *"\nsuite = "daily"\n[[job]]\nname = "x"\ncron = "0 * * * *"\nsuite = "daily"\n', 'jobs.toml')).toThrow(/duplicate job name "x"/);
    expect(() => parseSchedulerConfig('timezone = "Mars/Olympus"\n[[job]]\nname = "x"\ncron = "0 * * * *"\nsuite = "daily"\n', 'jobs.toml')).toThrow(/jobs.toml/);
  });
});
