/** backtest:run — a thin adapter: the backtest service (node/backtest/service.ts) runs as a job. */
import { runBacktest } from '../backtest/service';
import type { HandlerContext } from './context';
import type { Handlers } from './handlers';

export function createBacktestHandlers(ctx: HandlerContext) {
  return {
    'backtest:run': (input) => ctx.jobs.run('backtest', (job) => runBacktest(ctx, input, job), { id: input.jobId }),
  } satisfies Partial<Handlers>;
}
