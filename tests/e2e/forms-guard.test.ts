// Bad input never gets past the door, and a lost back end shows one banner (issue 8 items 18 and 19), in Chromium
// against the browser twin: refusals name the field in the form's unit; a big sweep asks first; a failed run
// clears the old result; when the twin goes away every screen says so instead of spinning.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { hasChromium, launchTwin, newPage, type LaunchedTwin, type TwinServer } from '../support/e2e';
import { AppPage, BacktestPage, SweepPage, shoot } from '../support/pages';

describe.skipIf(!hasChromium)('form guards and connection banner (twin + Chromium)', () => {
  let e2e: LaunchedTwin;
  // the back end alone: the last test stops it (twin.close()) while the browser stays open
  let twin: TwinServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    e2e = await launchTwin();
    ({ server: twin, browser, page } = e2e);
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('backtest: cash 1e300 and a 20,000 bps fee are refused in the form\'s units; fraction 5 shows 5× leverage', async () => {
    const bt = new BacktestPage(page);
    await bt.go();
    await bt.form().getByLabel('Data set').locator('option').first().waitFor({ state: 'attached' });
    await bt.engineField('Cash', '1e300');
    await bt.engineField('Fee (bps)', '20000');
    await bt.engineField('Fraction of equity (×)', '5');
    await bt.clickRun();
    await bt.form().getByText('Cash: must be at most 1,000,000,000,000').waitFor();
    await bt.form().getByText('Fee (bps): must be at most 5,000 bps').waitFor();
    await expect.poll(() => page.getByTestId('note-fraction').textContent()).toMatch(/^5× leverage/);
    await shoot(page, 'backtest-form-errors');
    const runs = await twin.services.invoke('runs:list', {});
    if (!runs.ok) throw new Error(runs.error.message);
    expect(runs.value.runs.length).toBe(0);
  });

  it('sweep: -5:5 and 50:2 say why; a 39,601-combination grid asks before starting', async () => {
    const sw = new SweepPage(page);
    await sw.go();
    await sw.strategy('ma_crossover');
    await sw.range('fast_window', '-5:5');
    await sw.range('slow_window', '50:2');
    const problems = sw.gridProblems();
    await problems.waitFor();
    expect(await problems.textContent()).toContain('fast_window: 7 of 11 values are below the minimum 2 and would be skipped');
    expect(await problems.textContent()).toContain('slow_window: 50:2 is empty');
    await sw.clickLaunch();
    await sw.form().getByRole('alert').filter({ hasText: 'Sweep not started' }).waitFor();
    await shoot(page, 'sweep-grid-errors');

    await sw.range('fast_window', '2:200');
    await sw.range('slow_window', '3:201'); // slow_window ≥ 3
    let asked = '';
    page.once('dialog', (d) => {
      asked = d.message();
      void d.dismiss();
    });
    await sw.clickLaunch();
    await expect.poll(() => asked).toBe('This sweep has up to 39,601 combinations. Start it?');
    const sweeps = await twin.services.invoke('sweeps:list', {});
    if (!sweeps.ok) throw new Error(sweeps.error.message);
    expect(sweeps.value.sweeps.length).toBe(0);
  });

  it('when the twin goes away: one banner, and Backtest shows an error instead of "Loading data sets…" for ever', async () => {
    // a fresh page that has not loaded the data sets yet (the original report's situation)
    const fresh = await newPage(browser);
    const app = new AppPage(fresh.page);
    await app.open(twin.url);
    await twin.close();
    await fresh.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Backtest' }).click();
    await app.connectionBanner().waitFor({ timeout: 15_000 });
    expect(await app.connectionBanner().textContent()).toMatch(/Back end unreachable/);
    await fresh.page.getByRole('alert').filter({ hasText: 'Data sets could not be loaded' }).waitFor({ timeout: 15_000 });
    expect(await fresh.page.getByText('Loading data sets…').count()).toBe(0);
    await shoot(fresh.page, 'connection-lost');
    await fresh.context.close();
  });
});
