// Trust #17: a second process cannot resume a sweep that is still running: a lease (pid + heartbeat) → CONFLICT.
import { spawn, type ChildProcess } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../src/node/services';
import { createSweepLeases } from '../../../src/node/sweeps/lease';
import { smallSeedSpecs, tempDir } from '../../support/services';

describe('sweep leases', () => {
  let dir: ReturnType<typeof tempDir>;
  let a: Services;
  let other: ChildProcess | undefined;
  beforeAll(() => {
    dir = tempDir('peak-lease-');
    a = createServices({ dataDir: dir.dir, dbPath: join(dir.dir, 'peak.db'), clock: () => Date.now(), seed: true, seedSpecs: smallSeedSpecs, workers: 1 });
  });
  afterAll(async () => {
    other?.kill('SIGKILL');
    await a.close();
    dir.remove();
  });

  it('resuming a sweep another live process holds is CONFLICT; once that process is gone (kill -9) the resume works', async () => {
    const list = await a.invoke('data:list', {});
    if (!list.ok) throw new Error(list.error.message);
    const ds = list.value.datasets.find((d) => d.bars === 500)!.id;
    const started = await a.invoke('sweeps:start', { datasetId: ds, strategyId: 'ma_crossover', grid: { fast_window: '2:3', slow_window: '8:9' }, wait: true });
    if (!started.ok) throw new Error(started.error.message);
    const id = started.value.sweepId;
    // Another process (a real, live pid on this host) holds the sweep: its lease row and 'running' status.
    other = spawn('sleep', ['60'], { stdio: 'ignore' });
    const now = Date.now();
    a.store.db.prepare("UPDATE sweeps SET status = 'running', chunks_done = 0, done = 0 WHERE id = ?").run(id);
    a.store.db.prepare('INSERT INTO sweep_leases (sweep_id, owner, pid, host, acquired_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, 'other-process', other.pid, hostname(), now, now);
    const seen = await a.invoke('sweeps:get', { id });
    expect(seen.ok && seen.value.status).toBe('running'); // not "interrupted": its holder is alive
    const r = await a.invoke('jobs:resume', { jobId: started.value.jobId });
    expect(r.ok ? 'OK' : r.error.code).toBe('CONFLICT');
    if (!r.ok) expect(r.error.message).toMatch(new RegExp(`^sweep ${id} is running in another process \\(pid ${other.pid} on `));
    other.kill('SIGKILL');
    await new Promise((res) => other!.once('exit', res));
    const after = await a.invoke('sweeps:get', { id });
    expect(after.ok && after.value.status).toBe('interrupted');
    const again = await a.invoke('jobs:resume', { jobId: started.value.jobId, wait: true });
    expect(again.ok ? again.value.status : again.error.message).toBe('done');
    const row = a.store.db.prepare('SELECT COUNT(*) AS n FROM sweep_leases WHERE sweep_id = ?').get(id) as { n: number };
    expect(row.n).toBe(0); // released when the session ended
  }, 60_000);

  it('a lease whose pid is gone, or whose heartbeat is stale, is taken over', () => {
    const d = tempDir('peak-lease-unit-');
    const s = createServices({ dataDir: d.dir, dbPath: join(d.dir, 'x.db'), seed: false });
    try {
      s.store.db.pragma('foreign_keys = OFF'); // sweep 7 need not exist
      const q = s.store.sweepLeases;
      let now = 1_000_000;
      let alive = true;
      const first = createSweepLeases(q, { clock: () => now, ttlMs: 10_000, pid: 111, host: 'h', pidAlive: () => alive });
      const second = createSweepLeases(q, { clock: () => now, ttlMs: 10_000, pid: 222, host: 'h', pidAlive: () => alive });
      const l1 = first.acquire(7);
      expect(() => second.acquire(7)).toThrow(/sweep 7 is running in another process \(pid 111 on h/);
      alive = false; // kill -9 of pid 111
      const l2 = second.acquire(7);
      l2.release();
      alive = true;
      const l3 = first.acquire(7);
      now += 10_001; // no heartbeat for longer than the TTL
      const remote = createSweepLeases(q, { clock: () => now, ttlMs: 10_000, pid: 333, host: 'other', pidAlive: () => true });
      remote.acquire(7).release();
      l1.release();
      l3.release();
    } finally {
      void s.close();
      d.remove();
    }
  });
});
