/**
 * Pure helpers of the trades table: filter (side, outcome, exit reason), sort by any column, CSV export, and the
 * time window a click on a trade zooms the charts to. "Short" is a side, never an outcome: outcome is the trade's
 * net PnL (> 0 win, ≤ 0 loss, open while not closed).
 */
import type { Trade } from '../../../../core/engine/types';

export type SideFilter = 'all' | 'long' | 'short';
export type OutcomeFilter = 'all' | 'win' | 'loss' | 'open';
export type SortKey = 'index' | 'side' | 'entryTime' | 'exitTime' | 'duration' | 'size' | 'entryPrice' | 'exitPrice' | 'pnl' | 'returnPct' | 'exitReason';

export interface TradeRow {
  /** 1-based position in [...trades, ...openTrades] (the chart markers' numbering) */
  n: number;
  trade: Trade;
}

export interface TradeFilter {
  side: SideFilter;
  outcome: OutcomeFilter;
  /** 'all' or one exit reason */
  reason: string;
}

export const outcomeOf = (t: Trade): 'win' | 'loss' | 'open' => (t.exitBar < 0 ? 'open' : t.pnl > 0 ? 'win' : 'loss');
export const sideOf = (t: Trade): 'long' | 'short' => (t.size > 0 ? 'long' : 'short');

export function filterTrades(trades: readonly Trade[], f: TradeFilter): TradeRow[] {
  const out: TradeRow[] = [];
  for (let i = 0; i < trades.length; i++) {
    const t = trades[i];
    if (f.side !== 'all' && sideOf(t) !== f.side) continue;
    if (f.outcome !== 'all' && outcomeOf(t) !== f.outcome) continue;
    if (f.reason !== 'all' && t.exitReason !== f.reason) continue;
    out.push({ n: i + 1, trade: t });
  }
  return out;
}

function sortValue(r: TradeRow, key: SortKey): number | string {
  const t = r.trade;
  switch (key) {
    case 'index': return r.n;
    case 'side': return sideOf(t);
    case 'duration': return t.exitBar < 0 ? Infinity : t.exitTime - t.entryTime;
    case 'size': return Math.abs(t.size);
    case 'exitReason': return t.exitReason;
    case 'exitTime': return t.exitBar < 0 ? Infinity : t.exitTime;
    default: return t[key];
  }
}

/** Stable sort (ties keep trade order). */
export function sortTrades(rows: readonly TradeRow[], key: SortKey, desc: boolean): TradeRow[] {
  const dir = desc ? -1 : 1;
  return rows
    .map((r, i) => ({ r, i, v: sortValue(r, key) }))
    .sort((a, b) => (a.v < b.v ? -dir : a.v > b.v ? dir : a.i - b.i))
    .map((x) => x.r);
}

/** Exit reasons present, in first-seen order (the reason filter's options). */
export function reasonsOf(trades: readonly Trade[]): string[] {
  return [...new Set(trades.map((t) => t.exitReason))];
}

const iso = (ms: number) => new Date(ms).toISOString();
const cell = (v: string | number) => {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** CSV of the rows (UTC ISO times, return in %, open trades with empty exit fields). */
export function tradesCsv(rows: readonly TradeRow[]): string {
  const head = ['n', 'side', 'outcome', 'entry_time_utc', 'exit_time_utc', 'size', 'entry_price', 'exit_price', 'pnl', 'return_pct', 'fees', 'exit_reason'];
  const lines = [head.join(',')];
  for (const { n, trade: t } of rows) {
    const open = t.exitBar < 0;
    lines.push([n, sideOf(t), outcomeOf(t), iso(t.entryTime), open ? '' : iso(t.exitTime), Math.abs(t.size), t.entryPrice, open ? '' : t.exitPrice, t.pnl, t.returnPct * 100, t.fees, t.exitReason].map(cell).join(','));
  }
  return lines.join('\n') + '\n';
}

/**
 * The window a click on a trade zooms to: the trade with as much context on each side as it lasted
 * (at least `minPad` ms, e.g. 20 bars), so entry, exit and the lead-in are all visible.
 */
export function tradeWindow(t: Trade, minPad: number): { from: number; to: number } {
  const end = t.exitBar < 0 ? t.entryTime : t.exitTime;
  const pad = Math.max(minPad, end - t.entryTime);
  return { from: t.entryTime - pad, to: end + pad };
}

/** Bar length in ms read off the trades (time span / bar span of the first trade that spans bars); null if none. */
export function barMsOf(trades: readonly Trade[]): number | null {
  for (const t of trades) if (t.exitBar > t.entryBar) return (t.exitTime - t.entryTime) / (t.exitBar - t.entryBar);
  return null;
}
