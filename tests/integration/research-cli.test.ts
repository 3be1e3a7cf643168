import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { createCliHarness } from '../support/cli';
import { fakeClock, smallSeedSpecs } from '../support/services';

const DATA = resolve(__dirname, '../../../shared/data');
const csv = (f: string) => resolve(DATA, f);
const h = createCliHarness();
afterAll(() => h.remove());

interface WfJson { runId: number; summary: { folds: unknown[]; stitchedSharpe: number | null }; report: { html: string } | null }
interface McJson { summary: { nPaths: number; probLoss: number; sharpe: { p50: number } }; configHash: string }
interface StressJson { summary: { results: { scenario: { kind: string } }[] } }

describe('research CLI on synthetic data', () => {
  it('peak walkforward / montecarlo / stress / research portfolio (--json)', async () => {
    const wf = await h.json<WfJson>('walkforward', '--data', 'Test GARCH 1h', '--strategy', 'ma_crossover', '--grid', 'fast_window=5,10', '--grid', 'slow_window=20:40:20', '--train', '25d', '--test', '10d', '--step', '10d', '--json');
    expect(wf.summary.folds.length).toBeGreaterThan(3);
    expect(existsSync(wf.report!.html)).toBe(true);
    const mc = await h.json<McJson>('montecarlo', '--data', 'Test GARCH 1h', '--strategy', 'ma_crossover', '--method', 'block', '--paths', '500', '--seed', '3', '--json');
    expect(mc.summary.nPaths).toBe(500);
    const mc2 = await h.json<McJson>('montecarlo', '--data', 'Test GARCH 1h', '--strategy', 'ma_crossover', '--method', 'block', '--paths', '500', '--seed', '3', '--json');
    expect(mc2.summary).toEqual(mc.summary);
    const st = await h.json<StressJson>('stress', '--data', 'Test GARCH 1h', '--strategy', 'rsi_reversion', '--scenario', 'flash_crash', '--scenario', 'regime_bear', '--json');
    expect(st.summary.results.map((r) => r.scenario.kind)).toEqual(['flash_crash', 'regime_bear']);
    const human = await h.run('research', 'portfolio', '--preset', 'multi_style_moderate', '--data', 'Test GARCH 1h', '--paths', '200');
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/Portfolio multi_style_moderate: (GO|NO-GO|INCONCLUSIVE)/);
    expect(human.stdout).toMatch(/report: .*portfolio-report\.html/);
  });
  it('Ctrl-C cancels a running Monte-Carlo cleanly (exit 130, nothing stored)', async () => {
    let stderr = '';
    const t0 = Date.now();
    const code = await runCli(['montecarlo', '--data', 'Test GARCH 1h', '--strategy', 'ma_crossover', '--paths', '400000'], {
      stdout: { write: () => true }, stderr: { write: (x: string) => (stderr += x) },
      env: { HOME: h.dir, PEAK_DB: h.db }, cwd: process.cwd(), clock: fakeClock(),
      services: { seed: true, seedSpecs: smallSeedSpecs, workers: 1 },
      interrupted: new Promise((r) => setTimeout(r, 400)),
    });
    expect(code).toBe(130);
    expect(stderr).toMatch(/cancelled/);
    expect(Date.now() - t0).toBeLessThan(5000);
  });
  it('bad flags name the flag', async () => {
    const r = await h.run('walkforward', '--data', 'Test GARCH 1h', '--strategy', 'ma_crossover', '--train', '3x', '--test', '10');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/--train/);
    const m = await h.run('montecarlo', '--data', 'Test GARCH 1h', '--strategy', 'ma_crossover', '--method', 'nope');
    expect(m.stderr).toMatch(/--method/);
  });
});

describe.skipIf(!existsSync(DATA))('research CLI on ../shared/data', () => {
  it('walk-forward on goog.csv (daily), Monte-Carlo on eurusd.csv (hourly), stress on btcusd.csv', async () => {
    const wf = await h.json<WfJson>('walkforward', '--data', csv('goog.csv'), '--strategy', 'ma_crossover', '--preset', 'ma_crossover_basic', '--train', '730d', '--test', '180d', '--step', '180d', '--json');
    expect(wf.summary.folds.length).toBeGreaterThan(3);
    const mc = await h.json<McJson>('montecarlo', '--data', csv('eurusd.csv'), '--strategy', 'rsi_reversion', '--paths', '1000', '--json');
    expect(Number.isFinite(mc.summary.sharpe.p50)).toBe(true);
    const st = await h.json<StressJson>('stress', '--data', csv('btcusd.csv'), '--strategy', 'ma_crossover', '--param', 'fast_window=3', '--param', 'slow_window=12', '--json');
    expect(st.summary.results).toHaveLength(7);
    const p = await h.run('research', 'portfolio', '--preset', 'moderate_v11', '--data', csv('goog.csv'), '--paths', '300');
    expect(p.code).toBe(0);
  });
});
