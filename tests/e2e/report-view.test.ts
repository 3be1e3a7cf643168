// Research reports read inside the app (issue 13), in Chromium against the twin: a Monte-Carlo and a walk-forward
// study on small synthetic data, opened in Experiments → "Open report" draws the stored report model natively —
// plotly charts painted, tables with their rows, numbers right-aligned — with no script frame and no CSP error;
// it fits at 1280×800 and follows the theme. Screenshots: docs/screenshots/experiments-report-{dark,light}.png
// with PEAK_SCREENSHOTS=1 (else screenshots-tmp/).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { hasChromium, launchTwin, unwrap, type LaunchedTwin, type PageProblems } from '../support/e2e';
import { shoot, shotDir } from '../support/pages';

describe.skipIf(!hasChromium)('experiments: research reports drawn in the app (twin + Chromium)', () => {
  let twin: LaunchedTwin;
  let page: Page;
  let problems: PageProblems;
  let mc: number;
  let wf: number;
  let portfolio: number;

  beforeAll(async () => {
    twin = await launchTwin({
      viewport: { width: 1440, height: 900 },
      prepare: async ({ services: s }) => {
        const daily = unwrap(await s.invoke('data:list', {})).datasets.find((d) => d.name === 'Daily decade')!;
        mc = unwrap(await s.invoke('montecarlo:run', { source: { datasetId: daily.id, strategyId: 'ma_crossover', params: { fast_window: 10, slow_window: 30 } }, method: 'block', nPaths: 400, seed: 11, report: true })).runId;
        wf = unwrap(await s.invoke('walkforward:run', {
          datasetId: daily.id, strategyId: 'ma_crossover', grid: { fast_window: { kind: 'values', values: [10, 20] }, slow_window: { kind: 'values', values: [50, 100] } },
          train: 730, test: 365, mode: 'rolling', report: true,
        })).runId;
        portfolio = unwrap(await s.invoke('research:portfolio', { preset: 'multi_style_moderate', datasetId: daily.id, nPaths: 200 })).runId;
      },
    });
    ({ page, problems } = twin);
  }, 120_000);
  afterAll(async () => {
    await twin?.close();
  });

  async function openReport(runId: number, title: RegExp): Promise<void> {
    await page.goto(`${twin.url}#/experiments?run=${runId}`);
    await page.getByRole('button', { name: 'Open report' }).click();
    await page.getByRole('article', { name: title }).waitFor({ timeout: 15_000 });
  }

  /** every report chart has painted (Plot sets data-painted once plotly drew real data) */
  async function reportChartsPainted(): Promise<number> {
    const charts = page.locator('article.report-view .chart');
    await expect.poll(async () => (await charts.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.painted === 'true'))).every(Boolean), { timeout: 30_000 }).toBe(true);
    return charts.count();
  }

  it('Monte-Carlo: "Open report" draws its charts with plotly and its tables in the page, no frame', async () => {
    await openReport(mc, /^Report: Monte-Carlo/);
    expect(await reportChartsPainted()).toBe(3); // baseline equity, drawdown, fan
    const fan = page.locator('[data-testid^="chart-Report chart: Fan chart"]');
    expect(await fan.getAttribute('class')).toContain('js-plotly-plot');
    expect(await fan.locator('.scatterlayer .trace').count()).toBe(6); // p5, p95, p25, p75, median, the run's actual equity
    // a bar-resampling method: the fan is on the run's own dates, like the baseline charts above it
    expect(await fan.evaluate((el) => (el as unknown as { layout: { xaxis: { type: string } } }).layout.xaxis.type)).toBe('date');
    const axes = await page.locator('[data-testid="chart-Report chart: Baseline backtest: drawdown"]').evaluate((el) => {
      const g = el as unknown as { layout: { xaxis: { type: string }; yaxis: { tickformat?: string } } };
      return { x: g.layout.xaxis.type, y: g.layout.yaxis.tickformat };
    });
    expect(axes).toEqual({ x: 'date', y: '.1%' });
    const table = page.getByRole('table', { name: 'Distribution of path statistics' });
    const row = table.locator('tbody tr', { hasText: 'total return' });
    await expect.poll(() => row.count()).toBe(1);
    // numeric cells right-aligned, the statistic's name left
    const align = await row.locator('td').evaluateAll((tds) => tds.map((td) => getComputedStyle(td).textAlign));
    expect(align[0]).not.toBe('right');
    expect(align.slice(1).every((a) => a === 'right')).toBe(true);
    expect(await page.locator('iframe').count()).toBe(0);
    expect(problems.errors.filter((e) => /Content Security Policy|Refused/.test(e))).toEqual([]);
  });

  it('walk-forward: windows table and charts; fits at 1280×800; dark and light screenshots at 1440×900', async () => {
    for (const theme of ['dark', 'light'] as const) {
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.evaluate((t) => localStorage.setItem('peak-theme', t), theme);
      await page.reload();
      await openReport(wf, /^Report: Walk-forward/);
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      expect(await reportChartsPainted()).toBe(2); // stitched OOS equity, per-window Sharpe
      const windows = page.getByRole('table', { name: 'Windows' });
      expect(await windows.locator('tbody tr').count()).toBeGreaterThanOrEqual(3);
      // the plot follows the theme: its tick labels are the theme's text colour, not plotly's default
      const tick = await page.locator('[data-testid="chart-Report chart: Stitched out-of-sample equity"] .xtick text').first().evaluate((t) => getComputedStyle(t).fill);
      expect(tick).toBe(theme === 'dark' ? 'rgb(170, 177, 191)' : 'rgb(74, 82, 99)');
      // the windows table with the stitched out-of-sample curve under it
      await windows.evaluate((el) => el.closest('.report-section')?.scrollIntoView({ block: 'start' }));
      await page.mouse.move(4, 880); // off the charts: plotly's mode bar shows only on hover
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(shotDir(), `experiments-report-${theme}.png`) });
      // 1280×800: nothing wider than the window; wide tables scroll inside their box
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.waitForTimeout(400);
      const over = await page.evaluate(() => {
        const main = document.querySelector('main')!;
        const bad = [...document.querySelectorAll('article.report-view .report-section')].filter((s) => s.scrollWidth - s.clientWidth > 1).map((s) => s.querySelector('h3')?.textContent);
        return { page: document.documentElement.scrollWidth - window.innerWidth, main: main.scrollWidth - main.clientWidth, bad };
      });
      expect(over).toEqual({ page: 0, main: 0, bad: [] });
      await page.screenshot({ path: join(shotDir(), `experiments-report-1280-${theme}.png`) });
    }
    await page.evaluate(() => localStorage.setItem('peak-theme', 'light'));
    // the whole Monte-Carlo report, every section (light theme, 1440 wide)
    await page.setViewportSize({ width: 1440, height: 900 });
    await openReport(mc, /^Report: Monte-Carlo/);
    await reportChartsPainted();
    await shoot(page, 'experiments-report-montecarlo-full');
  });

  it('portfolio: the Go/No-Go verdict reads as a coloured word, with its checks', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await openReport(portfolio, /^Report: Portfolio/);
    const word = page.getByTestId('report-verdict');
    const text = (await word.textContent()) ?? '';
    expect(['GO', 'NO-GO', 'INCONCLUSIVE']).toContain(text);
    const colour = await word.evaluate((el) => getComputedStyle(el).color);
    const vars = await page.evaluate(() => Object.fromEntries(['--good', '--bad', '--warn'].map((v) => {
      const probe = document.createElement('span');
      probe.style.color = `var(${v})`;
      document.body.appendChild(probe);
      const c = getComputedStyle(probe).color;
      probe.remove();
      return [v, c];
    })));
    expect(colour).toBe(vars[text === 'GO' ? '--good' : text === 'NO-GO' ? '--bad' : '--warn']);
    expect(await page.getByRole('table', { name: /checks$/ }).locator('tbody tr').count()).toBeGreaterThan(3);
    await reportChartsPainted();
  });
});
