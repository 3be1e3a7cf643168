// Automation flow in Chromium against the browser twin: start the quick daily suite from the Automation screen and
// follow it live (status running → phase → feed grows through push events → completed), then filter the feed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { automationSettled, hasChromium, launchTwin, type LaunchedTwin } from '../support/e2e';
import { AppPage, shoot } from '../support/pages';

describe.skipIf(!hasChromium)('automation flow (twin + Chromium)', () => {
  let twin: LaunchedTwin;
  let page: Page;

  beforeAll(async () => {
    twin = await launchTwin({
      seed: true,
      // an earlier run, so the trends panel has a history to draw
      prepare: async ({ services }) => {
        const first = await services.invoke('automation:run', { suite: 'daily', quick: true });
        if (!first.ok) throw new Error(first.error.message);
        await automationSettled(services, 300);
      },
    });
    ({ page } = twin);
  }, 120_000);
  afterAll(async () => {
    await twin?.close();
  });

  it('follows a running suite live and shows its results', async () => {
    const app = new AppPage(page);
    await app.nav('Automation');
    const runs = page.getByRole('table', { name: 'Suite runs' });
    await expect.poll(() => runs.locator('tbody tr').count()).toBe(1);

    // record every state the screen passes through (a loaded machine may make polling miss the short run)
    await page.evaluate(() => {
      const w = window as unknown as { __seen: { status: string; phase: string; rows: number }[] };
      w.__seen = [];
      new MutationObserver(() => {
        const status = document.querySelector('[data-testid="run-status"]')?.textContent ?? '';
        const phase = document.querySelector('[data-testid="run-phase"]')?.textContent ?? '';
        const rows = document.querySelectorAll('[aria-label="Activity feed"] tbody tr').length;
        const last = w.__seen[w.__seen.length - 1];
        if (!last || last.status !== status || last.phase !== phase || last.rows !== rows) w.__seen.push({ status, phase, rows });
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByRole('button', { name: 'Run daily (quick)' }).click();
    const status = page.getByTestId('run-status');
    const feedRows = page.getByRole('table', { name: 'Activity feed' }).locator('tbody tr');
    // screenshot while it runs (best effort: the run is short)
    await status.filter({ hasText: 'Running' }).waitFor({ timeout: 20_000 }).then(() => shoot(page, 'automation-running')).catch(() => undefined);

    await expect.poll(() => runs.locator('tbody tr').count(), { timeout: 20_000 }).toBe(2);
    await expect.poll(() => runs.locator('[data-status="completed"]').count(), { timeout: 60_000 }).toBe(2);
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toBe('Completed');
    // followed live: while the status said running, the phase moved through several jobs and the feed grew (push
    // events, no reload)
    const seen = await page.evaluate(() => (window as unknown as { __seen: { status: string; phase: string; rows: number }[] }).__seen);
    const running = seen.filter((x) => x.status === 'Running');
    expect(new Set(running.map((x) => x.phase).filter((p) => /offline_|self_check|trigger_/.test(p))).size).toBeGreaterThanOrEqual(2);
    expect(new Set(running.map((x) => x.rows)).size).toBeGreaterThanOrEqual(3);
    expect(seen[seen.length - 1]?.status).toBe('Completed');
    await expect.poll(() => page.getByTestId('run-progress').textContent()).toMatch(/^6 \/ 6 — 6 ok, 0 failed, 0 skipped/);
    const jobs = page.getByRole('table', { name: 'Job results' });
    await expect.poll(() => jobs.locator('tbody tr[data-job]').count()).toBe(6);
    await expect.poll(() => jobs.locator('[data-job-note="trigger_training_drill"]').textContent()).toMatch(/drill: [1-9][\d,]* signals, [\d,]+ missed, average reaction [\d,]+ ms/);

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
