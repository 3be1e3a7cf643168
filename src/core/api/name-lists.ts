/**
 * The real lists every name from a request is looked up in before it reaches SQL, a JSON path or an object
 * lookup (Trust #11). Sets, not `in`/`obj[name]`: "constructor" or "__proto__" are not metric names.
 */
import { z } from 'zod';
import { MetricsSchema } from '../metrics/metrics';

/** computeMetrics fields (what runs:list, sweeps and research rank and filter by). */
export const METRIC_NAMES: ReadonlySet<string> = new Set(Object.keys(MetricsSchema.shape));

/** computeBacktestingPyStats keys (runs:list sortBy 'stats:<key>'). */
export const BACKTESTING_PY_STAT_KEYS: ReadonlySet<string> = new Set([
  'Start', 'End', 'Duration', 'Exposure Time [%]', 'Equity Final [$]', 'Equity Peak [$]', 'Commissions [$]', 'Return [%]',
  'Buy & Hold Return [%]', 'Return (Ann.) [%]', 'Volatility (Ann.) [%]', 'CAGR [%]', 'Sharpe Ratio', 'Sortino Ratio',
  'Calmar Ratio', 'Alpha [%]', 'Beta', 'Max. Drawdown [%]', 'Avg. Drawdown [%]', 'Max. Drawdown Duration',
  'Avg. Drawdown Duration', '# Trades', 'Win Rate [%]', 'Best Trade [%]', 'Worst Trade [%]', 'Avg. Trade [%]',
  'Max. Trade Duration', 'Avg. Trade Duration', 'Profit Factor', 'Expectancy [%]', 'SQN', 'Kelly Criterion',
]);

/** runs:list columns sortable directly (the rest are metric names or 'stats:<key>'). */
export const RUN_COLUMN_SORTS: ReadonlySet<string> = new Set(['createdAt', 'id', 'durationMs', 'tradeCount', 'strategyId']);

export const isMetricName = (s: string): boolean => METRIC_NAMES.has(s);

export function isRunSortKey(s: string): boolean {
  if (RUN_COLUMN_SORTS.has(s) || METRIC_NAMES.has(s)) return true;
  return s.startsWith('stats:') && BACKTESTING_PY_STAT_KEYS.has(s.slice('stats:'.length));
}

const listed = (set: ReadonlySet<string>, max = 12): string => {
  const a = [...set];
  return a.slice(0, max).join(', ') + (a.length > max ? ', …' : '');
};

/** A metric name from the real list; anything else is BAD_INPUT naming the accepted names. */
export const MetricNameSchema = z
  .string()
  .max(64)
  .refine(isMetricName, { message: `not a metric name (one of: ${listed(METRIC_NAMES, 30)})` });

export const RunSortKeySchema = z
  .string()
  .max(80)
  .refine(isRunSortKey, { message: `not a sort key (${listed(RUN_COLUMN_SORTS)}, a metric name such as sharpe, or 'stats:<backtesting.py key>' such as 'stats:Return [%]')` });

/** Free text searched with LIKE: short enough that SQLite's pattern limit is never reached. */
export const SearchTextSchema = z.string().max(200);
