/**
 * The one way to run strategy → engine → metrics on a bar range (pure; used by the backtest handler and by
 * workers). For the backtesting-py preset the strategy is asked again with decisionStart = warmup + 1
 * (backtesting.py calls next() from that bar on); indicators come from the shared cache, so the second pass
 * costs only the state machine.
 */
import type { Bars } from '../data/bars';
import { runBacktest } from '../engine/run';
import type { BacktestResult, EngineConfig } from '../engine/types';
import { computeBacktestingPyStats } from '../metrics/backtesting-py-stats';
import { computeMetrics, type Metrics } from '../metrics/metrics';
import { createIndicatorCache, type IndicatorCache, type StrategyDef } from '../strategies/types';

export interface BacktestOutcome {
  result: BacktestResult;
  metrics: Metrics;
  /** backtesting.py's stats (its key names); backtesting-py preset only */
  stats: Record<string, number | null> | null;
  warmup: number;
}

export function runStrategyBacktest(
  bars: Bars,
  strategy: StrategyDef,
  params: Record<string, unknown>,
  engine: EngineConfig,
  ind: IndicatorCache = createIndicatorCache(),
): BacktestOutcome {
  let sig = strategy.signals(bars, params, { ind });
  if (engine.preset === 'backtesting-py') sig = strategy.signals(bars, params, { ind, decisionStart: sig.warmup + 1 });
  const result = runBacktest(bars, sig, engine);
  const metrics = computeMetrics(result, bars);
  const stats = engine.preset === 'backtesting-py' ? computeBacktestingPyStats(result, bars) : null;
  return { result, metrics, stats, warmup: sig.warmup };
}
