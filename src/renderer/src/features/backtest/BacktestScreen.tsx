import { useEffect, useMemo, useState } from 'react';
import { useApp } from '../../stores/app';
import { useData } from '../../stores/data';
import { useUi } from '../../stores/ui';
import { engineFromForm, useBacktest } from './store';
import { Panel } from '../../components/Panel';
import { Empty, ErrorBox, Loading } from '../../components/States';
import { ParamForm } from '../../components/ParamForm';
import { StrategyPicker } from '../../components/StrategyPicker';
import { EngineFields } from './EngineFields';
import { Screen } from '../../components/Screen';
import { newJobId } from '../../lib/job-events';
import { RunResults } from '../../components/RunResults';
import { formToParams, initialFormState, normalizeParamFields, type FormState } from '../../lib/param-form';
import { fmtInt } from '../../lib/format';

export function BacktestScreen() {
  const strategies = useApp((s) => s.strategies);
  const strategiesError = useApp((s) => s.strategiesError);
  const datasets = useData((s) => s.datasets);
  const datasetsError = useData((s) => s.error);
  const params = useUi((s) => s.params);
  const goto = useUi((s) => s.goto);
  const bt = useBacktest();
  const [form, setForm] = useState<FormState>({});
  const [engineErrors, setEngineErrors] = useState<Record<string, string>>({});
  const engineNotes = useMemo(() => engineFromForm(bt.engine).notes, [bt.engine]);
  const [paramErrors, setParamErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    void useApp.getState().loadStrategies();
    void useData.getState().load();
  }, []);

  // Defaults: the data set / strategy from the URL, else the first data set and ma_crossover (or the first core one).
  useEffect(() => {
    if (params.dataset && params.dataset !== bt.datasetId) bt.set({ datasetId: params.dataset });
    else if (!bt.datasetId && datasets?.length) bt.set({ datasetId: datasets[0].id });
  }, [datasets, params.dataset]);
  useEffect(() => {
    if (!strategies?.length) return;
    const want = params.strategy ?? bt.strategyId;
    const pick = strategies.find((s) => s.id === want) ?? strategies.find((s) => s.id === 'ma_crossover') ?? strategies.find((s) => s.tier === 'core') ?? strategies[0];
    if (pick.id !== bt.strategyId) bt.set({ strategyId: pick.id });
  }, [strategies, params.strategy]);

  const strategy = strategies?.find((s) => s.id === bt.strategyId);
  const fields = useMemo(() => normalizeParamFields(strategy?.params ?? []), [strategy]);
  useEffect(() => {
    let preset: Record<string, unknown> | undefined;
    if (params.params) {
      try {
        preset = JSON.parse(params.params) as Record<string, unknown>;
      } catch {
        preset = undefined;
      }
    }
    setForm(initialFormState(fields, preset));
    setParamErrors({});
  }, [fields, params.params]);

  async function run() {
    const { params: p, errors } = formToParams(fields, form);
    const eng = engineFromForm(bt.engine);
    setParamErrors(errors);
    setEngineErrors(eng.errors);
    if (Object.keys(errors).length || Object.keys(eng.errors).length || !bt.datasetId || !bt.strategyId) return;
    await bt.run({ datasetId: bt.datasetId, strategyId: bt.strategyId, params: p, engine: eng.engine, seed: eng.seed, save: true, jobId: newJobId() });
  }

  return (
    <Screen title="Backtest" sub="One strategy on one data set, with costs">
      <div className="split">
        <form
          className="panel"
          aria-label="Backtest settings"
          onSubmit={(e) => {
            e.preventDefault();
            void run();
          }}
        >
          <header>Setup</header>
          <div className="body grid" style={{ gap: 10 }}>
            {!datasets && datasetsError ? (
              <ErrorBox error={datasetsError} title="Data sets could not be loaded" />
            ) : !datasets ? (
              <Loading label="Loading data sets…" />
            ) : datasets.length === 0 ? (
              <Empty title="No data sets">
                <button type="button" className="btn small" onClick={() => goto('data')}>
                  Import or generate data
                </button>
              </Empty>
            ) : (
              <label className="field" htmlFor="bt-dataset">
                Data set
                <select id="bt-dataset" aria-label="Data set" value={bt.datasetId} onChange={(e) => bt.set({ datasetId: e.target.value })}>
                  {datasets.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.name} · {fmtInt(d.bars)} × {d.intervalLabel}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {strategiesError ? (
              <ErrorBox error={strategiesError} title="Strategies could not be loaded" />
            ) : !strategies ? (
              <Loading label="Loading strategies…" />
            ) : (
              <StrategyPicker strategies={strategies} value={bt.strategyId} onChange={(id) => bt.set({ strategyId: id })} showRnd={bt.showRnd} onShowRnd={(v) => bt.set({ showRnd: v })} />
            )}
            {strategy && (
              <fieldset>
                <legend>Parameters</legend>
                <ParamForm fields={fields} state={form} errors={paramErrors} onChange={setForm} />
                <div className="actions" style={{ marginTop: 8 }}>
                  <button type="button" className="btn small" onClick={() => setForm(initialFormState(fields))}>
                    Reset to defaults
                  </button>
                </div>
              </fieldset>
            )}
            <EngineFields value={bt.engine} onChange={(engine) => bt.set({ engine })} errors={engineErrors} notes={engineNotes} />
            <div className="actions">
              <button type="submit" className="btn primary" disabled={bt.running || !bt.datasetId || !bt.strategyId}>
                {bt.running ? 'Running…' : 'Run backtest'}
              </button>
              <span className="kbd">Ctrl Enter</span>
            </div>
          </div>
        </form>
        <div className="grid">
          {bt.error ? <ErrorBox error={bt.error} title="Backtest failed" /> : null}
          {bt.running && !bt.result ? (
            <Panel title="Results">
              <Loading label="Running backtest…" />
            </Panel>
          ) : bt.result ? (
            <>
              <div className="actions">
                <span className="muted">
                  Run #{bt.result.id} · {bt.result.strategyId} on {bt.result.datasetName} · seed {bt.result.seed} · {bt.result.durationMs.toFixed(0)} ms · hash{' '}
                  <span className="mono">{bt.result.configHash.slice(0, 12)}</span>
                  {bt.result.reused ? (
                    <strong data-testid="reused-run" style={{ marginLeft: 8 }} title="Same data, strategy, parameters, costs, engine, seed and range as a stored run: it is opened instead of storing a duplicate.">
                      · identical configuration: stored run opened
                    </strong>
                  ) : null}
                </span>
                <span style={{ flex: 1 }} />
                <button className="btn small" onClick={() => goto('experiments', { run: String(bt.result?.id) })}>
                  Open in Experiments
                </button>
              </div>
              <RunResults run={bt.result} />
            </>
          ) : (
            <Panel title="Results">
              <Empty title="No result yet">Pick a data set and a strategy, adjust parameters and costs, then Run.</Empty>
            </Panel>
          )}
        </div>
      </div>
      <CtrlEnter onRun={() => void run()} />
    </Screen>
  );
}

function CtrlEnter({ onRun }: { onRun(): void }) {
  useEffect(() => {
    const h = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        e.preventDefault();
        onRun();
      }
    };
    window.addEventListener('keydown', h);
    return () => window.removeEventListener('keydown', h);
  }, [onRun]);
  return null;
}
