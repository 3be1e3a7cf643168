import { create } from 'zustand';
import { api, type CommandInput, type CommandOutput } from '../../api/client';
import { errorInfo } from '../../lib/errors';

export type RunSummary = CommandOutput<'runs:list'>['runs'][number];

export interface RunFilters {
  text: string;
  strategyId: string;
  /** yyyy-mm-dd (UTC), inclusive */
  from: string;
  to: string;
  sortBy: string;
  desc: boolean;
}

/** UI filters → runs:list input (dates become epoch ms; `to` covers the whole day). */
export function filtersToInput(f: RunFilters, limit = 200): CommandInput<'runs:list'> {
  const day = (s: string) => (s ? Date.parse(`${s}T00:00:00Z`) : NaN);
  const from = day(f.from);
  const to = day(f.to);
  return {
    sortBy: f.sortBy,
    desc: f.desc,
    limit,
    offset: 0,
    ...(f.text.trim() ? { text: f.text.trim() } : {}),
    ...(f.strategyId ? { strategyId: f.strategyId } : {}),
    ...(Number.isFinite(from) ? { from } : {}),
    ...(Number.isFinite(to) ? { to: to + 86_400_000 - 1 } : {}),
  };
}

interface RunsState {
  filters: RunFilters;
  runs: RunSummary[] | null;
  total: number;
  error: string | null;
  loading: boolean;
  compare: number[];
  setFilters(p: Partial<RunFilters>): void;
  load(): Promise<void>;
  toggleCompare(id: number): void;
  clearCompare(): void;
}

let seq = 0;
export const useRuns = create<RunsState>((set, get) => ({
  filters: { text: '', strategyId: '', from: '', to: '', sortBy: 'createdAt', desc: true },
  runs: null,
  total: 0,
  error: null,
  loading: false,
  compare: [],
  setFilters(p) {
    set({ filters: { ...get().filters, ...p } });
    void get().load();
  },
  async load() {
    const s = ++seq;
    set({ loading: true });
    try {
      const r = await api.call('runs:list', filtersToInput(get().filters));
      if (s === seq) set({ runs: r.runs, total: r.total, error: null, loading: false });
    } catch (e) {
      if (s === seq) set({ error: errorInfo(e).message, loading: false });
    }
  },
  toggleCompare(id) {
    const c = get().compare;
    if (c.includes(id)) set({ compare: c.filter((x) => x !== id) });
    else if (c.length < 4) set({ compare: [...c, id] });
  },
  clearCompare() {
    set({ compare: [] });
  },
}));
