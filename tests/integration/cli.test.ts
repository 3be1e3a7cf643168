import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliHarness, type CliHarness } from '../support/cli';

const fixtures = resolve(__dirname, '../fixtures/cli');
const wave = resolve(fixtures, 'wave-daily.csv');
const goog = resolve(__dirname, '../../../shared/data/goog.csv');

interface BacktestJson {
  runId: number;
  configHash: string;
  seed: number;
  dataset: { id: string; bars: number };
  strategy: string;
  params: Record<string, unknown>;
  engine: Record<string, unknown>;
  metrics: Record<string, number | null>;
  stats: Record<string, number | null> | null;
  trades: { entryBar: number; exitBar: number; entryTime: number; exitTime: number; entryPrice: number; exitPrice: number; size: number; pnl: number; returnPct: number; exitReason: string }[];
}

let cli: CliHarness;
beforeAll(() => { cli = createCliHarness(); });
afterAll(() => cli.remove());

describe('peak CLI', () => {
  it('--help lists the commands and exits 0', async () => {
    const r = await cli.run('--help');
    expect(r.code).toBe(0);
    for (const c of ['backtest', 'data', 'runs', 'strategies']) expect(r.stdout).toContain(c);
    const b = await cli.run('backtest', '--help');
    expect(b.code).toBe(0);
    expect(b.stdout).toContain('--preset');
  });

  it('imports a CSV fixture, dedupes a second import, and lists it', async () => {
    const a = await cli.run('data', 'import', wave, '--name', 'wave');
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toMatch(/^stored ds_[0-9a-f]{12} {2}"wave" {2}120 bars 1d/);
    const again = await cli.run('data', 'import', wave);
    expect(again.stdout).toMatch(/^already stored/);
    const list = await cli.json<{ datasets: { name: string }[]; total: number }>('data', 'list', '--json');
    expect(list.datasets.map((d) => d.name)).toContain('wave');
    expect(list.total).toBe(3); // two seeded + wave
  });

  it('rejects a bad CSV with exit 2 and ONE line naming the file, row and column', async () => {
    const r = await cli.run('data', 'import', resolve(fixtures, 'bad-number.csv'));
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^peak: .*bad-number\.csv/);
    expect(r.stderr).toMatch(/row 5/);
    expect(r.stderr).toMatch(/high/i);
  });

  it('bad flags and parameters exit 2 with one line naming the flag', async () => {
    const unknown = await cli.run('backtest', '--data', wave, '--strategy', 'ma_crossover', '--bogus');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^peak: .*--bogus/);
    const param = await cli.run('backtest', '--data', wave, '--strategy', 'ma_crossover', '--param', 'fast_window=abc');
    expect(param.code).toBe(2);
    expect(param.stderr).toBe('peak: --param fast_window: expected a number, got "abc"\n');
    const cash = await cli.run('backtest', '--data', wave, '--strategy', 'ma_crossover', '--cash', 'lots');
    expect(cash).toMatchObject({ code: 2, stderr: 'peak: --cash: expected a positive number, got "lots"\n' });
    const strat = await cli.run('backtest', '--data', wave, '--strategy', 'nope');
    expect(strat.code).toBe(2);
    expect(strat.stderr).toMatch(/^peak: --strategy: unknown strategy "nope"/);
    const data = await cli.run('backtest', '--data', 'missing/file.csv', '--strategy', 'ma_crossover');
    expect(data).toMatchObject({ code: 2, stderr: 'peak: --data: file not found: missing/file.csv\n' });
    const preset = await cli.run('backtest', '--data', wave, '--strategy', 'ma_crossover', '--preset', 'zipline');
    expect(preset.code).toBe(2);
    expect(preset.stderr).toMatch(/^peak: .*--preset/);
  });

  it('backtest --json prints one document with the documented shape; runs list/show find it', async () => {
    const j = await cli.json<BacktestJson>('backtest', '--data', wave, '--strategy', 'ma_crossover',
      '--param', 'fast_window=5', '--param', 'slow_window=20', '--param', 'side=long_short', '--fee-bps', '10', '--slippage-bps', '5', '--json');
    expect(Object.keys(j)).toEqual(expect.arrayContaining(['runId', 'configHash', 'seed', 'dataset', 'strategy', 'params', 'engine', 'metrics', 'stats', 'trades']));
    expect(j.runId).toBeGreaterThan(0);
    expect(j.configHash).toMatch(/^[0-9a-f]{64}$/);
    expect(j.seed).toBe(42);
    expect(j.strategy).toBe('ma_crossover');
    expect(j.params).toEqual({ fast_window: 5, slow_window: 20, side: 'long_short' });
    expect(j.engine).toMatchObject({ preset: 'default', commission: 0.001, slippage: 0.0005 });
    expect(j.stats).toBeNull();
    expect(j.trades.length).toBeGreaterThan(0);
    expect(Object.keys(j.trades[0])).toEqual(expect.arrayContaining(['entryBar', 'exitBar', 'entryTime', 'exitTime', 'entryPrice', 'exitPrice', 'size', 'pnl', 'returnPct', 'exitReason']));

    const table = await cli.run('runs', 'list', '--strategy', 'ma_crossover');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(new RegExp(`^\\s*${j.runId}\\s`, 'm'));
    const listed = await cli.json<{ runs: { id: number }[] }>('runs', 'list', '--json', '--limit', '5');
    expect(listed.runs.map((r) => r.id)).toContain(j.runId);
    // parameter filters in --text go through the same server-side parser as the app's search
    expect((await cli.json<{ runs: { id: number }[] }>('runs', 'list', '--text', 'fast_window=5', '--json')).runs.map((r) => r.id)).toContain(j.runId);
    expect((await cli.json<{ runs: { id: number }[] }>('runs', 'list', '--text', 'fast=6', '--json')).runs.map((r) => r.id)).not.toContain(j.runId);
    const badName = await cli.run('runs', 'list', '--text', 'fast_windw=5');
    expect(badName.code).toBe(2);
    expect(badName.stderr).toMatch(/"fast_windw" is not a parameter/);
    const shown = await cli.json<BacktestJson>('runs', 'show', String(j.runId), '--json');
    expect(shown.trades).toEqual(j.trades);
    expect(shown.configHash).toBe(j.configHash);
    const text = await cli.run('runs', 'show', String(j.runId));
    expect(text.stdout).toContain('Sharpe');
    const missing = await cli.run('runs', 'show', '99999');
    expect(missing).toMatchObject({ code: 2, stderr: 'peak: run 99999 not found\n' });
  });

  it('backtest-py preset defaults and a readable table without --json', async () => {
    const j = await cli.json<BacktestJson>('backtest', '--data', 'wave', '--strategy', 'ma_crossover', '--param', 'fast_window=5',
      '--param', 'slow_window=20', '--preset', 'backtesting-py', '--json');
    expect(j.engine).toMatchObject({ preset: 'backtesting-py', commission: 0, slippage: 0, sizing: { mode: 'all_in_units' }, fill: 'next_open', finalize: false });
    expect(j.stats).not.toBeNull();
    expect(j.stats).toHaveProperty('# Trades');
    const t = await cli.run('backtest', '--data', 'wave', '--strategy', 'rsi_reversion');
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout).toMatch(/Run \d+ {2}rsi_reversion/);
    expect(t.stdout).toContain('Total return [%]');
    // the max drawdown duration reads as time like the app: bars × 365 d ÷ bars per year (daily data < 1 year: whole
    // days), with the bar count; the JSON keeps the bar count
    const m = (await cli.json<BacktestJson>('backtest', '--data', 'wave', '--strategy', 'rsi_reversion', '--json')).metrics as Record<string, number>;
    const bars = m.maxDrawdownDurationBars;
    expect(Number.isInteger(bars)).toBe(true);
    const days = Math.round((bars * 365) / m.periodsPerYear);
    expect(t.stdout).toMatch(new RegExp(`Max DD duration +${days} d · ${bars} bars`));
  });

  it('data synth and strategies', async () => {
    const s = await cli.json<{ dataset: { bars: number; source: string } }>('data', 'synth', '--kind', 'regime', '--bars', '300', '--seed', '5', '--json');
    expect(s.dataset).toMatchObject({ bars: 300, source: 'synthetic' });
    const bad = await cli.run('data', 'synth', '--kind', 'brownian', '--bars', '10');
    expect(bad).toMatchObject({ code: 2, stderr: 'peak: --kind: expected one of regime, garch, got "brownian"\n' });
    const st = await cli.run('strategies');
    expect(st.code).toBe(0);
    expect(st.stdout).toContain('ma_crossover');
    expect(st.stdout).toContain('fast_window=20');
  });
});

// backtesting.py 0.6.6's own pinned figures for SmaCross(10, 30) on GOOG (../shared/data/README.md).
const ORACLE: Record<string, number> = {
  '# Trades': 66,
  'Equity Final [$]': 51422.99,
  'Equity Peak [$]': 75787.44,
  'Return [%]': 414.2299,
  'Buy & Hold Return [%]': 522.0602,
  'Max. Drawdown [%]': -47.98013,
  'Win Rate [%]': 46.9697,
  'Best Trade [%]': 53.59595,
  'Worst Trade [%]': -18.39887,
  'Profit Factor': 2.167946,
  'Exposure Time [%]': 96.74115,
  SQN: 1.0766187,
  'CAGR [%]': 21.160246,
  'Sharpe Ratio': 0.5806232,
};

describe.skipIf(!existsSync(goog))('peak backtest reproduces the public backtesting.py oracle (goog.csv)', () => {
  it('SmaCross 10/30 long/short, backtesting-py preset, finalize', async () => {
    expect(readFileSync(goog, 'utf8').length).toBeGreaterThan(0);
    const j = await cli.json<BacktestJson>('backtest', '--data', goog, '--strategy', 'ma_crossover', '--param', 'fast_window=10',
      '--param', 'slow_window=30', '--param', 'side=long_short', '--preset', 'backtesting-py', '--finalize', '--json');
    expect(j.stats).not.toBeNull();
    const stats = j.stats!;
    for (const [k, want] of Object.entries(ORACLE)) {
      const got = stats[k];
      expect(got, k).not.toBeNull();
      // The README prints the figures rounded to their shown digits; compare to 1e-8 relative plus that rounding.
      const digits = (String(want).split('.')[1] ?? '').length;
      const tol = Math.max(Math.abs(want) * 1e-8, 0.5 * 10 ** -digits);
      expect(Math.abs((got as number) - want), `${k}: got ${got}, want ${want}`).toBeLessThanOrEqual(tol);
    }
    expect(j.trades).toHaveLength(66);
    expect(j.dataset.bars).toBe(2148);
  });
});
