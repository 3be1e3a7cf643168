/**
 * The app side of the cluster, in process: the compute setting (cluster:set/get, URL checks, masked password),
 * the connection test with the live worker list, and a sweep started through sweeps:start that runs on an
 * in-process worker node because Settings say "cluster" — with the results hash of the same sweep run locally.
 */
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../src/node/api/context';
import { createCoordinator } from '../../src/node/cluster/coordinator';
import { CLUSTER_PROTOCOL, encodeValue } from '../../src/node/cluster/protocol';
import { sharedPool } from '../../src/node/pool/context-pool';
import { startWorkerNode, type WorkerNode } from '../../src/node/cluster/worker-node';
import { redisAvailable, startRedis, type TestRedis } from '../support/redis';
import { createTestServices, type TestServices } from '../support/services';
import { createCliHarness } from '../support/cli';

const haveRedis = redisAvailable();
if (!haveRedis) console.warn('cluster settings tests skipped: redis-server is not installed (apt-get install redis-server)');

function ok<T>(r: { ok: boolean; value?: T; error?: { code: string; message: string } }): T {
  if (!r.ok) throw new Error(`${r.error?.code}: ${r.error?.message}`);
  return r.value as T;
}

const PASSWORD = 'corr3ct-horse';

describe.skipIf(!haveRedis)('cluster settings and an app sweep on the cluster (in process)', () => {
  let redis: TestRedis;
  let s: TestServices;
  let node: WorkerNode;
  const logs: string[] = [];
  const logger: Logger = {
    debug: (m, f) => logs.push(`${m} ${JSON.stringify(f ?? {})}`),
    info: (m, f) => logs.push(`${m} ${JSON.stringify(f ?? {})}`),
    warn: (m, f) => logs.push(`${m} ${JSON.stringify(f ?? {})}`),
    error: (m, f) => logs.push(`${m} ${JSON.stringify(f ?? {})}`),
  };

  beforeAll(async () => {
    redis = await startRedis({ password: PASSWORD });
    s = createTestServices({ workers: 1, logger, clock: () => Date.now() });
    node = await startWorkerNode({ url: redis.url, concurrency: 1, logger, version: { app: s.ctx.version, protocol: CLUSTER_PROTOCOL } });
  }, 60_000);
  afterAll(async () => {
    await node?.close();
    await s?.dispose();
    await redis?.remove();
  }, 30_000);

  it('stores the compute setting, masks the password, refuses non-Redis URLs naming the field', async () => {
    expect(ok(await s.invoke('cluster:get', {}))).toMatchObject({ compute: 'local', url: null, protocol: CLUSTER_PROTOCOL });
    const bad = await s.invoke('cluster:set', { compute: 'cluster', url: 'http://169.254.169.254/latest' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatchObject({ code: 'BAD_INPUT' });
    expect(!bad.ok && bad.error.message).toMatch(/^url: only redis:\/\/ and rediss:\/\//);
    const set = ok(await s.invoke('cluster:set', { compute: 'cluster', url: redis.url }));
    expect(set.compute).toBe('cluster');
    expect(set.url).not.toContain(PASSWORD);
    expect(set.url).toBe(`redis://[redacted]@127.0.0.1:${redis.port}`);
    // sending the masked URL back keeps the stored one (the UI never holds the password after a reload)
    ok(await s.invoke('cluster:set', { compute: 'cluster', url: set.url! }));
    const st = ok(await s.invoke('cluster:test', { url: set.url! }));
    expect(st.ok).toBe(true);
  });

  it('the connection test lists the live worker (host, cores, version) and a wrong password fails without leaking it', async () => {
    const st = ok(await s.invoke('cluster:test', {}));
    expect(st).toMatchObject({ ok: true, error: null });
    expect(st.redisVersion).toMatch(/^\d+\.\d+/);
    expect(st.latencyMs).toBeGreaterThanOrEqual(0);
    expect(st.workers).toHaveLength(1);
    expect(st.workers[0]).toMatchObject({ host: hostname(), pid: process.pid, concurrency: 1, compatible: true, live: true, version: `${s.ctx.version} (protocol ${CLUSTER_PROTOCOL})` });
    expect(Date.now() - st.workers[0].lastHeartbeat).toBeLessThan(5000);
    const wrong = ok(await s.invoke('cluster:test', { url: `redis://:wr0ng-pass@127.0.0.1:${redis.port}` }));
    expect(wrong.ok).toBe(false);
    expect(wrong.error).toMatch(/WRONGPASS|invalid|NOAUTH/i);
    expect(JSON.stringify(wrong)).not.toContain('wr0ng-pass');
    const down = ok(await s.invoke('cluster:test', { url: 'redis://127.0.0.1:1' }));
    expect(down.ok).toBe(false);
  }, 30_000);

  it('peak cluster set / status / test: the door for the URL (the browser twin refuses one from a page)', async () => {
    const cli = createCliHarness({ seed: false });
    try {
      const bad = await cli.run('cluster', 'set', 'http://169.254.169.254/latest');
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/^peak: <redis-url>: only redis:\/\/ and rediss:\/\//);
      const set = await cli.run('cluster', 'set', redis.url);
      expect(set.code).toBe(0);
      expect(set.stdout).toBe(`new sweeps run on the cluster at redis://[redacted]@127.0.0.1:${redis.port}\n`);
      const st = await cli.json<{ settings: { compute: string; url: string }; status: { ok: boolean; workers: { host: string }[] } }>('cluster', 'status', '--json');
      expect(st.settings).toMatchObject({ compute: 'cluster', url: `redis://[redacted]@127.0.0.1:${redis.port}` });
      expect(st.status.ok).toBe(true);
      expect(st.status.workers.map((w) => w.host)).toContain(hostname());
      const text = await cli.run('cluster', 'test');
      expect(text.code).toBe(0);
      expect(text.stdout).toMatch(/^connected {2}Redis \d+\.\d+.* · PING [\d.]+ ms · queue \d+ waiting, \d+ running\n/);
      expect(`${text.stdout}${st.settings.url}`).not.toContain(PASSWORD);
      const down = await cli.run('cluster', 'test', 'redis://127.0.0.1:1');
      expect(down.code).toBe(1);
      expect(down.stdout).toMatch(/^not connected: /);
      expect((await cli.run('cluster', 'set', 'local')).stdout).toBe('new sweeps run on this machine\n');
    } finally {
      cli.remove();
    }
  }, 30_000);

  it('sweeps:start with compute = cluster runs on the worker node and stores the local run’s results', async () => {
    const datasetId = ok(await s.invoke('data:list', {})).datasets.find((d) => d.bars === 2000)!.id;
    const input = { datasetId, strategyId: 'ma_crossover', grid: { fast_window: '2:20', slow_window: '10:80:5' }, wait: true };
    const before = node.info().tasksDone;
    const c = ok(await s.invoke('sweeps:start', input));
    expect(c.status).toBe('done');
    expect(node.info().tasksDone, 'the chunks ran on the worker node').toBeGreaterThan(before);
    ok(await s.invoke('cluster:set', { compute: 'local' }));
    const l = ok(await s.invoke('sweeps:start', input));
    expect(node.info().tasksDone - before).toBe(ok(await s.invoke('sweeps:get', { id: c.sweepId })).chunks);
    const hc = ok(await s.invoke('sweeps:get', { id: c.sweepId })).resultsHash;
    const hl = ok(await s.invoke('sweeps:get', { id: l.sweepId })).resultsHash;
    expect(hc).toMatch(/^[0-9a-f]{64}$/);
    expect(hc).toBe(hl);
    expect(ok(await s.invoke('cluster:get', {})).url).toBeNull();
  }, 60_000);

  it('a Monte-Carlo batch job (returns inline, no data set) on the cluster equals the local pool\'s', async () => {
    const returns = new Float64Array(2000);
    for (let i = 0; i < returns.length; i++) returns[i] = Math.sin(i * 0.37) * 0.01 + (i % 7 === 0 ? -0.004 : 0.001);
    const config = { method: 'block' as const, nPaths: 600, seed: 42, blockSize: 20, initialEquity: 10_000, periodsPerYear: 365, batchSize: 200, fanSteps: 50, fanPaths: 5 };
    const inputs = [0, 1, 2].map((batchIndex) => ({ returns, config, batchIndex }));
    const local = await sharedPool(s.ctx).runMany('mc-batch', inputs);
    const coord = createCoordinator(redis.url, { app: s.ctx.version, protocol: CLUSTER_PROTOCOL }, logger);
    const remote: unknown[] = [];
    try {
      await coord.run({ run: 'mc-test-1', kind: 'mc-batch', chunkIds: [0, 1, 2], inputs }, { signal: new AbortController().signal, onResult: (i, v) => (remote[i] = v) });
    } finally {
      await coord.close();
    }
    expect(remote).toHaveLength(3);
    expect(remote.map((v) => encodeValue(v))).toEqual(local.map((v) => encodeValue(v)));
  }, 60_000);

  it('a cluster sweep is a job: progress with the sweep detail, jobs:cancel stops it, jobs:resume finishes it with the local hash', async () => {
    const datasetId = ok(await s.invoke('data:list', {})).datasets.find((d) => d.bars === 2000)!.id;
    const input = { datasetId, strategyId: 'ma_crossover', grid: { fast_window: '2:40', slow_window: '10:200:2' } };
    ok(await s.invoke('cluster:set', { compute: 'local' }));
    const local = ok(await s.invoke('sweeps:start', { ...input, wait: true }));
    const localHash = ok(await s.invoke('sweeps:get', { id: local.sweepId })).resultsHash;
    ok(await s.invoke('cluster:set', { compute: 'cluster', url: redis.url }));
    const before = node.info().tasksDone;
    const progress: { chunksDone: unknown; chunks: unknown; sweepId: unknown }[] = [];
    let cancelled = null as ReturnType<typeof s.invoke<'jobs:cancel'>> | null;
    const off = s.on('jobs:did-progress', (p) => {
      if (p.jobId !== 'cluster-sweep-1' || p.detail === undefined) return;
      progress.push({ chunksDone: p.detail.chunksDone, chunks: p.detail.chunks, sweepId: p.detail.sweepId });
      if (cancelled === null && typeof p.detail.chunksDone === 'number' && p.detail.chunksDone >= 1) cancelled = s.invoke('jobs:cancel', { jobId: 'cluster-sweep-1' });
    });
    try {
      const started = ok(await s.invoke('sweeps:start', { ...input, jobId: 'cluster-sweep-1', wait: false }));
      expect(started.jobId).toBe('cluster-sweep-1');
      await s.ctx.sweeps.wait(started.sweepId);
      expect(cancelled, 'a chunk finished on the cluster before the cancel').not.toBeNull();
      expect(ok(await cancelled!)).toEqual({ cancelled: true });
      const mid = ok(await s.invoke('sweeps:get', { id: started.sweepId }));
      expect(mid.status).toBe('cancelled');
      expect(mid.chunksDone).toBeLessThan(mid.chunks);
      expect(mid.jobId).toBe('cluster-sweep-1');
      expect(progress.every((p) => p.sweepId === started.sweepId && p.chunks === mid.chunks)).toBe(true);
      const resumed = ok(await s.invoke('jobs:resume', { jobId: 'cluster-sweep-1', wait: true }));
      expect(resumed).toMatchObject({ jobId: 'cluster-sweep-1', kind: 'sweep', status: 'done' });
      const end = ok(await s.invoke('sweeps:get', { id: started.sweepId }));
      expect(end.status).toBe('done');
      expect(end.resultsHash).toBe(localHash);
      expect(node.info().tasksDone - before, 'the chunks ran on the worker node').toBeGreaterThanOrEqual(end.chunks);
    } finally {
      off();
      ok(await s.invoke('cluster:set', { compute: 'local' }));
    }
  }, 120_000);

  it('the cluster service reports its health in app:info (live workers; unreachable → degraded, password masked)', async () => {
    const health = async () => ok(await s.invoke('app:info', {})).services.find((x) => x.name === 'cluster');
    expect(await health()).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^compute on this machine/) });
    await s.start();
    ok(await s.invoke('cluster:set', { compute: 'cluster', url: redis.url }));
    await s.ctx.cluster.refresh();
    const up = await health();
    expect(up).toMatchObject({ status: 'ok' });
    expect(up?.detail).toMatch(/1 live worker\(s\), 1 thread\(s\)/);
    expect(up?.detail).not.toContain(PASSWORD);
    ok(await s.invoke('cluster:set', { compute: 'cluster', url: 'redis://:wr0ng-pass@127.0.0.1:1' }));
    await s.ctx.cluster.refresh();
    const down = await health();
    expect(down?.status).toBe('degraded');
    expect(down?.detail).toMatch(/unreachable/);
    expect(down?.detail).not.toContain('wr0ng-pass');
    ok(await s.invoke('cluster:set', { compute: 'local' }));
    expect(await health()).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^compute on this machine/) });
  }, 30_000);

  it('never logs the password', () => {
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.join('\n')).not.toContain(PASSWORD);
  });
});
