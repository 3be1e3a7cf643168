/**
 * The backtest-backed evaluator of a walk-forward: a segment [start, end) is backtested on its own bars
 * (the strategy warms up INSIDE the segment, so no information from outside the window leaks in; a test window
 * therefore loses the strategy's warm-up bars), and computeMetrics' figures are mapped to SegmentMetrics
 * (fractions: totalReturn = totalReturnPct/100, maxDrawdown = maxDrawdownPct/100, annualReturn = cagrPct/100).
 * Every other computeMetrics field is available by name as an optimisation metric (e.g. 'sortino',
 * 'profitFactor'). Undefined figures (null) become NaN, which ranks last in the selection.
 */
import { runStrategyBacktest } from '../api/run-backtest';
import { sliceBars, type Bars } from '../data/bars';
import type { EngineConfig } from '../engine/types';
import type { Metrics } from '../metrics/metrics';
import { createIndicatorCache, type IndicatorCache, type StrategyDef } from '../strategies/types';
import type { Evaluate, SegmentMetrics } from './walkforward';

export function toSegmentMetrics(m: Metrics): SegmentMetrics {
  const out: SegmentMetrics = {
    sharpe: m.sharpe ?? NaN,
    totalReturn: m.totalReturnPct / 100,
    maxDrawdown: m.maxDrawdownPct / 100,
    annualReturn: m.cagrPct === null ? NaN : m.cagrPct / 100,
    trades: m.trades,
  };
  for (const [k, v] of Object.entries(m)) if (!(k in out)) out[k] = typeof v === 'number' ? v : NaN;
  return out;
}

export function createBacktestEvaluator(
  bars: Bars, strategy: StrategyDef, fixed: Readonly<Record<string, unknown>>, engine: EngineConfig,
): Evaluate<Record<string, unknown>> {
  // One indicator cache per segment: every grid point of a training window shares its indicator series.
  const caches = new Map<string, { ind: IndicatorCache; bars: Bars }>();
  return (seg, params) => {
    const key = `${seg.start}:${seg.end}`;
    let c = caches.get(key);
    if (c === undefined) {
      c = { ind: createIndicatorCache(), bars: sliceBars(bars, seg.start, seg.end) };
      caches.set(key, c);
    }
    const p = strategy.params.parse({ ...fixed, ...params }) as Record<string, unknown>;
    const out = runStrategyBacktest(c.bars, strategy, p, engine, c.ind);
    return {
      metrics: toSegmentMetrics(out.metrics),
      equity: seg.role === 'test' ? out.result.equity : undefined,
      initialEquity: engine.cash,
    };
  };
}
