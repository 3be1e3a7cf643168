import { useEffect, useState } from 'react';
import { compareDelta } from './compare-delta';
import { codeLabel } from '../../lib/labels';
import { api } from '../../api/client';
import { useRuns, type RunSummary } from './store';
import { useApp } from '../../stores/app';
import { useUi } from '../../stores/ui';
import { Panel } from '../../components/Panel';
import { Screen } from '../../components/Screen';
import { Empty, ErrorBox, Loading } from '../../components/States';
import { MetricsGrid } from '../../components/MetricsGrid';
import { RunResults, type RunDetail } from '../../components/RunResults';
import { CompareChart } from '../../charts/CompareChart';
import { fmtMetricCell, fmtMetricTitle, fmtTime, metricInfo, orderMetricKeys, signClass } from '../../lib/format';
import { formatParams } from '../../../../core/runs/param-label';
import { compareAxisKind } from './compare-axis';
import { ReportPanel } from './ReportPanel';
import './columns.css';

const SORTS = ['createdAt', 'sharpe', 'totalReturnPct', 'maxDrawdownPct', 'cagrPct', 'profitFactor', 'trades', 'winRatePct'];

export function ExperimentsScreen() {
  const { filters, runs, total, error, loading, compare, setFilters, load, toggleCompare, clearCompare } = useRuns();
  const strategies = useApp((s) => s.strategies);
  const params = useUi((s) => s.params);
  const goto = useUi((s) => s.goto);
  const selected = params.run ? Number(params.run) : null;
  const view = params.view === 'compare' ? 'compare' : 'detail';
  const [text, setText] = useState(filters.text);

  useEffect(() => {
    void load();
    void useApp.getState().loadStrategies();
  }, [load]);
  // Debounced text search (250 ms) so typing does not fire a query per key.
  useEffect(() => {
    const t = setTimeout(() => text !== filters.text && setFilters({ text }), 250);
    return () => clearTimeout(t);
  }, [text, filters.text, setFilters]);

  const strategyIds = [...new Set([...(strategies ?? []).map((s) => s.id), ...(runs ?? []).map((r) => r.strategyId ?? '').filter(Boolean)])].sort();

  return (
    <Screen title="Experiments" sub="Every stored run: search, inspect, compare">
      <Panel
        title={`Runs${runs ? ` (${runs.length}${total > runs.length ? ` of ${total}` : ''})` : ''}`}
        actions={
          <div className="actions" style={{ textTransform: 'none', letterSpacing: 0, fontWeight: 400 }}>
            <span>{compare.length} selected</span>
            <button className="btn small primary" disabled={compare.length < 2} onClick={() => goto('experiments', { view: 'compare' })}>
              Compare {compare.length >= 2 ? compare.length : ''}
            </button>
            {compare.length > 0 && (
              <button className="btn small" onClick={clearCompare}>
                Clear
              </button>
            )}
          </div>
        }
        flush
      >
        <div className="actions" style={{ padding: 10, borderBottom: '1px solid var(--border)' }} role="search">
          <input aria-label="Search runs" placeholder="Search text or fast_window=22…" title="Free text matches strategy, data set, kind and note; name=value filters a parameter (fast_window=22 or fast=22)" value={text} onChange={(e) => setText(e.target.value)} style={{ width: 260 }} />
          <select aria-label="Filter by strategy" value={filters.strategyId} onChange={(e) => setFilters({ strategyId: e.target.value })} style={{ width: 170 }}>
            <option value="">All strategies</option>
            {strategyIds.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
          <label className="check">
            From <input type="date" aria-label="From date" value={filters.from} onChange={(e) => setFilters({ from: e.target.value })} style={{ width: 140 }} />
          </label>
          <label className="check">
            To <input type="date" aria-label="To date" value={filters.to} onChange={(e) => setFilters({ to: e.target.value })} style={{ width: 140 }} />
          </label>
          <label className="check">
            Sort by
            <select aria-label="Sort by" value={filters.sortBy} onChange={(e) => setFilters({ sortBy: e.target.value })} style={{ width: 150 }}>
              {SORTS.map((s) => (
                <option key={s} value={s}>
                  {s === 'createdAt' ? 'Date' : metricInfo(s).label}
                </option>
              ))}
            </select>
          </label>
          <button className="btn small" aria-label={filters.desc ? 'Descending' : 'Ascending'} onClick={() => setFilters({ desc: !filters.desc })}>
            {filters.desc ? '↓ desc' : '↑ asc'}
          </button>
          {loading && <div className="spinner" aria-label="Loading runs" />}
        </div>
        {error ? (
          <div className="body">
            <ErrorBox error={error} />
          </div>
        ) : !runs ? (
          <Loading />
        ) : runs.length === 0 ? (
          <Empty title="No runs match">Run a backtest, or loosen the filters.</Empty>
        ) : (
          <RunsTable runs={runs} selected={selected} compare={compare} onToggle={toggleCompare} onOpen={(id) => goto('experiments', { run: String(id) })} />
        )}
      </Panel>
      <div style={{ marginTop: 12 }}>
        {view === 'compare' ? (
          <ComparePanel ids={compare} runs={runs ?? []} />
        ) : selected ? (
          <RunDetailPanel id={selected} kind={runs?.find((r) => r.id === selected)?.kind} />
        ) : (
          <Panel title="Detail">
            <Empty title="Select a run">Click a row for its details; tick 2–4 rows and press Compare to overlay their equity.</Empty>
          </Panel>
        )}
      </div>
    </Screen>
  );
}

function RunsTable({ runs, selected, compare, onToggle, onOpen }: { runs: RunSummary[]; selected: number | null; compare: number[]; onToggle(id: number): void; onOpen(id: number): void }) {
  const cols = ['totalReturnPct', 'sharpe', 'maxDrawdownPct', 'trades', 'winRatePct', 'profitFactor'];
  // hidden first when the window is narrow (columns.css): the engine preset and the two trade statistics
  const low = (c: string) => (c === 'winRatePct' || c === 'profitFactor' ? ' col-low' : '');
  return (
    <div className="table-wrap" style={{ maxHeight: 340 }}>
      <table className="table" aria-label="Runs">
        <thead>
          <tr>
            <th aria-label="Compare" />
            <th className="num">#</th>
            <th>Created</th>
            <th>Strategy</th>
            <th>Data set</th>
            <th className="col-low">Preset</th>
            {cols.map((c) => (
              <th key={c} className={`num${low(c)}`}>
                {metricInfo(c).label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.id} className={`clickable ${selected === r.id ? 'selected' : ''}`} onClick={() => onOpen(r.id)} data-run-id={r.id}>
              <td onClick={(e) => e.stopPropagation()}>
                <input type="checkbox" aria-label={`Compare run ${r.id}`} checked={compare.includes(r.id)} disabled={!compare.includes(r.id) && compare.length >= 4} onChange={() => onToggle(r.id)} />
              </td>
              <td className="num muted">{r.id}</td>
              <td className="mono">{fmtTime(r.createdAt, true)}</td>
              <td>
                {r.strategyId ?? '—'}
                {r.kind !== 'backtest' && (
                  <span className="badge info" style={{ marginLeft: 6 }} title={r.kind}>
                    {codeLabel(r.kind)}
                  </span>
                )}
              </td>
              <td className="truncate" title={r.datasetName ?? ''}>
                {r.datasetName ?? '—'}
              </td>
              <td className="muted col-low">{r.engine?.preset ?? '—'}</td>
              {cols.map((c) => (
                <td key={c} className={`num ${c === 'totalReturnPct' ? signClass(r.metrics[c]) : ''}${low(c)}`} title={fmtMetricTitle(c, r.metrics[c], r.metrics)}>
                  {fmtMetricCell(c, r.metrics[c], r.metrics)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RunDetailPanel({ id, kind }: { id: number; kind?: string }) {
  const [run, setRun] = useState<RunDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const goto = useUi((s) => s.goto);
  useEffect(() => {
    setRun(null);
    setError(null);
    api.call('runs:get', { id }).then(setRun).catch(setError);
  }, [id]);
  if (error) return <ErrorBox error={error} title={`Run #${id}`} />;
  return (
    <div className="grid">
      {!run ? (
        <Panel title={`Run #${id}`}>
          <Loading label={`Loading run #${id}…`} />
        </Panel>
      ) : (
      <Panel
        title={`Run #${run.id} · ${run.strategyId ?? run.kind}`}
        actions={
          <button
            className="btn small"
            onClick={() => goto('backtest', { dataset: run.datasetId ?? '', strategy: run.strategyId ?? '', params: JSON.stringify(run.params) })}
          >
            Re-run in Backtest
          </button>
        }
      >
        <div className="grid cols-2">
          <dl className="kv" aria-label="Run metadata">
            <dt>Kind</dt>
            <dd title={run.kind}>{codeLabel(run.kind)}</dd>
            <dt>Data set</dt>
            <dd>{run.datasetName ?? run.datasetId ?? '—'}</dd>
            <dt>Range</dt>
            <dd>
              {fmtTime(run.fromTime)} → {fmtTime(run.toTime)}
            </dd>
            <dt>Created</dt>
            <dd>{fmtTime(run.createdAt, true)} · {run.durationMs.toFixed(0)} ms</dd>
            <dt>Seed</dt>
            <dd>{run.seed}</dd>
            <dt>Config hash</dt>
            <dd>{run.configHash}</dd>
            {run.note && (
              <>
                <dt>Note</dt>
                <dd>{run.note}</dd>
              </>
            )}
          </dl>
          <dl className="kv" aria-label="Parameters">
            {Object.entries(run.params).map(([k, v]) => (
              <FragmentKV key={k} k={k} v={JSON.stringify(v)} />
            ))}
            {run.engine && (
              <>
                <dt>engine</dt>
                <dd>
                  {run.engine.preset} · fee {(run.engine.commission * 1e4).toFixed(1)} bps · slip {(run.engine.slippage * 1e4).toFixed(1)} bps · {run.engine.sizing.mode} · {run.engine.fill}
                </dd>
              </>
            )}
          </dl>
        </div>
        <details className="raw" style={{ marginTop: 10 }}>
          <summary>Raw JSON</summary>
          <pre>{JSON.stringify({ ...run, trades: `${run.trades.length} trades`, openTrades: run.openTrades.length }, null, 2)}</pre>
        </details>
      </Panel>
      )}
      {(kind ?? run?.kind ?? 'backtest') === 'backtest' ? (
        <RunResults run={run} runId={id} />
      ) : (
        <ReportPanel runId={id} kind={kind ?? run?.kind ?? ''} metrics={run?.metrics ?? null} />
      )}
    </div>
  );
}

function FragmentKV({ k, v }: { k: string; v: string }) {
  return (
    <>
      <dt>{k}</dt>
      <dd>{v}</dd>
    </>
  );
}

function ComparePanel({ ids, runs }: { ids: number[]; runs: RunSummary[] }) {
  const [normalize, setNormalize] = useState(true);
  if (ids.length < 2) {
    return (
      <Panel title="Compare">
        <Empty title="Pick 2–4 runs">Tick the checkboxes in the run list.</Empty>
      </Panel>
    );
  }
  const picked = ids.map((id) => runs.find((r) => r.id === id)).filter((r): r is RunSummary => !!r);
  const labels = ids.map((id) => {
    const r = runs.find((x) => x.id === id);
    // Same strategy twice is the common case: the parameter values tell the curves apart.
    return r ? `#${id} ${r.strategyId ?? r.kind} ${formatParams(r.params)}` : `#${id}`;
  });
  const axis = compareAxisKind(picked.map((r) => r.datasetId));
  const keys = orderMetricKeys([...new Set(picked.flatMap((r) => Object.keys(r.metrics)))]);
  return (
    <div className="grid">
      <Panel
        title={`Compare ${ids.length} runs`}
        actions={
          <label className="check" style={{ textTransform: 'none', letterSpacing: 0, fontWeight: 400 }}>
            <input type="checkbox" checked={normalize} onChange={(e) => setNormalize(e.target.checked)} /> Rebase to 100
          </label>
        }
      >
        {axis === 'days' && <p className="muted" style={{ margin: '0 0 6px' }}>Different data sets: each curve is drawn on days since its own start.</p>}
        <CompareChart runIds={ids} labels={labels} normalize={normalize} axis={axis} />
      </Panel>
      <Panel title="Metrics side by side" flush actions={<span className="muted" style={{ textTransform: 'none', letterSpacing: 0, fontWeight: 400 }}>(Δ vs #{picked[0]?.id}; differences of percentages in pp)</span>}>
        <div className="table-wrap">
          <table className="table" aria-label="Compared metrics">
            <thead>
              <tr>
                <th>Metric</th>
                {labels.map((l) => (
                  <th key={l} className="num">
                    {l}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k}>
                  <td className="muted">{metricInfo(k).label}</td>
                  {picked.map((r, i) => {
                    const d = i === 0 ? null : compareDelta(k, picked[0].metrics[k], r.metrics[k], picked[0].metrics, r.metrics);
                    return (
                      <td key={r.id} className="num" title={fmtMetricTitle(k, r.metrics[k], r.metrics)}>
                        {fmtMetricCell(k, r.metrics[k], r.metrics)}
                        {d && <span className="compare-delta muted" title={`vs #${picked[0].id}`}> ({d})</span>}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Panel>
      {picked.length === 1 && <MetricsGrid metrics={picked[0].metrics} />}
    </div>
  );
}
