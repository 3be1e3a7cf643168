// Automation flow in Chromium against the browser twin: start the quick daily suite from the Automation screen and
// follow it live (status running → phase → feed grows through push events → completed), then filter the feed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright';
import { hasChromium, launchBrowser, launchTwin, newPage, type LaunchedTwin } from '../support/e2e';
import { AppPage, shoot } from '../support/pages';

describe.skipIf(!hasChromium)('automation flow (twin + Chromium)', () => {
  let twin: LaunchedTwin;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    twin = await launchTwin({ seed: true });
    // an earlier run, so the trends panel has a history to draw
    const first = await twin.services.invoke('automation:run', { suite: 'daily', quick: true });
    if (!first.ok) throw new Error(first.error.message);
    for (let i = 0; i < 300; i++) {
      const r = await twin.services.invoke('automation:runs', {});
      if (r.ok && r.value.runs[0]?.status !== 'running') break;
      await new Promise((res) => setTimeout(res, 100));
    }
    browser = await launchBrowser();
    ({ context, page } = await newPage(browser));
    await new AppPage(page).open(twin.url);
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await twin?.close();
  });

  it('follows a running suite live and shows its results', async () => {
    const app = new AppPage(page);
    await app.nav('Automation');
    const runs = page.getByRole('table', { name: 'Suite runs' });
    await expect.poll(() => runs.locator('tbody tr').count()).toBe(1);

    await page.getByRole('button', { name: 'Run daily (quick)' }).click();
    const status = page.getByTestId('run-status');
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toBe('running');
    // the phase moves through the jobs and the feed grows while the run goes on (push events, no reload)
    const phase = page.getByTestId('run-phase');
    await expect.poll(async () => (await phase.textContent()) ?? '', { timeout: 20_000 }).toMatch(/offline_|self_check/);
    const feedRows = page.getByRole('table', { name: 'Activity feed' }).locator('tbody tr');
    const early = await feedRows.count();
    await expect.poll(() => feedRows.count(), { timeout: 20_000 }).toBeGreaterThan(early);
    expect(await status.textContent()).toBe('running');
    await shoot(page, 'automation-running');

    await expect.poll(() => status.textContent(), { timeout: 60_000 }).toBe('completed');
    await expect.poll(() => runs.locator('tbody tr').count()).toBe(2);
    await expect.poll(() => runs.locator('[data-status="completed"]').count(), { timeout: 10_000 }).toBe(2);
    await expect.poll(() => page.getByTestId('run-progress').textContent()).toMatch(/^6 \/ 6 — 5 ok, 0 failed, 1 skipped/);
    const jobs = page.getByRole('table', { name: 'Job results' });
    await expect.poll(() => jobs.locator('tbody tr').count()).toBe(6);
    await expect.poll(() => jobs.locator('[data-job="trigger_training_drill"]').textContent()).toMatch(/skipped: drills not available/);

    // filters: event type and phase
    await page.getByRole('combobox', { name: 'Event type filter' }).selectOption('phase_end');
    await expect.poll(() => feedRows.count()).toBe(6);
    expect(await page.locator('[aria-label="Activity feed"] tbody tr[data-event-type]:not([data-event-type="phase_end"])').count()).toBe(0);
    await page.getByRole('combobox', { name: 'Phase filter' }).selectOption('self_check');
    await expect.poll(() => feedRows.count()).toBe(1);
    await page.getByRole('combobox', { name: 'Event type filter' }).selectOption('');
    await page.getByRole('combobox', { name: 'Phase filter' }).selectOption('');

    // trends: two runs in the window
    await expect.poll(() => page.getByText(/2 finished run\(s\) in the last 7 days/).count(), { timeout: 10_000 }).toBe(1);
    await app.chartsPainted();
    await shoot(page, 'automation');

    const stored = await twin.services.invoke('automation:runs', {});
    if (!stored.ok) throw new Error(stored.error.message);
    expect(stored.value.runs.map((r) => r.trigger)).toEqual(['app', 'app']);
  }, 120_000);
});
