// The service registry (src/node/lifecycle/registry.ts) and the job registry's ownership rules (src/node/jobs).
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createServiceRegistry } from '../../../src/node/lifecycle/registry';
import type { LongLivedService } from '../../../src/node/lifecycle/service';
import { createEventBus, reaches } from '../../../src/node/api/events';
import { createJobRegistry } from '../../../src/node/jobs/registry';
import { withCall } from '../../../src/node/jobs/call-context';
import { createJobQueries } from '../../../src/node/db/jobs';
import { discoverMigrations, migrate } from '../../../src/node/db/migrate';
import { createTestServices } from '../../support/services';

function svc(name: string, log: string[], opts: { failStart?: boolean } = {}): LongLivedService {
  let running = false;
  return {
    name,
    start() {
      if (opts.failStart) throw new Error(`${name} cannot start`);
      running = true;
      log.push(`start ${name}`);
    },
    stop() {
      running = false;
      log.push(`stop ${name}`);
    },
    health: () => ({ status: running ? 'ok' : 'stopped', detail: `${name} detail` }),
  };
}

describe('service registry', () => {
  it('starts in registration order, stops in reverse, reports health (a failed start reads down)', async () => {
    const log: string[] = [];
    const errors: string[] = [];
    const r = createServiceRegistry((msg) => errors.push(msg));
    r.register(svc('a', log));
    r.register(svc('b', log, { failStart: true }));
    r.register(svc('c', log));
    expect(() => r.register(svc('a', log))).toThrow(/registered twice/);
    await r.startAll();
    expect(log).toEqual(['start a', 'start c']);
    expect(r.health()).toEqual([
      { name: 'a', status: 'ok', detail: 'a detail' },
      { name: 'b', status: 'down', detail: 'failed to start: b cannot start' },
      { name: 'c', status: 'ok', detail: 'c detail' },
    ]);
    await r.stopAll();
    await r.stopAll(); // idempotent
    expect(log).toEqual(['start a', 'start c', 'stop c', 'stop b', 'stop a']);
    expect(errors).toEqual(['service failed to start']);
  });

  it('app:info lists the app services with their health', async () => {
    const s = createTestServices();
    try {
      const info = await s.invoke('app:info', {});
      if (!info.ok) throw new Error(info.error.message);
      expect(info.value.services.map((x) => x.name)).toEqual(['store', 'pool', 'cluster', 'jobs', 'sweeps']);
      expect(info.value.services.every((x) => x.status === 'ok')).toBe(true);
    } finally {
      await s.dispose();
    }
  });
});

describe('job registry', () => {
  // a hand-set clock: `at(ms)` moves it
  function setup() {
    const db = new Database(':memory:');
    let t = 0;
    const clock = () => t;
    migrate(db, discoverMigrations(), clock());
    const events = createEventBus();
    const seen: { name: string; payload: unknown; audience?: ReadonlySet<string> }[] = [];
    events.onAny((name, payload, audience) => seen.push({ name, payload, ...(audience && { audience: new Set(audience) }) }));
    const jobs = createJobRegistry(events, clock, createJobQueries(db, clock), 0);
    return { db, jobs, seen, at: (ms: number) => void (t = ms) };
  }

  it('owner from the call context; cancel by another connection is FORBIDDEN unless forced', async () => {
    const { jobs, seen } = setup();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const p = withCall({ connectionId: 'alice' }, () => jobs.run('demo', async (job) => {
      job.progress(1, 4);
      await gate;
      job.throwIfCancelled();
      return 'finished';
    }, { id: 'j1' }));
    expect(jobs.list()).toMatchObject([{ jobId: 'j1', owner: 'alice' }]);
    expect(() => jobs.cancel('j1', { by: 'bob' })).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(jobs.follow('j1', 'bob')).toBe(true);
    expect(jobs.audience('j1')).toEqual(new Set(['alice', 'bob']));
    expect(jobs.cancel('j1', { by: 'bob', force: true })).toBe(true);
    release();
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
    const progress = seen.find((e) => e.name === 'jobs:did-progress')!;
    // 1 unit in the 1 s between start and the report → rate counts this session only
    expect(progress.payload).toMatchObject({ jobId: 'j1', kind: 'demo', done: 1, total: 4 });
    expect(progress.audience).toEqual(new Set(['alice']));
    expect(seen.at(-1)).toMatchObject({ name: 'jobs:did-finish', payload: { jobId: 'j1', status: 'cancelled' } });
    expect(jobs.history({ limit: 10 }, 'alice')).toMatchObject([{ jobId: 'j1', status: 'cancelled', mine: true, resumable: false, done: 1, total: 4 }]);
    expect(jobs.history({ limit: 10 }, 'bob')[0].mine).toBe(false);
    // ids are unique for good
    await expect(jobs.run('demo', async () => 1, { id: 'j1' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('rate and ETA over this session: a resumed job starting at done = 50 of 100', async () => {
    const { jobs, seen, at } = setup();
    at(10_000);
    await jobs.run('demo', async (job) => {
      at(11_000);
      job.progress(50, 100); // the stored progress it resumes from
      at(12_000);
      job.progress(60, 100); // 10 units of this session in 2 s since the start
    }, { id: 'r1' });
    const last = seen.filter((e) => e.name === 'jobs:did-progress').at(-1)!.payload as { ratePerSec: number; etaSec: number };
    // (60 − 50) / 2 s = 5 /s, not 60 / 2 s; ETA = (100 − 60) / 5 = 8 s
    expect(last.ratePerSec).toBeCloseTo(5, 10);
    expect(last.etaSec).toBeCloseTo(8, 10);
  });

  it('reaches(): no audience → everyone; an audience → only its members', () => {
    expect(reaches(undefined, 'x')).toBe(true);
    expect(reaches(new Set(['a']), 'a')).toBe(true);
    expect(reaches(new Set(['a']), 'b')).toBe(false);
  });
});
