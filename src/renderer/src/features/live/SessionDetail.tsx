import { useCallback, useEffect, useRef, useState } from 'react';
import { CodeLabel } from '../../components/CodeLabel';
import { api, type CommandOutput } from '../../api/client';
import { Panel } from '../../components/Panel';
import { ErrorBox, Loading } from '../../components/States';
import { LineChart } from '../../charts/LineChart';
import { fmtInt, fmtNum, fmtPct, fmtTime, signClass } from '../../lib/format';
import { drawdownPct, levelClass, statusClass, thin } from './live-helpers';

type Detail = CommandOutput<'live:session-get'>;
type LiveEvent = Detail['events'][number];

/** Equity and drawdown, positions, orders/fills, live P&L and the live event feed (push events); pause/resume/stop. */
export function SessionDetail({ id, onBack }: { id: number; onBack(): void }) {
  const [d, setD] = useState<Detail | null>(null);
  const [feed, setFeed] = useState<LiveEvent[]>([]);
  const [error, setError] = useState<unknown>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const load = useCallback(() => {
    api.call('live:session-get', { id, events: 200 }).then((x) => { setD(x); setFeed((f) => (f.length ? f : x.events)); }).catch(setError);
  }, [id]);

  useEffect(() => {
    load();
    // events arrive over the push channel; the detail (equity, orders) is re-read at most every 700 ms
    const offEvent = api.on('live:did-event', (e) => {
      if (e.sessionId !== id && e.sessionId !== null) return;
      setFeed((f) => (f.some((x) => x.id === e.id) ? f : [...f, e].slice(-300)));
    });
    const offChange = api.on('live:did-change', (e) => {
      if (e.sessionId !== id || timer.current) return;
      timer.current = setTimeout(() => { timer.current = null; load(); }, 700);
    });
    return () => { offEvent(); offChange(); if (timer.current) clearTimeout(timer.current); };
  }, [id, load]);

  const act = async (verb: 'pause' | 'resume' | 'stop') => {
    try {
      await api.call(`live:session-${verb}`, { id });
      load();
    } catch (e) {
      setError(e);
    }
  };

  if (error !== null && !d) return <ErrorBox error={error} />;
  if (!d) return <Loading label="Loading session…" />;
  const eq = thin(d.equity.map((v, i) => [d.time[i] ?? i, v] as const));
  const dd = drawdownPct(eq.map((p) => p[1]));
  const live = d.status === 'running' || d.status === 'paused';
  const open = d.openTrade;
  return (
    <div className="grid" data-testid="session-detail">
      <div className="actions">
        <button onClick={onBack}>← Sessions</button>
        <h2 className="session-title">Session {d.id} · {d.name}</h2>
        <CodeLabel className={`badge ${statusClass(d.status)}`} testId="session-status" code={d.status} />
        {d.statusDetail && <span className="muted small">{d.statusDetail}</span>}
        <span className="spacer" />
        {d.status === 'running' && <button onClick={() => void act('pause')}>Pause</button>}
        {d.status === 'paused' && <button onClick={() => void act('resume')}>Resume</button>}
        {live && <button className="danger" data-testid="session-stop" onClick={() => void act('stop')}>Stop</button>}
      </div>
      <div className="metrics" data-testid="session-metrics">
        <div className="metric"><div className="k">Equity</div><div className="v">{fmtNum(d.equityLast)}</div></div>
        <div className="metric"><div className="k">Live P&L</div><div className={`v ${signClass(d.pnlPct)}`}>{fmtPct(d.pnlPct / 100, 2, true)}</div></div>
        <div className="metric"><div className="k">Max drawdown</div><div className="v">{fmtNum(Math.min(0, ...dd))} %</div></div>
        <div className="metric"><div className="k">Bars</div><div className="v">{fmtInt(d.barsDone)} / {fmtInt(d.barsTotal)}</div></div>
        <div className="metric"><div className="k">Trades</div><div className="v">{fmtInt(d.tradeCount)}</div></div>
        <div className="metric"><div className="k">Rejected</div><div className="v">{fmtInt(d.rejected)}</div></div>
        <div className="metric"><div className="k">Signal→send</div><div className="v">{fmtNum(d.latency.meanSignalToSendMs, 3)}<span className="u">ms</span></div></div>
        <div className="metric"><div className="k">Slippage</div><div className="v">{fmtNum(d.latency.meanSlippageBps)}<span className="u">bps</span></div></div>
      </div>
      <div className="grid cols-2">
        <Panel title="Equity and drawdown">
          <LineChart label="session equity" height={220} yTickFormat=",.2~f" series={[{ x: eq.map((p) => p[0]), y: eq.map((p) => p[1]), name: 'equity' }]} />
          <LineChart label="session drawdown" height={140} yTitle="%" yTickFormat=".3~r" series={[{ x: eq.map((p) => p[0]), y: dd, name: 'drawdown %', color: '#ef5350' }]} />
        </Panel>
        <Panel title={`Live events (${feed.length})`} flush>
          <ol className="event-feed" data-testid="event-feed" aria-live="polite">
            {[...feed].reverse().map((e) => (
              <li key={e.id}><span className="mono muted">{fmtTime(e.ts, true)}</span> <span className={`mono ${levelClass(e.level)}`}>{e.kind}</span> {e.message}</li>
            ))}
          </ol>
        </Panel>
      </div>
      <div className="grid cols-2">
        <Panel title="Position">
          {open ? (
            <dl className="kv"><dt>size</dt><dd>{fmtNum(open.size, 6)}</dd><dt>entry</dt><dd>{fmtNum(open.entryPrice)} @ {fmtTime(open.entryTime, true)}</dd><dt>mark</dt><dd>{fmtNum(open.exitPrice)}</dd><dt>unrealised</dt><dd className={signClass(open.pnl)}>{fmtNum(open.pnl)}</dd></dl>
          ) : <span className="muted">flat</span>}
        </Panel>
        <Panel title={`Orders / fills (${d.orders.length})`} flush>
          <div className="table-wrap short">
            <table className="table small">
              <thead><tr><th>#</th><th>time</th><th>side</th><th className="num">units</th><th className="num">ref</th><th className="num">fill</th><th className="num">slip bps</th><th>status</th></tr></thead>
              <tbody>
                {d.orders.slice(-100).reverse().map((o) => (
                  <tr key={o.seq}><td className="num">{o.seq}</td><td>{fmtTime(o.time, true)}</td><td>{o.side}</td><td className="num">{fmtNum(o.units, 5)}</td><td className="num">{fmtNum(o.refPrice)}</td>
                    <td className="num">{fmtNum(o.fillPrice)}</td><td className="num">{fmtNum(o.slippageBps)}</td><td className={o.status === 'filled' ? 'pos' : 'neg'} title={o.rejectReason ?? ''}>{o.status}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        </Panel>
      </div>
    </div>
  );
}
