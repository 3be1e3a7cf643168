// Trust #1: the backtesting-py preset with its own default (open trades NOT finalized) stores and shows the
// open trades (excluded from the stats, as backtesting.py does); the stats print like backtesting.py's.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatStat, formatStatDuration, formatStatFloat, formatStatTimestamp } from '../../../src/core/metrics/format-stats';
import { createCliHarness, type CliHarness } from '../../support/cli';

const WAVE = join(__dirname, '../../fixtures/cli/wave-daily.csv');
const ARGS = ['backtest', '--data', WAVE, '--strategy', 'ma_crossover', '--param', 'fast_window=10', '--param', 'slow_window=20',
  '--param', 'side=long_short', '--preset', 'backtesting-py', '--commission', '0.002'];

interface Out {
  runId: number;
  stats: Record<string, number | null>;
  trades: { exitBar: number }[];
  openTrades: { exitBar: number; exitTime: number; exitReason: string; entryTime: number }[];
}

describe('backtesting-py preset without finalize (CLI)', () => {
  let cli: CliHarness;
  beforeAll(() => {
    cli = createCliHarness({ seed: false });
  });
  afterAll(() => cli.remove());

  it('stores the open trade instead of failing on NOT NULL exit_time, and keeps it out of the stats', async () => {
    const out = await cli.json<Out>(...ARGS, '--json');
    expect(out.openTrades).toHaveLength(1);
    const open = out.openTrades[0];
    expect(open.exitBar).toBe(-1);
    expect(open.exitReason).toBe('open');
    expect(open.exitTime).toBe(Date.parse('2024-04-29T00:00:00Z')); // marked at the last bar (row 121)
    expect(out.stats['# Trades']).toBe(out.trades.length);
    // read back from the store: the same open trade
    const shown = await cli.run('runs', 'show', String(out.runId), '--json');
    expect(shown.code).toBe(0);
    expect((JSON.parse(shown.stdout) as Out).openTrades).toEqual(out.openTrades);
  });

  it('prints Start/End as dates, # Trades as an integer, durations as pandas Timedeltas and the open trade', async () => {
    const r = await cli.run(...ARGS);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Start\s+2024-01-01 00:00:00/);
    expect(r.stdout).toMatch(/End\s+2024-04-29 00:00:00/);
    expect(r.stdout).toMatch(/Duration\s+119 days 00:00:00/);
    expect(r.stdout).toMatch(/# Trades\s+\d+\n/);
    expect(r.stdout).not.toMatch(/# Trades\s+\d+\.\d/);
    expect(r.stdout).toMatch(/; 1 open/);
    expect(r.stdout).toMatch(/\bopen\s+[-\d.]+/);
  });
});

describe('stats formatting as backtesting.py prints it', () => {
  it('timestamps, durations, integers, floats, undefined', () => {
    expect(formatStatTimestamp(Date.parse('2004-08-19T00:00:00Z'))).toBe('2004-08-19 00:00:00');
    expect(formatStatDuration(3116)).toBe('3116 days 00:00:00');
    expect(formatStatDuration(0.1875)).toBe('0 days 04:30:00');
    expect(formatStatDuration(0.1)).toBe('0 days 02:24:00');
    expect(formatStat('# Trades', 66)).toBe('66');
    expect(formatStat('Return [%]', 589.35003216)).toBe('589.350032');
    expect(formatStat('Beta', 1)).toBe('1.0');
    expect(formatStatFloat(-0.5)).toBe('-0.5');
    expect(formatStat('Sharpe Ratio', null)).toBe('NaN');
    expect(formatStat('Max. Trade Duration', null)).toBe('NaT');
    expect(formatStat('Start', Date.parse('2024-01-01T00:00:00Z'))).toBe('2024-01-01 00:00:00');
  });
});
