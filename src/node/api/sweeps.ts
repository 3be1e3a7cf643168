/**
 * Handlers of the sweeps domain (contract: src/core/api/commands/sweeps.ts). The state (which sweeps this
 * process runs) lives in the sweep service (ctx.sweeps, node/sweeps/service.ts); cancel and resume are the job
 * lifecycle's (jobs:cancel / jobs:resume).
 */
import { isMetricName } from '../../core/api/name-lists';
import { PeakError } from '../../core/errors';
import { presetGrid } from '../../core/research/sweep';
import type { HandlerContext } from './context';
import type { Handlers } from './handlers';

/** a sweep stored before names were checked (e.g. metric "constructor") ranks by sharpe instead of failing for ever */
/** only metrics named in the fixed list (METRIC_NAMES) leave the server in hover rows */
const fixedMetrics = (m: Record<string, number | null | undefined>): Record<string, number | null> =>
  Object.fromEntries(Object.entries(m).filter(([k, v]) => isMetricName(k) && v !== undefined)) as Record<string, number | null>;

const storedMetric = (m: string): string => (isMetricName(m) ? m : 'sharpe');

export function createSweepHandlers(ctx: HandlerContext) {
  const svc = () => ctx.sweeps;
  return {
    'sweeps:start': (input, call) => svc().start(input, call.connectionId),
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
      const heat = svc().queries.heatmap(id, x, y, m);
      const cells = svc().queries.heatmapCells(id, x, y, m, heat.x, heat.y).map((row) => row.map((c) => (c ? { ...c, metrics: fixedMetrics(c.metrics) } : null)));
      return { ...heat, metric: m, cells };
    },
    'sweeps:cell': ({ id, x, y, xValue, yValue, metric }) => {
      const rec = svc().queries.require(id);
      for (const k of [x, y]) {
        if (!Object.hasOwn(rec.config.grid, k)) {
          throw new PeakError('BAD_INPUT', `cell: "${k}" is not a swept parameter of sweep ${id} (swept: ${Object.keys(rec.config.grid).join(', ')})`);
        }
      }
      const m = metric ?? storedMetric(rec.metric);
      return { ...svc().queries.cell(id, x, y, xValue, yValue, m), metric: m };
    },
    'sweeps:presets': () => ({
      presets: [...ctx.research.sweepPresets().values()].map((p) => ({
        name: p.name, strategyId: p.strategy, description: p.description, grid: presetGrid(p), constraints: p.constraints,
      })),
    }),
  } satisfies Partial<Handlers>;
}
