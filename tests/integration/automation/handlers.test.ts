/** automation:* through the contract: the suite run is a job with progress and push events; reads by run id. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAutomationRepository } from '../../../src/node/db/automation';
import { createTestServices, type TestServices } from '../../support/services';

let s: TestServices | undefined;
afterEach(async () => { await s?.dispose(); s = undefined; });

describe('automation handlers', () => {
  it('automation:run is a job (id = run id) with progress, live events and a stored, filterable result', async () => {
    s = createTestServices();
    const progress: { done: number; total: number | null }[] = [];
    const live: string[] = [];
    s.on('jobs:did-progress', (p) => { if (p.kind === 'automation-run') progress.push({ done: p.done, total: p.total }); });
    s.on('automation:did-event', (p) => live.push(p.event.type));
    const finished = new Promise<string>((res) => s?.on('jobs:did-finish', (p) => { if (p.kind === 'automation-run') res(p.status); }));
    const r = await s.invoke('automation:run', { suite: 'daily', quick: true });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.jobId).toBe(r.value.runId);
    expect(await finished).toBe('done');
    expect(progress[progress.length - 1]).toEqual({ done: 6, total: 6 });
    expect(live[0]).toBe('runner_start');
    expect(live[live.length - 1]).toBe('runner_end');

    const got = await s.invoke('automation:get', { runId: r.value.runId, types: ['phase_end'] });
    if (!got.ok) throw new Error(got.error.message);
    expect(got.value.run).toMatchObject({ status: 'completed', trigger: 'app', counts: { jobs_ok: 6, jobs_skipped: 0 } });
    expect(got.value.events.map((e) => e.type)).toEqual(Array(6).fill('phase_end'));
    expect(got.value.phases).toContain('self_check');
    expect(got.value.summary).toMatchObject({ status: 'completed', phases_completed: 6 });
    const onePhase = await s.invoke('automation:get', { runId: r.value.runId, phase: 'self_check' });
    expect(onePhase.ok && onePhase.value.events.every((e) => e.phase === 'self_check')).toBe(true);

    expect(await s.invoke('automation:get', { runId: 'daily_20990101_000000_abcdef' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await s.invoke('automation:get', { runId: '../../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await s.invoke('automation:run', { suite: 'daily', only: ['rm -rf'] })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  }, 60_000);

  it('a run left "running" by a dead process (stale summary.json) is reported interrupted', async () => {
    s = createTestServices();
    const repo = createAutomationRepository(s.store.db);
    const dir = join(s.dir, 'dead');
    mkdirSync(dir);
    const started = Date.UTC(2025, 11, 31, 23, 0); // the test clock starts 2026-01-01
    writeFileSync(join(dir, 'summary.json'), JSON.stringify({ updated_at: new Date(started + 1000).toISOString() }));
    repo.upsertRun({
      id: 'daily_20251231_230000_dead00', suite: 'daily', startedAt: started, finishedAt: null, dir, trigger: 'cli',
      log: {
        run_id: 'daily_20251231_230000_dead00', run_type: 'daily_suite', status: 'running', started_at: new Date(started).toISOString(), finished_at: null,
        duration_sec: 1, summary: { total_jobs: 6, jobs_ok: 1, jobs_failed: 0, jobs_skipped: 0 }, jobs: [], flags: { dry_run: false, quick: false, only: [], skip: [] }, 
      },
    });
    const runs = await s.invoke('automation:runs', {});
    expect(runs.ok && runs.value.runs[0]).toMatchObject({ runId: 'daily_20251231_230000_dead00', status: 'interrupted' });
  });
});
