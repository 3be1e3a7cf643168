/**
 * charts:price — the backtest price chart of a stored run. The strategy's indicator series are computed once per
 * run (same core code and parameters as its signals, over the same bar range) and kept for the last few runs, so
 * zooming only pays for the level-of-detail pass over the visible window.
 */
import { sliceBars, type Bars } from '../../core/data/bars';
import { PeakError } from '../../core/errors';
import { drawdownSeries } from '../../core/lod';
import { priceSeries } from '../../core/charts/price-series';
import { tradeMarkers } from '../../core/charts/trade-markers';
import { strategyPlots, type StrategyPlots } from '../../core/strategies/plots';
import type { Trade } from '../../core/engine/types';
import type { HandlerContext } from './context';
import type { Handlers } from './handlers';

interface RunChartData {
  bars: Bars;
  equity: Float64Array;
  drawdown: Float64Array;
  plots: StrategyPlots;
  trades: Trade[];
  cash: number;
}

/** runs whose chart data stays in memory (a minute year with three series ≈ 40 MB each) */
const CACHED_RUNS = 2;

export function createChartHandlers(ctx: HandlerContext) {
  const cache = new Map<number, RunChartData>();

  function load(id: number): RunChartData {
    const hit = cache.get(id);
    if (hit) {
      cache.delete(id);
      cache.set(id, hit);
      return hit;
    }
    const run = ctx.store.runs.require(id);
    const eq = ctx.store.runs.equity(id);
    if (!eq || run.datasetId === null) throw new PeakError('NOT_FOUND', `run ${id} has no stored equity curve, so it has no price chart`);
    const all = ctx.bars(run.datasetId);
    const end = Math.min(all.time.length, eq.startBar + eq.equity.length);
    const bars = sliceBars(all, eq.startBar, end);
    const plots = run.strategyId ? strategyPlots(run.strategyId, bars, run.params) : { series: [], levels: [], oscTitle: '' };
    const { trades, openTrades } = ctx.store.runs.trades(id);
    const data = { bars, equity: eq.equity, drawdown: drawdownSeries(eq.equity), plots, trades: [...trades, ...openTrades], cash: run.engine?.cash ?? eq.equity[0] };
    cache.set(id, data);
    while (cache.size > CACHED_RUNS) cache.delete(cache.keys().next().value as number);
    return data;
  }

  return {
    'charts:price': ({ id, maxPoints, maxMarkers, from, to }) => {
      const d = load(id);
      const s = priceSeries(d.bars, d.equity, d.plots, d.cash, maxPoints, from, to, d.drawdown);
      // Markers over the buckets' span: the last bucket reaches to the end of its bars, not only its start time.
      const m = tradeMarkers(d.trades, s.from, s.to, maxMarkers);
      return { ...s, markers: m.markers, clusters: m.clusters, markerTotal: m.total };
    },
  } satisfies Partial<Handlers>;
}
