import { create } from 'zustand';
import { api, type CommandInput, type CommandOutput } from '../../api/client';
import { engineDefaults, type EngineForm } from './engine-form';
import { prefetchEquity, prefetchPointsFor } from '../../charts/equity-source';

export { engineDefaults, engineFromForm, type EngineForm } from './engine-form';

/** a run as backtest:run returns it: `reused` when an identical configuration was stored before */
export type RunDetail = CommandOutput<'runs:get'> & { reused?: boolean };
interface BacktestState {
  datasetId: string;
  strategyId: string;
  showRnd: boolean;
  engine: EngineForm;
  running: boolean;
  error: unknown;
  result: RunDetail | null;
  set(p: Partial<Pick<BacktestState, 'datasetId' | 'strategyId' | 'showRnd' | 'engine' | 'result' | 'error'>>): void;
  run(input: CommandInput<'backtest:run'>): Promise<RunDetail | null>;
}

export const useBacktest = create<BacktestState>((set) => ({
  datasetId: '',
  strategyId: '',
  showRnd: false,
  engine: engineDefaults('default'),
  running: false,
  error: null,
  result: null,
  set(p) {
    set(p);
  },
  async run(input) {
    set({ running: true, error: null });
    try {
      const r = await api.call('backtest:run', input);
      // the equity request goes out before the result screen renders (metrics, histogram, trades take a while)
      if (input.save !== false && r.id > 0) prefetchEquity(r.id, prefetchPointsFor(window.innerWidth));
      set({ result: r, running: false });
      return r;
    } catch (e) {
      // a failed run clears the previous result: an old result must never read as this run's
      set({ error: e, running: false, result: null });
      return null;
    }
  },
}));
