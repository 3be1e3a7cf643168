/** Metrics a sweep can be ranked, sorted and mapped by (computeMetrics fields). */
export const SWEEP_METRICS = ['sharpe', 'totalReturnPct', 'sortino', 'calmar', 'maxDrawdownPct', 'profitFactor', 'winRatePct', 'trades', 'cagrPct'];
