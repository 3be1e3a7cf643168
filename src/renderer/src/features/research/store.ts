import { create } from 'zustand';
import type { CommandOutput } from '../../api/client';

/** A stored backtest, the subject of every study. */
export type Run = CommandOutput<'runs:list'>['runs'][number];
export type WfResult = CommandOutput<'walkforward:run'>;
export type McResult = CommandOutput<'montecarlo:run'>;
export type StressResult = CommandOutput<'stress:run'>;
export type OverfitResult = CommandOutput<'research:overfitting'>;
export type GoNoGo = CommandOutput<'research:gonogo'>;

/** Latest research results for the selected run; the Go/No-Go card reads whatever has been computed. */
interface ResearchState {
  runId: number | null;
  wf: WfResult | null;
  mc: McResult | null;
  stress: StressResult | null;
  overfit: OverfitResult | null;
  gonogo: GoNoGo | null;
  set(p: Partial<Omit<ResearchState, 'set' | 'selectRun'>>): void;
  selectRun(id: number | null): void;
}

export const useResearch = create<ResearchState>((set, get) => ({
  runId: null,
  wf: null,
  mc: null,
  stress: null,
  overfit: null,
  gonogo: null,
  set(p) {
    set(p);
  },
  selectRun(id) {
    if (id === get().runId) return;
    set({ runId: id, wf: null, mc: null, stress: null, gonogo: null });
  },
}));
