/** Pure helpers of the Live screen (unit-tested): bar colours, session filters and sort, drawdown, tiles. */
export type Severity = 'ok' | 'warning' | 'breach';

/** green below the warning factor, yellow from it, red at/above the limit (same rule as core risk-limits) */
export function utilisationColor(utilisation: number, factor = 0.8): 'green' | 'yellow' | 'red' {
  if (utilisation >= 1) return 'red';
  if (utilisation >= factor) return 'yellow';
  return 'green';
}

/** width of a utilisation bar in percent, clamped to [0, 100] */
export const barWidth = (u: number): number => (Number.isFinite(u) ? Math.max(0, Math.min(100, u * 100)) : 0);

export interface SessionRowLike {
  id: number; name: string; mode: string; strategyId: string; status: string; createdAt: number; pnlPct: number; equityLast: number;
  tradeCount: number; barsDone: number;
}

export interface SessionFilters {
  text: string; strategy: string; mode: string; profit: 'all' | 'profitable' | 'losing'; from: string; to: string;
}

export const emptyFilters: SessionFilters = { text: '', strategy: '', mode: '', profit: 'all', from: '', to: '' };

/** date inputs are YYYY-MM-DD, read as UTC days; `to` includes its whole day */
export function filterSessions<T extends SessionRowLike>(rows: T[], f: SessionFilters): T[] {
  const q = f.text.trim().toLowerCase();
  const from = f.from ? Date.parse(`${f.from}T00:00:00Z`) : -Infinity;
  const to = f.to ? Date.parse(`${f.to}T00:00:00Z`) + 86_400_000 - 1 : Infinity;
  return rows.filter((r) =>
    (q === '' || r.name.toLowerCase().includes(q) || String(r.id) === q) &&
    (f.strategy === '' || r.strategyId === f.strategy) &&
    (f.mode === '' || r.mode === f.mode) &&
    (f.profit === 'all' || (f.profit === 'profitable' ? r.pnlPct > 0 : r.pnlPct <= 0)) &&
    r.createdAt >= from && r.createdAt <= to);
}

export type SortKey = 'createdAt' | 'id' | 'name' | 'strategyId' | 'status' | 'pnlPct' | 'equityLast' | 'tradeCount' | 'barsDone';

export function sortSessions<T extends SessionRowLike>(rows: T[], key: SortKey, desc: boolean): T[] {
  const dir = desc ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = a[key], y = b[key];
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return c !== 0 ? c * dir : (b.id - a.id); // ties: newest first
  });
}

/** tiles: total, running, per mode */
export function sessionTiles(rows: SessionRowLike[]): { total: number; running: number; byMode: [string, number][] } {
  const by = new Map<string, number>();
  let running = 0;
  for (const r of rows) {
    by.set(r.mode, (by.get(r.mode) ?? 0) + 1);
    if (r.status === 'running' || r.status === 'paused') running++;
  }
  return { total: rows.length, running, byMode: [...by].sort((a, b) => b[1] - a[1]) };
}

/** drawdown from the running peak, percent (≤ 0) */
export function drawdownPct(equity: number[]): number[] {
  let peak = -Infinity;
  return equity.map((e) => {
    if (e > peak) peak = e;
    return peak > 0 ? ((e - peak) / peak) * 100 : 0;
  });
}

/** every k-th point (and the last), so a 100k-bar session draws fast */
export function thin<T>(xs: T[], max = 4000): T[] {
  if (xs.length <= max) return xs;
  const k = Math.ceil(xs.length / max);
  const out: T[] = [];
  for (let i = 0; i < xs.length; i += k) out.push(xs[i]);
  if (out[out.length - 1] !== xs[xs.length - 1]) out.push(xs[xs.length - 1]);
  return out;
}

export const statusClass = (s: string): string =>
  s === 'running' ? 'go' : s === 'halted' || s === 'failed' ? 'nogo' : s === 'paused' ? 'locked' : 'info';

export const levelClass = (l: string | null): string => (l === 'CRITICAL' ? 'neg' : l === 'WARNING' ? 'warn' : 'muted');
