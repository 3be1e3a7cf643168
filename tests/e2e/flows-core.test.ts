// End-to-end research flows in Chromium against the browser twin: import → backtest → equity with the right final
// equity; a bad CSV names its row and column; compare two experiments; set the worker count in Settings. Page
// models live in tests/support/pages.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { hasChromium, launchTwin, type LaunchedTwin, type PageProblems } from '../support/e2e';
import { AppPage, BacktestPage, DataPage, ExperimentsPage, shoot } from '../support/pages';

const root = resolve(__dirname, '../..');
const goog = resolve(root, '../shared/data/goog.csv');
// The real GOOG daily file when the shared data is present, else the repo's small daily fixture.
const goodCsv = existsSync(goog) ? goog : join(root, 'tests/fixtures/cli/wave-daily.csv');
const goodName = existsSync(goog) ? 'goog' : 'wave-daily';
const badCsv = join(root, 'tests/fixtures/csv/bad-number.csv');

describe.skipIf(!hasChromium)('research flows (twin + Chromium)', () => {
  let twin: LaunchedTwin;
  let page: Page;
  let problems: PageProblems;
  const runIds: number[] = [];

  beforeAll(async () => {
    twin = await launchTwin();
    ({ page, problems } = twin);
  });
  afterAll(async () => {
    await twin?.close();
  });

  it('shows the LIVE LOCKED badge and the dashboard', async () => {
    const app = new AppPage(page);
    await expect.poll(() => app.badge().textContent()).toContain('LIVE LOCKED');
    await page.getByRole('button', { name: /^Data sets:/ }).waitFor();
  });

  it('a bad CSV shows the row and the column', async () => {
    const data = new DataPage(page);
    await data.go();
    await data.importCsv(badCsv);
    const alert = data.error().filter({ hasText: 'Import failed' });
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toMatch(/row 3/);
    expect(text).toMatch(/column "?close"?/);
    await shoot(page, 'data-bad-csv');
  });

  it('imports a CSV and shows its validation report and candlestick preview', async () => {
    const data = new DataPage(page);
    await data.importCsv(goodCsv);
    await data.importResult().waitFor();
    expect(await data.importResult().textContent()).toMatch(/bars/);
    await data.datasetRow(goodName).waitFor();
    await page.getByRole('img', { name: 'Candlestick preview' }).waitFor();
    await data.chartsPainted();
    await expect.poll(async () => (await page.getByLabel('Validation report').textContent()) ?? '').toMatch(/Gaps/);
    await shoot(page, 'data');
  });

  it('backtests ma_crossover: equity chart visible, final equity equals the stored run', async () => {
    const bt = new BacktestPage(page);
    await bt.go();
    await bt.dataset(goodName);
    await bt.strategy('ma_crossover');
    await bt.param('Fast window', '10');
    await bt.param('Slow window', '30');
    await bt.run();
    await bt.equityChart().waitFor();
    await bt.chartsPainted();
    const id = await bt.runId();
    runIds.push(id);
    const stored = await twin.services.invoke('runs:get', { id });
    if (!stored.ok) throw new Error(stored.error.message);
    const shown = await bt.finalEquity();
    expect(shown).toBe(stored.value.metrics.equityFinal);
    // and the text a researcher reads is that number, to the cent
    const cents = (stored.value.metrics.equityFinal ?? NaN).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    expect(await bt.finalEquityText()).toBe(cents);
    // the equity curve's last point is the run's final equity too
    const eq = await twin.services.invoke('runs:equity', { id, maxPoints: 2000 });
    if (!eq.ok) throw new Error(eq.error.message);
    expect(eq.value.equityLast[eq.value.equityLast.length - 1]).toBeCloseTo(shown, 6);
    await shoot(page, 'backtest');
  });

  it('compares two experiments with overlaid equity', async () => {
    const bt = new BacktestPage(page);
    await bt.param('Fast window', '5');
    await bt.param('Slow window', '50');
    await bt.run();
    await expect.poll(() => bt.runId()).not.toBe(runIds[0]);
    runIds.push(await bt.runId());

    const ex = new ExperimentsPage(page);
    await ex.go();
    await ex.row(runIds[1]).waitFor();
    await ex.tick(runIds[0]);
    await ex.tick(runIds[1]);
    await ex.compare();
    await ex.chartsPainted();
    const header = (await ex.comparedMetrics().locator('thead').textContent()) ?? '';
    expect(header).toContain(`#${runIds[0]}`);
    expect(header).toContain(`#${runIds[1]}`);
    await shoot(page, 'experiments-compare');

    await ex.openRun(runIds[0]);
    await ex.chartsPainted();
    await shoot(page, 'experiments');
  });

  it('settings and the command palette work; the page ran without errors', async () => {
    const app = new AppPage(page);
    await app.nav('Dashboard');
    await page.getByRole('table', { name: 'Best backtests' }).waitFor();
    await shoot(page, 'dashboard');
    await app.palette('settings');
    await page.getByRole('main', { name: 'Settings' }).waitFor();
    await page.getByLabel('Data directory').waitFor();
    expect(await page.getByLabel('Data directory').inputValue()).toBe(twin.dataDir);
    // worker count: out of range → the back end's BAD_INPUT naming `workers`; 1 → applied, app:info agrees
    const workers = page.getByLabel('Worker threads');
    await expect.poll(() => workers.inputValue()).toBe('2');
    await workers.fill('9999');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('alert').filter({ hasText: 'workers' }).waitFor();
    await workers.fill('1');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('status').filter({ hasText: 'Worker threads set to 1' }).waitFor();
    const info = await twin.services.invoke('app:info', {});
    expect(info.ok && info.value.workers).toBe(1);
    await shoot(page, 'settings');
    await page.keyboard.press('Alt+3');
    await page.getByRole('main', { name: 'Backtest' }).waitFor();
    const bad = problems.errors.filter((e) => !/status of 4\d\d/.test(e));
    expect(bad, bad.join('\n')).toEqual([]);
  });
});
