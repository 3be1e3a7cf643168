// Settings → Cluster in Chromium against the browser twin. The twin refuses a Redis URL from a page, so the panel
// shows the stored setting (set here through services, as the CLI or the desktop app would): the URL masked and
// read-only, the live worker list, the connection test (Redis version, the worker's host/cores/threads, a rejected
// payload), the note saying where the URL is set, and the one change a page may make (back to this machine).
import { hostname } from 'node:os';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { CLUSTER_PROTOCOL } from '../../src/node/cluster/protocol';
import { startWorkerNode, type WorkerNode } from '../../src/node/cluster/worker-node';
import { silentLogger } from '../../src/node/api/context';
import { hasChromium, launchTwin, type LaunchedTwin, type PageProblems } from '../support/e2e';
import { AppPage, shoot } from '../support/pages';
import { redisAvailable, startRedis, type TestRedis } from '../support/redis';

const PASSWORD = 's3cret-pw';

describe.skipIf(!hasChromium || !redisAvailable())('cluster settings (twin + Chromium + redis-server)', () => {
  let twin: LaunchedTwin;
  let page: Page;
  let problems: PageProblems;
  let redis: TestRedis;
  let node: WorkerNode;

  beforeAll(async () => {
    redis = await startRedis({ password: PASSWORD });
    twin = await launchTwin({
      workers: 1,
      prepare: async ({ services }) => {
        node = await startWorkerNode({ url: redis.url, concurrency: 1, logger: silentLogger, version: { app: services.ctx.version, protocol: CLUSTER_PROTOCOL } });
        // a hand-made bad payload, so the panel has a rejection to report
        const conn = new Redis(redis.url, { maxRetriesPerRequest: null });
        const q = new Queue('tasks', { connection: conn, prefix: 'peak' });
        await q.add('x', { v: { app: services.ctx.version, protocol: CLUSTER_PROTOCOL }, run: 'hand-made', chunk: 0, kind: 'shell', data: { sha: '0'.repeat(64), rows: 1 }, input: {} }, { jobId: 'hand-made-1' });
        await q.close();
        conn.disconnect();
      },
    });
    ({ page, problems } = twin);
  }, 120_000);
  afterAll(async () => {
    // the worker node goes before the twin it serves, redis last
    await node?.close();
    await twin?.close();
    await redis?.remove();
  }, 30_000);

  it('shows the stored setting and its test; the URL is set from the CLI or the desktop app, never from the page', async () => {
    const app = new AppPage(page);
    await app.palette('settings');
    await page.getByRole('main', { name: 'Settings' }).waitFor();
    const panel = page.getByRole('form', { name: 'Compute cluster' });
    // nothing stored: the page cannot choose a cluster (that needs a URL) and says where to set one
    const note = panel.getByRole('note', { name: 'Where the Redis URL is set' });
    await expect.poll(async () => (await note.textContent()) ?? '').toMatch(/No cluster is set\. The Redis URL is set from the CLI \(peak cluster set <redis-url>\) or in the desktop app/);
    expect(await panel.getByLabel('Cluster (Redis URL)').isDisabled()).toBe(true);
    expect(await panel.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);

    // the desktop app / `peak cluster set` door stores the URL (services directly, not the twin)
    const set = await twin.services.invoke('cluster:set', { compute: 'cluster', url: redis.url });
    expect(set.ok).toBe(true);
    await app.open(twin.url);
    await app.palette('settings');
    const again = page.getByRole('form', { name: 'Compute cluster' });
    const urlBox = again.getByLabel('Redis URL', { exact: true });
    await expect.poll(() => urlBox.inputValue()).toBe(`redis://[redacted]@127.0.0.1:${redis.port}`);
    expect(await urlBox.getAttribute('readonly')).not.toBeNull();
    expect(await again.getByRole('note', { name: 'Where the Redis URL is set' }).textContent()).toMatch(/^This is the stored setting\./);
    // the live list of the stored setting, and its test on demand
    await again.getByRole('table', { name: 'Cluster workers' }).filter({ hasText: hostname() }).waitFor();
    await again.getByRole('button', { name: 'Test connection' }).click();
    const status = again.getByRole('status', { name: 'Cluster status' });
    await status.waitFor();
    expect(await status.textContent()).toMatch(/Connected · Redis \d+\.\d+.* · 1 live worker · 1 thread · queue/);
    await again.getByRole('alert', { name: 'Rejected payloads' }).filter({ hasText: 'hand-made-1' }).waitFor();
    expect(await again.getByRole('alert', { name: 'Rejected payloads' }).textContent()).toMatch(/invalid task payload at kind/);
    expect(await page.content()).not.toContain(PASSWORD);
    await again.scrollIntoViewIfNeeded();
    await shoot(page, 'cluster-settings');

    // the one change a page may make: back to this machine
    await again.getByLabel('This machine').check();
    await again.getByRole('button', { name: 'Save' }).click();
    await again.getByRole('status').filter({ hasText: 'New sweeps run on this machine.' }).waitFor();
    const stored = await twin.services.invoke('cluster:get', {});
    expect(stored.ok && stored.value.compute).toBe('local');
    const bad = problems.errors.filter((e) => !/status of 4\d\d/.test(e));
    expect(bad, bad.join('\n')).toEqual([]);
  }, 120_000);
});
