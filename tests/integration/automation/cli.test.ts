import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AutomationLogSchema } from '../../../src/core/automation/schemas';
import { createCliHarness, type CliHarness } from '../../support/cli';

let h: CliHarness | undefined;
afterEach(() => { h?.remove(); h = undefined; });

describe('peak automation', () => {
  it('runs the quick daily suite, prints the SPEC §8 log with --json, and the run directory validates', async () => {
    h = createCliHarness();
    const out = join(h.dir, 'out');
    const r = await h.run('automation', 'run', 'daily', '--quick', '--output-dir', out, '--json');
    expect(r.code, r.stderr).toBe(0);
    const log = AutomationLogSchema.parse(JSON.parse(r.stdout));
    expect(log.run_type).toBe('daily_suite');
    expect(log.summary).toEqual({ total_jobs: 6, jobs_ok: 6, jobs_failed: 0, jobs_skipped: 0 });
    // the trigger drill runs a scripted trader on the fomo scenario and reports its reaction statistics
    const drill = log.jobs.find((j) => j.job_name === 'trigger_training_drill');
    expect(drill?.status).toBe('ok');
    expect(drill?.extra).toMatchObject({ scenario: 'fomo', total_signals: expect.any(Number), missed_signals: expect.any(Number), session_id: expect.any(String) });
    expect(drill?.extra.total_signals as number).toBeGreaterThan(0);
    const runDir = join(out, 'daily', log.run_id);
    expect(readdirSync(runDir).sort()).toEqual(['events.jsonl', expect.stringMatching(/^automation_daily_\d{8}_\d{6}\.json$/), 'summary.json', 'summary.md'].sort());
    const v = await h.json<{ valid: boolean; status: string; events: number }>('automation', 'validate', runDir, '--json');
    expect(v).toMatchObject({ valid: true, status: 'completed' });
    expect(v.events).toBeGreaterThan(10);
    const runs = await h.json<{ runs: { runId: string; status: string }[] }>('automation', 'runs', '--json');
    expect(runs.runs[0]).toMatchObject({ runId: log.run_id, status: 'completed' });
  }, 60_000);

  it('--dry-run skips every job; --only limits the plan; an unknown job name is exit 2 naming the flag', async () => {
    h = createCliHarness();
    const dry = AutomationLogSchema.parse(JSON.parse((await h.run('automation', 'run', 'weekly', '--dry-run', '--json', '--output-dir', h.dir)).stdout));
    expect(dry.summary).toEqual({ total_jobs: 8, jobs_ok: 0, jobs_failed: 0, jobs_skipped: 8 });
    const only = AutomationLogSchema.parse(JSON.parse((await h.run('automation', 'run', 'daily', '--only', 'self_check', '--json', '--output-dir', h.dir)).stdout));
    expect(only.jobs.map((j) => [j.job_name, j.status])).toEqual([['self_check', 'ok']]);
    const bad = await h.run('automation', 'run', 'daily', '--only', 'nope', '--output-dir', h.dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--only: unknown daily job "nope"/);
    const badSuite = await h.run('automation', 'run', 'monthly');
    expect(badSuite.code).toBe(2);
  }, 60_000);

  it('validate reports a broken run directory with exit 2', async () => {
    h = createCliHarness();
    const r = await h.run('automation', 'validate', h.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/events.jsonl: missing/);
  });

  it('auto run --once --dry-run decides on real monitors and stores the decision', async () => {
    h = createCliHarness();
    await h.run('backtest', '--data', 'Test GARCH 1h', '--strategy', 'ma_crossover', '--param', 'fast_window=10', '--param', 'slow_window=30');
    const out = await h.json<{ chosen: string; status: string; monitors: { monitor_name: string; metrics: Record<string, number> }[]; decision: { action: string } }>('auto', 'run', '--once', '--dry-run', '--json');
    expect(out.monitors.map((m) => m.monitor_name)).toEqual(['market', 'signal', 'performance']);
    expect(out.monitors[2]?.metrics.trades).toBeGreaterThan(0);
    expect(['dry_run', 'skipped', 'alerted']).toContain(out.status);
    const d = await h.run('auto', 'run', '--once', '--continuous');
    expect(d.code).toBe(2);
    const i = await h.run('auto', 'run', '--continuous', '--interval', 'soon');
    expect(i.code).toBe(2);
    expect(i.stderr).toMatch(/--interval/);
  }, 60_000);
});

describe('peak scheduler run', () => {
  it('fires jobs while running and stops cleanly when interrupted (SIGINT/SIGTERM)', async () => {
    const { runCli } = await import('../../../src/cli/main');
    const { writeFileSync } = await import('node:fs');
    const { smallSeedSpecs, tempDir } = await import('../../support/services');
    const t = tempDir('peak-sched-');
    try {
      writeFileSync(join(t.dir, 'jobs.toml'), 'timezone = "UTC"\n[[job]]\nname = "scan"\ncron = "* * * * * *"\nworkflow = "market_scan"\ndry_run = true\n');
      let stop: () => void = () => {};
      const interrupted = new Promise<void>((r) => (stop = r));
      let stderr = '';
      const done = runCli(['scheduler', 'run', '--jobs', join(t.dir, 'jobs.toml')], {
        stdout: { write: () => true }, stderr: { write: (x: string) => (stderr += x) }, env: { HOME: t.dir, PEAK_DB: join(t.dir, 'peak.db') },
        cwd: t.dir, clock: () => Date.now(), interrupted, services: { seed: true, seedSpecs: smallSeedSpecs, workers: 1 },
      });
      await new Promise((r) => setTimeout(r, 2600));
      stop();
      expect(await done).toBe(0);
      expect(stderr).toMatch(/peak scheduler: stopped/);
      const { default: Database } = await import('better-sqlite3');
      const db = new Database(join(t.dir, 'peak.db'), { readonly: true });
      const n = (db.prepare("SELECT count(*) AS n FROM automation_decisions WHERE trigger = 'scheduler:scan'").get() as { n: number }).n;
      db.close();
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(3);
    } finally {
      t.remove();
    }
  }, 30_000);
});

describe('peak auto run --continuous', () => {
  it('decides every --interval until interrupted, then exits 0', async () => {
    const { runCli } = await import('../../../src/cli/main');
    const { smallSeedSpecs, tempDir } = await import('../../support/services');
    const t = tempDir('peak-auto-');
    try {
      let stop: () => void = () => {};
      const interrupted = new Promise<void>((r) => (stop = r));
      let stdout = '';
      const done = runCli(['auto', 'run', '--continuous', '--interval', '1s', '--type', 'market_scan', '--dry-run'], {
        stdout: { write: (x: string) => (stdout += x) }, stderr: { write: () => true }, env: { HOME: t.dir, PEAK_DB: join(t.dir, 'peak.db') },
        cwd: t.dir, clock: () => Date.now(), interrupted, services: { seed: true, seedSpecs: smallSeedSpecs, workers: 1 },
      });
      await new Promise((r) => setTimeout(r, 2500));
      stop();
      expect(await done).toBe(0);
      const lines = stdout.split('\n').filter((l) => /market_scan→market_scan/.test(l));
      expect(lines.length).toBeGreaterThanOrEqual(2);
      expect(lines.length).toBeLessThanOrEqual(4);
    } finally {
      t.remove();
    }
  }, 30_000);
});
