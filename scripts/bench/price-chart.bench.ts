/**
 * The backtest result in Chromium against the browser twin (`peak web`):
 * - chart.price_1m (ms): navigation to a stored ma_crossover run over 1,000,000 one-minute bars (Experiments view)
 *   → the price chart (LOD candles, both SMAs, trade markers grouped when dense, equity, buy & hold, drawdown) has
 *   painted in plotly. Includes charts:price (indicators computed on first use) and plotly's first render.
 * - ui.backtest_1m_click_to_chart (ms): on the Backtest screen with a 525,600-bar one-minute data set, click
 *   "Run backtest" → the equity curve is painted (canvas preview or plotly). Includes the backtest itself
 *   (a new fast_window per repetition, so no stored run is reused).
 * Best of 3 fresh pages after one warm-up (1 with --quick). Skipped (no result) without Chromium.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright';
import { ensureBuild } from '../e2e-setup/ensure-build.mjs';
import { call, projectRoot, startTwin } from './chart.bench';
import { wanted, type BenchOptions, type BenchResult } from './harness';

export const names = ['chart.price_1m', 'ui.backtest_1m_click_to_chart'];
const CHROMIUM = process.env.PEAK_CHROMIUM ?? '/usr/bin/chromium';

type Page = import('playwright').Page;

/** Fresh page at `url`; `prep` (untimed) readies the form; the clock runs from `act` to a painted `doneSelector`. */
async function timePage(browser: Browser, url: string, act: (page: Page) => Promise<void>, doneSelector: string[], prep?: (page: Page) => Promise<void>): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await prep?.(page);
    const t0 = performance.now();
    await act(page);
    await page.waitForFunction((sels) => sels.some((s) => (document.querySelector(s) as HTMLElement | null)?.dataset.painted === 'true'), doneSelector, { timeout: 120_000, polling: 'raf' });
    return performance.now() - t0;
  } finally {
    await context.close();
  }
}

export async function run(opts: BenchOptions): Promise<BenchResult[]> {
  if (!names.some((n) => wanted(n, opts))) return [];
  if (!existsSync(CHROMIUM)) {
    process.stderr.write(`price-chart.bench: skipped, no Chromium at ${CHROMIUM}\n`);
    return [];
  }
  await ensureBuild({ root: projectRoot, log: (l: string) => process.stderr.write(`${l}\n`) });
  const dataDir = mkdtempSync(join(tmpdir(), 'peak-price-bench-'));
  const { url, proc } = await startTwin(dataDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  const reps = opts.quick ? 1 : 3;
  const out: BenchResult[] = [];
  try {
    if (wanted('chart.price_1m', opts)) {
      const synth = (await call(url, 'data:synth', { kind: 'garch', bars: 1_000_000, seed: 1, intervalMs: 60_000, name: 'price-bench-1m' })) as { dataset: { id: string } };
      const r = (await call(url, 'backtest:run', { datasetId: synth.dataset.id, strategyId: 'ma_crossover', params: { fast_window: 10, slow_window: 30 } })) as { id: number; trades: unknown[] };
      const times: number[] = [];
      for (let i = 0; i < reps + 1; i++) {
        const base = url.replace(/#.*$/, '');
        const ms = await timePage(browser, base, (page) => page.goto(`${base}#/experiments?run=${r.id}`).then(() => undefined), ['[data-testid="chart-Price and trades"]']);
        if (i > 0) times.push(ms);
      }
      process.stderr.write(`chart.price_1m: ${r.trades.length} trades; ${times.map((x) => x.toFixed(0)).join(', ')} ms\n`);
      out.push({ name: 'chart.price_1m', value: Math.min(...times), unit: 'ms' });
    }
    if (wanted('ui.backtest_1m_click_to_chart', opts)) {
      const synth = (await call(url, 'data:synth', { kind: 'garch', bars: 525_600, seed: 2, intervalMs: 60_000, name: 'click-bench-1m' })) as { dataset: { id: string } };
      const times: number[] = [];
      for (let i = 0; i < reps + 1; i++) {
        const base = url.replace(/#.*$/, '');
        const target = `${base}#/backtest?dataset=${synth.dataset.id}&strategy=ma_crossover`;
        const ms = await timePage(
          browser,
          target,
          (page) => page.getByRole('form', { name: 'Backtest settings' }).getByRole('button', { name: 'Run backtest' }).click(),
          ['[data-testid="equity-preview"]', '[data-testid="chart-Equity curve"]'],
          async (page) => {
            const form = page.getByRole('form', { name: 'Backtest settings' });
            await form.getByLabel('Fast window', { exact: false }).first().fill(String(5 + i));
            await form.locator('#bt-dataset').waitFor();
          },
        );
        if (i > 0) times.push(ms);
      }
      process.stderr.write(`ui.backtest_1m_click_to_chart: ${times.map((x) => x.toFixed(0)).join(', ')} ms\n`);
      out.push({ name: 'ui.backtest_1m_click_to_chart', value: Math.min(...times), unit: 'ms' });
    }
    return out;
  } finally {
    await browser.close();
    proc.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}
