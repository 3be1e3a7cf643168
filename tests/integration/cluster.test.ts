/**
 * The compute cluster end to end with the BUILT CLI: a throw-away redis-server, 2–3 `peak worker` processes and
 * the coordinator (`peak sweep … --cluster`). Every cluster run must end with the results hash of a local run:
 * plain, with a worker SIGKILLed mid-sweep, with the coordinator SIGKILLed and resumed, and across a Redis
 * restart. Cancel stops every worker within 2 s; bad payloads put on the queue by hand are rejected and reported.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { redisAvailable, startRedis, type TestRedis } from '../support/redis';
import { tempDir } from '../support/services';
import { ensureBuild } from '../../scripts/e2e-setup/ensure-build.mjs';

const root = resolve(__dirname, '../..');
const cliJs = join(root, 'out/main/cli.js');
const haveRedis = redisAvailable();
if (!haveRedis) console.warn('cluster integration tests skipped: redis-server is not installed (apt-get install redis-server)');

interface SweepOut { sweepId: number; status: string; resultsHash: string; total: number; configHash: string }

describe.skipIf(!haveRedis)('compute cluster (BullMQ + Redis, built CLI)', () => {
  const t = tempDir('peak-cluster-');
  const env = { db: join(t.dir, 'peak.db'), dir: t.dir, config: join(t.dir, 'config.toml') };
  const base = () => [cliJs, '--db', env.db, '--data-dir', env.dir, '--config', env.config];
  let redis: TestRedis;
  let datasetId = '';
  let local: SweepOut;
  const workers: ChildProcess[] = [];
  // ≈ 5,000 combinations × 20,000 bars in 27 chunks: a few seconds, long enough to kill things mid-sweep
  const grid = ['--grid', 'fast_window=2:60', '--grid', 'slow_window=10:200:2'];
  const sweepArgs = () => ['sweep', '--data', datasetId, '--strategy', 'ma_crossover', ...grid, '--json'];

  const peak = (...args: string[]): string => {
    const r = spawnSync(process.execPath, [...base(), ...args], { encoding: 'utf8', timeout: 180_000 });
    if (r.status !== 0) throw new Error(`peak ${args.join(' ')} → ${r.status}: ${r.stderr}`);
    return r.stdout;
  };

  /** starts a worker node and resolves once it reported ready */
  async function startWorker(): Promise<ChildProcess> {
    const w = spawn(process.execPath, [cliJs, 'worker', '--redis', redis.url, '--concurrency', '1', '--lock-ms', '2000', '--json'],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    workers.push(w);
    let err = '';
    w.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    await new Promise<void>((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`worker not ready: ${err}`)), 30_000);
      w.stdout?.on('data', (d: Buffer) => {
        if (d.toString().includes('"event":"ready"')) {
          clearTimeout(timer);
          res();
        }
      });
      w.once('exit', (c) => rej(new Error(`worker exited ${c}: ${err}`)));
    });
    return w;
  }

  const stopWorkers = async () => {
    await Promise.all(workers.splice(0).map((w) => new Promise<void>((res) => {
      if (w.exitCode !== null || w.signalCode !== null) return res();
      w.once('exit', () => res());
      w.kill('SIGINT');
      setTimeout(() => w.kill('SIGKILL'), 5000).unref();
    })));
  };

  const coordinator = (...args: string[]): { child: ChildProcess; out: Promise<{ code: number | null; sig: NodeJS.Signals | null; stdout: string }> } => {
    const child = spawn(process.execPath, [...base(), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    const out = new Promise<{ code: number | null; sig: NodeJS.Signals | null; stdout: string }>((res) =>
      child.once('exit', (code, sig) => res({ code, sig, stdout })));
    return { child, out };
  };

  /** the newest sweep after `after` once it stored ≥ n chunks */
  async function waitChunks(after: number, n: number): Promise<{ id: number; done: number; chunks: number }> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const db = new Database(env.db, { readonly: true, fileMustExist: true });
      try {
        const row = db.prepare('SELECT id, chunks_done AS done, chunks FROM sweeps WHERE id > ? ORDER BY id DESC LIMIT 1').get(after) as { id: number; done: number; chunks: number } | undefined;
        if (row && row.done >= n) return row;
      } finally {
        db.close();
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no sweep stored ${n} chunks in time`);
  }

  const lastSweepId = (): number => {
    const db = new Database(env.db, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT COALESCE(MAX(id), 0) AS m FROM sweeps').get() as { m: number }).m;
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    // the built CLI, rebuilt when any source is newer (one build at a time, shared with the e2e harness)
    await ensureBuild();
    cpSync(join(root, 'config/config.toml'), env.config);
    writeFileSync(env.config, readFileSync(env.config, 'utf8').replace(/seed_on_first_run\s*=\s*true/, 'seed_on_first_run = false'));
    datasetId = JSON.parse(peak('data', 'synth', '--kind', 'garch', '--bars', '20000', '--seed', '11', '--interval', '3600000', '--json')).dataset.id;
    local = JSON.parse(peak(...sweepArgs(), '--workers', '1'));
    expect(local.status).toBe('done');
    redis = await startRedis();
  }, 300_000);

  afterEach(async () => stopWorkers(), 30_000);
  afterAll(async () => {
    await stopWorkers();
    await redis?.remove();
    t.remove();
  }, 30_000);

  it('two workers: the results hash equals the local run; the data set is published once', async () => {
    await startWorker();
    await startWorker();
    const a = JSON.parse(peak(...sweepArgs(), '--cluster', redis.url)) as SweepOut;
    expect(a).toMatchObject({ status: 'done', total: local.total, configHash: local.configHash });
    expect(a.resultsHash).toBe(local.resultsHash);
    const b = JSON.parse(peak(...sweepArgs(), '--cluster', redis.url)) as SweepOut;
    expect(b.resultsHash).toBe(local.resultsHash);
    const r = new Redis(redis.url);
    try {
      expect(await r.keys('peak:data:*')).toHaveLength(1); // content-addressed: the second job sent nothing new
      const live = Object.values(await r.hgetall('peak:workers')).map((s) => JSON.parse(s) as { tasksDone: number; host: string; cores: number });
      expect(live).toHaveLength(2);
      expect(live.reduce((s, w) => s + w.tasksDone, 0)).toBeGreaterThanOrEqual(2);
    } finally {
      r.disconnect();
    }
  }, 180_000);

  it('walk-forward and Monte-Carlo with --cluster: folds and batches run on the workers, results equal the local run', async () => {
    await startWorker();
    await startWorker();
    const tasksDone = async () => {
      const r = new Redis(redis.url);
      try {
        return Object.values(await r.hgetall('peak:workers')).reduce((n, x) => n + (JSON.parse(x) as { tasksDone: number }).tasksDone, 0);
      } finally {
        r.disconnect();
      }
    };
    const wf = ['walkforward', '--data', datasetId, '--strategy', 'ma_crossover', '--train', '4000', '--test', '2000',
      '--grid', 'fast_window=5:30:5', '--grid', 'slow_window=40:120:20', '--json', '--no-report'];
    const mc = ['montecarlo', '--data', datasetId, '--strategy', 'ma_crossover', '--method', 'block', '--paths', '3000', '--seed', '7', '--json', '--no-report'];
    for (const args of [wf, mc]) {
      const l = JSON.parse(peak(...args)) as { configHash: string; summary: unknown };
      const before = await tasksDone();
      const c = JSON.parse(peak(...args, '--cluster', redis.url)) as { configHash: string; summary: unknown };
      expect(c.configHash).toBe(l.configHash);
      expect(c.summary).toEqual(l.summary);
      await new Promise((res) => setTimeout(res, 2500)); // one heartbeat
      expect(await tasksDone(), `${args[0]} ran on the workers`).toBeGreaterThan(before);
    }
  }, 180_000);

  it('a worker SIGKILLed mid-sweep: the task is re-queued (stalled) and the sweep ends with the same hash', async () => {
    const w1 = await startWorker();
    await startWorker();
    await startWorker();
    const before = lastSweepId();
    const c = coordinator(...sweepArgs(), '--cluster', redis.url);
    const mid = await waitChunks(before, 2);
    expect(mid.done).toBeLessThan(mid.chunks);
    w1.kill('SIGKILL');
    const res = await c.out;
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout) as SweepOut;
    expect(out.status).toBe('done');
    expect(out.resultsHash).toBe(local.resultsHash);
    // the killed worker's task came back through BullMQ's stalled-job check
    const r = new Redis(redis.url);
    try {
      const events = await r.xrange('peak:tasks:events', '-', '+');
      expect(events.some(([, f]) => f[0] === 'event' && f[1] === 'stalled')).toBe(true);
    } finally {
      r.disconnect();
    }
  }, 180_000);

  it('cancel from the coordinator stops every worker within 2 s', async () => {
    await startWorker();
    await startWorker();
    const before = lastSweepId();
    const c = coordinator(...sweepArgs(), '--cluster', redis.url);
    const mid = await waitChunks(before, 1);
    expect(mid.done).toBeLessThan(mid.chunks);
    const r = new Redis(redis.url);
    try {
      c.child.kill('SIGINT'); // Ctrl-C → jobs:cancel
      const t0 = Date.now();
      let stoppedAfter = Infinity;
      while (Date.now() - t0 < 5000) {
        const [active, waiting] = await Promise.all([r.llen('peak:tasks:active'), r.llen('peak:tasks:wait')]);
        if (active === 0 && waiting === 0) {
          stoppedAfter = Date.now() - t0;
          break;
        }
        await new Promise((res) => setTimeout(res, 20));
      }
      // the queue's active list is the authoritative set of tasks running on workers
      console.info(`cluster cancel: no task active or waiting ${stoppedAfter} ms after Ctrl-C`);
      expect(stoppedAfter, 'every worker stopped its task and nothing is left queued').toBeLessThan(2000);
      expect(workers.every((w) => w.exitCode === null), 'the workers themselves keep running').toBe(true);
      const res = await c.out;
      expect(res.code).toBe(130);
      const s = JSON.parse(peak('sweep', 'show', String(mid.id), '--json')) as SweepOut;
      expect(s.status).toBe('cancelled');
    } finally {
      r.disconnect();
    }
  }, 120_000);

  it('bad payloads put on the queue by hand are rejected and reported', async () => {
    await startWorker();
    const qc = new Redis(redis.url, { maxRetriesPerRequest: null });
    const q = new Queue('tasks', { connection: qc, prefix: 'peak' });
    const r = new Redis(redis.url);
    try {
      const v = { app: JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version as string, protocol: 1 };
      const sha = 'a'.repeat(64);
      await q.add('x', { v, run: 'evil-run', chunk: 0, kind: 'shell', data: { sha, rows: 1 }, input: { cmd: 'rm -rf /' } }, { jobId: 'evil-1' });
      await q.add('x', { v: { app: '9.9.9', protocol: 1 }, run: 'old-run', chunk: 3, kind: 'sweep-chunk', data: { sha, rows: 1 }, input: '{}' }, { jobId: 'old-1' });
      await q.add('x', { v, run: 'path-run', chunk: 0, kind: 'backtest', data: { sha, rows: 1 }, input: JSON.stringify({ data: '/etc/passwd' }) }, { jobId: 'path-1' });
      const failed = async (id: string) => {
        for (let i = 0; i < 200; i++) {
          const j = await q.getJob(id);
          if (j && (await j.getState()) === 'failed') return j.failedReason;
          await new Promise((res) => setTimeout(res, 50));
        }
        throw new Error(`job ${id} was not rejected`);
      };
      expect(await failed('evil-1')).toMatch(/invalid task payload at kind/);
      expect(await failed('old-1')).toMatch(/version mismatch: the coordinator runs Peak Trade 9\.9\.9 .* this worker 0\.\d+\.\d+/);
      expect(await failed('path-1')).toMatch(/data travels by content hash only/);
      const rejected = (await r.lrange('peak:rejected', 0, -1)).map((s) => JSON.parse(s) as { jobId: string; reason: string });
      expect(rejected.map((x) => x.jobId).sort()).toEqual(['evil-1', 'old-1', 'path-1']);
      // a payload that names a run is also reported to that run's coordinator
      const report = JSON.parse((await r.lrange('peak:results:old-run', 0, -1))[0]) as { ok: boolean; chunk: number; error: { message: string } };
      expect(report).toMatchObject({ ok: false, chunk: 3 });
      expect(report.error.message).toMatch(/version mismatch/);
    } finally {
      await q.close();
      qc.disconnect();
      r.disconnect();
    }
  }, 60_000);

  it('the coordinator SIGKILLed mid-sweep: `sweep resume --cluster` continues and ends with the same hash', async () => {
    await startWorker();
    await startWorker();
    const before = lastSweepId();
    const c = coordinator(...sweepArgs(), '--cluster', redis.url);
    const mid = await waitChunks(before, 1);
    c.child.kill('SIGKILL');
    expect((await c.out).sig).toBe('SIGKILL');
    const out = JSON.parse(peak('sweep', 'resume', String(mid.id), '--cluster', redis.url, '--json')) as SweepOut;
    expect(out.status).toBe('done');
    expect(out.resultsHash).toBe(local.resultsHash);
  }, 180_000);

  it('Redis restarted mid-sweep (data lost): workers reconnect, tasks are re-queued, same hash', async () => {
    await startWorker();
    await startWorker();
    const before = lastSweepId();
    const c = coordinator(...sweepArgs(), '--cluster', redis.url);
    await waitChunks(before, 1);
    await redis.restart();
    const res = await c.out;
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout) as SweepOut;
    expect(out.status).toBe('done');
    expect(out.resultsHash).toBe(local.resultsHash);
  }, 180_000);
});
