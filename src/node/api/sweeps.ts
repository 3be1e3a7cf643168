/**
 * Handlers of the sweeps domain (contract: src/core/api/commands/sweeps.ts). The state (which sweeps this
 * process runs) lives in the process-wide sweep service; see ./sweeps-service.ts.
 */
import { isMetricName } from '../../core/api/name-lists';
import { PeakError } from '../../core/errors';
import { presetGrid } from '../../core/research/sweep';
import type { HandlerContext } from './context';
import type { Handlers } from './handlers';
import { sweepService } from './sweeps-service';

/** a sweep stored before names were checked (e.g. metric "constructor") ranks by sharpe instead of failing for ever */
const storedMetric = (m: string): string => (isMetricName(m) ? m : 'sharpe');
import { sweepPresets } from './sweeps-presets';

export function createSweepHandlers(ctx: HandlerContext) {
  const svc = () => sweepService(ctx);
  return {
    'sweeps:start': (input) => svc().start(input),
    'sweeps:cancel': ({ id }) => ({ cancelled: svc().cancel(id) }),
    'sweeps:resume': ({ id, workers, wait }) => svc().resume(id, { wait, ...(workers !== undefined && { workers }) }),
    'sweeps:list': (f) => svc().list(f),
    'sweeps:get': ({ id }) => svc().get(id),
    'sweeps:results': ({ id, sortBy, desc, limit, offset, filters }) => {
      const rec = svc().queries.require(id);
      const key = sortBy ?? storedMetric(rec.metric);
      return { ...svc().queries.results(id, { sortBy: key, desc, limit, offset, filters }), sortBy: key };
    },
    'sweeps:heatmap': ({ id, x, y, metric }) => {
      const rec = svc().queries.require(id);
      for (const k of [x, y]) {
        if (!Object.hasOwn(rec.config.grid, k)) {
          throw new PeakError('BAD_INPUT', `heatmap: "${k}" is not a swept parameter of sweep ${id} (swept: ${Object.keys(rec.config.grid).join(', ')})`);
        }
      }
      const m = metric ?? storedMetric(rec.metric);
      return { ...svc().queries.heatmap(id, x, y, m), metric: m };
    },
    'sweeps:presets': () => ({
      presets: [...sweepPresets().values()].map((p) => ({
        name: p.name, strategyId: p.strategy, description: p.description, grid: presetGrid(p), constraints: p.constraints,
      })),
    }),
  } satisfies Partial<Handlers>;
}
