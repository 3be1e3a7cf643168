import { create } from 'zustand';
import { api, type CommandOutput } from '../api/client';
import { errorInfo } from '../lib/errors';

export type AppInfo = CommandOutput<'app:info'>;
export type StrategyInfo = CommandOutput<'strategies:list'>['strategies'][number];

interface AppState {
  info: AppInfo | null;
  infoError: string | null;
  strategies: StrategyInfo[] | null;
  strategiesError: string | null;
  loadInfo(): Promise<void>;
  loadStrategies(): Promise<void>;
}

export const useApp = create<AppState>((set, get) => ({
  info: null,
  infoError: null,
  strategies: null,
  strategiesError: null,
  async loadInfo() {
    try {
      set({ info: await api.call('app:info', {}), infoError: null });
    } catch (e) {
      set({ infoError: errorInfo(e).message });
    }
  },
  async loadStrategies() {
    if (get().strategies) return;
    try {
      const r = await api.call('strategies:list', { includeRnd: true });
      set({ strategies: r.strategies, strategiesError: null });
    } catch (e) {
      set({ strategiesError: errorInfo(e).message });
    }
  },
}));
