/**
 * chart.first_paint_1m (ms): the workbench in Chromium against the browser twin (`peak web`), a stored backtest over
 * 1,000,000 one-minute synthetic bars; time from navigation (page.goto of the run's Experiments view) until the
 * equity chart's first paint (plotly has drawn the level-of-detail series: Plot sets data-painted="true").
 * Includes page load, the plotly chunk, runs:get + runs:equity (maxPoints ≈ 2 × plot width) and the paint.
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

export const names = ['chart.first_paint_1m'];
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
const projectRoot = findRoot();

function startTwin(dataDir: string): Promise<{ url: string; proc: ChildProcess }> {
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

async function call(url: string, name: string, input: unknown): Promise<unknown> {
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
  if (!wanted('chart.first_paint_1m', opts)) return [];
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
    const times: number[] = [];
    const reps = opts.quick ? 1 : 3;
    for (let i = 0; i < reps + 1; i++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(target);
      await page.waitForFunction(() => (document.querySelector('[data-testid="chart-Equity curve"]') as HTMLElement | null)?.dataset.painted === 'true', undefined, { timeout: 60_000, polling: 'raf' });
      const dt = performance.now() - t0;
      if (i > 0) times.push(dt); // the first is a warm-up (OS file cache, V8 code cache of the twin)
      await context.close();
    }
    return [{ name: 'chart.first_paint_1m', value: Math.min(...times), unit: 'ms' }];
  } finally {
    await browser.close();
    proc.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}
