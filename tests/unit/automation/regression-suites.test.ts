import { describe, expect, it } from 'vitest';
import { computeTrends, isRegression, median } from '../../../src/core/automation/regression';
import { planSuite } from '../../../src/core/automation/suites';
import { AutomationLogSchema, compactTimestamp, countJobs } from '../../../src/core/automation/schemas';

const job = (name: string, duration: number, extra: Record<string, number> = {}) => ({ job_name: name, status: 'ok' as const, duration_sec: duration, extra, error_msg: null, attempts: 1 });

describe('regression detection', () => {
  it('median and direction-aware flags at 10 %', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(isRegression('lower_is_better', 0.11)).toBe(true);
    expect(isRegression('lower_is_better', -0.5)).toBe(false);
    expect(isRegression('higher_is_better', -0.11)).toBe(true);
    expect(isRegression('stable', -0.11)).toBe(true);
    expect(isRegression('stable', 0.1)).toBe(false);
  });
  it('latest vs the median of the earlier runs in the window', () => {
    const runs = [1, 2, 3, 4].map((d, i) => ({ runId: `r${d}`, startedAt: d * 1000, jobs: [job('a', [1, 1.2, 1.0, 1.21][i] as number, { ticks_per_sec: [100, 100, 100, 80][i] as number, seed: 42, net_pnl: [5, 5, 5, 4][i] as number })] }));
    const t = computeTrends(runs, 0, 10_000);
    const dur = t.find((x) => x.metric === 'duration_sec');
    expect(dur).toMatchObject({ baseline: 1, latest: 1.21, regression: true });
    expect(dur?.change).toBeCloseTo(0.21, 12);
    expect(t.find((x) => x.metric === 'ticks_per_sec')).toMatchObject({ baseline: 100, change: -0.2, regression: true });
    expect(t.some((x) => x.metric === 'seed')).toBe(false);
    expect(t.find((x) => x.metric === 'net_pnl')).toMatchObject({ baseline: 5, change: -0.2, regression: true });
    // the window excludes run 1 and 4: latest is run 3 vs median of run 2 → 1.0 vs 1.2, an improvement
    expect(computeTrends(runs, 1500, 3500).find((x) => x.metric === 'duration_sec')).toMatchObject({ baseline: 1.2, latest: 1, regression: false });
  });
  it('timing changes below 0.05 s are timer noise, not regressions (results still are)', () => {
    const runs = [1, 2].map((d, i) => ({ runId: `r${d}`, startedAt: d, jobs: [job('fast', [0.004, 0.012][i] as number, { ticks_per_sec: [50_000, 16_667][i] as number, n_trades: [3, 4][i] as number })] }));
    const t = computeTrends(runs, 0, 10);
    expect(t.find((x) => x.metric === 'duration_sec')).toMatchObject({ change: 2, regression: false });
    expect(t.find((x) => x.metric === 'ticks_per_sec')?.regression).toBe(false);
    expect(t.find((x) => x.metric === 'n_trades')?.regression).toBe(true);
  });
});

describe('suite plans (SPEC §8)', () => {
  it('daily and weekly jobs, quick modes, skip and dry-run', () => {
    expect(planSuite('daily').map((p) => p.job.name)).toEqual(['self_check', 'offline_synth_small', 'offline_synth_medium', 'offline_realtime_baseline', 'offline_realtime_r_and_d', 'trigger_training_drill']);
    expect(planSuite('weekly', { quick: true }).map((p) => p.job.name)).toEqual(['offline_realtime_btceur_baseline', 'trigger_training_fomo']);
    const q = planSuite('daily', { quick: true });
    expect(q.map((p) => ('steps' in p.job ? p.job.steps : null))).toEqual([null, 200, 1000, 200, 200, null]);
    expect(planSuite('daily', { skip: ['self_check'] })[0]).toMatchObject({ skipReason: 'skipped by --skip' });
    expect(planSuite('weekly', { dryRun: true }).every((p) => p.skipReason === 'dry run')).toBe(true);
    expect(() => planSuite('daily', { skip: ['x'] })).toThrow(/--skip: unknown daily job "x"/);
  });
  it('log schema: run id shape, counts, timestamps', () => {
    expect(compactTimestamp(Date.UTC(2026, 0, 2, 3, 4, 5))).toBe('20260102_030405');
    expect(countJobs([{ status: 'ok' }, { status: 'failed' }, { status: 'skipped' }], 5)).toEqual({ total_jobs: 5, jobs_ok: 1, jobs_failed: 1, jobs_skipped: 1 });
    const base = { run_type: 'daily_suite', status: 'completed', started_at: '2026-01-01T00:00:00.000Z', finished_at: null, duration_sec: 1, summary: countJobs([]), jobs: [], flags: { dry_run: false, quick: false, only: [], skip: [] } };
    expect(AutomationLogSchema.safeParse({ ...base, run_id: 'daily_20260101_000000_a1b2c3' }).success).toBe(true);
    expect(AutomationLogSchema.safeParse({ ...base, run_id: 'daily_2026_x' }).success).toBe(false);
  });
});
