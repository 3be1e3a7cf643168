import { describe, expect, it } from 'vitest';
import { tradeMarkers } from '../../../src/core/charts/trade-markers';
import { priceSeries } from '../../../src/core/charts/price-series';
import { PLOTTED_STRATEGIES, strategyPlots } from '../../../src/core/strategies/plots';
import { getStrategy, resolveParams } from '../../../src/core/strategies/registry';
import type { Bars } from '../../../src/core/data/bars';
import type { Trade } from '../../../src/core/engine/types';

function bars(close: number[]): Bars {
  const n = close.length;
  const f = (g: (c: number) => number) => Float64Array.from(close, g);
  return { time: Float64Array.from({ length: n }, (_, i) => i * 60_000), open: f((c) => c), high: f((c) => c + 1), low: f((c) => c - 1), close: Float64Array.from(close), volume: f(() => 1) };
}

function trade(entryTime: number, exitTime: number, size: number, pnl: number, exitBar = 1): Trade {
  return { entryBar: 0, exitBar, entryTime, exitTime, size, entryPrice: 100, exitPrice: 100 + pnl, pnl, returnPct: pnl / 100, fees: 0, exitReason: exitBar < 0 ? 'open' : 'signal' };
}

describe('strategy plots', () => {
  it('ma_crossover draws its two SMAs on the price panel (hand-computed)', () => {
    const p = strategyPlots('ma_crossover', bars([1, 2, 3, 4, 5, 6]), { fast_window: 2, slow_window: 3, side: 'long_only' });
    expect(p.series.map((s) => [s.label, s.panel])).toEqual([['SMA 2', 'price'], ['SMA 3', 'price']]);
    expect(Number.isNaN(p.series[0].values[0])).toBe(true);
    expect(Array.from(p.series[0].values.slice(1))).toEqual([1.5, 2.5, 3.5, 4.5, 5.5]);
    expect(Array.from(p.series[1].values.slice(2))).toEqual([2, 3, 4, 5]);
  });

  it('rsi_reversion draws RSI in the sub-panel with its lower/upper thresholds', () => {
    const p = strategyPlots('rsi_reversion', bars([1, 2, 3, 2, 3, 4, 5, 4, 3, 4]), resolveParams('rsi_reversion', { rsi_window: 3 }) as Record<string, unknown>);
    expect(p.series[0]).toMatchObject({ panel: 'osc', label: 'RSI 3' });
    expect(p.levels.map((l) => l.value)).toEqual([30, 70]);
    for (const v of p.series[0].values) if (!Number.isNaN(v)) expect(v >= 0 && v <= 100).toBe(true);
  });

  it('every plotted strategy accepts its own defaults and returns one value per bar', () => {
    const b = bars(Array.from({ length: 300 }, (_, i) => 100 + Math.sin(i / 7) * 5 + i * 0.01));
    for (const id of PLOTTED_STRATEGIES) {
      getStrategy(id);
      const p = strategyPlots(id, b, resolveParams(id, {}) as Record<string, unknown>);
      expect(p.series.length, id).toBeGreaterThan(0);
      for (const s of p.series) expect(s.values.length, `${id} ${s.key}`).toBe(300);
      if (p.series.some((s) => s.panel === 'osc')) expect(p.oscTitle, id).not.toBe('');
    }
    expect(strategyPlots('no_such', b, {}).series).toEqual([]);
  });
});

describe('trade markers', () => {
  const trades = [trade(0, 60_000, 1, 5), trade(120_000, 180_000, -1, -2), trade(240_000, 0, 1, 0, -1)];

  it('lists single events with side, outcome and the trade index when few', () => {
    const m = tradeMarkers(trades, 0, 300_000, 10);
    expect(m.total).toBe(5); // 3 entries + 2 exits (the open trade has none)
    expect(m.clusters).toEqual([]);
    expect(m.markers.map((x) => `${x.kind}:${x.side}:${x.outcome}:${x.trade}`)).toEqual([
      'entry:long:win:0', 'exit:long:win:0', 'entry:short:loss:1', 'exit:short:loss:1', 'entry:long:open:2',
    ]);
    expect(m.markers[1].price).toBe(105);
  });

  it('keeps only events inside the window', () => {
    expect(tradeMarkers(trades, 100_000, 200_000, 10).markers.map((x) => x.kind)).toEqual(['entry', 'exit']);
  });

  it('clusters per time bin when dense, counting wins/losses once per closed trade', () => {
    const m = tradeMarkers(trades, 0, 300_000, 4, 2);
    expect(m.markers).toEqual([]);
    // bins of 150 s: [0,150) holds e0,x0,e1 ; [150,300] holds x1,e2
    expect(m.clusters.map((c) => [c.count, c.entries, c.exits, c.wins, c.losses, c.longs, c.shorts])).toEqual([[3, 2, 1, 1, 0, 1, 1], [2, 1, 1, 0, 1, 1, 0]]);
    expect(m.clusters[0].price).toBeCloseTo((100 + 105 + 100) / 3, 12);
    expect(m.clusters.reduce((a, c) => a + c.count, 0)).toBe(m.total);
  });
});

describe('price series', () => {
  it('shares one bucket grid across candles, indicators, equity, buy & hold and drawdown', () => {
    const b = bars([10, 12, 11, 13, 9, 14]);
    const eq = Float64Array.from([100, 110, 105, 120, 90, 130]);
    const plots = strategyPlots('ma_crossover', b, { fast_window: 2, slow_window: 3, side: 'long_only' });
    const s = priceSeries(b, eq, plots, 1000, 3);
    expect(s.barsPerPoint).toBe(2);
    expect(s.time).toEqual([0, 120_000, 240_000]);
    expect(s.open).toEqual([10, 11, 9]);
    expect(s.high).toEqual([13, 14, 15]);
    expect(s.low).toEqual([9, 10, 8]);
    expect(s.close).toEqual([12, 13, 14]);
    expect(s.equity).toEqual([110, 120, 130]);
    // buy & hold: 1000 × close at the bucket's last bar / first close (10)
    expect(s.buyHold).toEqual([1200, 1300, 1400]);
    // drawdown from the running peak: bucket 3 holds 90 after a 120 peak → −25 %
    expect(s.drawdown[2]).toBeCloseTo(90 / 120 - 1, 12);
    expect(s.drawdown[0]).toBe(0);
    // SMA 2 at each bucket's last bar: (10+12)/2, (11+13)/2, (9+14)/2
    expect(s.indicators[0].values).toEqual([11, 12, 11.5]);
    expect(s.indicators[1].values).toEqual([null, 12, 12]);
    expect(s.totalBars).toBe(6);
  });

  it('narrows to [from, to] and keeps the whole-run drawdown peak', () => {
    const b = bars([10, 12, 11, 13, 9, 14]);
    const eq = Float64Array.from([100, 110, 105, 120, 90, 130]);
    const s = priceSeries(b, eq, { series: [], levels: [], oscTitle: '' }, 1000, 100, 240_000, 240_000);
    expect(s.time).toEqual([240_000]);
    expect(s.drawdown[0]).toBeCloseTo(-0.25, 12);
    expect(s.from).toBe(240_000);
    expect(s.to).toBe(240_000);
  });
});
