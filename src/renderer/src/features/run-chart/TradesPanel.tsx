import { useEffect, useMemo, useRef, useState } from 'react';
import type { Trade } from '../../../../core/engine/types';
import { fmtNum, fmtPrice, fmtTime, signClass } from '../../lib/format';
import { formatBarCount, formatSpanMs } from '../../../../core/data/bar-duration';
import { filterTrades, outcomeOf, reasonsOf, sideOf, sortTrades, tradesCsv, type OutcomeFilter, type SideFilter, type SortKey, type TradeFilter } from './trades-table';

const PAGE = 200;

const COLUMNS: { key: SortKey; label: string; num?: boolean; low?: boolean; title: string }[] = [
  { key: 'index', label: '#', num: true, title: 'Trade number (the chart markers use the same numbers)' },
  { key: 'side', label: 'Side', title: 'Long (bought first) or short (sold first)' },
  { key: 'entryTime', label: 'Entry (UTC)', title: 'Entry fill time, UTC' },
  { key: 'exitTime', label: 'Exit (UTC)', title: 'Exit fill time, UTC' },
  { key: 'duration', label: 'Held', num: true, title: 'Time in the position' },
  // fill prices are the first columns to drop below 1400 px (CSS .col-low): hover on the chart still shows them
  { key: 'entryPrice', label: 'Entry px', num: true, low: true, title: 'Entry fill price incl. slippage' },
  { key: 'exitPrice', label: 'Exit px', num: true, low: true, title: 'Exit fill price incl. slippage' },
  { key: 'pnl', label: 'PnL', num: true, title: 'Net profit or loss after this trade’s fees, quote currency' },
  { key: 'returnPct', label: 'Return', num: true, title: 'Net return on the entry notional, %' },
  { key: 'exitReason', label: 'Reason', title: 'Why the position was closed' },
];

const REASON_LABEL: Record<string, string> = {
  signal: 'signal', stop_loss: 'stop loss', take_profit: 'take profit', trailing_stop: 'trailing stop', end_of_data: 'end of data', ruin: 'ruin', open: 'open',
};

/**
 * Trades: sortable columns, filters (side, win/loss, exit reason), CSV export of the filtered rows, and a click on a
 * row zooms the price chart to that trade. Colour carries the outcome only (PnL/return), never the side.
 */
export function TradesPanel({ trades, runId, onSelect, selected, focusExport }: { trades: Trade[]; runId: number; onSelect?: (index: number) => void; selected?: number | null; focusExport?: boolean }) {
  // Arrived from the palette's "Export trades as CSV": bring the button into view and focus it (Enter exports).
  const exportButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!focusExport) return;
    exportButton.current?.scrollIntoView({ block: 'center' });
    exportButton.current?.focus();
  }, [focusExport]);
  const [filter, setFilter] = useState<TradeFilter>({ side: 'all', outcome: 'all', reason: 'all' });
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'index', desc: false });
  const [page, setPage] = useState(0);
  const reasons = useMemo(() => reasonsOf(trades), [trades]);
  const rows = useMemo(() => sortTrades(filterTrades(trades, filter), sort.key, sort.desc), [trades, filter, sort]);
  const pages = Math.max(1, Math.ceil(rows.length / PAGE));
  const p = Math.min(page, pages - 1);
  const shown = rows.slice(p * PAGE, (p + 1) * PAGE);

  function setF(patch: Partial<TradeFilter>) {
    setFilter({ ...filter, ...patch });
    setPage(0);
  }
  function exportCsv() {
    const blob = new Blob([tradesCsv(rows)], { type: 'text/csv' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `run-${runId}-trades.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  return (
    <>
      <div className="actions trades-toolbar" style={{ padding: '8px 10px', flexWrap: 'wrap', gap: 8 }}>
        <label className="inline">
          Side{' '}
          <select aria-label="Filter by side" value={filter.side} onChange={(e) => setF({ side: e.target.value as SideFilter })}>
            <option value="all">all</option>
            <option value="long">long</option>
            <option value="short">short</option>
          </select>
        </label>
        <label className="inline">
          Outcome{' '}
          <select aria-label="Filter by outcome" value={filter.outcome} onChange={(e) => setF({ outcome: e.target.value as OutcomeFilter })}>
            <option value="all">all</option>
            <option value="win">wins</option>
            <option value="loss">losses</option>
            <option value="open">open</option>
          </select>
        </label>
        <label className="inline">
          Reason{' '}
          <select aria-label="Filter by exit reason" value={filter.reason} onChange={(e) => setF({ reason: e.target.value })}>
            <option value="all">all</option>
            {reasons.map((r) => (
              <option key={r} value={r}>
                {REASON_LABEL[r] ?? r}
              </option>
            ))}
          </select>
        </label>
        <span className="muted" data-testid="trades-count">
          {rows.length} of {trades.length} trades
        </span>
        <span style={{ flex: 1 }} />
        <span className="muted" style={{ fontSize: 11 }}>
          Click a row to zoom the chart to it
        </span>
        <button ref={exportButton} type="button" className="btn small" onClick={exportCsv} disabled={rows.length === 0}>
          Export CSV
        </button>
      </div>
      <div className="table-wrap">
        <table className="table trades-table" aria-label="Trades">
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c.key} className={[c.num && 'num', c.low && 'col-low'].filter(Boolean).join(' ') || undefined} title={c.title} aria-sort={sort.key === c.key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
                  <button type="button" className="th-sort" onClick={() => setSort({ key: c.key, desc: sort.key === c.key ? !sort.desc : c.num === true && c.key !== 'index' })}>
                    {c.label}
                    {sort.key === c.key ? (sort.desc ? ' ▼' : ' ▲') : ''}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map(({ n, trade: t }) => {
              const open = t.exitBar < 0;
              return (
                <tr
                  key={n}
                  className={`clickable${selected === n - 1 ? ' selected' : ''}`}
                  data-outcome={outcomeOf(t)}
                  onClick={() => onSelect?.(n - 1)}
                  tabIndex={0}
                  onKeyDown={(e) => e.key === 'Enter' && onSelect?.(n - 1)}
                >
                  <td className="num muted">{n}</td>
                  <td>{sideOf(t) === 'long' ? 'Long' : 'Short'}</td>
                  <td className="mono">{fmtTime(t.entryTime, true)}</td>
                  <td className="mono">{open ? 'open' : fmtTime(t.exitTime, true)}</td>
                  {/* the same "12 d 4 h" form as the max drawdown duration; the bar count in the title */}
                  <td className="num" title={open ? undefined : formatBarCount(t.exitBar - t.entryBar)}>{open ? '—' : formatSpanMs(t.exitTime - t.entryTime)}</td>
                  <td className="num col-low">{fmtPrice(t.entryPrice)}</td>
                  <td className="num col-low">{open ? '—' : fmtPrice(t.exitPrice)}</td>
                  <td className={`num ${signClass(t.pnl)}`}>{fmtNum(t.pnl, 2)}</td>
                  <td className={`num ${signClass(t.returnPct)}`}>{(t.returnPct * 100).toFixed(2)} %</td>
                  <td className="muted">{REASON_LABEL[t.exitReason] ?? t.exitReason}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <div className="actions" style={{ padding: 8 }}>
          <button className="btn small" disabled={p === 0} onClick={() => setPage(p - 1)}>
            ‹ Prev
          </button>
          <span className="muted">
            page {p + 1} / {pages}
          </span>
          <button className="btn small" disabled={p >= pages - 1} onClick={() => setPage(p + 1)}>
            Next ›
          </button>
        </div>
      )}
    </>
  );
}
