// Experiments read at a glance, in Chromium against the twin: compare legends name the parameters, runs on
// different data sets share a "days since start" axis, the search filters parameters (fast_window=22), research
// runs show key figures and (reports written before models were stored) their HTML report in a script-less frame,
// and the sweep form has the engine fields.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { hasChromium, launchTwin, unwrap, type LaunchedTwin } from '../support/e2e';
import { shoot } from '../support/pages';

describe.skipIf(!hasChromium)('experiments: compare, parameter search, research reports (twin + Chromium)', () => {
  let twin: LaunchedTwin;
  let page: Page;
  let hourly: number;
  let minute: number;
  let other: number;
  let stress: number;

  beforeAll(async () => {
    twin = await launchTwin({
      viewport: { width: 1440, height: 900 },
      prepare: async ({ services: s }) => {
        const list = unwrap(await s.invoke('data:list', {})).datasets;
        const h = list.find((d) => d.name === 'Daily decade')!;
        const m = list.find((d) => d.name.startsWith('BTC-like 1m'))!;
        const run = async (datasetId: string, fast: number, slow: number) =>
          unwrap(await s.invoke('backtest:run', { datasetId, strategyId: 'ma_crossover', params: { fast_window: fast, slow_window: slow } })).id;
        hourly = await run(h.id, 10, 30);
        minute = await run(m.id, 22, 60);
        other = await run(h.id, 22, 50);
        stress = unwrap(await s.invoke('stress:run', { source: { runId: hourly }, report: true })).runId;
      },
    });
    ({ page } = twin);
  });
  afterAll(async () => {
    await twin?.close();
  });

  it('search fast_window=22 lists only those runs (server side); a wrong name says which', async () => {
    await page.goto(`${twin.url}#/experiments`);
    const search = page.getByLabel('Search runs');
    await search.fill('fast_window=22');
    await expect.poll(async () => (await page.locator('table[aria-label="Runs"] tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-run-id'))))).sort((a, b) => a - b), { timeout: 10_000 }).toEqual([minute, other].sort((a, b) => a - b));
    await search.fill('fast_windw=22');
    await expect.poll(() => page.getByText(/"fast_windw" is not a parameter/).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await search.fill('');
    await expect.poll(() => page.locator('table[aria-label="Runs"] tbody tr').count(), { timeout: 10_000 }).toBe(4);
  });

  it('compare: legends say fast=10 slow=30; different data sets are drawn on days since start', async () => {
    await page.getByLabel(`Compare run ${hourly}`).check();
    await page.getByLabel(`Compare run ${minute}`).check();
    await page.getByRole('button', { name: /^Compare 2/ }).click();
    const chart = page.locator('[data-testid="chart-Compared equity curves"][data-painted="true"]');
    await chart.waitFor({ timeout: 30_000 });
    const gd = await chart.evaluate((el) => {
      const g = el as unknown as { data: { name: string; x: number[] }[]; layout: { xaxis: { type: string; title?: { text?: string } } } };
      return { names: g.data.map((t) => t.name), x0: g.data.map((t) => t.x[0]), type: g.layout.xaxis.type, title: g.layout.xaxis.title?.text };
    });
    // stored parameters include the defaults (side), named the same way
    expect(gd.names).toEqual([`#${hourly} ma_crossover fast=10 slow=30 side=long_only`, `#${minute} ma_crossover fast=22 slow=60 side=long_only`]);
    expect(gd).toMatchObject({ type: 'linear', title: 'Days since start', x0: [0, 0] });
    // the plotly mode bar shows on hover, above the plot area, not over the curves
    await chart.hover();
    const bar = await chart.evaluate((el) => {
      const mb = el.querySelector('.modebar');
      const plot = el.querySelector('.nsewdrag');
      return mb && plot ? { bottom: mb.getBoundingClientRect().bottom, top: plot.getBoundingClientRect().top } : null;
    });
    expect(bar).not.toBeNull();
    expect(bar!.bottom).toBeLessThanOrEqual(bar!.top + 1);
    await page.screenshot({ path: 'screenshots-tmp/ux2-compare-modebar.png', clip: { x: 200, y: 300, width: 1240, height: 560 } });
    await shoot(page, 'ux2-experiments-compare-days');
    // same data set: calendar dates stay
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByLabel(`Compare run ${hourly}`).check();
    await page.getByLabel(`Compare run ${other}`).check();
    await page.getByRole('button', { name: /^Compare 2/ }).click();
    await expect.poll(() => page.locator('[data-testid="chart-Compared equity curves"]').evaluate((el) => (el as unknown as { layout?: { xaxis: { type: string } } }).layout?.xaxis.type), { timeout: 30_000 }).toBe('date');
  });

  it('a stress run whose report predates stored models: key figures, and its HTML in a script-less frame, saying why', async () => {
    // a report written before report-model.json existed (tests/e2e/report-view.test.ts covers the native view)
    const dir = unwrap(await twin.services.invoke('reports:get', { runId: stress })).report!.dir;
    rmSync(join(dir, 'report-model.json'));
    await page.goto(`${twin.url}#/experiments?run=${stress}`);
    const figures = page.getByLabel('Key figures');
    await figures.waitFor({ timeout: 15_000 });
    await expect.poll(() => figures.textContent()).toMatch(/Worst stressed max drawdown-?\d+\.\d\d %/);
    await page.getByRole('button', { name: 'Open report' }).click();
    const frame = page.frameLocator('iframe[title^="Stress test report"]');
    await frame.locator('table').first().waitFor({ timeout: 15_000 });
    expect(await frame.locator('script').count()).toBe(0);
    expect(await page.locator('iframe[title^="Stress test report"]').getAttribute('sandbox')).toBe('');
    expect(await page.getByRole('note').textContent()).toMatch(/^Written before reports kept their chart data: charts are only in the HTML file/);
    await shoot(page, 'ux2-experiments-stress-report');
  });

  it('the sweep form has the backtest engine fields (costs in bps, sizing, exits, seed)', async () => {
    await page.goto(`${twin.url}#/sweep`);
    const engine = page.locator('details[aria-label="Costs and engine"]');
    await engine.locator('summary').waitFor({ timeout: 15_000 });
    await engine.locator('summary').click();
    await shoot(page, 'ux2-sweep-engine-open');
    for (const label of ['Fee (bps)', 'Slippage (bps)', 'Stop-loss %', 'Sizing', 'Seed']) await expect.poll(() => engine.getByLabel(label).count(), { message: label }).toBeGreaterThan(0);
    await engine.getByLabel('Fee (bps)').fill('20000');
    await expect.poll(() => engine.getByRole('alert').textContent()).toBe('Fee (bps): must be at most 5,000 bps');
    await shoot(page, 'ux2-sweep-engine');
  });
});
