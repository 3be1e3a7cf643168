import { create } from 'zustand';
import { api, type CommandOutput } from '../api/client';
import { errorInfo } from '../lib/errors';

export type Dataset = CommandOutput<'data:list'>['datasets'][number];
export type DatasetDetail = CommandOutput<'data:get'>;

interface DataState {
  datasets: Dataset[] | null;
  total: number;
  loading: boolean;
  error: string | null;
  selectedId: string | null;
  detail: DatasetDetail | null;
  detailError: string | null;
  load(): Promise<void>;
  select(id: string | null): Promise<void>;
}

export const useData = create<DataState>((set, get) => ({
  datasets: null,
  total: 0,
  loading: false,
  error: null,
  selectedId: null,
  detail: null,
  detailError: null,
  async load() {
    set({ loading: true });
    try {
      const r = await api.call('data:list', { limit: 500, offset: 0 });
      set({ datasets: r.datasets, total: r.total, error: null, loading: false });
    } catch (e) {
      set({ error: errorInfo(e).message, loading: false });
    }
  },
  async select(id) {
    set({ selectedId: id, detail: null, detailError: null });
    if (!id) return;
    try {
      const d = await api.call('data:get', { id });
      if (get().selectedId === id) set({ detail: d });
    } catch (e) {
      if (get().selectedId === id) set({ detailError: errorInfo(e).message });
    }
  },
}));
