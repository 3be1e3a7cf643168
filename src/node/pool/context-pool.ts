/**
 * The app's one shared worker pool, created lazily on first use and destroyed by services.close().
 * Every heavy job (sweep chunks, walk-forward folds, Monte-Carlo batches, stress scenarios) runs on it.
 */
import type { HandlerContext } from '../api/context';
import { createPool, type Pool } from './pool';

export function sharedPool(ctx: Pick<HandlerContext, 'resource' | 'workers' | 'logger'>): Pool {
  return ctx.resource(
    'pool',
    () => createPool({
      workers: ctx.workers,
      onWorkerCrash: (c) => ctx.logger.warn('worker crashed; task retried once', { kind: c.kind, attempt: c.attempt, message: c.message }),
    }),
    (p) => p.destroy(),
  );
}
