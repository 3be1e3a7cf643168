import { create } from 'zustand';

/** Screens in nav order; Alt+1…7 follow this order. */
export const SCREENS = [
  { id: 'dashboard', label: 'Dashboard', key: 'h' },
  { id: 'data', label: 'Data', key: 'd' },
  { id: 'backtest', label: 'Backtest', key: 'b' },
  { id: 'sweep', label: 'Sweep', key: 's' },
  { id: 'research', label: 'Research', key: 'r' },
  { id: 'experiments', label: 'Experiments', key: 'e' },
  { id: 'live', label: 'Live', key: 'l' },
  { id: 'settings', label: 'Settings', key: ',' },
] as const;
export type ScreenId = (typeof SCREENS)[number]['id'];
export type Theme = 'dark' | 'light';

const THEME_KEY = 'peak-theme';

function readTheme(): Theme {
  try {
    return localStorage.getItem(THEME_KEY) === 'light' ? 'light' : 'dark';
  } catch {
    return 'dark';
  }
}

/** "#/experiments?run=12" → { screen, params } (hash routing keeps the twin's ?token= query untouched). */
export function parseHash(hash: string): { screen: ScreenId; params: Record<string, string> } {
  const m = /^#\/([a-z-]+)(?:\?(.*))?$/.exec(hash);
  const id = SCREENS.find((s) => s.id === m?.[1])?.id ?? 'dashboard';
  const params: Record<string, string> = {};
  if (m?.[2]) for (const [k, v] of new URLSearchParams(m[2])) params[k] = v;
  return { screen: id, params };
}

export function toHash(screen: ScreenId, params: Record<string, string> = {}): string {
  const q = new URLSearchParams(params).toString();
  return `#/${screen}${q ? `?${q}` : ''}`;
}

export interface Toast {
  id: number;
  kind: 'ok' | 'error';
  text: string;
}

interface UiState {
  screen: ScreenId;
  params: Record<string, string>;
  theme: Theme;
  paletteOpen: boolean;
  toasts: Toast[];
  goto(screen: ScreenId, params?: Record<string, string>): void;
  syncFromHash(): void;
  setTheme(t: Theme): void;
  setPalette(open: boolean): void;
  toast(kind: Toast['kind'], text: string): void;
  dismiss(id: number): void;
}

let toastSeq = 0;
const initial = typeof location !== 'undefined' ? parseHash(location.hash) : { screen: 'dashboard' as ScreenId, params: {} };

export const useUi = create<UiState>((set, get) => ({
  screen: initial.screen,
  params: initial.params,
  theme: typeof localStorage !== 'undefined' ? readTheme() : 'dark',
  paletteOpen: false,
  toasts: [],
  goto(screen, params = {}) {
    set({ screen, params, paletteOpen: false });
    const h = toHash(screen, params);
    if (typeof location !== 'undefined' && location.hash !== h) history.replaceState(history.state, '', h);
  },
  syncFromHash() {
    const { screen, params } = parseHash(location.hash);
    set({ screen, params });
  },
  setTheme(theme) {
    try {
      localStorage.setItem(THEME_KEY, theme);
    } catch {
      /* storage disabled: theme lasts for this session */
    }
    document.documentElement.dataset.theme = theme;
    set({ theme });
  },
  setPalette(paletteOpen) {
    set({ paletteOpen });
  },
  toast(kind, text) {
    const id = ++toastSeq;
    set({ toasts: [...get().toasts, { id, kind, text }] });
    setTimeout(() => get().dismiss(id), kind === 'error' ? 8000 : 4000);
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
}));
