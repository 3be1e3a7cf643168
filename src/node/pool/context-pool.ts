/**
 * The app's one shared worker pool (ctx.pool): threads start on first use; the 'pool' service destroys it on stop.
 * Every heavy job (sweep chunks, walk-forward folds, Monte-Carlo batches, stress scenarios) runs on it.
 *
 * Resizing (settings:set { workers }): `sharedPool(ctx)` returns a STABLE facade whose size follows
 * `ctx.workers`. Each run()/runMany() call goes to the current generation's piscina pool; when the size changes,
 * the current generation is retired: calls already in flight (a whole runMany, i.e. a whole sweep session or
 * research job) finish on it, new calls get a new pool of the new size, and the retired pool is destroyed as soon
 * as its last call settles (at once if it is idle). Nothing is cancelled or migrated mid-job, so results never
 * depend on when the size changed; for a short while both pools' threads exist (old ones winding down).
 */
import { PeakError } from '../../core/errors';
import type { HandlerContext } from '../api/context';
import { createPool, type Pool } from './pool';

type PoolCtx = Pick<HandlerContext, 'workers' | 'logger'>;

interface Generation {
  pool: Pool;
  /** run()/runMany() calls not yet settled */
  inFlight: number;
  retired: boolean;
}

/** The shared pool facade: a Pool plus the resize hook used by the settings handler. */
export interface SharedPool extends Pool {
  /** `ctx.workers` (the size new calls get), not necessarily the size of a retiring pool still finishing work */
  readonly workers: number;
  /** Retires the current generation if its size differs from ctx.workers; does not start threads. */
  sync(): void;
  /** Creates the current generation (boots its threads) if there is none. */
  warm(): void;
  /** thread counts of the piscina pools alive now: retiring ones (still finishing calls) first, current last */
  sizes(): number[];
}

/** The facade; no threads until the first run()/warm(). createServices makes one and puts it on ctx.pool. */
export function createSharedPool(ctx: PoolCtx): SharedPool {
  let current: Generation | null = null;
  const live = new Set<Generation>();
  const destroying = new Set<Promise<void>>();
  let destroyed = false;

  const destroyGen = (g: Generation) => {
    live.delete(g);
    const p = g.pool.destroy().catch((e: unknown) => ctx.logger.warn('retired worker pool: destroy failed', { error: String(e) }));
    destroying.add(p);
    void p.finally(() => destroying.delete(p));
  };

  const retire = (g: Generation) => {
    g.retired = true;
    if (current === g) current = null;
    if (g.inFlight === 0) destroyGen(g);
  };

  const sync = () => {
    if (current && current.pool.workers !== Math.max(1, ctx.workers)) {
      ctx.logger.info('worker pool resized; the old pool is destroyed once its running jobs finish', {
        from: current.pool.workers, to: ctx.workers, busy: current.inFlight > 0,
      });
      retire(current);
    }
  };

  const gen = (): Generation => {
    if (destroyed) throw new PeakError('INTERNAL', 'pool: already destroyed');
    sync();
    if (!current) {
      current = {
        pool: createPool({
          workers: ctx.workers,
          onWorkerCrash: (c) => ctx.logger.warn('worker crashed; task retried once', { kind: c.kind, attempt: c.attempt, message: c.message }),
        }),
        inFlight: 0,
        retired: false,
      };
      live.add(current);
    }
    return current;
  };

  async function track<T>(f: (p: Pool) => Promise<T>): Promise<T> {
    const g = gen();
    g.inFlight++;
    try {
      return await f(g.pool);
    } finally {
      g.inFlight--;
      if (g.retired && g.inFlight === 0 && live.has(g)) destroyGen(g);
    }
  }

  const facade: SharedPool = {
    get workers() {
      return Math.max(1, ctx.workers);
    },
    run(kind, input, opts) {
      return track((p) => p.run(kind, input, opts));
    },
    runMany(kind, inputs, opts) {
      return track((p) => p.runMany(kind, inputs, opts));
    },
    sync,
    warm() {
      if (!destroyed) gen();
    },
    sizes: () => [...live].map((g) => g.pool.workers),
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      current = null;
      // services.close() cancelled the jobs first; whatever is still running on a retiring pool is rejected here.
      for (const g of [...live]) destroyGen(g);
      await Promise.all([...destroying]);
    },
  };
  return facade;
}


/**
 * The shared pool. Calling it also boots the current generation's threads if none run (callers rely on this to
 * overlap thread start-up with their own work, e.g. backtest:run reading bars).
 */
export function sharedPool(ctx: Pick<HandlerContext, 'pool'>): SharedPool {
  ctx.pool.warm();
  return ctx.pool;
}

/**
 * Sets the shared pool's size: new calls get a pool of `workers` threads; the previous pool finishes its running
 * calls and is then destroyed. Threads of the new pool start on the next use.
 */
export function resizeSharedPool(ctx: Pick<HandlerContext, 'pool' | 'workers'>, workers: number): void {
  ctx.workers = Math.max(1, Math.floor(workers));
  ctx.pool.sync();
}
