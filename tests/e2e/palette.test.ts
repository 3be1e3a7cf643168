// The command palette reaches things, not only screens (issue 13): a research run's report opens inside the app,
// "Export trades as CSV" lands on the trades table with its Export button focused, "Export audit snapshot" on the
// Live screen's audit panel. The palette itself never writes a file.
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { hasChromium, launchTwin, unwrap, type LaunchedTwin } from '../support/e2e';

describe.skipIf(!hasChromium)('command palette: reports and exports (twin + Chromium)', () => {
  let twin: LaunchedTwin;
  let page: Page;
  let backtest: number;
  let mc: number;

  beforeAll(async () => {
    twin = await launchTwin({
      viewport: { width: 1440, height: 900 },
      prepare: async ({ services: s }) => {
        const daily = unwrap(await s.invoke('data:list', {})).datasets.find((d) => d.name === 'Daily decade')!;
        backtest = unwrap(await s.invoke('backtest:run', { datasetId: daily.id, strategyId: 'ma_crossover', params: { fast_window: 10, slow_window: 30 } })).id;
        mc = unwrap(await s.invoke('montecarlo:run', { source: { runId: backtest }, method: 'block', nPaths: 100, seed: 5, report: true })).runId;
      },
    });
    ({ page } = twin);
  }, 120_000);
  afterAll(async () => {
    await twin?.close();
  });

  /** Opens the palette, types `query`, waits for the entry (runs and data sets load when the palette opens), runs it. */
  async function pick(query: string, entry: RegExp): Promise<void> {
    await page.keyboard.press('Control+k');
    const dialog = page.getByRole('dialog', { name: 'Command palette' });
    await dialog.getByRole('textbox', { name: 'Command' }).fill(query);
    const option = dialog.getByRole('option', { name: entry });
    await option.first().waitFor({ timeout: 10_000 });
    await option.first().click();
    await expect.poll(() => dialog.count()).toBe(0);
  }

  it('opens a Monte-Carlo report inside the app', async () => {
    await pick('report', new RegExp(`Open Monte-Carlo report · run #${mc}\\b`));
    expect(await page.evaluate(() => location.hash)).toBe(`#/experiments?run=${mc}&open=report`);
    await page.getByRole('article', { name: /Monte-Carlo/ }).waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByRole('button', { name: 'Close report' }).count()).toBe(1);
  });

  it('"Export trades as CSV" focuses the trades table\'s Export button of the latest backtest', async () => {
    await pick('export trades', new RegExp(`Export trades as CSV · run #${backtest}\\b`));
    expect(await page.evaluate(() => location.hash)).toBe(`#/experiments?run=${backtest}&open=trades`);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim()), { timeout: 15_000 }).toBe('Export CSV');
    const download = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    expect((await download).suggestedFilename()).toMatch(/\.csv$/);
  });

  it('"Export audit snapshot" goes to the Live screen\'s audit panel without writing anything', async () => {
    await pick('audit snapshot', /Export audit snapshot/);
    expect(await page.evaluate(() => location.hash)).toBe('#/live?tab=audit');
    await page.getByTestId('audit-export').waitFor();
    // nothing was exported: the panel still offers Preview/Export and shows no "Written to …"
    expect(await page.getByTestId('audit-saved').count()).toBe(0);
    expect(readdirSync(twin.dataDir).filter((f) => /snapshot/i.test(f))).toEqual([]);
  });
});
