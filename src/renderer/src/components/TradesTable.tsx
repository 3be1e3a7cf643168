import { useState } from 'react';
import type { CommandOutput } from '../api/client';
import { fmtNum, fmtPrice, fmtTime, signClass } from '../lib/format';

type Trade = CommandOutput<'runs:get'>['trades'][number];
const PAGE = 200;

/** Trades in exit order; paged (200 rows) so runs with 50k trades do not bloat the DOM. */
export function TradesTable({ trades }: { trades: Trade[] }) {
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(trades.length / PAGE));
  const rows = trades.slice(page * PAGE, (page + 1) * PAGE);
  return (
    <>
      <div className="table-wrap">
        <table className="table" aria-label="Trades">
          <thead>
            <tr>
              <th className="num">#</th>
              <th>Side</th>
              <th>Entry</th>
              <th>Exit</th>
              <th className="num">Size</th>
              <th className="num">Entry px</th>
              <th className="num">Exit px</th>
              <th className="num">PnL</th>
              <th className="num">Return</th>
              <th>Reason</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((t, i) => (
              <tr key={page * PAGE + i}>
                <td className="num muted">{page * PAGE + i + 1}</td>
                <td className={t.size > 0 ? 'pos' : 'neg'}>{t.size > 0 ? 'Long' : 'Short'}</td>
                <td className="mono">{fmtTime(t.entryTime)}</td>
                <td className="mono">{t.exitBar >= 0 ? fmtTime(t.exitTime) : 'open'}</td>
                <td className="num">{fmtNum(Math.abs(t.size), Math.abs(t.size) >= 100 ? 0 : 4)}</td>
                <td className="num">{fmtPrice(t.entryPrice)}</td>
                <td className="num">{fmtPrice(t.exitPrice)}</td>
                <td className={`num ${signClass(t.pnl)}`}>{fmtNum(t.pnl, 2)}</td>
                <td className={`num ${signClass(t.returnPct)}`}>{(t.returnPct * 100).toFixed(2)} %</td>
                <td className="muted">{t.exitReason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <div className="actions" style={{ padding: 8 }}>
          <button className="btn small" disabled={page === 0} onClick={() => setPage(page - 1)}>
            ‹ Prev
          </button>
          <span className="muted">
            page {page + 1} / {pages} · {trades.length} trades
          </span>
          <button className="btn small" disabled={page >= pages - 1} onClick={() => setPage(page + 1)}>
            Next ›
          </button>
        </div>
      )}
    </>
  );
}
