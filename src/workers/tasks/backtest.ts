/**
 * One backtest (strategy → engine → metrics, backtesting-py's second decision pass included) on a shared data
 * set, through runStrategyBacktest — the same function the handlers called in-process, so results are bit for
 * bit the same. The worker's cached IndicatorCache for the data set is reused, so repeated backtests (and a
 * sweep's best combination re-run) on one data set compute each indicator series once per worker.
 */
import { z } from 'zod';
import { EngineConfigSchema } from '../../core/api/schemas';
import { runStrategyBacktest, type BacktestOutcome } from '../../core/api/run-backtest';
import { getStrategy } from '../../core/strategies/registry';
import { SharedBarsSchema, datasetFor } from '../shared-data';
import { defineTask } from './task';

const Input = z.object({
  /** the bars to run on (a whole data set or a range of it: the key must name the range) */
  data: SharedBarsSchema,
  strategyId: z.string(),
  /** resolved parameters (the caller hashes exactly these); the strategy's own schema re-validates them */
  params: z.record(z.string(), z.unknown()),
  engine: EngineConfigSchema,
});

export const backtestTask = defineTask({
  input: Input,
  describe: (i) => `strategy ${i.strategyId} ${JSON.stringify(i.params)} on ${i.data.key} (${i.data.close.length} bars)`,
  // BacktestOutcome is structured-clone-able: equity stays a Float64Array, NaN metrics stay NaN.
  run(i): BacktestOutcome {
    const { bars, ind } = datasetFor(i.data);
    return runStrategyBacktest(bars, getStrategy(i.strategyId), i.params, i.engine, ind);
  },
});
