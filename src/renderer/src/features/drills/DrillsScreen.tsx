import { useEffect, useState } from 'react';
import { api, type CommandOutput } from '../../api/client';
import { useUi } from '../../stores/ui';
import { Panel } from '../../components/Panel';
import { ErrorBox, Loading } from '../../components/States';
import { DrillRun } from './DrillRun';
import { loadPlotly } from '../../charts/Plot';
import { DrillResult } from './DrillResult';
import { DrillHistory } from './DrillHistory';
import { KEY_LABELS, parseBindings, rebind, type Bindings, type DrillKey } from './replay-model';
import './drills.css';

type Scenarios = CommandOutput<'drills:scenarios'>;
type Started = CommandOutput<'drills:start'>;
const BINDINGS_KEY = 'peak-drill-keys';

function loadBindings(): Bindings {
  try {
    return parseBindings(localStorage.getItem(BINDINGS_KEY));
  } catch {
    return parseBindings(null);
  }
}

/** Drills: set up and run a drill (replay + keys), its result (heatmap, reactions, outcomes), and the history. */
export function DrillsScreen() {
  const params = useUi((s) => s.params);
  const goto = useUi((s) => s.goto);
  const tab = params.tab === 'result' || params.tab === 'history' ? params.tab : 'drill';
  return (
    <>
      <div className="screen-title">
        <h1>Trigger-training drills</h1>
        <span className="sub">React to the strategy&apos;s signals as the chart replays; the analysis shows where psychology costs you</span>
      </div>
      <div className="tabs" role="tablist">
        {(['drill', 'result', 'history'] as const).map((t) => (
          <button key={t} role="tab" aria-selected={tab === t} className={tab === t ? 'active' : ''} onClick={() => goto('drills', { ...params, tab: t })}>{t === 'drill' ? 'Drill' : t === 'result' ? 'Result' : 'History'}</button>
        ))}
      </div>
      {tab === 'drill' && <DrillSetup onFinished={(id) => goto('drills', { tab: 'result', drill: id })} />}
      {tab === 'result' && (params.drill ? <DrillResult drillId={params.drill} /> : <span className="muted">Finish a drill or pick one on the History tab.</span>)}
      {tab === 'history' && <DrillHistory onOpen={(id) => goto('drills', { tab: 'result', drill: id })} />}
    </>
  );
}

function DrillSetup({ onFinished }: { onFinished(id: string): void }) {
  const [scenarios, setScenarios] = useState<Scenarios | null>(null);
  const [scenario, setScenario] = useState('fomo');
  const [speed, setSpeed] = useState('');
  const [length, setLength] = useState('');
  const [bindings, setBindings] = useState<Bindings>(loadBindings);
  const [rebinding, setRebinding] = useState<DrillKey | null>(null);
  const [started, setStarted] = useState<Started | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api.call('drills:scenarios', {}).then(setScenarios, setError);
    // plotly's module evaluation blocks the main thread for ~1 s: do it now, never in the middle of a replay
    void loadPlotly();
  }, []);
  useEffect(() => {
    if (!rebinding) return;
    const onKey = (e: KeyboardEvent) => {
      e.preventDefault();
      e.stopPropagation();
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      const next = rebind(bindings, rebinding, key);
      if (next) {
        setBindings(next);
        try {
          localStorage.setItem(BINDINGS_KEY, JSON.stringify(next));
        } catch { /* private mode: bindings last for this session */ }
      }
      setRebinding(null);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [rebinding, bindings]);

  async function start() {
    setBusy(true);
    setError(null);
    try {
      const sp = speed.trim() === '' ? undefined : Number(speed);
      const len = length.trim() === '' ? undefined : Number(length);
      await loadPlotly();
      setStarted(await api.call('drills:start', { scenario, ...(sp !== undefined && { speedBarsPerS: sp }), ...(len !== undefined && { length: len }) }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  if (started) return <Panel title="Drill"><DrillRun started={started} bindings={bindings} onFinished={onFinished} /></Panel>;
  if (!scenarios) return error ? <ErrorBox error={error} /> : <Loading />;
  const sel = scenarios.find((s) => s.id === scenario);
  return (
    <div className="split">
      <Panel title="New drill">
        <div className="grid">
          <label className="field">Scenario
            <select aria-label="Scenario" value={scenario} onChange={(e) => setScenario(e.target.value)}>{scenarios.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}</select>
          </label>
          <div className="field-row">
            <label className="field">Speed (bars/s)<input aria-label="Speed" inputMode="decimal" placeholder={String(sel?.speedBarsPerS ?? '')} value={speed} onChange={(e) => setSpeed(e.target.value)} /></label>
            <label className="field">Length (bars)<input aria-label="Length" inputMode="numeric" placeholder={String(sel?.length ?? '')} value={length} onChange={(e) => setLength(e.target.value)} /></label>
          </div>
          {error !== null && <ErrorBox error={error} />}
          <button className="btn primary" onClick={() => void start()} disabled={busy}>Start drill</button>
        </div>
      </Panel>
      <div className="grid">
        {sel && <Panel title={sel.name}><div className="kv"><span>about</span><span>{sel.description}</span><span>data</span><span>{sel.source}</span><span>strategy</span><span>{sel.strategy}</span>
          <span>countdown</span><span>{(sel.countdownMs / 1000).toFixed(1)} s</span><span>tags</span><span>long: {sel.tags.enter_long.join(', ')} · short: {sel.tags.enter_short.join(', ')} · exit: {sel.tags.exit.join(', ')}</span></div></Panel>}
        <Panel title="Keys">
          <div className="grid">
            {(Object.keys(bindings) as DrillKey[]).map((k) => (
              <div key={k} className="actions"><span style={{ width: 110 }}>{KEY_LABELS[k]}</span><span className="kbd">{bindings[k] === ' ' ? 'Space' : bindings[k]}</span>
                <button className="btn small" onClick={() => setRebinding(k)} aria-label={`Rebind ${KEY_LABELS[k]}`}>{rebinding === k ? 'press a key…' : 'Rebind'}</button></div>
            ))}
            <span className="muted" style={{ fontSize: 12 }}>P pauses/resumes, Esc abandons. Reaction time runs from the frame the signal is painted to your key press.</span>
          </div>
        </Panel>
      </div>
    </div>
  );
}
