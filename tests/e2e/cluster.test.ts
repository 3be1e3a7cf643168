// Settings → Cluster in Chromium against the browser twin: choose "Cluster", enter a password-protected Redis
// URL, test the connection (Redis version, the live worker with its host/cores/threads, a rejected payload),
// save, and reload: the stored URL comes back masked and the live list keeps refreshing.
import { hostname } from 'node:os';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright';
import { CLUSTER_PROTOCOL } from '../../src/node/cluster/protocol';
import { startWorkerNode, type WorkerNode } from '../../src/node/cluster/worker-node';
import { silentLogger } from '../../src/node/api/context';
import { hasChromium, launchBrowser, launchTwin, newPage, type LaunchedTwin, type PageProblems } from '../support/e2e';
import { AppPage, shoot } from '../support/pages';
import { redisAvailable, startRedis, type TestRedis } from '../support/redis';

const PASSWORD = 's3cret-pw';

describe.skipIf(!hasChromium || !redisAvailable())('cluster settings (twin + Chromium + redis-server)', () => {
  let twin: LaunchedTwin;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  let redis: TestRedis;
  let node: WorkerNode;

  beforeAll(async () => {
    redis = await startRedis({ password: PASSWORD });
    twin = await launchTwin({ workers: 1 });
    node = await startWorkerNode({ url: redis.url, concurrency: 1, logger: silentLogger, version: { app: twin.services.ctx.version, protocol: CLUSTER_PROTOCOL } });
    // a hand-made bad payload, so the panel has a rejection to report
    const conn = new Redis(redis.url, { maxRetriesPerRequest: null });
    const q = new Queue('tasks', { connection: conn, prefix: 'peak' });
    await q.add('x', { v: { app: twin.services.ctx.version, protocol: CLUSTER_PROTOCOL }, run: 'hand-made', chunk: 0, kind: 'shell', data: { sha: '0'.repeat(64), rows: 1 }, input: {} }, { jobId: 'hand-made-1' });
    await q.close();
    conn.disconnect();
    browser = await launchBrowser();
    ({ context, page, problems } = await newPage(browser));
    await new AppPage(page).open(twin.url);
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await node?.close();
    await twin?.close();
    await redis?.remove();
  }, 30_000);

  it('tests the connection, lists the worker, saves, and shows the URL masked after a reload', async () => {
    const app = new AppPage(page);
    await app.palette('settings');
    await page.getByRole('main', { name: 'Settings' }).waitFor();
    const panel = page.getByRole('form', { name: 'Compute cluster' });
    await panel.getByLabel('Cluster (Redis URL)').check();
    await panel.getByLabel('Redis URL', { exact: true }).fill('http://127.0.0.1:80');
    await expect.poll(() => panel.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await panel.getByLabel('Redis URL', { exact: true }).fill(redis.url);
    await panel.getByRole('button', { name: 'Test connection' }).click();
    const status = panel.getByRole('status', { name: 'Cluster status' });
    await status.waitFor();
    expect(await status.textContent()).toMatch(/Connected · Redis \d+\.\d+.* · 1 live worker · 1 thread · queue/);
    const table = panel.getByRole('table', { name: 'Cluster workers' });
    await expect.poll(async () => (await table.textContent()) ?? '').toContain(hostname());
    await panel.getByRole('alert', { name: 'Rejected payloads' }).filter({ hasText: 'hand-made-1' }).waitFor();
    expect(await panel.getByRole('alert', { name: 'Rejected payloads' }).textContent()).toMatch(/invalid task payload at kind/);
    await panel.getByRole('button', { name: 'Save' }).click();
    await panel.getByRole('status').filter({ hasText: 'New sweeps run on the cluster.' }).waitFor();
    const stored = await twin.services.invoke('cluster:get', {});
    expect(stored.ok && stored.value.compute).toBe('cluster');

    await app.open(twin.url);
    await app.palette('settings');
    const again = page.getByRole('form', { name: 'Compute cluster' });
    await expect.poll(() => again.getByLabel('Redis URL', { exact: true }).inputValue()).toBe(`redis://[redacted]@127.0.0.1:${redis.port}`);
    await again.getByRole('table', { name: 'Cluster workers' }).filter({ hasText: hostname() }).waitFor();
    expect(await page.content()).not.toContain(PASSWORD);
    await again.scrollIntoViewIfNeeded();
    await shoot(page, 'cluster-settings');
    const bad = problems.errors.filter((e) => !/status of 4\d\d/.test(e));
    expect(bad, bad.join('\n')).toEqual([]);
  }, 120_000);
});
