import { useEffect, useState } from 'react';
import { codeLabel, codePhrase } from '../../lib/labels';
import { api, type CommandOutput } from '../../api/client';
import { useApp } from '../../stores/app';
import { useUi } from '../../stores/ui';
import { Panel } from '../../components/Panel';
import { Screen } from '../../components/Screen';
import { Empty, ErrorBox, Loading } from '../../components/States';
import { fmtInt, fmtMetricCell, fmtTime } from '../../lib/format';
import '../experiments/columns.css';

type Run = CommandOutput<'runs:list'>['runs'][number];
type Dataset = CommandOutput<'data:list'>['datasets'][number];

/** Sweeps are counted only when the research contract is present (probe once, treat NOT_FOUND/absence as 0). */
async function countSweeps(): Promise<number | null> {
  try {
    const call = api.call as (n: string, i: unknown) => Promise<unknown>;
    const r = (await call('sweeps:list', {})) as { total?: number; sweeps?: unknown[] };
    return typeof r.total === 'number' ? r.total : (r.sweeps?.length ?? 0);
  } catch {
    return null;
  }
}

export function DashboardScreen() {
  const info = useApp((s) => s.info);
  const infoError = useApp((s) => s.infoError);
  const goto = useUi((s) => s.goto);
  const [runs, setRuns] = useState<Run[] | null>(null);
  const [datasets, setDatasets] = useState<Dataset[] | null>(null);
  const [sweeps, setSweeps] = useState<number | null>(null);
  const [pairs, setPairs] = useState<number | null>(null);
  const [best, setBest] = useState<Run[] | null>(null);
  // backtests only: walk-forward / Monte-Carlo / stress runs are stored as runs too but are not backtests
  const [backtests, setBacktests] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    void useApp.getState().loadInfo();
    Promise.all([api.call('runs:list', { limit: 8, offset: 0, sortBy: 'createdAt', desc: true }), api.call('data:list', { limit: 5, offset: 0 })])
      .then(([r, d]) => {
        setRuns(r.runs);
        setDatasets(d.datasets);
      })
      .catch(setError);
    void countSweeps().then(setSweeps);
    api
      .call('runs:list', { kind: 'backtest', limit: 5, offset: 0, sortBy: 'sharpe', desc: true })
      .then((r) => {
        setBest(r.runs);
        setBacktests(r.total);
      })
      .catch(() => setBest([]));
    // Experiments = distinct (strategy, data set) pairs studied, from the latest 1,000 runs.
    api
      .call('runs:list', { limit: 1000, offset: 0, sortBy: 'createdAt', desc: true })
      .then((r) => setPairs(new Set(r.runs.map((x) => `${x.strategyId}|${x.datasetId}`)).size))
      .catch(() => setPairs(null));
  }, []);

  return (
    <Screen title="Dashboard" sub="Research workbench · live trading locked">
      {infoError && <ErrorBox error={{ code: 'TRANSPORT', message: infoError }} title="Back end unreachable" />}
      <div className="grid cols-4" style={{ marginBottom: 12 }}>
        <Tile label="Data sets" value={info ? fmtInt(info.counts.datasets) : '…'} hint="imported, synthetic, downloaded" onClick={() => goto('data')} />
        <Tile label="Backtests" value={backtests === null ? '…' : fmtInt(backtests)} hint="stored backtest runs" onClick={() => goto('experiments')} />
        <Tile label="Sweeps" value={sweeps === null ? '—' : fmtInt(sweeps)} hint={sweeps === null ? 'research module not loaded' : 'parameter sweeps'} onClick={() => goto('sweep')} />
        <Tile label="Experiments" value={pairs === null ? '…' : fmtInt(pairs)} hint="strategy × data set pairs studied" onClick={() => goto('experiments')} />
      </div>
      <div className="grid" style={{ gridTemplateColumns: 'minmax(0,2fr) minmax(0,1fr)' }}>
        <Panel title="Recent activity" actions={<button className="btn small" onClick={() => goto('backtest')}>New backtest</button>}>
          {error ? (
            <ErrorBox error={error} />
          ) : !runs || !datasets ? (
            <Loading />
          ) : runs.length === 0 && datasets.length === 0 ? (
            <Empty title="Nothing yet">Import a CSV or generate synthetic data, then run a backtest.</Empty>
          ) : (
            <table className="table" aria-label="Recent activity">
              <thead>
                <tr>
                  <th>When</th>
                  <th>What</th>
                  <th>Details</th>
                  <th className="num">Sharpe</th>
                  <th className="num">Return</th>
                </tr>
              </thead>
              <tbody>
                {mergeActivity(runs, datasets).map((a) => (
                  <tr key={a.key} className="clickable" onClick={a.open}>
                    <td className="mono muted">{fmtTime(a.at, true)}</td>
                    <td>{a.what}</td>
                    <td className="truncate-fill" title={String(a.detail)}>
                      {a.detail}
                    </td>
                    <td className="num">{a.sharpe ?? ''}</td>
                    <td className="num">{a.ret ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Panel>
        <Panel title="System health">
          {!info ? (
            infoError ? <Empty title="No connection" /> : <Loading />
          ) : (
            <dl className="kv" aria-label="System health">
              <dt>Environment</dt>
              <dd>
                <span title={info.environment.mode}>{codePhrase(info.environment.mode)}</span> · <span style={{ color: 'var(--warn)' }}>{info.environment.badge}</span>
              </dd>
              <dt>Live trading</dt>
              <dd>{info.environment.liveTradingEnabled ? 'enabled' : 'disabled (dry-run only)'}</dd>
              <dt>Workers</dt>
              <dd>{info.workers}</dd>
              <dt>Database</dt>
              <dd>{info.dbPath}</dd>
              <dt>Schema</dt>
              <dd>v{info.schemaVersion}</dd>
              <dt>Data dir</dt>
              <dd>{info.dataDir}</dd>
              <dt>Version</dt>
              <dd>
                {info.name} {info.version}
              </dd>
            </dl>
          )}
        </Panel>
      </div>
      <div style={{ marginTop: 12 }}>
        <Panel title="Best backtests by Sharpe" flush>
          {!best ? (
            <Loading />
          ) : best.length === 0 ? (
            <Empty title="No backtests yet">
              Start with <span className="kbd">g b</span> (Backtest) on one of the seeded data sets, or import your own CSV.
            </Empty>
          ) : (
            <table className="table" aria-label="Best backtests">
              <thead>
                <tr>
                  <th className="num">#</th>
                  <th>Strategy</th>
                  <th>Params</th>
                  <th>Data set</th>
                  <th className="num">Sharpe</th>
                  <th className="num">Return</th>
                  <th className="num">Max DD</th>
                  <th className="num">Trades</th>
                </tr>
              </thead>
              <tbody>
                {best.map((r) => (
                  <tr key={r.id} className="clickable" onClick={() => goto('experiments', { run: String(r.id) })}>
                    <td className="num muted">{r.id}</td>
                    <td>{r.strategyId}</td>
                    <ParamsCell params={r.params} />
                    <td>{r.datasetName}</td>
                    <td className="num">{fmtMetricCell('sharpe', r.metrics.sharpe)}</td>
                    <td className="num">{fmtMetricCell('totalReturnPct', r.metrics.totalReturnPct)}</td>
                    <td className="num">{fmtMetricCell('maxDrawdownPct', r.metrics.maxDrawdownPct)}</td>
                    <td className="num">{fmtMetricCell('trades', r.metrics.trades)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Panel>
      </div>
    </Screen>
  );

  function mergeActivity(rs: Run[], ds: Dataset[]) {
    const items = [
      ...rs.map((r) => ({
        key: `r${r.id}`,
        at: r.createdAt,
        what: `Run #${r.id} · ${codeLabel(r.kind)}`,
        detail: `${r.strategyId ?? '—'} on ${r.datasetName ?? r.datasetId ?? '—'}`,
        sharpe: fmtMetricCell('sharpe', r.metrics.sharpe),
        ret: fmtMetricCell('totalReturnPct', r.metrics.totalReturnPct),
        open: () => goto('experiments', { run: String(r.id) }),
      })),
      ...ds.map((d) => ({
        key: `d${d.id}`,
        at: d.createdAt,
        what: `Data set · ${d.source}`,
        detail: `${d.name} (${fmtInt(d.bars)} bars, ${d.intervalLabel})`,
        sharpe: null,
        ret: null,
        open: () => goto('data', { id: d.id }),
      })),
    ];
    return items.sort((a, b) => b.at - a.at).slice(0, 10);
  }
}

function Tile({ label, value, hint, onClick }: { label: string; value: string; hint: string; onClick(): void }) {
  return (
    <button className="panel tile" onClick={onClick} style={{ textAlign: 'left', cursor: 'pointer', font: 'inherit', color: 'inherit' }} aria-label={`${label}: ${value}`}>
      <div className="label">{label}</div>
      <div className="value">{value}</div>
      <div className="hint">{hint}</div>
    </button>
  );
}

/** Parameters as "k=v k=v", taking the remaining width and truncated, the full list in the tooltip. */
function ParamsCell({ params }: { params: Record<string, unknown> }) {
  const text = Object.entries(params)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
  return (
    <td className="mono muted truncate-fill" title={text}>
      {text}
    </td>
  );
}
