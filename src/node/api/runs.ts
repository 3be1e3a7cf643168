import { lodDrawdown, lodMinMax, lodScaledLast, timeRange } from '../../core/lod';
import { PeakError } from '../../core/errors';
import { describeParams, strategies } from '../../core/strategies';
import { parseRunSearch } from '../../core/runs/param-search';
import type { HandlerContext } from './context';
import type { Handlers } from './handlers';

const arr = (a: Float64Array): number[] => Array.from(a);

let paramLists: Map<string, string[]> | undefined;
/** Every strategy's parameter names (fixed by the registry, built once): the only names a search may filter on. */
const strategyParamLists = () => (paramLists ??= new Map(strategies.map((s) => [s.meta.id, describeParams(s).map((d) => d.name)])));

export function createRunHandlers(ctx: HandlerContext) {
  const { store } = ctx;
  return {
    'runs:list': (f) => {
      if (!f.text) return store.runs.list(f);
      const search = parseRunSearch(f.text, strategyParamLists(), f.strategyId);
      return store.runs.list({ ...f, text: search.text || undefined, params: search.params });
    },
    'runs:get': ({ id }) => store.runs.detail(id),
    'runs:equity': ({ id, maxPoints, from, to }) => {
      const run = store.runs.require(id);
      const eq = store.runs.equity(id);
      if (!eq || run.datasetId === null) throw new PeakError('NOT_FOUND', `run ${id} has no stored equity curve`);
      const time = ctx.bars(run.datasetId).time.subarray(eq.startBar, eq.startBar + eq.equity.length);
      const [s, e] = timeRange(time, from, to);
      const E = lodMinMax(time, eq.equity, s, e, maxPoints);
      // Drawdown from a running peak that includes bars before `from`; buy & hold = equity[0]·close/close[0].
      // Both straight into buckets: no per-bar arrays on the path to the first paint.
      const D = lodDrawdown(eq.equity, s, e, maxPoints);
      const close = ctx.bars(run.datasetId).close.subarray(eq.startBar, eq.startBar + eq.equity.length);
      const B = lodScaledLast(close, close.length > 0 && close[0] > 0 ? eq.equity[0] / close[0] : Number.NaN, s, e, maxPoints);
      return {
        time: arr(E.time),
        equityMin: arr(E.min),
        equityMax: arr(E.max),
        equityLast: arr(E.last),
        drawdownMin: arr(D.min),
        drawdownMax: arr(D.max),
        buyHold: arr(B),
        totalPoints: e - s,
        barsPerPoint: E.barsPerPoint,
      };
    },
    'runs:delete': ({ id }) => {
      const run = store.runs.get(id);
      const deleted = store.runs.delete(id);
      if (deleted && run) ctx.events.emit('runs:did-change', { action: 'deleted', id, kind: run.kind });
      return { deleted };
    },
  } satisfies Partial<Handlers>;
}
