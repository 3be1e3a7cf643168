import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBars } from '../../../src/core/data/bars';
import { createPool, type Pool, type Progress } from '../../../src/node/pool/pool';
import { shareBars } from '../../../src/workers/shared-data';

describe('worker pool (real task.worker bundled through ?modulePath)', () => {
  let pool: Pool;
  const crashes: string[] = [];
  beforeAll(() => {
    pool = createPool({ workers: 2, onWorkerCrash: (c) => crashes.push(`${c.kind}#${c.attempt}: ${c.message}`) });
  });
  afterAll(async () => {
    await pool.destroy();
  });

  it('runs a task in a worker thread and returns its value', async () => {
    const r = await pool.run('diag', { action: 'echo', value: { a: [1, 2] } });
    expect(r).toMatchObject({ value: { a: [1, 2] } });
    expect((r as { threadId: number }).threadId).toBeGreaterThan(0);
  });

  it('runMany keeps input order and reports progress with rate and ETA', async () => {
    const seen: Progress[] = [];
    const inputs = Array.from({ length: 12 }, (_, i) => ({ action: 'echo' as const, value: i }));
    const out = await pool.runMany('diag', inputs, { onProgress: (p) => seen.push(p) });
    expect(out.map((o) => (o as { value: number }).value)).toEqual(inputs.map((i) => i.value));
    expect(seen[0]).toMatchObject({ done: 0, total: 12 });
    expect(seen.at(-1)).toMatchObject({ done: 12, total: 12, etaSec: 0 });
    expect(seen.at(-1)!.ratePerSec).toBeGreaterThan(0);
  });

  it('uses both workers in parallel', async () => {
    const out = await pool.runMany('diag', Array.from({ length: 4 }, () => ({ action: 'sleep' as const, ms: 150 })));
    expect(new Set(out.map((o) => (o as { threadId: number }).threadId)).size).toBe(2);
  });

  it('a handler error names the task kind and its parameters', async () => {
    await expect(pool.run('diag', { action: 'throw', message: 'boom' })).rejects.toMatchObject({
      code: 'INTERNAL',
      message: expect.stringMatching(/task diag \(action=throw\) failed: boom/),
    });
  });

  it('invalid task input is rejected by the worker with the field path', async () => {
    await expect(pool.run('diag', { action: 'sleep', ms: -1 })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/task diag: invalid input at ms/),
    });
  });

  it('a worker that crashes once is reported and its task retried', async () => {
    const counter = new Int32Array(new SharedArrayBuffer(4));
    crashes.length = 0;
    const r = await pool.run('diag', { action: 'exit-once', counter });
    expect(r).toMatchObject({ attempts: 2 });
    expect(crashes).toHaveLength(1);
    expect(crashes[0]).toMatch(/diag#1: worker exited with code: 3/);
  });

  it('a worker that keeps crashing fails the task after one retry', async () => {
    crashes.length = 0;
    await expect(pool.run('diag', { action: 'exit', code: 7 })).rejects.toMatchObject({
      code: 'INTERNAL',
      message: expect.stringMatching(/task diag: worker crashed twice/),
    });
    expect(crashes).toHaveLength(2);
    // the pool still works afterwards
    await expect(pool.run('diag', { action: 'echo', value: 1 })).resolves.toMatchObject({ value: 1 });
  });

  it('cancellation stops a job of long tasks within a second', async () => {
    const ac = new AbortController();
    const t0 = performance.now();
    const job = pool.runMany('diag', Array.from({ length: 20 }, () => ({ action: 'sleep' as const, ms: 5000 })), { signal: ac.signal });
    setTimeout(() => ac.abort(), 100);
    await expect(job).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(performance.now() - t0).toBeLessThan(1100);
    await expect(pool.run('diag', { action: 'echo', value: 2 })).resolves.toMatchObject({ value: 2 });
  });

  it('market data goes to workers once: SharedArrayBuffer columns, cached per key', async () => {
    const b = makeBars(1000);
    for (let i = 0; i < 1000; i++) { b.time[i] = i * 60_000; b.close[i] = i; }
    const shared = shareBars('ds-test-1', b);
    expect(shared.close.buffer).toBeInstanceOf(SharedArrayBuffer);
    const rs = await pool.runMany('diag', Array.from({ length: 8 }, () => ({ action: 'sum-close' as const, data: shared })));
    for (const r of rs) expect(r).toMatchObject({ sum: (999 * 1000) / 2, shared: true });
    // each worker builds its cache entry once at most; the rest are hits
    const misses = rs.filter((r) => !(r as { cached: boolean }).cached).length;
    expect(misses).toBeLessThanOrEqual(2);
    // memory is shared, not copied: a write on the main side is seen by the workers (new key: no stale cache)
    shared.close[0] = 1_000_000;
    const r2 = await pool.run('diag', { action: 'sum-close', data: { ...shared, key: 'ds-test-1b' } });
    expect(r2).toMatchObject({ sum: (999 * 1000) / 2 + 1_000_000 });
  });

  it('rejects unknown task kinds at compile time and at run time', async () => {
    // @ts-expect-error not a task kind
    await expect(pool.run('nope', {})).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/unknown task kind "nope"/) });
  });
});
