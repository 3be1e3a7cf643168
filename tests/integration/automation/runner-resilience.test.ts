/**
 * Runner behaviour with scripted time and failures: a run a "day" later shows in the meta report with trends, an
 * injected 15 % slowdown is flagged, retries back off, a job times out, a cancelled run and a killed run leave
 * valid partial logs marked interrupted.
 */
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandInput, CommandName, CommandOutput } from '../../../src/core/api/contract';
import { AutomationLogSchema, type RunEvent } from '../../../src/core/automation/schemas';
import { recordingAlertSink } from '../../../src/node/automation/alerts';
import { buildMetaReport, writeMetaReport } from '../../../src/node/automation/meta-report';
import { createAutomationRepository } from '../../../src/node/db/automation';
import { runSuite, type RunnerDeps } from '../../../src/node/automation/runner';
import { validateRunDir } from '../../../src/node/automation/run-files';
import { createTestServices, type TestServices } from '../../support/services';

let s: TestServices | undefined;
afterEach(async () => { await s?.dispose(); s = undefined; });

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 1, 6, 30);

/** a manual clock; every handler call advances it by `latencyMs` (the scripted cost of that call) */
function scripted(svc: TestServices, opts: { latencyMs: () => number; fail?: (name: string, n: number) => boolean; hang?: (name: string) => boolean }) {
  let now = T0;
  let n = 0;
  const deps: RunnerDeps & { alerts: ReturnType<typeof recordingAlertSink> } = {
    clock: () => now,
    repo: createAutomationRepository(svc.store.db),
    alerts: recordingAlertSink(),
    drills: null,
    sleep: async (ms) => { now += ms; },
    call: async <K extends CommandName>(name: K, input: CommandInput<K>): Promise<CommandOutput<K>> => {
      n++;
      if (opts.hang?.(name)) return new Promise<never>(() => {});
      if (opts.fail?.(name, n)) throw new Error(`scripted failure of ${name}`);
      const r = await svc.invoke(name, input);
      now += opts.latencyMs();
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    },
  };
  return { deps, setNow: (t: number) => { now = t; } };
}

const only = ['offline_synth_small', 'offline_realtime_baseline', 'offline_realtime_r_and_d'];

describe('suite runner over scripted time', () => {
  it('a second run a day later shows in the meta report with trends; a 15 % slowdown is flagged', async () => {
    s = createTestServices();
    let latency = 1000;
    const { deps, setNow } = scripted(s, { latencyMs: () => latency });
    const first = await runSuite(deps, { suite: 'daily', quick: true, only, outputDir: s.dir, trigger: 'test', heartbeatMs: 1e9 });
    expect(first.log.status).toBe('completed');
    setNow(T0 + DAY);
    latency = 1150;
    const second = await runSuite(deps, { suite: 'daily', quick: true, only, outputDir: s.dir, trigger: 'test', heartbeatMs: 1e9 });

    // each job makes two handler calls (data:synth, backtest:run): 2 s on day 1, 2.3 s on day 2
    expect(first.log.jobs.map((j) => j.duration_sec)).toEqual([2, 2, 2]);
    expect(second.log.jobs.map((j) => j.duration_sec)).toEqual([2.3, 2.3, 2.3]);

    const rep = buildMetaReport(deps.repo, T0 + DAY + 3_600_000, 7);
    expect(rep.runs).toBe(2);
    const dur = rep.trends.find((t) => t.job === 'offline_synth_small' && t.metric === 'duration_sec');
    expect(dur?.points.map((p) => p.value)).toEqual([2, 2.3]);
    expect(dur?.baseline).toBe(2);
    expect(dur?.change).toBeCloseTo(0.15, 12);
    expect(dur?.regression).toBe(true);
    // throughput: steps ÷ backtest time (one call): 200/1 → 200/1.15, −13 %: flagged too
    const tps = rep.trends.find((t) => t.job === 'offline_synth_small' && t.metric === 'ticks_per_sec');
    expect(tps?.points.map((p) => p.value)).toEqual([200, 200 / 1.15]);
    expect(tps?.regression).toBe(true);
    // deterministic results did not move: not flagged
    const pnl = rep.trends.find((t) => t.job === 'offline_realtime_r_and_d' && t.metric === 'net_pnl');
    expect(pnl?.change).toBe(0);
    expect(pnl?.regression).toBe(false);
    expect(rep.regressions.map((t) => `${t.job}:${t.metric}`).sort()).toEqual(
      only.flatMap((j) => [`${j}:duration_sec`, `${j}:ticks_per_sec`]).sort());

    // the 30-day window outside both runs is empty; the files carry the flags
    expect(buildMetaReport(deps.repo, T0 + 40 * DAY, 30).runs).toBe(0);
    const files = writeMetaReport(join(s.dir, 'meta'), rep);
    const md = readFileSync(files.md, 'utf8');
    expect(md).toMatch(/6 regression\(s\)/);
    expect(md).toMatch(/\| offline_synth_small \| duration_sec \| 2 \| 2\.300 \| 2\.000 \| \+15\.0 % \| ⚠ regression \|/);
    const html = readFileSync(files.html, 'utf8');
    expect(html).toMatch(/Plotly\.newPlot/);
    expect(html).toMatch(/offline_synth_small · duration_sec ⚠/);
  }, 60_000);

  it('a 5 % slowdown is not flagged', async () => {
    s = createTestServices();
    let latency = 1000;
    const { deps, setNow } = scripted(s, { latencyMs: () => latency });
    await runSuite(deps, { suite: 'daily', quick: true, only: ['offline_synth_small'], outputDir: s.dir, trigger: 'test', heartbeatMs: 1e9 });
    setNow(T0 + DAY);
    latency = 1050;
    await runSuite(deps, { suite: 'daily', quick: true, only: ['offline_synth_small'], outputDir: s.dir, trigger: 'test', heartbeatMs: 1e9 });
    expect(buildMetaReport(deps.repo, T0 + 2 * DAY, 7).regressions).toEqual([]);
  }, 60_000);

  it('retries a failing job with exponential backoff, then fails it after the last attempt and alerts', async () => {
    s = createTestServices();
    // the first data:synth call fails once; self_check's data:synth always fails
    let synthCalls = 0;
    const { deps } = scripted(s, { latencyMs: () => 10, fail: (name) => name === 'data:synth' && ++synthCalls <= 1 });
    const r = await runSuite(deps, { suite: 'daily', quick: true, only: ['offline_synth_small'], outputDir: s.dir, trigger: 'test', retries: 2, backoffMs: 500, heartbeatMs: 1e9 });
    expect(r.log.jobs[0]).toMatchObject({ status: 'ok', attempts: 2 });
    const events = readFileSync(join(r.dir, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as RunEvent);
    expect(events.filter((e) => e.type === 'retry')).toHaveLength(1);
    expect(events.find((e) => e.type === 'backoff')?.metrics).toEqual({ backoff_ms: 500 });

    const always = scripted(s, { latencyMs: () => 10, fail: (name) => name === 'data:synth' });
    const f = await runSuite(always.deps, { suite: 'daily', quick: true, only: ['offline_synth_small'], outputDir: s.dir, trigger: 'test', retries: 2, backoffMs: 500, heartbeatMs: 1e9 });
    expect(f.log.status).toBe('failed');
    expect(f.log.jobs[0]).toMatchObject({ status: 'failed', attempts: 3, error_msg: 'scripted failure of data:synth' });
    const ev = readFileSync(join(f.dir, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as RunEvent);
    expect(ev.filter((e) => e.type === 'backoff').map((e) => e.metrics?.backoff_ms)).toEqual([500, 1000]);
    expect(always.deps.alerts.alerts).toEqual([expect.objectContaining({ level: 'warning', code: 'SUITE_JOB_FAILED' })]);
  }, 60_000);

  it('a job that hangs times out and the run continues with the next job', async () => {
    s = createTestServices();
    const { deps } = scripted(s, { latencyMs: () => 10, hang: (name) => name === 'data:synth' });
    const r = await runSuite(deps, { suite: 'daily', only: ['offline_synth_small', 'trigger_training_drill'], outputDir: s.dir, trigger: 'test', retries: 0, jobTimeoutMs: 50, heartbeatMs: 1e9 });
    expect(r.log.jobs.map((j) => [j.job_name, j.status])).toEqual([['offline_synth_small', 'failed'], ['trigger_training_drill', 'skipped']]);
    expect(r.log.jobs[0]?.error_msg).toMatch(/timed out after 0.05 s/);
  }, 60_000);

  it('a cancelled run ends interrupted; a killed run (files as left mid-way) validates as interrupted', async () => {
    s = createTestServices();
    const { deps } = scripted(s, { latencyMs: () => 10 });
    const ctl = new AbortController();
    const snapshot = join(s.dir, 'snapshot');
    const runDir = join(s.dir, 'daily', 'daily_20260301_063000_abcdef');
    const r = await runSuite({
      ...deps,
      onEvent: (_id, e) => {
        // the second job starts: copy the directory as a SIGKILL would leave it, then cancel
        if (e.type === 'phase_start' && e.phase === 'offline_realtime_baseline') {
          cpSync(runDir, snapshot, { recursive: true });
          ctl.abort();
        }
      },
    }, { suite: 'daily', quick: true, only, outputDir: s.dir, trigger: 'test', signal: ctl.signal, heartbeatMs: 1e9, runId: 'daily_20260301_063000_abcdef' });
    expect(r.dir).toBe(runDir);
    expect(r.log.status).toBe('interrupted');
    expect(r.log.jobs.map((j) => j.job_name)).toEqual(['offline_synth_small']);
    expect(validateRunDir(r.dir)).toMatchObject({ valid: true, status: 'interrupted' });
    const killed = validateRunDir(snapshot);
    expect(killed).toMatchObject({ valid: true, status: 'interrupted' });
    const partial = AutomationLogSchema.parse(JSON.parse(readFileSync(join(snapshot, 'automation_daily_20260301_063000.json'), 'utf8')));
    expect(partial.status).toBe('running');
    expect(partial.finished_at).toBeNull();
    expect(deps.repo.getRun('daily_20260301_063000_abcdef')?.status).toBe('interrupted');
  }, 60_000);
});
