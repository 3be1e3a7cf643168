import { describe, expect, it } from 'vitest';
import { pyFloorDiv, runBacktestingPy } from '../../../src/core/engine/backtesting-py';
import { defaultEngineConfig, type EngineConfig } from '../../../src/core/engine/types';
import { computeBacktestingPyStats } from '../../../src/core/metrics/backtesting-py-stats';
import type { Bars } from '../../../src/core/data/bars';

const DAY = 86_400_000;
const cfg = (over: Partial<EngineConfig> = {}): EngineConfig => ({
  ...defaultEngineConfig, preset: 'backtesting-py', cash: 1000, commission: 0, slippage: 0, sizing: { mode: 'all_in_units' }, finalize: false, ...over,
});
function bars(rows: [number, number, number, number][]): Bars {
  const n = rows.length;
  const f = (k: number) => Float64Array.from(rows, (r) => r[k]);
  return { time: Float64Array.from({ length: n }, (_, i) => Date.UTC(2024, 0, 1) + i * DAY), open: f(0), high: f(1), low: f(2), close: f(3), volume: new Float64Array(n) };
}
// o, h, l, c
const B = bars([
  [10, 10, 10, 10], [10, 10, 10, 10], [10, 10, 10, 10], [10, 11, 9.5, 11], [11, 12, 10.5, 11.5],
  [11.5, 12, 11, 12], [12, 12.5, 11.5, 12], [12, 12, 12, 12],
]);
const tgt = (...v: number[]) => Float64Array.from(v);

describe('backtesting.py broker replica', () => {
  it('Python float floor division', () => {
    expect(pyFloorDiv(7, 2)).toBe(3);
    expect(pyFloorDiv(-7, 2)).toBe(-4);
    expect(pyFloorDiv(999.9999999999998, 10.1)).toBe(99);
    expect(pyFloorDiv(0.3, 0.1)).toBe(2); // Python: 0.3 // 0.1 == 2.0
  });

  it('charges commission at entry and exit and sizes whole units on price·(1+c)', () => {
    // decide long at bar 2 → fill open[3] = 10; decide flat at bar 5 → fill open[6] = 12
    const r = runBacktestingPy(B, tgt(0, 0, 1, 1, 1, 0, 0, 0), 0, cfg({ commission: 0.01 }));
    expect(r.trades).toHaveLength(1);
    const t = r.trades[0];
    expect(t.size).toBe(99); // floor(1000·(1−ε) / 10.1)
    expect(t.entryBar).toBe(3);
    expect(t.exitBar).toBe(6);
    expect(t.pnl).toBeCloseTo(99 * 2 - 9.9 - 11.88, 10);
    expect(t.returnPct).toBeCloseTo(0.2 - 21.78 / 990, 12);
    expect(r.equity[7]).toBeCloseTo(1000 + 176.22, 9);
    // equity at bar 3 marks the open trade at the close: cash 1000 − 9.9 − 990 + 99·11
    expect(r.equity[3]).toBeCloseTo(1000 - 9.9 + 99 * 1, 9);
  });

  it('trade_on_close fills at the decision bar close with that bar as entry bar', () => {
    const r = runBacktestingPy(B, tgt(0, 0, 0, 1, 1, 0, 0, 0), 0, cfg({ fill: 'close' }));
    const t = r.trades[0];
    expect(t.entryBar).toBe(3);
    expect(t.entryPrice).toBe(11);
    expect(t.size).toBe(90); // floor(1000 / 11)
    expect(t.exitBar).toBe(5);
    expect(t.exitPrice).toBe(12);
  });

  it('cancels an order it cannot fill with one whole unit', () => {
    const r = runBacktestingPy(B, tgt(0, 0, 1, 1, 1, 1, 1, 1), 0, cfg({ cash: 5 }));
    expect(r.trades).toHaveLength(0);
    expect(r.openTrades).toHaveLength(0);
    expect(r.equity[7]).toBe(5);
  });

  it('keeps an open trade out of the stats without finalize, and closes it at the last open with finalize', () => {
    const open = runBacktestingPy(B, tgt(0, 0, 1, 1, 1, 1, 1, 1), 0, cfg());
    expect(open.trades).toHaveLength(0);
    expect(open.openTrades).toHaveLength(1);
    const s = computeBacktestingPyStats(open, B);
    expect(s['# Trades']).toBe(0);
    // 1000·(1−ε)/10 floors to 99 units: backtesting.py's "full equity" is 1 − ε
    expect(s['Equity Final [$]']).toBe(1000 + 99 * 2);
    const fin = runBacktestingPy(B, tgt(0, 0, 1, 1, 1, 1, 1, 1), 0, cfg({ finalize: true }));
    expect(fin.trades).toHaveLength(1);
    expect(fin.trades[0].exitBar).toBe(7);
    expect(fin.trades[0].exitPrice).toBe(12);
    expect(fin.trades[0].exitReason).toBe('end_of_data');
  });

  it('reverses long → short by closing first, then selling the full equity', () => {
    const r = runBacktestingPy(B, tgt(0, 0, 1, 1, -1, -1, -1, -1), 0, cfg({ finalize: true }));
    expect(r.trades).toHaveLength(2);
    const [long, short] = r.trades;
    expect(long.exitBar).toBe(5);
    expect(short.entryBar).toBe(5);
    expect(short.size).toBe(-Math.floor((1000 + 99 * 1.5) / 11.5));
    expect(short.exitPrice).toBe(12);
  });

  it('stop-loss placed relative to the decision close fills at min(open, stop) and stays flat afterwards', () => {
    // long decided at bar 3 (close 11), SL 5 % → 10.45; bar 4 low 10.5 (no hit); make a bar that gaps below
    const b = bars([[10, 10, 10, 10], [10, 10, 10, 10], [10, 10, 10, 10], [10, 11, 9.5, 11], [11, 12, 10.5, 11.5], [10, 10.2, 9.8, 10], [10, 10, 10, 10]]);
    const r = runBacktestingPy(b, tgt(0, 0, 0, 1, 1, 1, 1), 0, cfg({ stopLossPct: 0.05 }));
    expect(r.trades).toHaveLength(1);
    const t = r.trades[0];
    expect(t.entryBar).toBe(4);
    expect(t.exitBar).toBe(5);
    expect(t.exitPrice).toBe(10); // gap: open 10 < stop 10.45
    expect(t.exitReason).toBe('stop_loss');
    expect(r.openTrades).toHaveLength(0);
  });

  it('takes profit at the limit when touched', () => {
    const r = runBacktestingPy(B, tgt(0, 0, 1, 1, 1, 1, 1, 1), 0, cfg({ takeProfitPct: 0.15 }));
    const t = r.trades[0];
    expect(t.exitPrice).toBeCloseTo(11.5, 12); // 10·1.15, touched by bar 4's high 12
    expect(t.exitBar).toBe(4);
    expect(t.exitReason).toBe('take_profit');
  });

  it('does not act before warm-up + 1', () => {
    const r = runBacktestingPy(B, tgt(1, 1, 1, 1, 1, 1, 1, 1), 3, cfg());
    expect(r.startBar).toBe(4);
    expect(r.openTrades[0].entryBar).toBe(5);
  });
});
