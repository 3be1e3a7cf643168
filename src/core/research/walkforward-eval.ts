/**
 * The backtest-backed evaluator of a walk-forward segment [start, end):
 * - indicators warm up on up to minBars(params) + 1 bars BEFORE the segment (past data only, so no look-ahead),
 *   and the strategy may act only from the segment's first bar (StrategyContext.decisionStart); the engine's
 *   window starts there too, so equity stays at the starting cash until the first fill inside the segment;
 * - computeMetrics' figures (annualised with the data set's periodsPerYear) are mapped to SegmentMetrics as
 *   fractions: totalReturn = totalReturnPct/100, maxDrawdown = maxDrawdownPct/100, annualReturn = cagrPct/100.
 *   Every other computeMetrics field is available by name as an optimisation metric (e.g. 'sortino',
 *   'profitFactor'). Undefined figures (null) become NaN, which ranks last in the selection.
 * - test segments also return their equity per bar (for stitching), relative to engine.cash.
 */
import { periodsPerYear, sliceBars, type Bars } from '../data/bars';
import { runBacktest } from '../engine/run';
import type { EngineConfig } from '../engine/types';
import { computeMetrics, type Metrics } from '../metrics/metrics';
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
  /** annualisation of every segment (default: detected once from the whole data set) */
  P: number = periodsPerYear(bars.time),
): Evaluate<Record<string, unknown>> {
  // One indicator cache per (history start, end): every grid point of a training window shares its series.
  const caches = new Map<string, { ind: IndicatorCache; bars: Bars }>();
  return (seg, params) => {
    const p = strategy.params.parse({ ...fixed, ...params }) as Record<string, unknown>;
    const from = Math.max(0, seg.start - (strategy.minBars(p) + 1));
    const off = seg.start - from;
    const key = `${from}:${seg.end}`;
    let c = caches.get(key);
    if (c === undefined) {
      c = { ind: createIndicatorCache(), bars: sliceBars(bars, from, seg.end) };
      caches.set(key, c);
    }
    let sig = strategy.signals(c.bars, p, { ind: c.ind, decisionStart: off });
    // backtesting.py calls next() from warm-up + 1 on (same rule as core/api/run-backtest.ts)
    if (engine.preset === 'backtesting-py') sig = strategy.signals(c.bars, p, { ind: c.ind, decisionStart: Math.max(off, sig.warmup + 1) });
    const result = runBacktest(c.bars, { target: sig.target, warmup: Math.max(off, sig.warmup) }, engine);
    const metrics = toSegmentMetrics(computeMetrics(result, c.bars, { periodsPerYear: P }));
    return {
      metrics,
      equity: seg.role === 'test' ? result.equity.subarray(off) : undefined,
      initialEquity: engine.cash,
    };
  };
}
