// The Live screen in Chromium against the browser twin: header with LIVE LOCKED and the gates; start a paper
// session on a seeded data set and watch its events arrive over the push channel; trip a risk limit (HALTED +
// CRITICAL alert); the kill switch with confirmation and an audited reset; gate drills; an audit snapshot export
// with preview. Screenshots docs/screenshots/live-*.png at 1440×900.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { hasChromium, launchTwin, type LaunchedTwin, type PageProblems } from '../support/e2e';
import { AppPage, shoot } from '../support/pages';

describe.skipIf(!hasChromium)('live screen (twin + Chromium)', () => {
  let twin: LaunchedTwin;
  let page: Page;
  let problems: PageProblems;
  let sessionId = 0;

  beforeAll(async () => {
    twin = await launchTwin();
    ({ page, problems } = twin);
  });
  afterAll(async () => {
    await twin?.close();
  });

  it('shows environment, effective mode, LIVE LOCKED, gates and risk bars', async () => {
    await new AppPage(page).nav('Live');
    await page.getByTestId('live-locked').waitFor();
    expect(await page.getByTestId('live-env').textContent()).toBe('Paper');
    expect(await page.getByTestId('trading-state').textContent()).toBe('Active');
    expect(await page.getByTestId('gates-table').locator('tbody tr').count()).toBe(5);
    expect(await page.getByTestId('risk-bars').getByRole('meter').count()).toBe(5);
    await shoot(page, 'live-overview');
  });

  it('starts a paper session on a seeded data set; events arrive; a daily-loss breach halts trading with a CRITICAL alert', async () => {
    await page.getByRole('tab', { name: 'Sessions' }).click();
    const form = page.getByTestId('start-form');
    await form.waitFor();
    const ds = form.getByLabel('data set');
    const option = ds.locator('option', { hasText: 'Regime session 1m' });
    await ds.selectOption({ value: (await option.getAttribute('value')) ?? '' });
    await form.getByLabel('strategy').selectOption('ma_crossover');
    await form.getByLabel('speed').selectOption('max');
    await form.getByLabel('order notional').fill('20');
    await form.getByLabel('max daily loss').fill('0.01');
    await page.getByTestId('session-start').click();
    await page.getByTestId('session-detail').waitFor();
    // the live event feed fills from the push channel
    await expect.poll(() => page.getByTestId('event-feed').locator('li').count(), { timeout: 15_000 }).toBeGreaterThan(3);
    await expect.poll(() => page.getByTestId('session-status').textContent(), { timeout: 15_000 }).toBe('Halted');
    await expect.poll(async () => (await page.getByTestId('event-feed').textContent()) ?? '', { timeout: 10_000 }).toMatch(/HALTED/);
    const url = new URL(page.url());
    sessionId = Number(new URLSearchParams(url.hash.split('?')[1]).get('session'));
    expect(sessionId).toBeGreaterThan(0);
    const alerts = await twin.services.invoke('live:alerts', { minLevel: 'CRITICAL' });
    expect(alerts.ok && alerts.value.some((a) => a.code === 'TRADING_STATE' && /HALTED/.test(a.message))).toBe(true);
    await page.getByTestId('session-metrics').waitFor();
    await shoot(page, 'live-session');
  });

  it('lists the session in the explorer (tiles, table, search)', async () => {
    await page.getByRole('button', { name: '← Sessions' }).click();
    await page.getByTestId('sessions-table').waitFor();
    // the tiles fill from the sessions list, which may still be loading when the table appears
    await expect.poll(() => page.getByTestId('tile-total').textContent(), { timeout: 10_000 }).toBe('1');
    await page.getByLabel('search sessions').fill(String(sessionId));
    await page.getByTestId(`session-row-${sessionId}`).waitFor();
    await page.getByLabel('search sessions').fill('');
    await shoot(page, 'live-sessions');
  });

  it('kill switch asks for confirmation; reset leaves HALTED and is audited', async () => {
    await page.getByRole('tab', { name: 'Overview' }).click();
    await expect.poll(() => page.getByTestId('trading-state').textContent()).toBe('Halted');
    await page.getByTestId('kill-engage').click();
    await page.getByRole('alertdialog', { name: 'confirm kill switch' }).waitFor();
    await page.getByLabel('reason').fill('e2e: operator drill');
    await shoot(page, 'live-kill-switch');
    await page.getByTestId('kill-confirm').click();
    await expect.poll(async () => {
      const r = await twin.services.invoke('audit:list', { category: 'kill-switch' });
      return r.ok ? r.value.length : 0;
    }).toBe(1);
    await page.getByTestId('kill-reset').click();
    await page.getByLabel('reason').fill('e2e: book checked');
    await page.getByTestId('kill-confirm').click();
    await expect.poll(() => page.getByTestId('trading-state').textContent()).toBe('Active');
  });

  it('runs gate drills A–G', async () => {
    await page.getByRole('tab', { name: 'Drills' }).click();
    await page.getByTestId('run-gate-drills').click();
    const table = page.getByTestId('gate-drills');
    await table.waitFor();
    await expect.poll(async () => ((await table.textContent()) ?? '').match(/PASS/g)?.length ?? 0).toBe(7);
    await shoot(page, 'live-drills');
  });

  it('exports an audit snapshot with a preview; no secret in it', async () => {
    await page.getByRole('tab', { name: 'Audit' }).click();
    await page.getByTestId('audit-preview').click();
    await page.getByTestId('audit-preview-text').waitFor();
    expect(await page.getByTestId('audit-preview-text').textContent()).toContain('"safety_guarantee_v1_0"');
    await page.getByTestId('audit-export').click();
    await page.getByTestId('audit-saved').waitFor();
    await shoot(page, 'live-audit');
    expect(problems.errors).toEqual([]);
  });
});
