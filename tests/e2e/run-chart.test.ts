// The backtest result read at a glance, in Chromium against the twin: the price chart (candles, the strategy's
// indicators, trade markers — single when few, grouped when dense), the trades table (sort, filter, CSV export,
// click → zoom), and screenshots at 1440×900 and 1280×800 in light and dark.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { hasChromium, launchTwin, unwrap, type LaunchedTwin } from '../support/e2e';
import { shoot } from '../support/pages';
import { shotDir } from '../support/pages/shots';

describe.skipIf(!hasChromium)('backtest price chart and trades table (twin + Chromium)', () => {
  let twin: LaunchedTwin;
  let page: Page;
  let rsiRun: { id: number; trades: { returnPct: number; size: number }[]; openTrades: unknown[] };
  let denseRun: { id: number; trades: unknown[] };

  beforeAll(async () => {
    twin = await launchTwin({
      prepare: async ({ services: s }) => {
        const ds = unwrap(await s.invoke('data:list', {})).datasets.find((d) => d.intervalLabel === '1m' && d.bars >= 5000)!;
        rsiRun = unwrap(await s.invoke('backtest:run', { datasetId: ds.id, strategyId: 'rsi_reversion', params: { rsi_window: 14, side: 'long_short' } }));
        denseRun = unwrap(await s.invoke('backtest:run', { datasetId: ds.id, strategyId: 'ma_crossover', params: { fast_window: 2, slow_window: 3, side: 'long_short' } }));
      },
    });
    ({ page } = twin);
  });
  afterAll(async () => {
    await twin?.close();
  });

  async function openRun(id: number) {
    await page.goto(`${twin.url}#/experiments?run=${id}`);
    await page.locator('[data-testid="chart-Price and trades"][data-painted="true"]').waitFor({ timeout: 30_000 });
  }

  it('draws candles, the RSI panel with its thresholds, and one marker per trade event', async () => {
    await openRun(rsiRun.id);
    const chart = page.getByTestId('price-chart');
    expect(await chart.getAttribute('data-indicators')).toBe('RSI 14');
    const events = 2 * rsiRun.trades.length + rsiRun.openTrades.length;
    expect(events).toBeGreaterThan(0);
    expect(Number(await chart.getAttribute('data-markers'))).toBe(events);
    const traces = await page.evaluate(() => {
      const gd = document.querySelector('[data-testid="chart-Price and trades"]') as unknown as { data: { type: string; name: string }[] };
      return gd.data.map((t) => `${t.type}:${t.name}`);
    });
    expect(traces).toEqual(expect.arrayContaining(['candlestick:Price', 'scatter:RSI 14', 'scatter:Trades', 'scatter:Equity', 'scatter:Buy & hold', 'scatter:Drawdown']));
  });

  it('groups markers when trades are dense', async () => {
    await openRun(denseRun.id);
    const chart = page.getByTestId('price-chart');
    expect(await chart.getAttribute('data-indicators')).toBe('SMA 2|SMA 3');
    expect(Number(await chart.getAttribute('data-markers'))).toBe(0);
    expect(Number(await chart.getAttribute('data-clusters'))).toBeGreaterThan(0);
    expect(await page.getByTestId('price-meta').textContent()).toMatch(/grouped into/);
  });

  it('sorts and filters the trades table, exports CSV, and zooms the chart on a click', async () => {
    await openRun(rsiRun.id);
    const table = page.getByRole('table', { name: 'Trades' });
    await table.waitFor();
    await table.getByRole('button', { name: /^Return/ }).click(); // numeric columns sort descending first
    const returns = await table.locator('tbody tr td:nth-child(9)').allTextContents();
    const values = returns.map((t) => Number.parseFloat(t));
    expect(values.length).toBeGreaterThan(1);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    // Short is a side, not a loss: the side cell carries no colour
    const sideClass = await table.locator('tbody tr td:nth-child(2)').first().getAttribute('class');
    expect(sideClass ?? '').not.toMatch(/neg|pos/);

    await page.getByLabel('Filter by side').selectOption('short');
    const shorts = rsiRun.trades.filter((t) => t.size < 0).length;
    expect(await page.getByTestId('trades-count').textContent()).toContain(`${shorts} of`);
    await page.getByLabel('Filter by side').selectOption('all');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = readFileSync(await download.path(), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('n,side,outcome,entry_time_utc,exit_time_utc,size,entry_price,exit_price,pnl,return_pct,fees,exit_reason');
    expect(csv.length - 1).toBe(rsiRun.trades.length + rsiRun.openTrades.length);

    const before = await page.getByTestId('price-meta').textContent();
    await table.locator('tbody tr').first().click();
    await expect.poll(() => page.getByTestId('price-meta').textContent()).not.toBe(before);
    expect(await table.locator('tbody tr.selected').count()).toBe(1);
    await page.locator('[data-testid="chart-Price and trades"]').scrollIntoViewIfNeeded();
    await page.waitForTimeout(400);
    await page.locator('[data-testid="price-chart"]').screenshot({ path: `${shotDir()}/backtest-trade-zoom.png` });
  });

  it('colours the sweep heatmap over its real range and marks the best cell', async () => {
    const s = twin.services;
    const ds = unwrap(await s.invoke('data:list', {})).datasets.find((d) => d.intervalLabel === '1m' && d.bars >= 5000)!;
    const sw = unwrap(await s.invoke('sweeps:start', { datasetId: ds.id, strategyId: 'ma_crossover', grid: { fast_window: '5:15:5', slow_window: '20,30,40' }, wait: true }));
    const heat = unwrap(await s.invoke('sweeps:heatmap', { id: sw.sweepId, x: 'fast_window', y: 'slow_window', metric: 'sharpe' }));
    const vals = heat.z.flat().filter((v): v is number => v !== null);
    const lo = Math.min(...vals), hi = Math.max(...vals);
    await page.goto(`${twin.url}#/sweep?sweep=${sw.sweepId}`);
    const box = page.getByTestId('heatmap-scale');
    await box.locator('[data-painted="true"]').waitFor({ timeout: 30_000 });
    const straddles = lo < 0 && hi > 0;
    expect(await box.getAttribute('data-kind')).toBe(straddles ? 'diverging' : 'sequential');
    const trace = await page.evaluate(() => {
      const gd = document.querySelector('[data-testid="chart-Sweep heatmap"]') as unknown as { data: { type: string; zmin?: number; zmax?: number; zmid?: number }[] };
      return gd.data.map((t) => ({ type: t.type, zmin: t.zmin, zmax: t.zmax, zmid: t.zmid }));
    });
    expect(trace[0].type).toBe('heatmap');
    if (straddles) {
      expect(trace[0].zmin).toBeCloseTo(-Math.max(-lo, hi), 9);
      expect(trace[0].zmax).toBeCloseTo(Math.max(-lo, hi), 9);
    } else {
      expect(trace[0].zmin).toBeCloseTo(lo, 9);
      expect(trace[0].zmax).toBeCloseTo(hi, 9);
    }
    // the best cell is starred and is the cell with the highest value
    expect(trace[1].type).toBe('scatter');
    const bi = heat.z.findIndex((row) => row.includes(hi));
    expect(await box.getAttribute('data-best')).toBe(`${String(heat.x[heat.z[bi].indexOf(hi)])},${String(heat.y[bi])}`);
    for (const theme of ['dark', 'light'] as const) {
      await page.evaluate((t) => localStorage.setItem('peak-theme', t), theme);
      await page.reload();
      await box.locator('[data-painted="true"]').waitFor({ timeout: 30_000 });
      await shoot(page, `sweep-heatmap-${theme}`);
    }
    await page.evaluate(() => localStorage.setItem('peak-theme', 'dark'));
  });

  it('`?` lists the shortcuts; the palette reaches runs and data sets', async () => {
    await page.goto(`${twin.url}#/dashboard`);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.locator('body').click();
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    expect(await help.textContent()).toContain('Command palette');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    await page.keyboard.press('Control+k');
    await page.getByRole('dialog', { name: 'Command palette' }).getByLabel('Command', { exact: true }).fill(`open run #${rsiRun.id} `);
    const entry = page.getByRole('dialog', { name: 'Command palette' }).getByText(new RegExp(`Open run #${rsiRun.id} · rsi_reversion`));
    await entry.waitFor();
    await entry.click();
    await page.locator('[data-testid="chart-Price and trades"][data-painted="true"]').waitFor({ timeout: 30_000 });
  });

  it('screenshots at 1440×900 and 1280×800, light and dark', async () => {
    for (const [w, h] of [[1440, 900], [1280, 800]] as const) {
      for (const theme of ['dark', 'light'] as const) {
        await page.setViewportSize({ width: w, height: h });
        await page.evaluate((t) => localStorage.setItem('peak-theme', t), theme);
        await openRun(rsiRun.id);
        await page.waitForTimeout(300);
        await shoot(page, `backtest-price-${w}-${theme}`);
      }
    }
    // the dashboard at the small size: recent activity must not spill into system health
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${twin.url}#/dashboard`);
    await page.getByRole('button', { name: /^Data sets:/ }).waitFor();
    await page.waitForTimeout(300);
    await shoot(page, 'dashboard-1280-light');
    await page.evaluate(() => localStorage.setItem('peak-theme', 'dark'));
    await page.setViewportSize({ width: 1440, height: 900 });
  });
});
