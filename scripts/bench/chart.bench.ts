/**
 * The workbench in Chromium against the browser twin (`peak web`), a stored backtest over 1,000,000 one-minute
 * synthetic bars, opened directly in its Experiments view (page.goto):
 * - chart.first_paint_1m (ms): navigation → the equity curve is first painted (the canvas preview of the
 *   level-of-detail series, or the plotly chart if that is first): page load + runs:equity (maxPoints ≈ 2 × plot
 *   width, ~2,800 min/max buckets) + drawing.
 * - chart.interactive_1m (ms): navigation → the interactive plotly chart has painted (adds evaluating the
 *   4.6 MB plotly module, the dominant cost, and plotly's first render).
 * Best of 3 fresh browser contexts after one warm-up (1 with --quick). Skipped (no result) without Chromium.
 * Not timed: building the app, generating the data set and running the backtest.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { ensureBuild } from '../e2e-setup/ensure-build.mjs';
import { wanted, type BenchOptions, type BenchResult } from './harness';

export const names = ['chart.first_paint_1m', 'chart.interactive_1m'];
const CHROMIUM = process.env.PEAK_CHROMIUM ?? '/usr/bin/chromium';
const BARS = 1_000_000;

/** The project root, from this bundle (node_modules/.cache/peak-bench/…) or the source file. */
function findRoot(): string {
  let d = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(d, 'package.json')) && existsSync(join(d, 'bin/peak.js'))) return d;
    d = dirname(d);
  }
  throw new Error('chart.bench: cannot find the project root');
}
export const projectRoot = findRoot();

export function startTwin(dataDir: string): Promise<{ url: string; proc: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [join(projectRoot, 'bin/peak.js'), '--data-dir', dataDir, 'web', '--port', '0'], {
      cwd: projectRoot,
      env: { ...process.env, PEAK_DB: join(dataDir, 'peak.db') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`peak web did not print its URL within 120 s:\n${out}`)), 120_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], proc });
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    proc.on('exit', (code) => reject(new Error(`peak web exited with ${code}:\n${out}`)));
  });
}

export async function call(url: string, name: string, input: unknown): Promise<unknown> {
  const u = new URL(url);
  const res = await fetch(`${u.origin}/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-peak-token': u.searchParams.get('token') ?? '' },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!body.ok) throw new Error(`${name}: ${body.error?.message}`);
  return body.value;
}

export async function run(opts: BenchOptions): Promise<BenchResult[]> {
  if (!names.some((n) => wanted(n, opts))) return [];
  if (!existsSync(CHROMIUM)) {
    process.stderr.write(`chart.bench: skipped, no Chromium at ${CHROMIUM}\n`);
    return [];
  }
  await ensureBuild({ root: projectRoot, log: (l) => process.stderr.write(`${l}\n`) });
  const dataDir = mkdtempSync(join(tmpdir(), 'peak-chart-bench-'));
  const { url, proc } = await startTwin(dataDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  try {
    const synth = (await call(url, 'data:synth', { kind: 'garch', bars: BARS, seed: 1, intervalMs: 60_000, name: 'chart-bench-1m' })) as { dataset: { id: string } };
    const runRes = (await call(url, 'backtest:run', { datasetId: synth.dataset.id, strategyId: 'ma_crossover', params: { fast_window: 10, slow_window: 30 } })) as { id: number };
    const target = `${url}#/experiments?run=${runRes.id}`;
    const first: number[] = [];
    const interactive: number[] = [];
    const reps = opts.quick ? 1 : 3;
    for (let i = 0; i < reps + 1; i++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(target);
      const painted = (sel: string) => (document.querySelector(sel) as HTMLElement | null)?.dataset.painted === 'true';
      await page.waitForFunction(
        ([a, b]) => [a, b].some((sel) => (document.querySelector(sel) as HTMLElement | null)?.dataset.painted === 'true'),
        ['[data-testid="equity-preview"]', '[data-testid="chart-Equity curve"]'],
        { timeout: 60_000, polling: 'raf' },
      );
      const t1 = performance.now();
      await page.waitForFunction(painted, '[data-testid="chart-Equity curve"]', { timeout: 60_000, polling: 'raf' });
      const t2 = performance.now();
      if (i > 0) {
        // the first round is a warm-up (OS file cache, the twin's JIT)
        first.push(t1 - t0);
        interactive.push(t2 - t0);
      }
      await context.close();
    }
    process.stderr.write(`chart.bench: first paint ${first.map((x) => x.toFixed(0)).join(', ')} ms; interactive ${interactive.map((x) => x.toFixed(0)).join(', ')} ms\n`);
    return [
      { name: 'chart.first_paint_1m', value: Math.min(...first), unit: 'ms' },
      { name: 'chart.interactive_1m', value: Math.min(...interactive), unit: 'ms' },
    ];
  } finally {
    await browser.close();
    proc.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}
