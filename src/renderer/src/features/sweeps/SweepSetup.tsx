import { useEffect, useMemo, useState } from 'react';
import { api, inputError, type CommandOutput } from '../../api/client';
import { useApp } from '../../stores/app';
import { useData } from '../../stores/data';
import { useUi } from '../../stores/ui';
import { useSweep } from './store';
import { ErrorBox, Loading } from '../../components/States';
import { StrategyPicker } from '../../components/StrategyPicker';
import { normalizeParamFields, rangeToSpec, type ParamField, type SweepRange } from '../../lib/param-form';
import { fmtInt, metricInfo } from '../../lib/format';
import { useCommand } from '../../lib/use-command';
import { newJobId } from '../../lib/job-events';
import { checkGrid, confirmText, countText } from '../../lib/grid-form';
import { buildSweepStart } from './requests';
import { SWEEP_METRICS } from './metrics';
import { EngineFields } from '../backtest/EngineFields';
import { engineDefaults, engineFromForm, type EngineForm } from '../backtest/engine-form';

type Preset = CommandOutput<'sweeps:presets'>['presets'][number];

/** The "New sweep" form: data set, strategy, preset, grid texts (checked as typed), ranking, and the backtest form's engine fields. */
export function SweepSetup() {
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
  const [engine, setEngine] = useState<EngineForm>(() => engineDefaults('default'));
  const engineCheck = useMemo(() => engineFromForm(engine), [engine]);
  const cmd = useCommand<CommandOutput<'sweeps:start'>>();

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
      const r = (presetObj?.grid[f.name] as SweepRange | undefined) ?? f.sweep;
      on[f.name] = presetObj ? f.name in presetObj.grid : !!f.sweep && f.kind !== 'enum';
      s[f.name] = on[f.name] && r ? rangeToSpec(r) : String(f.default ?? '');
    }
    setSpecs(s);
    setSwept(on);
  }, [fields, presetObj]);

  // Ticking a parameter fills in its sweep range; unticking holds it at its default.
  const toggle = (f: ParamField, on: boolean) => {
    setSwept({ ...swept, [f.name]: on });
    const r = (presetObj?.grid[f.name] as SweepRange | undefined) ?? f.sweep;
    setSpecs({ ...specs, [f.name]: on && r ? rangeToSpec(r) : String(f.default ?? '') });
  };
  const grid = checkGrid(fields, swept, specs);
  const combos = grid.combinations;

  async function launch() {
    const req = buildSweepStart(fields, { datasetId, strategyId, preset, specs, swept, random, metric, engine });
    if ('errors' in req) return cmd.fail(inputError('sweeps:start', req.errors.join('\n')));
    if (req.needsConfirmation && !confirm(confirmText(req.combinations, req.input.random))) return;
    // the page names the sweep's job itself, so its events (only sent to this connection) are known to be its own
    const r = await cmd.run(() => api.call('sweeps:start', { ...req.input, jobId: newJobId() }));
    if (!r) return;
    await useSweep.getState().loadList();
    useSweep.setState({ sortBy: metric });
    goto('sweep', { sweep: String(r.sweepId) });
    await useSweep.getState().open(r.sweepId);
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
          Preset
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
                  {countText(grid.ranges[f.name])}
                </span>
              </div>
            ))}
          </div>
          <div className="muted" style={{ marginTop: 6, fontSize: 12 }} aria-live="polite">
            {grid.errors.length === 0 ? (
              <>
                ≤ <strong style={{ color: 'var(--text)' }}>{fmtInt(combos)}</strong> combinations (constraints such as fast &lt; slow prune more)
                {grid.needsConfirmation && ' · asks to confirm before starting'}
              </>
            ) : (
              <ul className="neg" aria-label="Grid problems" style={{ margin: 0, paddingLeft: 16 }}>
                {grid.errors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            )}
          </div>
        </fieldset>
        <div className="field-row">
          <label className="field">
            Rank by
            <select value={metric} onChange={(e) => setMetric(e.target.value)}>
              {SWEEP_METRICS.map((m) => (
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
        </div>
        <details className="engine-details" aria-label="Costs and engine">
          <summary>
            Costs &amp; engine: {engine.preset} · fee {engine.feeBps || '0'} bps · slippage {engine.slippageBps || '0'} bps · seed {engine.seed}
          </summary>
          <EngineFields value={engine} onChange={setEngine} errors={engineCheck.errors} notes={engineCheck.notes} />
        </details>
        <div className="actions">
          <button className="btn primary" type="submit" disabled={cmd.busy}>
            {cmd.busy ? 'Starting…' : 'Launch sweep'}
          </button>
        </div>
        {cmd.error ? <ErrorBox error={cmd.error} title="Sweep not started" /> : null}
      </div>
    </form>
  );
}
