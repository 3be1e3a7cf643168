import { useEffect, useMemo, useState } from 'react';
import { api, type CommandInput, type CommandOutput } from '../api/client';
import { useApp } from '../stores/app';
import { useData } from '../stores/data';
import { useUi } from '../stores/ui';
import { useSweep, type SweepRow } from '../stores/sweep';
import { Panel } from '../components/Panel';
import { Empty, ErrorBox, Loading } from '../components/States';
import { StrategyPicker } from '../components/StrategyPicker';
import { Heatmap } from '../charts/Heatmap';
import { hasCommand } from '../lib/contract-probe';
import { normalizeParamFields, parseRangeSpec, rangeCount, rangeToSpec, type ParamField, type SweepRangeDesc } from '../lib/param-form';
import { fmtDuration, fmtInt, fmtMetricCell, fmtTime, metricInfo } from '../lib/format';
import { errorInfo } from '../lib/errors';

type Preset = CommandOutput<'sweeps:presets'>['presets'][number];
type Heat = CommandOutput<'sweeps:heatmap'>;
const METRICS = ['sharpe', 'totalReturnPct', 'sortino', 'calmar', 'maxDrawdownPct', 'profitFactor', 'winRatePct', 'trades', 'cagrPct'];

export function SweepScreen() {
  if (!hasCommand('sweeps:start')) {
    return (
      <>
        <Title />
        <Panel title="Sweep">
          <Empty title="Sweeps are not available in this build">The back end does not expose the sweeps:* commands.</Empty>
        </Panel>
      </>
    );
  }
  return <SweepWorkbench />;
}

function Title() {
  return (
    <div className="screen-title">
      <h1>Sweep</h1>
      <span className="sub">Grid, preset or seeded random search on every core · resumable</span>
    </div>
  );
}

function SweepWorkbench() {
  const sw = useSweep();
  const params = useUi((s) => s.params);

  useEffect(() => {
    void sw.loadList();
    return api.on('sweeps:did-progress', (p) => useSweep.getState().onProgress(p));
  }, []);
  useEffect(() => {
    if (params.sweep) void useSweep.getState().open(Number(params.sweep));
  }, [params.sweep]);

  return (
    <>
      <Title />
      <div className="split">
        <div className="grid">
          <SweepSetup />
          <SweepList />
        </div>
        <div className="grid">{sw.activeId === null ? <Panel title="Sweep"><Empty title="No sweep selected">Launch one, or pick a stored sweep on the left.</Empty></Panel> : <ActiveSweep />}</div>
      </div>
    </>
  );
}

function SweepSetup() {
  const strategies = useApp((s) => s.strategies);
  const datasets = useData((s) => s.datasets);
  const goto = useUi((s) => s.goto);
  const [datasetId, setDatasetId] = useState('');
  const [strategyId, setStrategyId] = useState('ma_crossover');
  const [showRnd, setShowRnd] = useState(false);
  const [presets, setPresets] = useState<Preset[]>([]);
  const [preset, setPreset] = useState('');
  const [specs, setSpecs] = useState<Record<string, string>>({});
  const [swept, setSwept] = useState<Record<string, boolean>>({});
  const [random, setRandom] = useState('');
  const [metric, setMetric] = useState('sharpe');
  const [seed, setSeed] = useState('42');
  const [enginePreset, setEnginePreset] = useState<'default' | 'backtesting-py'>('default');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    void useApp.getState().loadStrategies();
    void useData.getState().load();
    api
      .call('sweeps:presets', {})
      .then((r) => setPresets(r.presets))
      .catch(() => setPresets([]));
  }, []);
  useEffect(() => {
    if (!datasetId && datasets?.length) setDatasetId(datasets[0].id);
  }, [datasets, datasetId]);

  const strategy = strategies?.find((s) => s.id === strategyId);
  const fields = useMemo(() => normalizeParamFields(strategy?.params ?? []), [strategy]);
  const presetObj = presets.find((p) => p.name === preset);
  useEffect(() => {
    // Default grid: the preset's ranges if chosen, else the strategy's own sweep ranges.
    const s: Record<string, string> = {};
    const on: Record<string, boolean> = {};
    for (const f of fields) {
      const r = (presetObj?.grid[f.name] as SweepRangeDesc | undefined) ?? f.sweep;
      on[f.name] = presetObj ? f.name in presetObj.grid : !!f.sweep && f.kind !== 'enum';
      s[f.name] = on[f.name] && r ? rangeToSpec(r) : String(f.default ?? '');
    }
    setSpecs(s);
    setSwept(on);
  }, [fields, presetObj]);

  // Ticking a parameter fills in its sweep range; unticking holds it at its default.
  const toggle = (f: ParamField, on: boolean) => {
    setSwept({ ...swept, [f.name]: on });
    const r = (presetObj?.grid[f.name] as SweepRangeDesc | undefined) ?? f.sweep;
    setSpecs({ ...specs, [f.name]: on && r ? rangeToSpec(r) : String(f.default ?? '') });
  };
  const parsed = fields.filter((f) => swept[f.name]).map((f) => [f, parseRangeSpec(f.name, specs[f.name] ?? '')] as const);
  const gridErrors = parsed.filter(([, r]) => 'error' in r).map(([, r]) => (r as { error: string }).error);
  const combos = parsed.reduce((n, [, r]) => n * ('error' in r ? 0 : rangeCount(r)), 1);

  async function launch() {
    setError(null);
    if (gridErrors.length) return setError({ code: 'BAD_INPUT', message: gridErrors.join('\n') });
    const grid: Record<string, string> = {};
    for (const [f] of parsed) grid[f.name] = specs[f.name];
    const fixed: Record<string, number | string | boolean | null> = {};
    for (const f of fields) if (!swept[f.name]) fixed[f.name] = coerceFixed(f, specs[f.name]);
    const n = random.trim() ? Number(random) : undefined;
    if (n !== undefined && (!Number.isInteger(n) || n <= 0)) return setError({ code: 'BAD_INPUT', message: `random: expected a positive integer, got "${random}"` });
    const input: CommandInput<'sweeps:start'> = {
      datasetId,
      strategyId,
      ...(preset ? { preset } : {}),
      grid,
      params: fixed,
      metric,
      seed: Number(seed) || 0,
      engine: { preset: enginePreset },
      ...(n ? { random: n } : {}),
    };
    setBusy(true);
    try {
      const r = await api.call('sweeps:start', input);
      await useSweep.getState().loadList();
      useSweep.setState({ sortBy: metric });
      goto('sweep', { sweep: String(r.sweepId) });
      await useSweep.getState().open(r.sweepId);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="panel"
      aria-label="Sweep setup"
      onSubmit={(e) => {
        e.preventDefault();
        void launch();
      }}
    >
      <header>New sweep</header>
      <div className="body grid" style={{ gap: 10 }}>
        {!datasets ? (
          <Loading />
        ) : (
          <label className="field">
            Data set
            <select value={datasetId} onChange={(e) => setDatasetId(e.target.value)}>
              {datasets.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name} · {fmtInt(d.bars)} × {d.intervalLabel}
                </option>
              ))}
            </select>
          </label>
        )}
        {strategies && <StrategyPicker id="sweep-strategy" strategies={strategies} value={strategyId} onChange={(id) => { setStrategyId(id); setPreset(''); }} showRnd={showRnd} onShowRnd={setShowRnd} />}
        <label className="field">
          Preset (SPEC §4)
          <select value={preset} onChange={(e) => setPreset(e.target.value)}>
            <option value="">— strategy ranges —</option>
            {presets.filter((p) => p.strategyId === strategyId).map((p) => (
              <option key={p.name} value={p.name} title={p.description}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>Grid (min:max:step or v1,v2 — untick to hold fixed)</legend>
          <div className="grid" style={{ gap: 6 }}>
            {fields.map((f) => (
              <div key={f.name} style={{ display: 'grid', gridTemplateColumns: '20px 110px 1fr 52px', gap: 6, alignItems: 'center' }}>
                <input type="checkbox" aria-label={`Sweep ${f.name}`} checked={!!swept[f.name]} onChange={(e) => toggle(f, e.target.checked)} />
                <span className="mono" title={f.description}>{f.name}</span>
                <input aria-label={`Range ${f.name}`} value={specs[f.name] ?? ''} onChange={(e) => setSpecs({ ...specs, [f.name]: e.target.value })} />
                <span className="muted mono" style={{ textAlign: 'right', fontSize: 11 }}>
                  {swept[f.name] ? countText(parseRangeSpec(f.name, specs[f.name] ?? '')) : 'fixed'}
                </span>
              </div>
            ))}
          </div>
          <div className="muted" style={{ marginTop: 6, fontSize: 12 }} aria-live="polite">
            ≤ <strong style={{ color: 'var(--text)' }}>{fmtInt(combos)}</strong> combinations (constraints such as fast &lt; slow prune more)
          </div>
        </fieldset>
        <div className="field-row">
          <label className="field">
            Rank by
            <select value={metric} onChange={(e) => setMetric(e.target.value)}>
              {METRICS.map((m) => (
                <option key={m} value={m}>
                  {metricInfo(m).label}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            Random sample (optional)
            <input inputMode="numeric" placeholder="all (grid)" value={random} onChange={(e) => setRandom(e.target.value)} />
          </label>
          <label className="field">
            Seed
            <input inputMode="numeric" value={seed} onChange={(e) => setSeed(e.target.value)} />
          </label>
          <label className="field">
            Engine preset
            <select value={enginePreset} onChange={(e) => setEnginePreset(e.target.value as 'default' | 'backtesting-py')}>
              <option value="default">default</option>
              <option value="backtesting-py">backtesting-py</option>
            </select>
          </label>
        </div>
        <div className="actions">
          <button className="btn primary" type="submit" disabled={busy || !datasetId || combos === 0}>
            {busy ? 'Starting…' : 'Launch sweep'}
          </button>
        </div>
        {error ? <ErrorBox error={error} title="Sweep not started" /> : null}
      </div>
    </form>
  );
}

function countText(r: SweepRangeDesc | { error: string }): string {
  return 'error' in r ? '!' : `×${rangeCount(r)}`;
}

function coerceFixed(f: ParamField, raw: string | undefined): number | string | boolean | null {
  const s = (raw ?? '').trim();
  if (s === '') return f.default;
  if (f.kind === 'boolean') return s === 'true';
  if (f.kind === 'number' || f.kind === 'integer') return Number.isFinite(Number(s)) ? Number(s) : f.default;
  return s;
}

function SweepList() {
  const { list, listError, activeId } = useSweep();
  const goto = useUi((s) => s.goto);
  return (
    <Panel title={`Sweeps${list ? ` (${list.length})` : ''}`} flush>
      {listError ? (
        <div className="body">
          <ErrorBox error={{ code: 'ERROR', message: listError }} />
        </div>
      ) : !list ? (
        <Loading />
      ) : list.length === 0 ? (
        <Empty title="No sweeps yet" />
      ) : (
        <div className="table-wrap" style={{ maxHeight: 280 }}>
          <table className="table" aria-label="Sweeps">
            <thead>
              <tr>
                <th className="num">#</th>
                <th>Strategy</th>
                <th>Status</th>
                <th className="num">Done</th>
              </tr>
            </thead>
            <tbody>
              {list.map((s) => (
                <tr key={s.id} className={`clickable ${activeId === s.id ? 'selected' : ''}`} onClick={() => goto('sweep', { sweep: String(s.id) })}>
                  <td className="num muted">{s.id}</td>
                  <td>{s.preset ?? s.strategyId}</td>
                  <td>
                    <StatusBadge status={s.status} />
                  </td>
                  <td className="num">
                    {fmtInt(s.done)}/{fmtInt(s.total)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

function StatusBadge({ status, testId }: { status: string; testId?: string }) {
  const cls = status === 'done' ? 'go' : status === 'failed' ? 'nogo' : status === 'running' ? 'info' : 'locked';
  return (
    <span className={`badge ${cls}`} data-testid={testId}>
      {status}
    </span>
  );
}

function ActiveSweep() {
  const { detail, progress, rows, rowsTotal, sortBy, error, activeId, setSort } = useSweep();
  const toast = useUi((s) => s.toast);
  const [busy, setBusy] = useState(false);
  if (error && !detail) return <ErrorBox error={error} title={`Sweep #${activeId}`} />;
  if (!detail || !progress) return <Loading label={`Loading sweep #${activeId}…`} />;
  const pct = progress.total ? (progress.done / progress.total) * 100 : 0;
  const running = progress.status === 'running';
  const act = async (what: 'cancel' | 'resume') => {
    setBusy(true);
    try {
      if (what === 'cancel') await api.call('sweeps:cancel', { id: detail.id });
      else await api.call('sweeps:resume', { id: detail.id });
      await useSweep.getState().refresh();
      if (what === 'resume') useSweep.setState((s) => ({ progress: s.progress ? { ...s.progress, status: 'running' } : s.progress }));
      void useSweep.getState().loadList();
    } catch (e) {
      toast('error', errorInfo(e).message);
    } finally {
      setBusy(false);
    }
  };
  const paramNames = rows && rows.length ? Object.keys(rows[0].params) : [];
  return (
    <>
      <Panel
        title={
          <>
            Sweep #{detail.id} · {detail.preset ?? detail.strategyId}
          </>
        }
        actions={
          <div className="actions">
            <StatusBadge status={progress.status} testId="sweep-status" />
            {running ? (
              <button className="btn small danger" disabled={busy} onClick={() => void act('cancel')}>
                Cancel
              </button>
            ) : progress.status === 'cancelled' || progress.status === 'interrupted' || progress.status === 'failed' ? (
              <button className="btn small primary" disabled={busy} onClick={() => void act('resume')}>
                Resume
              </button>
            ) : null}
          </div>
        }
      >
        <div className="grid" style={{ gap: 8 }}>
          <div className="progress" role="progressbar" aria-label="Sweep progress" aria-valuemin={0} aria-valuemax={progress.total} aria-valuenow={progress.done}>
            <div style={{ width: `${pct.toFixed(1)}%`, background: progress.status === 'done' ? 'var(--good)' : running ? 'var(--accent)' : 'var(--warn)' }} />
          </div>
          <div className="actions mono" style={{ fontSize: 12 }} data-testid="sweep-progress">
            <span>
              {fmtInt(progress.done)} / {fmtInt(progress.total)} ({pct.toFixed(1)} %)
            </span>
            <span className="muted">·</span>
            <span>{running ? `${fmtInt(progress.ratePerSec)} combos/s` : `compute ${fmtDuration(detail.elapsedMs / 1000)}`}</span>
            {running && (
              <>
                <span className="muted">·</span>
                <span>ETA {fmtDuration(progress.etaSec)}</span>
              </>
            )}
            <span className="muted">·</span>
            <span className="muted">
              seed {detail.seed} · hash {detail.configHash.slice(0, 10)} · started {fmtTime(detail.createdAt, true)}
            </span>
          </div>
          {detail.error && <ErrorBox error={{ code: 'FAILED', message: detail.error }} />}
        </div>
      </Panel>
      <Panel
        title={`Top results (${fmtInt(rowsTotal)} measured)`}
        actions={
          <label className="check" style={{ textTransform: 'none', letterSpacing: 0, fontWeight: 400 }}>
            Sort by
            <select aria-label="Sort results by" value={sortBy} onChange={(e) => setSort(e.target.value)} style={{ width: 150 }}>
              {METRICS.map((m) => (
                <option key={m} value={m}>
                  {metricInfo(m).label}
                </option>
              ))}
            </select>
          </label>
        }
        flush
      >
        {!rows ? <Loading /> : rows.length === 0 ? <Empty title="No results yet">The first chunk is running.</Empty> : <ResultsTable rows={rows} paramNames={paramNames} sweepId={detail.id} />}
      </Panel>
      {paramNames.length >= 1 && <HeatmapPanel sweepId={detail.id} paramNames={paramNames} defaultMetric={sortBy} version={Math.floor((progress.done / Math.max(1, progress.total)) * 20)} />}
    </>
  );
}

const RESULT_COLS = ['sharpe', 'totalReturnPct', 'maxDrawdownPct', 'trades', 'winRatePct', 'profitFactor'];

function ResultsTable({ rows, paramNames, sweepId }: { rows: SweepRow[]; paramNames: string[]; sweepId: number }) {
  const openCell = useOpenCombination();
  return (
    <div className="table-wrap" style={{ maxHeight: 300 }}>
      <table className="table" aria-label="Sweep results">
        <thead>
          <tr>
            <th className="num">Rank</th>
            {paramNames.map((p) => (
              <th key={p} className="num">
                {p}
              </th>
            ))}
            {RESULT_COLS.map((c) => (
              <th key={c} className="num">
                {metricInfo(c).label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.index} className="clickable" onClick={() => void openCell(sweepId, r.params)} title="Open this combination's backtest">
              <td className="num muted">{i + 1}</td>
              {paramNames.map((p) => (
                <td key={p} className="num">
                  {String(r.params[p])}
                </td>
              ))}
              {RESULT_COLS.map((c) => (
                <td key={c} className="num">
                  {fmtMetricCell(c, r.metrics[c])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Runs (and stores) the backtest of one combination with the sweep's own data set and engine, then opens it. */
function useOpenCombination() {
  const goto = useUi((s) => s.goto);
  const toast = useUi((s) => s.toast);
  return async (sweepId: number, params: Record<string, unknown>) => {
    try {
      const s = await api.call('sweeps:get', { id: sweepId });
      const engine = typeof s.config.engine === 'object' && s.config.engine !== null ? (s.config.engine as CommandInput<'backtest:run'>['engine']) : {};
      toast('ok', `Running ${s.strategyId} ${JSON.stringify(params)}…`);
      const run = await api.call('backtest:run', { datasetId: s.datasetId, strategyId: s.strategyId, params, engine, seed: s.seed, note: `from sweep #${sweepId}` });
      goto('experiments', { run: String(run.id) });
    } catch (e) {
      toast('error', errorInfo(e).message);
    }
  };
}

function HeatmapPanel({ sweepId, paramNames, defaultMetric, version }: { sweepId: number; paramNames: string[]; defaultMetric: string; version: number }) {
  const [x, setX] = useState(paramNames[0]);
  const [y, setY] = useState(paramNames[1] ?? paramNames[0]);
  const [metric, setMetric] = useState(defaultMetric);
  const [heat, setHeat] = useState<Heat | null>(null);
  const [error, setError] = useState<unknown>(null);
  const openCell = useOpenCombination();
  // Refetch as results arrive, once per 5 % of progress (`version` = progress in twentieths).
  const bucket = version;
  useEffect(() => {
    if (!paramNames.includes(x)) setX(paramNames[0]);
    if (!paramNames.includes(y)) setY(paramNames[1] ?? paramNames[0]);
  }, [paramNames, x, y]);
  useEffect(() => {
    if (x === y) return;
    api
      .call('sweeps:heatmap', { id: sweepId, x, y, metric })
      .then((h) => {
        setHeat(h);
        setError(null);
      })
      .catch(setError);
  }, [sweepId, x, y, metric, bucket]);

  async function onCell(cx: unknown, cy: unknown) {
    // The cell shows the max over the other parameters: open the best combination with these (x, y) values.
    try {
      const res = await api.call('sweeps:results', { id: sweepId, sortBy: metric, desc: true, limit: 20000, offset: 0 });
      const row = res.rows.find((r) => String(r.params[x]) === String(cx) && String(r.params[y]) === String(cy));
      if (row) await openCell(sweepId, row.params);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <Panel
      title="Heatmap"
      actions={
        <div className="actions" style={{ textTransform: 'none', letterSpacing: 0, fontWeight: 400 }}>
          <label className="check">
            x
            <select aria-label="Heatmap x" value={x} onChange={(e) => setX(e.target.value)} style={{ width: 120 }}>
              {paramNames.map((p) => (
                <option key={p}>{p}</option>
              ))}
            </select>
          </label>
          <label className="check">
            y
            <select aria-label="Heatmap y" value={y} onChange={(e) => setY(e.target.value)} style={{ width: 120 }}>
              {paramNames.map((p) => (
                <option key={p}>{p}</option>
              ))}
            </select>
          </label>
          <label className="check">
            metric
            <select aria-label="Heatmap metric" value={metric} onChange={(e) => setMetric(e.target.value)} style={{ width: 130 }}>
              {METRICS.map((m) => (
                <option key={m} value={m}>
                  {metricInfo(m).label}
                </option>
              ))}
            </select>
          </label>
        </div>
      }
    >
      {x === y ? (
        <Empty title="Pick two different parameters" />
      ) : error ? (
        <ErrorBox error={error} />
      ) : !heat ? (
        <Loading />
      ) : (
        <>
          <Heatmap x={heat.x} y={heat.y} z={heat.z} xLabel={x} yLabel={y} metric={metricInfo(heat.metric).label} onCell={(cx, cy) => void onCell(cx, cy)} />
          <div className="muted" style={{ fontSize: 11 }}>
            Each cell: the best {metricInfo(heat.metric).label} over the other parameters. Click a cell to run and open its backtest.
          </div>
        </>
      )}
    </Panel>
  );
}
