import { api, type CommandInput } from '../../api/client';
import { useUi } from '../../stores/ui';
import { errorInfo } from '../../lib/errors';
import { formatParams } from '../../../../core/runs/param-label';

type ParamValue = number | string | boolean | null;

/**
 * The best combination of one heatmap cell, asked of the server (sweeps:cell) — the heatmap shows the best metric
 * over the other parameters, so this is the combination the cell stands for. Null when the cell is empty.
 */
export async function fetchCellBest(sweepId: number, x: string, xValue: ParamValue, y: string, yValue: ParamValue, metric: string): Promise<Record<string, ParamValue> | null> {
  const r = await api.call('sweeps:cell', { id: sweepId, x, y, xValue, yValue, metric });
  return r.row?.params ?? null;
}

/** Runs (and stores) the backtest of one combination with the sweep's own data set and engine, then opens it. */
export function useOpenCombination() {
  const goto = useUi((s) => s.goto);
  const toast = useUi((s) => s.toast);
  return async (sweepId: number, params: Record<string, unknown>) => {
    try {
      const s = await api.call('sweeps:get', { id: sweepId });
      const engine = typeof s.config.engine === 'object' && s.config.engine !== null ? (s.config.engine as CommandInput<'backtest:run'>['engine']) : {};
      toast('ok', `Running ${s.strategyId} ${formatParams(params)}…`);
      const run = await api.call('backtest:run', { datasetId: s.datasetId, strategyId: s.strategyId, params, engine, seed: s.seed, note: `from sweep #${sweepId}` });
      goto('experiments', { run: String(run.id) });
    } catch (e) {
      toast('error', errorInfo(e).message);
    }
  };
}
