/**
 * Drill replay in Chromium against the browser twin (`peak web`):
 * - drill.replay_fps (frames/s): a 2,000-bar drill (overtrading scenario, ~380 signals) at the maximum speed
 *   (1,000 bars/s), frames counted by the replay's own requestAnimationFrame loop from the first frame to the frame
 *   that draws the last bar, while the bench presses keys. Target ≥ 30.
 * - drill.key_latency_error_max (ms): for every key press answered to a signal, |stored latency − the bench's own
 *   measurement| (its paint stamp: the first animation frame after the signal id appears in the banner, seen by its
 *   own MutationObserver; its key stamp: the keydown event's timeStamp in its own first listener). Target < 5.
 *   The key events' main-thread dispatch delay is printed too (it does not enter the stored latency).
 * Skipped (no result) without Chromium. Not timed: building the app, starting the twin.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { ensureBuild } from '../e2e-setup/ensure-build.mjs';
import type { BenchOptions, BenchResult } from './harness';
import { wanted } from './harness';

export const names = ['drill.replay_fps', 'drill.key_latency_error_max'];
const CHROMIUM = process.env.PEAK_CHROMIUM ?? '/usr/bin/chromium';

function findRoot(): string {
  let d = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(d, 'package.json')) && existsSync(join(d, 'bin/peak.js'))) return d;
    d = dirname(d);
  }
  throw new Error('drill.bench: cannot find the project root');
}
const projectRoot = findRoot();

function startTwin(dataDir: string): Promise<{ url: string; proc: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [join(projectRoot, 'bin/peak.js'), '--data-dir', dataDir, 'web', '--port', '0'], {
      cwd: projectRoot, env: { ...process.env, PEAK_DB: join(dataDir, 'peak.db') }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`peak web did not print its URL within 120 s:\n${out}`)), 120_000);
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], proc });
      }
    });
    proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    proc.on('exit', (code) => reject(new Error(`peak web exited with ${code}:\n${out}`)));
  });
}

interface Probe { paint: Record<string, number>; keys: number[]; handled: number[] }
interface AppProbe { drillId: string; frames: number[]; replayEndAt: number | null; done: boolean; presses: { signalId: string | null; latencyMs: number | null }[] }

export async function run(opts: BenchOptions): Promise<BenchResult[]> {
  if (!names.some((n) => wanted(n, opts))) return [];
  if (!existsSync(CHROMIUM)) {
    process.stderr.write(`drill.bench: skipped, no Chromium at ${CHROMIUM}\n`);
    return [];
  }
  await ensureBuild({ root: projectRoot, log: (l) => process.stderr.write(`${l}\n`) });
  const dataDir = mkdtempSync(join(tmpdir(), 'peak-drill-bench-'));
  const { url, proc } = await startTwin(dataDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const u = new URL(url);
    await page.goto(`${u.origin}/?${u.searchParams.toString()}#/drills`);
    await page.getByLabel('Scenario').waitFor();
    await page.getByLabel('Scenario').selectOption('overtrading');
    await page.getByLabel('Speed').fill('1000');
    await page.getByLabel('Length').fill('2000');
    await page.evaluate(() => {
      const p: Probe = { paint: {}, keys: [], handled: [] };
      (window as unknown as { __benchProbe: Probe }).__benchProbe = p;
      new MutationObserver((ms) => {
        for (const m of ms) {
          const id = (m.target as HTMLElement).dataset.signalId;
          if (id && p.paint[id] === undefined) requestAnimationFrame((t) => { p.paint[id] = t; });
        }
      }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-signal-id'] });
      window.addEventListener('keydown', (e) => { p.keys.push(e.timeStamp); p.handled.push(performance.now()); }, true);
    });
    await page.getByRole('button', { name: 'Start drill' }).click();
    await page.waitForFunction(() => (window as unknown as { __peakDrill?: AppProbe }).__peakDrill !== undefined);
    // press while it replays (2 s at 1,000 bars/s): one key every ~150 ms
    for (let i = 0; i < 10; i++) {
      await page.waitForTimeout(150);
      await page.keyboard.press(i % 2 ? 's' : 'l');
    }
    await page.waitForFunction(() => (window as unknown as { __peakDrill: AppProbe }).__peakDrill.done, undefined, { timeout: 60_000 });
    const { app, probe } = await page.evaluate(() => ({ app: (window as unknown as { __peakDrill: AppProbe }).__peakDrill, probe: (window as unknown as { __benchProbe: Probe }).__benchProbe }));
    const end = app.replayEndAt ?? app.frames[app.frames.length - 1];
    const frames = app.frames.filter((t) => t <= end);
    const fps = ((frames.length - 1) * 1000) / (frames[frames.length - 1] - frames[0]);
    const res = await fetch(`${u.origin}/api/drills:get`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-peak-token': u.searchParams.get('token') ?? '' }, body: JSON.stringify({ drillId: app.drillId }) });
    const body = (await res.json()) as { ok: boolean; value: { actions: { signalId: string | null; latencyMs: number | null }[]; signals: unknown[] } };
    if (!body.ok) throw new Error('drills:get failed');
    const errs: number[] = [];
    // how long key events waited for the main thread (the app stamps the keystroke with the event's timeStamp, so
    // this delay does not enter the stored latency; reported for information)
    const dispatch = probe.handled.map((h, i) => h - probe.keys[i]);
    body.value.actions.forEach((a, i) => {
      if (a.signalId === null || a.latencyMs === null || probe.paint[a.signalId] === undefined) return;
      errs.push(Math.abs(a.latencyMs - (probe.keys[i] - probe.paint[a.signalId])));
      if (process.env.PEAK_BENCH_DEBUG) process.stderr.write(`  ${a.signalId}: stored ${a.latencyMs.toFixed(2)} · key ${probe.keys[i].toFixed(1)} paint ${probe.paint[a.signalId].toFixed(1)} app ${JSON.stringify(app.presses[i])}\n`);
    });
    process.stderr.write(`drill.bench: ${body.value.signals.length} signals, ${frames.length} frames over ${(frames[frames.length - 1] - frames[0]).toFixed(0)} ms, ${errs.length} answered presses, errors ${errs.map((e) => e.toFixed(2)).join(', ')} ms; key dispatch delay max ${Math.max(...dispatch).toFixed(1)} ms\n`);
    await context.close();
    return [
      { name: 'drill.replay_fps', value: fps, unit: 'fps' },
      { name: 'drill.key_latency_error_max', value: errs.length ? Math.max(...errs) : NaN, unit: 'ms' },
    ];
  } finally {
    await browser.close();
    proc.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}
