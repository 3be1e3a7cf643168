import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, type CommandInput, type CommandOutput } from '../api/client';
import { useApp } from '../stores/app';
import { useUi } from '../stores/ui';
import { useResearch, type GoNoGo } from '../stores/research';
import { Panel } from '../components/Panel';
import { Empty, ErrorBox, Loading } from '../components/States';
import { MetricsGrid } from '../components/MetricsGrid';
import { FanChart } from '../charts/FanChart';
import { LineChart } from '../charts/LineChart';
import { Histogram } from '../charts/Histogram';
import { Plot } from '../charts/Plot';
import { hasCommand } from '../lib/contract-probe';
import { normalizeParamFields, parseRangeSpec, rangeToSpec } from '../lib/param-form';
import { fmtInt, fmtMetricCell, fmtNum, fmtPct, fmtTime, metricInfo, signClass } from '../lib/format';

type Run = CommandOutput<'runs:list'>['runs'][number];
type Sweep = CommandOutput<'sweeps:list'>['sweeps'][number];
type Tab = 'walkforward' | 'montecarlo' | 'stress' | 'overfitting' | 'gonogo';
const TABS: { id: Tab; label: string }[] = [
  { id: 'walkforward', label: 'Walk-forward' },
  { id: 'montecarlo', label: 'Monte-Carlo' },
  { id: 'stress', label: 'Stress' },
  { id: 'overfitting', label: 'PSR / DSR / PBO' },
  { id: 'gonogo', label: 'Go / No-Go' },
];
const STRESS = ['single_crash_bar', 'gap_down_open', 'vol_spike', 'drawdown_extension', 'flash_crash', 'regime_bear', 'regime_sideways'] as const;

export function ResearchScreen() {
  const available = hasCommand('walkforward:run') && hasCommand('montecarlo:run');
  const params = useUi((s) => s.params);
  const goto = useUi((s) => s.goto);
  const [runs, setRuns] = useState<Run[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const { runId, selectRun } = useResearch();
  const tab: Tab = (TABS.find((t) => t.id === params.tab)?.id ?? 'walkforward') as Tab;

  useEffect(() => {
    if (!available) return;
    void useApp.getState().loadStrategies();
    api
      .call('runs:list', { kind: 'backtest', limit: 200, offset: 0, sortBy: 'createdAt', desc: true })
      .then((r) => {
        setRuns(r.runs);
        const want = params.run ? Number(params.run) : (useResearch.getState().runId ?? r.runs[0]?.id ?? null);
        selectRun(want);
      })
      .catch(setError);
  }, [available]);
  const run = runs?.find((r) => r.id === runId) ?? null;

  return (
    <>
      <div className="screen-title">
        <h1>Research</h1>
        <span className="sub">Is the edge real? Walk-forward, Monte-Carlo, stress, overfitting statistics, Go/No-Go</span>
      </div>
      {!available ? (
        <Panel title="Robustness">
          <Empty title="Research commands are not available in this build" />
        </Panel>
      ) : error ? (
        <ErrorBox error={error} />
      ) : !runs ? (
        <Loading />
      ) : runs.length === 0 ? (
        <Panel title="Robustness">
          <Empty title="No backtest to study">
            Research starts from a stored backtest.{' '}
            <button className="btn small" onClick={() => goto('backtest')}>
              Run a backtest
            </button>
          </Empty>
        </Panel>
      ) : (
        <>
          <div className="panel" style={{ padding: '8px 12px', marginBottom: 12 }}>
            <div className="actions">
              <label className="check" htmlFor="research-run">
                Subject run
              </label>
              <select id="research-run" aria-label="Subject run" value={runId ?? ''} onChange={(e) => selectRun(Number(e.target.value))} style={{ width: 420 }}>
                {runs.map((r) => (
                  <option key={r.id} value={r.id}>
                    #{r.id} · {r.strategyId} on {r.datasetName} · Sharpe {fmtMetricCell('sharpe', r.metrics.sharpe)}
                  </option>
                ))}
              </select>
              {run && (
                <span className="muted mono" style={{ fontSize: 12 }}>
                  {Object.entries(run.params)
                    .map(([k, v]) => `${k}=${String(v)}`)
                    .join(' ')}{' '}
                  · seed {run.seed}
                </span>
              )}
            </div>
          </div>
          <div className="tabs" role="tablist" aria-label="Research">
            {TABS.map((t) => (
              <button key={t.id} role="tab" aria-selected={tab === t.id} onClick={() => goto('research', { ...params, tab: t.id })}>
                {t.label}
              </button>
            ))}
          </div>
          {run && tab === 'walkforward' && <WalkForward run={run} />}
          {run && tab === 'montecarlo' && <MonteCarlo run={run} />}
          {run && tab === 'stress' && <Stress run={run} />}
          {tab === 'overfitting' && <Overfitting run={run} />}
          {run && tab === 'gonogo' && <GoNoGoTab run={run} />}
        </>
      )}
    </>
  );
}

/** Shared "run this analysis" scaffold: a form panel on the left, results on the right. */
function Study({ form, busy, error, onRun, runLabel, children, progress, onCancel }: { form: ReactNode; busy: boolean; error: unknown; onRun(): void; runLabel: string; children: ReactNode; progress?: string; onCancel?: () => void }) {
  return (
    <div className="split">
      <form
        className="panel"
        onSubmit={(e) => {
          e.preventDefault();
          onRun();
        }}
        aria-label={`${runLabel} settings`}
      >
        <header>Settings</header>
        <div className="body grid" style={{ gap: 10 }}>
          {form}
          <div className="actions">
            <button className="btn primary" type="submit" disabled={busy}>
              {busy ? 'Running…' : runLabel}
            </button>
            {busy && onCancel && (
              <button className="btn danger" type="button" onClick={onCancel}>
                Cancel
              </button>
            )}
          </div>
          {busy && progress && (
            <span className="muted mono" style={{ fontSize: 12 }} role="status">
              {progress}
            </span>
          )}
          {error ? <ErrorBox error={error} /> : null}
        </div>
      </form>
      <div className="grid">{children}</div>
    </div>
  );
}

function useJob<T>() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [progress, setProgress] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  useEffect(
    () =>
      api.on('jobs:did-progress', (p) => {
        if (!busy) return;
        setJobId(p.jobId);
        setProgress(`${p.kind}: ${fmtInt(p.done)}${p.total ? ` / ${fmtInt(p.total)}` : ''}${p.etaSec ? ` · ETA ${p.etaSec.toFixed(0)} s` : ''}`);
      }),
    [busy],
  );
  // Cancelling makes the running command fail with CANCELLED, which lands in `error` like any failure.
  const cancel = jobId ? () => void api.call('jobs:cancel', { jobId }).catch(() => undefined) : undefined;
  async function run(fn: () => Promise<T>, done: (v: T) => void) {
    setBusy(true);
    setError(null);
    setProgress('');
    setJobId(null);
    try {
      done(await fn());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, progress, run, cancel };
}

// ---- walk-forward ----------------------------------------------------------------------------------------

function WalkForward({ run }: { run: Run }) {
  const strategies = useApp((s) => s.strategies);
  const { wf, set } = useResearch();
  const fields = useMemo(() => normalizeParamFields(strategies?.find((s) => s.id === run.strategyId)?.params ?? []), [strategies, run.strategyId]);
  const [train, setTrain] = useState('365d');
  const [test, setTest] = useState('90d');
  const [mode, setMode] = useState<'rolling' | 'anchored'>('rolling');
  const [metric, setMetric] = useState('sharpe');
  const [grid, setGrid] = useState<Record<string, string>>({});
  const job = useJob<CommandOutput<'walkforward:run'>>();
  useEffect(() => {
    const g: Record<string, string> = {};
    for (const f of fields) if (f.sweep && f.kind !== 'enum') g[f.name] = rangeToSpec(f.sweep);
    setGrid(g);
  }, [fields]);

  const submit = () => {
    const g: NonNullable<CommandInput<'walkforward:run'>['grid']> = {};
    for (const [k, spec] of Object.entries(grid)) {
      if (!spec.trim()) continue;
      const r = parseRangeSpec(k, spec);
      if ('error' in r) return void job.run(() => Promise.reject({ code: 'BAD_INPUT', message: r.error }), () => undefined);
      g[k] = r.kind === 'range' ? { kind: 'range', min: r.min ?? 0, max: r.max ?? 0, step: r.step ?? 1 } : { kind: 'values', values: r.values ?? [] };
    }
    const fixed = Object.fromEntries(Object.entries(run.params).filter(([k]) => !(k in g))) as Record<string, number | string | boolean | null>;
    const win = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s) : s.trim());
    void job.run(
      () =>
        api.call('walkforward:run', {
          datasetId: run.datasetId ?? '',
          strategyId: run.strategyId ?? '',
          params: fixed,
          grid: g,
          train: win(train),
          test: win(test),
          mode,
          metric,
          engine: run.engine ?? {},
          seed: run.seed,
        }),
      (r) => set({ wf: r }),
    );
  };

  const s = wf?.summary;
  return (
    <Study
      runLabel="Run walk-forward"
      busy={job.busy}
      error={job.error}
      progress={job.progress}
      onCancel={job.cancel}
      onRun={submit}
      form={
        <>
          <div className="field-row">
            <label className="field">
              Train window
              <input value={train} onChange={(e) => setTrain(e.target.value)} placeholder="365d or bars" />
            </label>
            <label className="field">
              Test window
              <input value={test} onChange={(e) => setTest(e.target.value)} placeholder="90d or bars" />
            </label>
            <label className="field">
              Windows
              <select value={mode} onChange={(e) => setMode(e.target.value as 'rolling' | 'anchored')}>
                <option value="rolling">Rolling</option>
                <option value="anchored">Anchored (expanding)</option>
              </select>
            </label>
            <label className="field">
              Optimise
              <select value={metric} onChange={(e) => setMetric(e.target.value)}>
                {['sharpe', 'totalReturn', 'annualReturn'].map((m) => (
                  <option key={m} value={m}>
                    {metricInfo(m).label}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <fieldset>
            <legend>In-sample grid (empty = fixed at the run's value)</legend>
            <div className="grid" style={{ gap: 6 }}>
              {fields
                .filter((f) => f.kind !== 'enum' && f.kind !== 'boolean')
                .map((f) => (
                  <label key={f.name} className="field">
                    <span className="mono">{f.name}</span>
                    <input aria-label={`Walk-forward range ${f.name}`} value={grid[f.name] ?? ''} placeholder={`fixed ${String(run.params[f.name] ?? '')}`} onChange={(e) => setGrid({ ...grid, [f.name]: e.target.value })} />
                  </label>
                ))}
            </div>
          </fieldset>
        </>
      }
    >
      {!s ? (
        <Panel title="Walk-forward">
          <Empty title="Not run yet">Each window optimises the grid in-sample, then trades the winner out-of-sample; the OOS segments are stitched.</Empty>
        </Panel>
      ) : (
        <>
          <Panel title={`Stitched out-of-sample equity · ${s.folds.length} windows · grid ${fmtInt(s.gridSize)}`}>
            <div className="metrics" style={{ marginBottom: 10 }}>
              <Metric k="OOS total return" v={fmtPct(s.stitchedTotalReturn)} cls={signClass(s.stitchedTotalReturn)} />
              <Metric k="OOS Sharpe" v={fmtNum(s.stitchedSharpe, 3)} />
              <Metric k="OOS max drawdown" v={fmtPct(s.stitchedMaxDrawdown)} />
              <Metric k="WF efficiency" v={fmtNum(s.efficiency, 3)} hint="mean OOS ÷ mean IS annual return" />
              <Metric k="Mean IS ann. return" v={fmtPct(s.meanIsAnnualReturn)} />
              <Metric k="Mean OOS ann. return" v={fmtPct(s.meanOosAnnualReturn)} />
            </div>
            <LineChart series={[{ x: s.stitched.time, y: s.stitched.equity, name: 'OOS equity', color: '#4c9aff' }]} label="Stitched OOS equity" yTitle="Equity" />
          </Panel>
          <Panel title="Windows" flush>
            <div className="table-wrap">
              <table className="table" aria-label="Walk-forward windows">
                <thead>
                  <tr>
                    <th className="num">#</th>
                    <th>Train</th>
                    <th>Test</th>
                    <th>Chosen params</th>
                    <th className="num">IS Sharpe</th>
                    <th className="num">OOS Sharpe</th>
                    <th className="num">OOS return</th>
                    <th className="num">OOS max DD</th>
                    <th className="num">OOS trades</th>
                  </tr>
                </thead>
                <tbody>
                  {s.folds.map((f) => (
                    <tr key={f.window.index}>
                      <td className="num muted">{f.window.index + 1}</td>
                      <td className="mono">
                        {fmtTime(f.trainFrom, false)} → {fmtTime(f.trainTo, false)}
                      </td>
                      <td className="mono">
                        {fmtTime(f.testFrom, false)} → {fmtTime(f.testTo, false)}
                      </td>
                      <td className="mono">{Object.entries(f.params).map(([k, v]) => `${k}=${String(v)}`).join(' ')}</td>
                      <td className="num">{fmtNum(f.is.sharpe, 3)}</td>
                      <td className={`num ${signClass(f.oos.sharpe)}`}>{fmtNum(f.oos.sharpe, 3)}</td>
                      <td className={`num ${signClass(f.oos.totalReturn)}`}>{fmtPct(f.oos.totalReturn)}</td>
                      <td className="num">{fmtPct(f.oos.maxDrawdown)}</td>
                      <td className="num">{fmtInt(f.oos.trades)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Panel>
          <Panel title="Aggregates">
            <MetricsGrid metrics={s.aggregates} label="Walk-forward aggregates" />
          </Panel>
        </>
      )}
    </Study>
  );
}

function Metric({ k, v, cls = '', hint }: { k: string; v: string; cls?: string; hint?: string }) {
  return (
    <div className="metric" title={hint}>
      <div className="k">{k}</div>
      <div className={`v ${cls}`}>{v}</div>
    </div>
  );
}

// ---- Monte-Carlo ----------------------------------------------------------------------------------------

function MonteCarlo({ run }: { run: Run }) {
  const { mc, set } = useResearch();
  const [method, setMethod] = useState<'iid' | 'block' | 'trade_shuffle'>('block');
  const [nPaths, setNPaths] = useState('2000');
  const [block, setBlock] = useState('20');
  const [seed, setSeed] = useState(String(run.seed));
  const job = useJob<CommandOutput<'montecarlo:run'>>();
  const submit = () =>
    void job.run(
      () => api.call('montecarlo:run', { source: { runId: run.id }, method, nPaths: Number(nPaths), blockSize: Number(block), seed: Number(seed) }),
      (r) => set({ mc: r }),
    );
  const s = mc?.summary;
  const rows: [string, keyof NonNullable<typeof s>, 'money' | 'frac' | 'ratio'][] = [
    ['Final equity', 'finalEquity', 'money'],
    ['Total return', 'totalReturn', 'frac'],
    ['CAGR', 'cagr', 'frac'],
    ['Max drawdown', 'maxDrawdown', 'frac'],
    ['Sharpe (ann.)', 'sharpe', 'ratio'],
  ];
  const fmt = (v: number, k: 'money' | 'frac' | 'ratio') => (k === 'money' ? fmtNum(v, 0) : k === 'frac' ? fmtPct(v) : fmtNum(v, 3));
  return (
    <Study
      runLabel="Run Monte-Carlo"
      busy={job.busy}
      error={job.error}
      progress={job.progress}
      onCancel={job.cancel}
      onRun={submit}
      form={
        <div className="field-row">
          <label className="field">
            Method
            <select value={method} onChange={(e) => setMethod(e.target.value as typeof method)}>
              <option value="iid">iid bootstrap (bars)</option>
              <option value="block">Block bootstrap (bars)</option>
              <option value="trade_shuffle">Trade-order shuffle</option>
            </select>
          </label>
          <label className="field">
            Paths
            <input inputMode="numeric" value={nPaths} onChange={(e) => setNPaths(e.target.value)} />
          </label>
          {method === 'block' && (
            <label className="field">
              Block size (bars)
              <input inputMode="numeric" value={block} onChange={(e) => setBlock(e.target.value)} />
            </label>
          )}
          <label className="field">
            Seed
            <input inputMode="numeric" value={seed} onChange={(e) => setSeed(e.target.value)} />
          </label>
        </div>
      }
    >
      {!s ? (
        <Panel title="Monte-Carlo">
          <Empty title="Not run yet">Resamples the run's returns into many alternative histories: how bad can it plausibly get?</Empty>
        </Panel>
      ) : (
        <>
          <Panel title={`Fan chart · ${fmtInt(s.nPaths)} paths · ${s.method}`}>
            <div className="metrics" style={{ marginBottom: 10 }}>
              <Metric k="P(loss)" v={fmtPct(s.probLoss)} cls={s.probLoss > 0.5 ? 'neg' : ''} />
              <Metric k="Median final equity" v={fmtNum(s.finalEquity.p50, 0)} />
              <Metric k="p5 final equity" v={fmtNum(s.finalEquity.p5, 0)} />
              <Metric k="p5 max drawdown" v={fmtPct(s.maxDrawdown.p5)} />
              <Metric k="Median Sharpe" v={fmtNum(s.sharpe.p50, 3)} />
              <Metric k="Seed" v={String(s.seed)} />
            </div>
            <FanChart fan={s.fan} initial={s.initialEquity} />
          </Panel>
          <Panel title="Distributions" flush>
            <table className="table" aria-label="Monte-Carlo percentiles">
              <thead>
                <tr>
                  <th>Figure</th>
                  {['p5', 'p25', 'p50', 'p75', 'p95', 'mean', 'std'].map((p) => (
                    <th key={p} className="num">
                      {p}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map(([label, key, kind]) => {
                  const d = s[key] as { p5: number; p25: number; p50: number; p75: number; p95: number; mean: number; std: number };
                  return (
                    <tr key={label}>
                      <td className="muted">{label}</td>
                      {(['p5', 'p25', 'p50', 'p75', 'p95', 'mean', 'std'] as const).map((p) => (
                        <td key={p} className="num">
                          {fmt(d[p], kind)}
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </Panel>
        </>
      )}
    </Study>
  );
}

// ---- stress ----------------------------------------------------------------------------------------------

function Stress({ run }: { run: Run }) {
  const { stress, set } = useResearch();
  const [picked, setPicked] = useState<Record<string, boolean>>(Object.fromEntries(STRESS.map((k) => [k, true])));
  const [position, setPosition] = useState<'start' | 'middle' | 'end'>('middle');
  const [severity, setSeverity] = useState('');
  const job = useJob<CommandOutput<'stress:run'>>();
  const submit = () => {
    const scenarios = STRESS.filter((k) => picked[k]);
    const sev = severity.trim() ? Number(severity) / 100 : undefined;
    void job.run(() => api.call('stress:run', { source: { runId: run.id }, scenarios, position, ...(sev !== undefined ? { severity: sev } : {}) }), (r) => set({ stress: r }));
  };
  const s = stress?.summary;
  const cols = ['totalReturn', 'maxDrawdown', 'sharpe', 'cagr', 'volatility'] as const;
  return (
    <Study
      runLabel="Run stress tests"
      busy={job.busy}
      error={job.error}
      progress={job.progress}
      onCancel={job.cancel}
      onRun={submit}
      form={
        <>
          <fieldset>
            <legend>Scenarios</legend>
            <div className="grid" style={{ gap: 4 }}>
              {STRESS.map((k) => (
                <label key={k} className="check">
                  <input type="checkbox" checked={!!picked[k]} onChange={(e) => setPicked({ ...picked, [k]: e.target.checked })} />
                  <span className="mono">{k}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <div className="field-row">
            <label className="field">
              Position
              <select value={position} onChange={(e) => setPosition(e.target.value as typeof position)}>
                <option value="start">start</option>
                <option value="middle">middle</option>
                <option value="end">end</option>
              </select>
            </label>
            <label className="field">
              Severity % (blank = scenario default)
              <input inputMode="decimal" value={severity} onChange={(e) => setSeverity(e.target.value)} />
            </label>
          </div>
        </>
      }
    >
      {!s ? (
        <Panel title="Stress">
          <Empty title="Not run yet">Injects crashes, gaps, volatility spikes and regimes into the run's returns and compares with the baseline.</Empty>
        </Panel>
      ) : (
        <Panel title="Baseline vs stressed" flush>
          <div className="table-wrap">
            <table className="table" aria-label="Stress results">
              <thead>
                <tr>
                  <th>Scenario</th>
                  <th className="num">Severity</th>
                  {cols.map((c) => (
                    <th key={c} className="num">
                      {metricInfo(c).label}
                    </th>
                  ))}
                  <th className="num">Δ return</th>
                  <th className="num">Δ max DD</th>
                </tr>
              </thead>
              <tbody>
                <tr style={{ fontWeight: 600 }}>
                  <td>baseline</td>
                  <td className="num">—</td>
                  {cols.map((c) => (
                    <td key={c} className="num">
                      {fmtMetricCell(c, s.baseline[c])}
                    </td>
                  ))}
                  <td />
                  <td />
                </tr>
                {s.results.map((r, i) => (
                  <tr key={i}>
                    <td className="mono">
                      {r.scenario.kind} <span className="muted">@{r.scenario.position}</span>
                    </td>
                    <td className="num">{fmtPct(r.scenario.severity, 1)}</td>
                    {cols.map((c) => (
                      <td key={c} className="num">
                        {fmtMetricCell(c, r.stressed[c])}
                      </td>
                    ))}
                    <td className={`num ${signClass(r.diff.totalReturn)}`}>{fmtPct(r.diff.totalReturn, 2, true)}</td>
                    <td className={`num ${signClass(r.diff.maxDrawdown)}`}>{fmtPct(r.diff.maxDrawdown, 2, true)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Panel>
      )}
    </Study>
  );
}

// ---- overfitting -----------------------------------------------------------------------------------------

function Overfitting({ run }: { run: Run | null }) {
  const { overfit, set } = useResearch();
  const [sweeps, setSweeps] = useState<Sweep[] | null>(null);
  const [sweepId, setSweepId] = useState<number | null>(null);
  const job = useJob<CommandOutput<'research:overfitting'>>();
  useEffect(() => {
    api
      .call('sweeps:list', { limit: 100, offset: 0 })
      .then((r) => {
        const done = r.sweeps.filter((s) => s.status === 'done');
        setSweeps(done);
        setSweepId(done.find((s) => s.strategyId === run?.strategyId && s.datasetId === run?.datasetId)?.id ?? done[0]?.id ?? null);
      })
      .catch(() => setSweeps([]));
  }, [run?.strategyId, run?.datasetId]);
  const submit = () => {
    if (sweepId === null) return;
    void job.run(() => api.call('research:overfitting', { sweepId }), (r) => set({ overfit: r }));
  };
  const o = overfit;
  const scatter = useMemo(
    () =>
      o
        ? [
            { type: 'scatter', mode: 'markers', x: o.isOos.map((p) => p[0]), y: o.isOos.map((p) => p[1]), marker: { size: 4, color: 'rgba(76,154,255,0.6)' }, name: 'splits', hovertemplate: 'IS %{x:.3f} → OOS %{y:.3f}<extra></extra>' },
          ]
        : [],
    [o],
  );
  return (
    <Study
      runLabel="Compute PSR / DSR / PBO"
      busy={job.busy}
      error={job.error}
      progress={job.progress}
      onCancel={job.cancel}
      onRun={submit}
      form={
        !sweeps ? (
          <Loading />
        ) : sweeps.length === 0 ? (
          <Empty title="No finished sweep">Overfitting statistics need a finished sweep (its size is the number of trials).</Empty>
        ) : (
          <label className="field">
            Sweep (trials)
            <select value={sweepId ?? ''} onChange={(e) => setSweepId(Number(e.target.value))}>
              {sweeps.map((s) => (
                <option key={s.id} value={s.id}>
                  #{s.id} · {s.preset ?? s.strategyId} · {fmtInt(s.total)} combos
                </option>
              ))}
            </select>
          </label>
        )
      }
    >
      {!o ? (
        <Panel title="Overfitting statistics">
          <Empty title="Not computed yet">Probabilistic and Deflated Sharpe of the sweep's best combination, and the Probability of Backtest Overfitting (CSCV).</Empty>
        </Panel>
      ) : (
        <>
          <Panel title={`Sweep #${o.sweepId} · ${fmtInt(o.nTrials)} trials · S = ${o.blocks} blocks · ${fmtInt(o.nSplits)} splits`}>
            <div className="metrics">
              <Metric k="PSR" v={fmtNum(o.psr, 4)} cls={o.psr >= 0.95 ? 'pos' : 'neg'} hint="P(true Sharpe > 0)" />
              <Metric k="DSR" v={fmtNum(o.dsr, 4)} cls={o.dsr >= 0.95 ? 'pos' : 'neg'} hint="PSR against the deflated benchmark SR*" />
              <Metric k="PBO" v={fmtNum(o.pbo, 4)} cls={o.pbo <= 0.5 ? 'pos' : 'neg'} hint="share of splits where the IS-best ranks below the OOS median" />
              <Metric k="SR* (ann.)" v={fmtNum(o.srStarAnnual, 3)} />
              <Metric k="Best Sharpe (ann.)" v={fmtNum(o.best.sharpe, 3)} />
              <Metric k="P(OOS loss)" v={fmtPct(o.probOosLoss)} />
              <Metric k="Skew" v={fmtNum(o.skew, 3)} />
              <Metric k="Kurtosis (raw)" v={fmtNum(o.kurtosis, 3)} />
            </div>
            <div className="muted mono" style={{ fontSize: 11, marginTop: 6 }}>
              best: {Object.entries(o.best.params).map(([k, v]) => `${k}=${String(v)}`).join(' ')} · per-period SR {fmtNum(o.perPeriodSharpe, 5)} over n = {fmtInt(o.n)}
            </div>
          </Panel>
          <div className="grid cols-2">
            <Panel title="Logit distribution (lambda ≤ 0 → overfit)">
              <Histogram bins={edgesToBins(o.logitHistogram)} unit="λ" label="PBO logit histogram" />
            </Panel>
            <Panel title="IS vs OOS Sharpe of the IS-best (per period)">
              <Plot data={scatter} layout={{ xaxis: { title: { text: 'IS' } }, yaxis: { title: { text: 'OOS' } }, hovermode: 'closest' }} height={220} label="IS vs OOS Sharpe" />
            </Panel>
          </div>
        </>
      )}
    </Study>
  );
}

/** Histogram given as edges + counts (edges one longer) → centres, counts and bar width. */
function edgesToBins(h: { edges: number[]; counts: number[] }): { centers: number[]; counts: number[]; width: number } {
  const centers = h.counts.map((_, i) => (h.edges[i] + h.edges[i + 1]) / 2);
  return { centers, counts: h.counts, width: h.edges.length > 1 ? h.edges[1] - h.edges[0] : 1 };
}

// ---- Go / No-Go ------------------------------------------------------------------------------------------

function GoNoGoTab({ run }: { run: Run }) {
  const strategies = useApp((s) => s.strategies);
  const { wf, mc, stress, overfit, gonogo, set } = useResearch();
  const [profile, setProfile] = useState<'conservative' | 'moderate' | 'aggressive'>('moderate');
  const job = useJob<GoNoGo>();
  const tier = strategies?.find((s) => s.id === run.strategyId)?.tier ?? null;
  const crash = stress?.summary.results.find((r) => r.scenario.kind === 'single_crash_bar');
  const input: CommandInput<'research:gonogo'> = {
    tier,
    riskProfile: profile,
    metrics: { sharpe: run.metrics.sharpe, maxDrawdownPct: run.metrics.maxDrawdownPct, trades: run.metrics.trades, profitFactor: run.metrics.profitFactor },
    oosSharpe: wf?.summary.stitchedSharpe ?? null,
    dsr: overfit?.dsr ?? null,
    pbo: overfit?.pbo ?? null,
    crashDrawdown: crash?.stressed.maxDrawdown ?? null,
    mc: mc ? { maxDrawdownP5: mc.summary.maxDrawdown.p5, probLoss: mc.summary.probLoss } : null,
  };
  const submit = () => void job.run(() => api.call('research:gonogo', input), (r) => set({ gonogo: r }));
  const have = [
    ['Backtest metrics', true],
    ['Walk-forward OOS Sharpe', !!wf],
    ['DSR / PBO (sweep)', !!overfit],
    ['Stress (single crash)', !!crash],
    ['Monte-Carlo', !!mc],
  ] as const;
  return (
    <Study
      runLabel="Evaluate Go / No-Go"
      busy={job.busy}
      error={job.error}
      progress={job.progress}
      onCancel={job.cancel}
      onRun={submit}
      form={
        <>
          <label className="field">
            Risk profile
            <select value={profile} onChange={(e) => setProfile(e.target.value as typeof profile)}>
              <option value="conservative">conservative</option>
              <option value="moderate">moderate</option>
              <option value="aggressive">aggressive</option>
            </select>
          </label>
          <div className="muted" style={{ fontSize: 12 }}>
            Tier: <span className="badge info">{tier ?? 'unknown'}</span>
          </div>
          <ul style={{ margin: 0, paddingLeft: 18, fontSize: 12 }} aria-label="Evidence">
            {have.map(([label, ok]) => (
              <li key={label} className={ok ? 'pos' : 'muted'}>
                {ok ? '✓' : '○'} {label}
              </li>
            ))}
          </ul>
          <div className="muted" style={{ fontSize: 11 }}>Missing evidence makes required criteria INCONCLUSIVE — run the other tabs first.</div>
        </>
      }
    >
      {!gonogo ? (
        <Panel title="Go / No-Go">
          <Empty title="Not evaluated yet">The verdict applies SPEC's thresholds (config/gonogo.toml) to everything computed so far.</Empty>
        </Panel>
      ) : (
        <GoNoGoCard result={gonogo} />
      )}
    </Study>
  );
}

export function GoNoGoCard({ result }: { result: GoNoGo }) {
  const cls = result.verdict === 'GO' ? 'go' : result.verdict === 'NO_GO' ? 'nogo' : 'locked';
  const color = result.verdict === 'GO' ? 'var(--good)' : result.verdict === 'NO_GO' ? 'var(--bad)' : 'var(--warn)';
  return (
    <Panel title={`Verdict · ${result.riskProfile} · tier ${result.tier ?? '—'}`}>
      <div className="gonogo" aria-label="Go/No-Go verdict">
        <div className="actions">
          <span className="verdict" style={{ color }} data-testid="verdict">
            {result.verdict.replace('_', '-')}
          </span>
          <span className={`badge ${cls}`}>{result.checks.filter((c) => c.status === 'pass').length} / {result.checks.length} criteria pass</span>
        </div>
        {result.reasons.length > 0 && (
          <ul aria-label="Reasons">
            {result.reasons.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        )}
        <table className="table" aria-label="Go/No-Go checks">
          <thead>
            <tr>
              <th>Criterion</th>
              <th>Status</th>
              <th className="num">Value</th>
              <th className="num">Threshold</th>
              <th>Required</th>
            </tr>
          </thead>
          <tbody>
            {result.checks.map((c, i) => (
              <tr key={i} title={c.message}>
                <td>{c.criterion}</td>
                <td className={c.status === 'pass' ? 'pos' : c.status === 'fail' ? 'neg' : 'muted'}>{c.status}</td>
                <td className="num">{fmtCheck(c.value, c.unit)}</td>
                <td className="num">
                  {c.comparison} {fmtCheck(c.threshold, c.unit)}
                </td>
                <td className="muted">{c.required ? 'yes' : 'no'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}

function fmtCheck(v: number | string | null, unit: string): string {
  if (v === null) return '—';
  if (typeof v === 'string') return v;
  if (unit === '%') return fmtPct(v);
  return `${fmtNum(v, Number.isInteger(v) ? 0 : 3)}${unit && unit !== '%' ? ` ${unit}` : ''}`;
}
