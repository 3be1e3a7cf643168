import { useMemo, useState } from 'react';
import { CodeLabel } from '../../components/CodeLabel';
import { codePhrase } from '../../lib/labels';
import type { CommandOutput } from '../../api/client';
import { Panel } from '../../components/Panel';
import { fmtInt, fmtNum, fmtPct, fmtTime, signClass } from '../../lib/format';
import { emptyFilters, filterSessions, sessionTiles, sortSessions, statusClass, type SessionFilters, type SortKey } from './live-helpers';
import { StartSessionForm, type SessionFormLimits } from './StartSessionForm';

type Session = CommandOutput<'live:session-list'>['sessions'][number];

const COLS: [SortKey, string, boolean][] = [
  ['id', 'Id', true], ['createdAt', 'Created', false], ['name', 'Name', false], ['strategyId', 'Strategy', false], ['status', 'Status', false],
  ['barsDone', 'Bars', true], ['tradeCount', 'Trades', true], ['equityLast', 'Equity', true], ['pnlPct', 'P&L', true],
];

/** Tiles, filters, search and a sortable table (newest first); a row opens the session. */
export function SessionsExplorer({ sessions, onOpen, limits }: { sessions: Session[]; onOpen(id: number): void; limits: SessionFormLimits }) {
  const [f, setF] = useState<SessionFilters>(emptyFilters);
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'createdAt', desc: true });
  const rows = useMemo(() => sortSessions(filterSessions(sessions, f), sort.key, sort.desc), [sessions, f, sort]);
  const tiles = sessionTiles(sessions);
  const strategies = [...new Set(sessions.map((s) => s.strategyId))].sort();
  const set = (k: keyof SessionFilters) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  return (
    <>
      <div className="grid cols-4">
        <div className="panel tile"><div className="label">Sessions</div><div className="value" data-testid="tile-total">{fmtInt(tiles.total)}</div></div>
        <div className="panel tile"><div className="label">Running</div><div className="value">{fmtInt(tiles.running)}</div></div>
        <div className="panel tile"><div className="label">By mode</div><div className="hint">{tiles.byMode.map(([m, n]) => `${codePhrase(m)} ${n}`).join(' · ') || '—'}</div></div>
        <div className="panel tile"><div className="label">Shown</div><div className="value">{fmtInt(rows.length)}</div></div>
      </div>
      <Panel title="New session" id="live-start"><StartSessionForm onStarted={onOpen} limits={limits} /></Panel>
      <Panel title="Sessions" id="live-sessions" flush>
        <div className="filters">
          <input aria-label="search sessions" placeholder="search name or id" value={f.text} onChange={set('text')} />
          <select aria-label="filter strategy" value={f.strategy} onChange={set('strategy')}><option value="">all strategies</option>{strategies.map((s) => <option key={s}>{s}</option>)}</select>
          <select aria-label="filter mode" value={f.mode} onChange={set('mode')}><option value="">all modes</option><option value="paper">paper</option><option value="shadow">shadow</option><option value="live_dry_run">live dry run</option></select>
          <select aria-label="filter profitability" value={f.profit} onChange={set('profit')}><option value="all">all P&L</option><option value="profitable">profitable</option><option value="losing">losing</option></select>
          <label className="small">from <input type="date" aria-label="from date" value={f.from} onChange={set('from')} /></label>
          <label className="small">to <input type="date" aria-label="to date" value={f.to} onChange={set('to')} /></label>
        </div>
        <div className="table-wrap">
          <table className="table" data-testid="sessions-table">
            <thead>
              <tr>{COLS.map(([k, label, num]) => (
                <th key={k} className={num ? 'num' : ''} aria-sort={sort.key === k ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
                  <button className="linkish" onClick={() => setSort({ key: k, desc: sort.key === k ? !sort.desc : true })}>{label}{sort.key === k ? (sort.desc ? ' ▼' : ' ▲') : ''}</button>
                </th>
              ))}</tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.id} className="clickable" onClick={() => onOpen(s.id)} data-testid={`session-row-${s.id}`}>
                  <td className="num">{s.id}</td><td>{fmtTime(s.createdAt, true)}</td><td>{s.name}</td><td className="mono">{s.strategyId}</td>
                  <td><CodeLabel className={`badge ${statusClass(s.status)}`} code={s.status} />{s.statusDetail ? <span className="muted small status-detail" title={s.statusDetail}> {s.statusDetail}</span> : null}</td>
                  <td className="num">{fmtInt(s.barsDone)}</td><td className="num">{fmtInt(s.tradeCount)}</td><td className="num">{fmtNum(s.equityLast)}</td>
                  <td className={`num ${signClass(s.pnlPct)}`}>{fmtPct(s.pnlPct / 100, 2, true)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Panel>
    </>
  );
}
