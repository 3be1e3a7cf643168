/**
 * Stress results on the stored run's own terms (Trust #5): the baseline IS the run's metrics (computeMetrics,
 * what the Backtest screen shows), and every stressed path is measured with the same computeMetrics over the
 * same window, so Δ compares like with like. Deltas of percentages are percentage points (pp).
 */
import type { Bars } from '../data/bars';
import type { BacktestResult } from '../engine/types';
import { computeMetrics, type Metrics } from '../metrics/metrics';
import type { z } from 'zod';
import { applyStress, type StressDeltaPpSchema, type StressMetrics, type StressOptions, type StressScenario, type StressSummary } from './stress';

/** StressMetrics (fractions) of a computeMetrics record; sharpe is the run's, bit for bit. */
export function stressMetricsOf(m: Pick<Metrics, 'equityFinal' | 'totalReturnPct' | 'maxDrawdownPct' | 'sharpe' | 'cagrPct' | 'annVolatilityPct'>): StressMetrics {
  return {
    finalEquity: m.equityFinal,
    totalReturn: m.totalReturnPct / 100,
    maxDrawdown: m.maxDrawdownPct / 100,
    sharpe: m.sharpe ?? 0,
    cagr: m.cagrPct === null ? -1 : m.cagrPct / 100,
    volatility: m.annVolatilityPct === null ? 0 : m.annVolatilityPct / 100,
  };
}

/**
 * The run's equity with the per-bar returns after bar b = max(startBar − 1, 0) replaced by `returns`
 * (returns[k] is the return of bar b + 1 + k), then measured like the run.
 */
export function metricsOfReturnPath(result: BacktestResult, bars: Bars, returns: Float64Array, periodsPerYear: number): Metrics {
  const eq = Float64Array.from(result.equity);
  const b = Math.max(result.startBar - 1, 0);
  for (let k = 0; k < returns.length && b + 1 + k < eq.length; k++) eq[b + 1 + k] = eq[b + k] * (1 + returns[k]);
  return computeMetrics({ ...result, equity: eq }, bars, { periodsPerYear });
}

/** stressed − baseline: percentages in percentage points, Sharpe as a plain difference (a ratio, not pp) */
export type StressDeltaPp = z.infer<typeof StressDeltaPpSchema>;

export interface RestatedStress extends StressSummary {
  /** the run's own metrics record the baseline was taken from (bit for bit) */
  baselineRunMetrics: Metrics;
  deltasPp: StressDeltaPp[];
}

const pp = (a: number, b: number): number => (a - b) * 100;

/** Re-measure every scenario of `summary` against the run itself; the pool's numbers are replaced. */
export function restateStress(summary: StressSummary, result: BacktestResult, bars: Bars, runMetrics: Metrics, returns: Float64Array,
  scenarios: readonly StressScenario[], opts: StressOptions & { periodsPerYear: number }): RestatedStress {
  const baseline = stressMetricsOf(runMetrics);
  const results = summary.results.map((res, i) => {
    const sc = scenarios[i];
    const stressed = stressMetricsOf(metricsOfReturnPath(result, bars, applyStress(returns, sc, opts), opts.periodsPerYear));
    const diff: StressMetrics = {
      finalEquity: stressed.finalEquity - baseline.finalEquity, totalReturn: stressed.totalReturn - baseline.totalReturn,
      maxDrawdown: stressed.maxDrawdown - baseline.maxDrawdown, sharpe: stressed.sharpe - baseline.sharpe,
      cagr: stressed.cagr - baseline.cagr, volatility: stressed.volatility - baseline.volatility,
    };
    return { ...res, stressed, diff };
  });
  const deltasPp = results.map((r) => ({
    totalReturnPp: pp(r.stressed.totalReturn, baseline.totalReturn), cagrPp: pp(r.stressed.cagr, baseline.cagr),
    maxDrawdownPp: pp(r.stressed.maxDrawdown, baseline.maxDrawdown), volatilityPp: pp(r.stressed.volatility, baseline.volatility),
    sharpe: r.stressed.sharpe - baseline.sharpe,
  }));
  return { baseline, results, baselineRunMetrics: runMetrics, deltasPp };
}
