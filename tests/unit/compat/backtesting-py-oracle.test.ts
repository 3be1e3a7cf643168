import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBacktestingPy } from '../../../src/core/engine/backtesting-py';
import { defaultEngineConfig, type EngineConfig } from '../../../src/core/engine/types';
import { computeBacktestingPyStats } from '../../../src/core/metrics/backtesting-py-stats';
import { readPandasCsv, smaCrossTargets } from '../../support/pandas-csv';

const GOOG = resolve(__dirname, '../../../../shared/data/goog.csv');
const compat: EngineConfig = { ...defaultEngineConfig, preset: 'backtesting-py', commission: 0, slippage: 0, sizing: { mode: 'all_in_units' }, finalize: true };

// Figures pinned by backtesting.py 0.6.6's own test_compute_stats (shared/data/README.md).
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
  'SQN': 1.0766187,
  'CAGR [%]': 21.160246,
  'Sharpe Ratio': 0.5806232,
};

describe.skipIf(!existsSync(GOOG))('backtesting-py preset reproduces backtesting.py on GOOG SmaCross(10, 30)', () => {
  const bars = readPandasCsv(GOOG);
  const target = smaCrossTargets(bars.close, 10, 30, true);
  const result = runBacktestingPy(bars, target, 29, compat);
  const stats = computeBacktestingPyStats(result, bars);

  for (const [key, want] of Object.entries(ORACLE)) {
    it(`${key} = ${want}`, () => {
      const got = stats[key];
      expect(got).not.toBeNull();
      // The README rounds to 7 significant digits; the exact figures are checked below.
      expect(Math.abs((got as number) - want) / Math.abs(want)).toBeLessThan(5e-7);
    });
  }

  it('matches the full-precision figures of backtesting.py 0.6.6 to 1e-8 relative', () => {
    const exact: Record<string, number> = {
      'Equity Final [$]': 51422.98999999996,
      'Return [%]': 414.2298999999996,
      'Max. Drawdown [%]': -47.98012705007589,
      'Profit Factor': 2.167945974262033,
      'Exposure Time [%]': 96.74115456238361,
      'SQN': 1.0766187356697705,
      'Win Rate [%]': 46.96969696969697,
      'Best Trade [%]': 53.59595229490424,
      'Worst Trade [%]': -18.39887353835481,
      'Buy & Hold Return [%]': 522.0601851851852,
    };
    for (const [k, v] of Object.entries(exact)) expect(Math.abs((stats[k] as number) - v) / Math.abs(v), k).toBeLessThan(1e-8);
  });

  it('fills at the next open in whole units and closes the last trade at the last open', () => {
    const first = result.trades[0];
    expect(Number.isInteger(first.size)).toBe(true);
    expect(first.entryPrice).toBe(bars.open[first.entryBar]);
    const last = result.trades[result.trades.length - 1];
    expect(last.exitBar).toBe(bars.close.length - 1);
    expect(last.exitPrice).toBe(bars.open[bars.close.length - 1]);
    expect(result.openTrades).toHaveLength(0);
  });
});
