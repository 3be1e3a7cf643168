// One job lifecycle (issue 7): a job belongs to the connection that started it. Over the real browser twin with
// real services: a second page cannot cancel the first page's sweep (FORBIDDEN) unless it forces it, and the job's
// events reach only the owner's socket — and a follower's after jobs:follow.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startWebTwin, type WebTwin } from '../../src/node/web/twin';
import { createServices } from '../../src/node/services';
import { createTestServices, fakeClock, smallSeedSpecs, tempDir, type TestServices } from '../support/services';

interface Envelope { ok: boolean; value?: Record<string, unknown>; error?: { code: string; message: string } }

function post(twin: WebTwin, command: string, body: unknown, connection?: string): Promise<{ status: number; env: Envelope }> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1', port: twin.port, method: 'POST', path: `/api/${command}`,
      headers: { 'content-type': 'application/json', 'x-peak-token': twin.token, ...(connection && { 'x-peak-connection': connection }) },
    }, (res) => {
      let b = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (b += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, env: JSON.parse(b) as Envelope }));
    });
    req.on('error', reject);
    req.end(text);
  });
}

interface Page { frames: { event: string; payload: { jobId?: string } }[]; ws: WebSocket }
async function openPage(twin: WebTwin, connection: string): Promise<Page> {
  const ws = new WebSocket(`ws://127.0.0.1:${twin.port}/events?token=${twin.token}&connection=${connection}`);
  const page: Page = { frames: [], ws };
  ws.on('message', (m) => page.frames.push(JSON.parse(String(m)) as Page['frames'][number]));
  await new Promise<void>((resolve, reject) => { ws.once('open', () => resolve()); ws.once('error', reject); });
  return page;
}
const jobFrames = (p: Page, jobId: string) => p.frames.filter((f) => f.event.startsWith('jobs:') && f.payload.jobId === jobId);
const until = async (cond: () => boolean, ms = 20_000) => {
  for (const t0 = Date.now(); !cond() && Date.now() - t0 < ms;) await new Promise((r) => setTimeout(r, 10));
};

describe('job ownership over the browser twin', () => {
  let s: TestServices;
  let twin: WebTwin;
  let dir: string;
  let datasetId: string;
  beforeAll(async () => {
    // a real clock: progress events are throttled by it
    s = createTestServices({ workers: 1, clock: () => Date.now() });
    dir = mkdtempSync(join(tmpdir(), 'peak-jobs-'));
    mkdirSync(join(dir, 'renderer'));
    writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Peak Trade</title>');
    twin = await startWebTwin({ services: s, rendererDir: join(dir, 'renderer'), token: 'tok' });
    const list = await s.invoke('data:list', {});
    if (!list.ok) throw new Error(list.error.message);
    datasetId = list.value.datasets.find((d) => d.bars === 2000)!.id;
  });
  afterAll(async () => {
    await twin.close();
    await s.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it("refuses another page's cancel (FORBIDDEN) unless forced; events go to the owner and to followers only", async () => {
    const a = await openPage(twin, 'page-a');
    const b = await openPage(twin, 'page-b');
    const jobId = 'sweep-of-page-a';
    // a grid large enough to still run while the other page tries to cancel it (1 worker)
    const grid = { fast_window: '2:60:1', slow_window: '61:160:1' };
    const started = await post(twin, 'sweeps:start', { datasetId, strategyId: 'ma_crossover', grid, jobId }, 'page-a');
    expect(started.env).toMatchObject({ ok: true, value: { jobId, status: 'running' } });

    await until(() => jobFrames(a, jobId).some((f) => f.event === 'jobs:did-progress'));
    expect(jobFrames(a, jobId).length).toBeGreaterThan(0);

    const listedByB = await post(twin, 'jobs:list', { status: 'running' }, 'page-b');
    const row = (listedByB.env.value!.jobs as { jobId: string; mine: boolean; resumable: boolean }[]).find((j) => j.jobId === jobId);
    expect(row).toMatchObject({ mine: false, resumable: false });

    const refused = await post(twin, 'jobs:cancel', { jobId }, 'page-b');
    expect(refused.status).toBe(403);
    expect(refused.env.error?.code).toBe('FORBIDDEN');
    // an anonymous caller (no connection header) is another connection too
    expect((await post(twin, 'jobs:cancel', { jobId })).env.error?.code).toBe('FORBIDDEN');
    expect(jobFrames(b, jobId)).toEqual([]);

    // page B follows: from now on it receives the job's events
    expect((await post(twin, 'jobs:follow', { jobId }, 'page-b')).env.value).toEqual({ following: true });
    await until(() => jobFrames(b, jobId).length > 0);
    expect(jobFrames(b, jobId).length).toBeGreaterThan(0);

    const forced = await post(twin, 'jobs:cancel', { jobId, force: true }, 'page-b');
    expect(forced.env).toEqual({ ok: true, value: { cancelled: true } });
    await until(() => jobFrames(a, jobId).some((f) => f.event === 'jobs:did-finish') && jobFrames(b, jobId).some((f) => f.event === 'jobs:did-finish'));
    const finish = jobFrames(a, jobId).find((f) => f.event === 'jobs:did-finish')!.payload;
    expect(finish).toMatchObject({ jobId, kind: 'sweep', status: 'cancelled', result: { kind: 'sweep', id: String(started.env.value!.sweepId) } });
    expect(jobFrames(b, jobId).some((f) => f.event === 'jobs:did-finish')).toBe(true);

    // the owner sees it as its own, resumable (sweeps are a resumable kind)
    const mine = await post(twin, 'jobs:list', { kind: 'sweep' }, 'page-a');
    expect((mine.env.value!.jobs as { jobId: string }[]).find((j) => j.jobId === jobId)).toMatchObject({ mine: true, status: 'cancelled', resumable: true });
    // a used id is refused
    expect((await post(twin, 'sweeps:start', { datasetId, strategyId: 'ma_crossover', jobId }, 'page-a')).env.error?.code).toBe('CONFLICT');
    a.ws.close();
    b.ws.close();
  }, 60_000);

  it('the owner cancels its own job without force; a third page never hears of it', async () => {
    const a = await openPage(twin, 'page-a2');
    const c = await openPage(twin, 'page-c');
    const jobId = 'sweep-of-page-a2';
    await post(twin, 'sweeps:start', { datasetId, strategyId: 'ma_crossover', grid: { fast_window: '2:60:1', slow_window: '61:160:1' }, jobId }, 'page-a2');
    expect((await post(twin, 'jobs:cancel', { jobId }, 'page-a2')).env).toEqual({ ok: true, value: { cancelled: true } });
    await until(() => jobFrames(a, jobId).some((f) => f.event === 'jobs:did-finish'));
    expect(jobFrames(a, jobId).some((f) => f.event === 'jobs:did-finish')).toBe(true);
    expect(jobFrames(c, jobId)).toEqual([]);
    // broadcasts (no audience) still reach every page
    s.emit('data:did-change', { action: 'deleted', id: 'x' });
    await until(() => c.frames.some((f) => f.event === 'data:did-change'));
    expect(c.frames.some((f) => f.event === 'data:did-change')).toBe(true);
    a.ws.close();
    c.ws.close();
  }, 60_000);
});

describe('jobs table across restarts', () => {
  it("a job left 'running' by a dead process reads 'interrupted'; only resumable kinds resume", async () => {
    const { dir, remove } = tempDir();
    const open = () => createServices({ dataDir: dir, clock: fakeClock(), seed: true, seedSpecs: smallSeedSpecs, workers: 1 });
    try {
      const first = open();
      // what a crash leaves behind: a running row nobody will finish
      first.store.jobs.insert({ id: 'wf-crashed', kind: 'walkforward', owner: 'cli', configHash: null, total: 10 });
      await first.close();
      const second = open();
      const list = await second.invoke('jobs:list', {}, { connectionId: 'cli' });
      if (!list.ok) throw new Error(list.error.message);
      expect(list.value.jobs.find((j) => j.jobId === 'wf-crashed')).toMatchObject({ status: 'interrupted', mine: true, resumable: false, total: 10 });
      const resumed = await second.invoke('jobs:resume', { jobId: 'wf-crashed' });
      expect(resumed).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
      expect(await second.invoke('jobs:resume', { jobId: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      await second.close();
    } finally {
      remove();
    }
  });
});
