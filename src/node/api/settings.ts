/**
 * settings:get / settings:set. The worker-pool size is stored in the settings table (read by createServices at
 * start-up, where an explicit `workers` option still wins) and applied at once through resizeSharedPool: new jobs
 * run on a pool of the new size; jobs already running finish on the old pool, which is then destroyed.
 */
import { PeakError } from '../../core/errors';
import type { CommandOutput } from '../../core/api/contract';
import { maxWorkersFor, WORKERS_KEY } from '../db/settings';
import { defaultWorkerCount } from '../pool/pool';
import { resizeSharedPool } from '../pool/context-pool';
import type { HandlerContext } from './context';
import type { Handlers } from './handlers';

type Settings = CommandOutput<'settings:get'>;

export function createSettingsHandlers(ctx: HandlerContext) {
  const q = ctx.store.settings;
  const cores = defaultWorkerCount();
  const workersMax = maxWorkersFor(cores);
  const snapshot = (): Settings => ({
    workers: ctx.workers,
    workersDefault: cores,
    workersMax,
    dataDir: ctx.dataDir,
    dbPath: ctx.dbPath,
  });
  return {
    'settings:get': () => snapshot(),
    'settings:set': (input) => {
      const { workers } = input;
      if (workers === undefined) return snapshot();
      if (workers > workersMax) {
        throw new PeakError('BAD_INPUT', `settings:set: workers: must be an integer in 1..${workersMax} (2 × ${cores} cores, at least 4), got ${workers}`);
      }
      q.set(WORKERS_KEY, workers);
      const changed = workers !== ctx.workers;
      if (changed) resizeSharedPool(ctx, workers);
      const out = snapshot();
      if (changed) ctx.events.emit('settings:did-change', out);
      return out;
    },
  } satisfies Partial<Handlers>;
}
