/**
 * The backtest price chart's series on ONE set of time buckets, so every panel shares the time axis:
 * candles (OHLC per bucket), the strategy's indicator series (value at each bucket's last bar, as the strategy
 * saw it at that close), equity (last), buy & hold (last) and drawdown (the bucket's deepest point).
 * Buy & hold: the starting cash held in the asset from the first bar's close, cash × close[t] / close[0] (no fees).
 */
import type { Bars } from '../data/bars';
import { drawdownSeries, lodMinMax, lodOhlcv, timeRange } from '../lod';
import type { PlotLevel, StrategyPlots } from '../strategies/plots';

export interface PriceSeries {
  time: number[];
  open: number[];
  high: number[];
  low: number[];
  close: number[];
  indicators: { key: string; label: string; panel: 'price' | 'osc'; values: (number | null)[] }[];
  levels: PlotLevel[];
  oscTitle: string;
  equity: number[];
  buyHold: number[];
  /** fraction ≤ 0 from the running peak (deepest point per bucket) */
  drawdown: number[];
  barsPerPoint: number;
  /** bars in the window */
  totalBars: number;
  /** window bounds actually covered, epoch ms */
  from: number;
  to: number;
}

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

/**
 * `bars` and `equity` cover the same bars (the run's range), `plots` were computed on `bars`; `drawdown` is
 * drawdownSeries(equity) when the caller keeps it (computed here otherwise).
 * [from, to] (epoch ms, inclusive) narrows the window; at most `maxPoints` buckets.
 */
export function priceSeries(bars: Bars, equity: Float64Array, plots: StrategyPlots, cash: number, maxPoints: number, from?: number, to?: number, drawdown?: Float64Array): PriceSeries {
  const n = Math.min(bars.close.length, equity.length);
  const time = bars.time.subarray(0, n);
  const [s, e] = timeRange(time, from, to);
  const cols = { time, open: bars.open.subarray(0, n), high: bars.high.subarray(0, n), low: bars.low.subarray(0, n), close: bars.close.subarray(0, n), volume: bars.volume.subarray(0, n) };
  const c = lodOhlcv(cols, s, e, maxPoints);
  const k = c.barsPerPoint;
  const m = c.time.length;
  // Running peak over the whole run, so a window that starts mid-drawdown shows the true depth.
  const dd = lodMinMax(time, drawdown ?? drawdownSeries(equity.subarray(0, n)), s, e, maxPoints);
  const eq = lodMinMax(time, equity, s, e, maxPoints);
  const c0 = bars.close[0];
  const bh = new Array<number>(m);
  const lastIdx = (j: number) => Math.min(e, s + (j + 1) * k) - 1;
  for (let j = 0; j < m; j++) bh[j] = c0 > 0 ? (cash * bars.close[lastIdx(j)]) / c0 : cash;
  const indicators = plots.series.map((p) => {
    const v = new Array<number | null>(m);
    for (let j = 0; j < m; j++) v[j] = finite(p.values[lastIdx(j)]);
    return { key: p.key, label: p.label, panel: p.panel, values: v };
  });
  return {
    time: Array.from(c.time), open: Array.from(c.open), high: Array.from(c.high), low: Array.from(c.low), close: Array.from(c.close),
    indicators, levels: plots.levels, oscTitle: plots.oscTitle,
    equity: Array.from(eq.last), buyHold: bh, drawdown: Array.from(dd.min),
    barsPerPoint: k, totalBars: e - s,
    from: e > s ? time[s] : 0, to: e > s ? time[e - 1] : 0,
  };
}
