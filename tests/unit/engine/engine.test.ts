import { describe, expect, it } from 'vitest';
import { makeBars, type Bars } from '../../../src/core/data/bars';
import { runDefault } from '../../../src/core/engine/engine';
import { defaultEngineConfig, type EngineConfig } from '../../../src/core/engine/types';
import { PeakError } from '../../../src/core/errors';

/** Bars from [open, high, low, close] rows, one hour apart. */
function ohlc(rows: [number, number, number, number][]): Bars {
  const b = makeBars(rows.length);
  rows.forEach(([o, h, l, c], i) => {
    b.time[i] = 1_700_000_000_000 + i * 3_600_000;
    b.open[i] = o; b.high[i] = h; b.low[i] = l; b.close[i] = c; b.volume[i] = 1;
  });
  return b;
}
const cfgOf = (over: Partial<EngineConfig>): EngineConfig => ({
  ...defaultEngineConfig, commission: 0, slippage: 0, cash: 10_000, ...over,
});
const T = (xs: number[]) => new Float64Array(xs);

const rising = ohlc([
  [100, 101, 99, 100],
  [102, 103, 101, 102],
  [104, 105, 103, 104],
  [106, 107, 105, 106],
]);

describe('fill timing', () => {
  it("'next_open' fills target[t] at open[t+1]; the open position is finalized at the last close", () => {
    const r = runDefault(rising, T([0, 1, 1, 0]), 0, cfgOf({ cash: 1000, fill: 'next_open' }));
    expect(r.trades).toHaveLength(1);
    const t = r.trades[0];
    expect([t.entryBar, t.entryPrice, t.exitBar, t.exitPrice, t.exitReason]).toEqual([2, 104, 3, 106, 'end_of_data']);
    expect(t.size).toBeCloseTo(1000 / 104, 12);
    expect(t.pnl).toBeCloseTo((1000 / 104) * 2, 10);
    expect(Array.from(r.equity.subarray(0, 3))).toEqual([1000, 1000, 1000]);
    expect(r.equity[3]).toBeCloseTo(1000 + (1000 / 104) * 2, 9);
    expect(r.exposureBars).toBe(2);
  });
  it("'close' fills target[t] at close[t]", () => {
    const r = runDefault(rising, T([0, 1, 1, 0]), 0, cfgOf({ cash: 1000, fill: 'close' }));
    expect(r.trades).toHaveLength(1);
    const t = r.trades[0];
    expect([t.entryBar, t.entryPrice, t.exitBar, t.exitPrice, t.exitReason]).toEqual([1, 102, 3, 106, 'signal']);
    expect(t.pnl).toBeCloseTo((1000 / 102) * 4, 10);
    expect(r.exposureBars).toBe(2);
  });
  it('ignores targets before the warm-up', () => {
    const r = runDefault(rising, T([1, 1, 0, 0]), 2, cfgOf({ fill: 'close' }));
    expect(r.trades).toHaveLength(0);
    expect(r.startBar).toBe(2);
  });
  it('a flat target makes no trades and keeps equity at the starting cash', () => {
    const r = runDefault(rising, T([0, 0, 0, 0]), 0, cfgOf({ commission: 0.001, slippage: 0.001 }));
    expect(r.trades).toHaveLength(0);
    expect(r.openTrades).toHaveLength(0);
    expect(r.feesPaid).toBe(0);
    expect(Array.from(r.equity)).toEqual([10_000, 10_000, 10_000, 10_000]);
  });
});

describe('costs', () => {
  it('charges slippage and commission on both legs, to the cent (all-in whole units)', () => {
    const bars = ohlc([
      [100, 100, 100, 100],
      [100, 100, 100, 100],
      [110, 110, 110, 110],
      [110, 110, 110, 110],
    ]);
    const r = runDefault(bars, T([1, 1, 0, 0]), 0, cfgOf({
      commission: 0.001, slippage: 0.0005, sizing: { mode: 'all_in_units' }, fill: 'next_open',
    }));
    // entry at open[1] = 100 → buy fill 100.05; units = floor(10000 / (100.05·1.001)) = 99; fee 9.90495
    // exit at open[3] = 110 → sell fill 109.945; fee 99·109.945·0.001 = 10.884555
    const t = r.trades[0];
    expect(t.size).toBe(99);
    expect(t.entryPrice).toBeCloseTo(100.05, 10);
    expect(t.exitPrice).toBeCloseTo(109.945, 10);
    expect(t.fees).toBeCloseTo(20.789505, 8);
    expect(t.pnl).toBeCloseTo(958.815495, 8);
    expect(t.returnPct).toBeCloseTo(958.815495 / (99 * 100.05), 12);
    expect(r.feesPaid).toBeCloseTo(20.789505, 8);
    expect(r.equity[3]).toBeCloseTo(10_958.815495, 8);
    // equity while long at bar 1 (close 100): cash − fee − slippage cost
    expect(r.equity[1]).toBeCloseTo(10_000 - 99 * 0.05 - 9.90495, 8);
  });
  it('reverses long → short as a close plus an open on the same fill', () => {
    const bars = ohlc([
      [100, 100, 100, 100],
      [110, 110, 110, 110],
      [99, 99, 99, 99],
    ]);
    const r = runDefault(bars, T([1, -1, -1]), 0, cfgOf({ commission: 0.001, fill: 'close' }));
    expect(r.trades.map((t) => t.exitReason)).toEqual(['signal', 'end_of_data']);
    const [long, short] = r.trades;
    expect(long.size).toBeCloseTo(100, 12);
    expect(long.pnl).toBeCloseTo(979, 8); // 100·10 − 10 − 11
    expect(short.entryBar).toBe(1);
    expect(short.size).toBeCloseTo(-10_979 / 110, 10);
    expect(short.pnl).toBeCloseTo(1077.0399, 8); // 10979 − 9881.1 − 10.979 − 9.8811
    expect(r.equity[2]).toBeCloseTo(12_056.0399, 8);
    expect(r.feesPaid).toBeCloseTo(10 + 11 + 10.979 + 9.8811, 8);
  });
});

describe('sizing', () => {
  const flat = ohlc([
    [50, 50, 50, 50],
    [50, 50, 50, 50],
    [50, 50, 50, 50],
  ]);
  it("'fraction' sizes on equity · fraction · |target| / fill price (fractional units)", () => {
    const r = runDefault(flat, T([0.5, 0.5, 0.5]), 0, cfgOf({ sizing: { mode: 'fraction', fraction: 0.4 }, fill: 'close', slippage: 0.01 }));
    expect(r.trades[0].size).toBeCloseTo((10_000 * 0.4 * 0.5) / 50.5, 12);
  });
  it("'all_in_units' buys whole units with fees included", () => {
    const r = runDefault(flat, T([1, 1, 1]), 0, cfgOf({ cash: 1000, commission: 0.01, sizing: { mode: 'all_in_units' }, fill: 'close' }));
    expect(r.trades[0].size).toBe(19); // floor(1000 / 50.5)
  });
  it("'all_in_units' with too little cash opens nothing", () => {
    const r = runDefault(flat, T([1, 1, 1]), 0, cfgOf({ cash: 40, sizing: { mode: 'all_in_units' }, fill: 'close' }));
    expect(r.trades).toHaveLength(0);
    expect(r.exposureBars).toBe(0);
  });
  it("'fixed_notional' sizes on notional · |target| / fill price, short too", () => {
    const r = runDefault(flat, T([-1, -1, -1]), 0, cfgOf({ sizing: { mode: 'fixed_notional', notional: 2500 }, fill: 'close' }));
    expect(r.trades[0].size).toBeCloseTo(-50, 12);
  });
  it('a same-sign magnitude change does not re-size', () => {
    const r = runDefault(flat, T([1, 0.5, 0.5]), 0, cfgOf({ fill: 'close' }));
    expect(r.trades).toHaveLength(1);
    expect(r.trades[0].size).toBeCloseTo(200, 12);
  });
});

describe('stops (intrabar, pessimistic)', () => {
  const base = cfgOf({ fill: 'close' });
  it('stop-loss exits at the stop level and then stays flat while the target is unchanged', () => {
    const bars = ohlc([
      [100, 100, 100, 100],
      [99, 100, 94, 96],
      [96, 97, 95, 96],
      [96, 97, 95, 96],
    ]);
    const r = runDefault(bars, T([1, 1, 1, 1]), 0, { ...base, stopLossPct: 0.05 });
    expect(r.trades).toHaveLength(1);
    expect([r.trades[0].exitBar, r.trades[0].exitPrice, r.trades[0].exitReason]).toEqual([1, 95, 'stop_loss']);
    expect(r.trades[0].pnl).toBeCloseTo(-500, 9);
    expect(Array.from(r.equity)).toEqual([10_000, 9_500, 9_500, 9_500]);
  });
  it('re-enters after a stop only when the target changes', () => {
    const bars = ohlc([
      [100, 100, 100, 100],
      [99, 100, 94, 96],
      [96, 97, 95, 96],
      [96, 97, 95, 96],
      [96, 97, 95, 96],
    ]);
    const r = runDefault(bars, T([1, 1, 0, 1, 1]), 0, { ...base, stopLossPct: 0.05 });
    expect(r.trades.map((t) => [t.entryBar, t.exitReason])).toEqual([[0, 'stop_loss'], [3, 'end_of_data']]);
  });
  it('take-profit exits at the target level', () => {
    const bars = ohlc([
      [100, 100, 100, 100],
      [101, 111, 100, 108],
    ]);
    const r = runDefault(bars, T([1, 1]), 0, { ...base, takeProfitPct: 0.1 });
    expect(r.trades[0].exitReason).toBe('take_profit');
    expect(r.trades[0].exitPrice).toBeCloseTo(110, 9);
  });
  it('trailing stop trails the best high of the prior bars', () => {
    const bars = ohlc([
      [100, 100, 100, 100],
      [110, 120, 110, 118], // level 90 (from entry), best → 120
      [115, 116, 107, 110], // level 108 → exit at 108
    ]);
    const r = runDefault(bars, T([1, 1, 1]), 0, { ...base, trailingStopPct: 0.1 });
    expect([r.trades[0].exitBar, r.trades[0].exitPrice, r.trades[0].exitReason]).toEqual([2, 108, 'trailing_stop']);
  });
  it('short trailing stop trails the lowest low', () => {
    const bars = ohlc([
      [100, 100, 100, 100],
      [95, 96, 80, 85], // level 110, lowest → 80
      [85, 89, 84, 86], // level 88 → exit at 88
    ]);
    const r = runDefault(bars, T([-1, -1, -1]), 0, { ...base, trailingStopPct: 0.1 });
    expect([r.trades[0].exitPrice, r.trades[0].exitReason]).toEqual([88, 'trailing_stop']);
    expect(r.trades[0].pnl).toBeCloseTo(100 * 12, 9);
  });
  it('a gap through the stop fills at the open', () => {
    const bars = ohlc([
      [100, 100, 100, 100],
      [90, 92, 88, 91],
    ]);
    const r = runDefault(bars, T([1, 1]), 0, { ...base, stopLossPct: 0.05 });
    expect([r.trades[0].exitPrice, r.trades[0].exitReason]).toEqual([90, 'stop_loss']);
  });
  it('a short gapping through its stop fills at the open, with slippage against the trader', () => {
    const bars = ohlc([
      [100, 100, 100, 100],
      [110, 112, 108, 111],
    ]);
    const r = runDefault(bars, T([-1, -1]), 0, { ...base, stopLossPct: 0.05, slippage: 0.001 });
    expect(r.trades[0].exitPrice).toBeCloseTo(110 * 1.001, 12);
    expect(r.trades[0].entryPrice).toBeCloseTo(100 * 0.999, 12);
  });
  it('when one bar touches both stop and target, the stop fills', () => {
    const bars = ohlc([
      [100, 100, 100, 100],
      [100, 106, 94, 100],
    ]);
    const r = runDefault(bars, T([1, 1]), 0, { ...base, stopLossPct: 0.05, takeProfitPct: 0.05 });
    expect([r.trades[0].exitPrice, r.trades[0].exitReason]).toEqual([95, 'stop_loss']);
  });
  it('stops are checked from the bar after the entry fill (next_open)', () => {
    const bars = ohlc([
      [100, 100, 100, 100],
      [100, 101, 90, 100], // entry at this open; its low is not checked
      [100, 101, 96, 100],
      [100, 101, 94, 100], // stop 95 hit here
    ]);
    const r = runDefault(bars, T([1, 1, 1, 1]), 0, { ...base, fill: 'next_open', stopLossPct: 0.05 });
    expect([r.trades[0].entryBar, r.trades[0].exitBar, r.trades[0].exitPrice]).toEqual([1, 3, 95]);
  });
});

describe('end of data', () => {
  const bars = ohlc([
    [100, 100, 100, 100],
    [100, 100, 100, 100],
    [120, 120, 120, 120],
  ]);
  it('finalize closes at the last close with the fee applied', () => {
    const r = runDefault(bars, T([1, 1, 1]), 0, cfgOf({ fill: 'close', commission: 0.001, finalize: true }));
    expect(r.openTrades).toHaveLength(0);
    expect(r.trades[0].exitReason).toBe('end_of_data');
    // units = 10000/100 = 100; pnl = 2000 − 10 − 12
    expect(r.trades[0].pnl).toBeCloseTo(1978, 9);
    expect(r.equity[2]).toBeCloseTo(11_978, 9);
  });
  it("with fill 'close' and finalize, a reversal on the last bar closes but opens nothing", () => {
    const r = runDefault(bars, T([1, 1, -1]), 0, cfgOf({ fill: 'close', finalize: true }));
    expect(r.trades.map((t) => [t.exitBar, t.exitReason])).toEqual([[2, 'signal']]);
    const r2 = runDefault(bars, T([1, 1, -1]), 0, cfgOf({ fill: 'close', finalize: false }));
    expect(r2.openTrades.map((t) => [t.entryBar, t.size < 0])).toEqual([[2, true]]);
  });
  it('without finalize the trade stays open and is marked to market', () => {
    const r = runDefault(bars, T([1, 1, 1]), 0, cfgOf({ fill: 'close', commission: 0.001, finalize: false }));
    expect(r.trades).toHaveLength(0);
    expect(r.openTrades).toHaveLength(1);
    const o = r.openTrades[0];
    expect([o.exitBar, o.exitReason, o.exitPrice]).toEqual([-1, 'open', 120]);
    expect(o.pnl).toBeCloseTo(1990, 9);
    expect(r.equity[2]).toBeCloseTo(11_990, 9);
    expect(r.feesPaid).toBeCloseTo(10, 9);
  });
});

describe('ruin (equity ≤ 0 at a close)', () => {
  // a short of the whole account, then the price jumps 100 → 250 within bar 2: equity 2000 − 10·250 = −500
  const spike = ohlc([
    [100, 100, 100, 100],
    [100, 100, 100, 100],
    [100, 250, 100, 250],
    [250, 250, 90, 90],
    [90, 90, 90, 90],
  ]);
  it('closes the wiped-out short at the close, books equity 0 to the end and stops trading', () => {
    // the target flips to long on bar 3 (and the price falls back): nothing may trade after the ruin
    const r = runDefault(spike, T([-1, -1, -1, 1, 1]), 0, cfgOf({ cash: 1000, fill: 'next_open' }));
    expect(r.trades).toHaveLength(1);
    const t = r.trades[0];
    expect([t.entryBar, t.entryPrice, t.exitBar, t.exitPrice, t.exitReason, t.size]).toEqual([1, 100, 2, 250, 'ruin', -10]);
    expect(t.pnl).toBe(-1500);
    expect(t.returnPct).toBe(-1.5);
    expect(Array.from(r.equity)).toEqual([1000, 1000, 0, 0, 0]);
    expect(r.openTrades).toHaveLength(0);
    expect(r.exposureBars).toBe(2);
  });
  it("same with fill 'close', and the ruin exit pays slippage and commission like any exit", () => {
    const r = runDefault(spike, T([-1, -1, -1, 0, 0]), 0, cfgOf({ cash: 1000, fill: 'close', commission: 0.001, slippage: 0.001 }));
    expect(r.trades.map((t) => [t.entryBar, t.exitBar, t.exitReason])).toEqual([[0, 2, 'ruin']]);
    const t = r.trades[0];
    const units = 1000 / (100 * 0.999);
    expect(t.exitPrice).toBeCloseTo(250 * 1.001, 12);
    expect(t.fees).toBeCloseTo(units * 100 * 0.999 * 0.001 + units * 250 * 1.001 * 0.001, 9);
    expect(r.feesPaid).toBeCloseTo(t.fees, 9);
    expect(Array.from(r.equity.subarray(2))).toEqual([0, 0, 0]);
  });
  it('a loss beyond the account on a signal exit opens nothing and ruins the account at that close', () => {
    // fixed notional would size without cash: the exit at open[2] = 250 leaves cash 2000 − 2500 = −500
    const gap = ohlc([
      [100, 100, 100, 100],
      [100, 100, 100, 100],
      [250, 250, 250, 250],
      [250, 250, 250, 250],
    ]);
    const r = runDefault(gap, T([-1, 1, 1, 1]), 0, cfgOf({ cash: 1000, sizing: { mode: 'fixed_notional', notional: 1000 } }));
    expect(r.trades.map((t) => [t.exitBar, t.exitReason, t.pnl])).toEqual([[2, 'signal', -1500]]);
    expect(Array.from(r.equity)).toEqual([1000, 1000, 0, 0]);
    expect(r.openTrades).toHaveLength(0);
  });
  it('never leaves equity negative after a finalize exit', () => {
    // long 3× the account at close[0]: 30 units, cash −2000; at the last close 60 equity is −200 → ruin, not end_of_data
    const fall = ohlc([
      [100, 100, 100, 100],
      [100, 100, 100, 100],
      [100, 100, 60, 60],
    ]);
    const r = runDefault(fall, T([1, 1, 1]), 0, cfgOf({ cash: 1000, fill: 'close', sizing: { mode: 'fraction', fraction: 3 } }));
    expect(r.trades.map((t) => [t.exitBar, t.exitReason])).toEqual([[2, 'ruin']]);
    expect(r.equity[2]).toBe(0);
    // a survivable fall is an ordinary end-of-data exit
    const ok = runDefault(fall, T([1, 1, 1]), 0, cfgOf({ cash: 1000, fill: 'close', sizing: { mode: 'fraction', fraction: 2 } }));
    expect(ok.trades.map((t) => [t.exitBar, t.exitReason])).toEqual([[2, 'end_of_data']]);
    expect(ok.equity[2]).toBeCloseTo(200, 9);
  });
});

describe('scratch buffers', () => {
  it('writes equity into a lent buffer of the right length and ignores one of the wrong length', () => {
    const want = runDefault(rising, T([0, 1, 1, 0]), 0, cfgOf({ commission: 0.001 }));
    const buf = new Float64Array(4).fill(-1);
    const got = runDefault(rising, T([0, 1, 1, 0]), 0, cfgOf({ commission: 0.001 }), { equity: buf });
    expect(got.equity).toBe(buf);
    expect(Array.from(buf)).toEqual(Array.from(want.equity));
    const wrong = new Float64Array(3);
    expect(runDefault(rising, T([0, 1, 1, 0]), 0, cfgOf({}), { equity: wrong }).equity).not.toBe(wrong);
  });
});

describe('input validation', () => {
  it('rejects a target of the wrong length, naming the field', () => {
    expect(() => runDefault(rising, T([0, 1]), 0, cfgOf({}))).toThrowError(/target/);
  });
  it('rejects a non-finite target value with its bar', () => {
    try {
      runDefault(rising, T([0, Number.NaN, 0, 0]), 0, cfgOf({ fill: 'close' }));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PeakError);
      expect((e as PeakError).message).toMatch(/target\[1\]/);
    }
  });
  it('rejects negative commission and nonsense stop distances', () => {
    expect(() => runDefault(rising, T([0, 0, 0, 0]), 0, cfgOf({ commission: -1 }))).toThrowError(/commission/);
    expect(() => runDefault(rising, T([0, 0, 0, 0]), 0, cfgOf({ stopLossPct: 1.5 }))).toThrowError(/stopLossPct/);
  });
  it('handles empty data', () => {
    const r = runDefault(makeBars(0), T([]), 0, cfgOf({}));
    expect(r.equity.length).toBe(0);
    expect(r.trades).toEqual([]);
  });
});
