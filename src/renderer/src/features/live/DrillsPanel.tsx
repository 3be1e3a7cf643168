import { useEffect, useState } from 'react';
import { api, type CommandOutput } from '../../api/client';
import { Panel } from '../../components/Panel';
import { ErrorBox } from '../../components/States';
import { fmtTime } from '../../lib/format';

type Gate = CommandOutput<'live:drills-run'>[number];
type Runbook = CommandOutput<'live:runbooks'>[number];
type Log = CommandOutput<'live:drill-log'>[number];

/** Gate drills A–G (expected vs actual) and incident drills with their runbook, ticked steps and notes. */
export function DrillsPanel() {
  const [gates, setGates] = useState<Gate[] | null>(null);
  const [books, setBooks] = useState<Runbook[]>([]);
  const [sel, setSel] = useState<Runbook['id']>('data_gap');
  const [ticked, setTicked] = useState<Record<string, boolean>>({});
  const [notes, setNotes] = useState('');
  const [result, setResult] = useState<CommandOutput<'live:incident-drill'> | null>(null);
  const [log, setLog] = useState<Log[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const refreshLog = () => void api.call('live:drill-log', { limit: 20 }).then(setLog).catch(setError);
  useEffect(() => { api.call('live:runbooks', {}).then(setBooks).catch(setError); refreshLog(); }, []);
  const book = books.find((b) => b.id === sel);

  const runGates = async () => { setError(null); try { setGates(await api.call('live:drills-run', {})); refreshLog(); } catch (e) { setError(e); } };
  const runIncident = async () => {
    setBusy(true); setError(null);
    try {
      setResult(await api.call('live:incident-drill', { drill: sel, notes, stepsTicked: (book?.steps ?? []).filter((s) => ticked[s]) }));
      refreshLog();
    } catch (e) { setError(e); } finally { setBusy(false); }
  };

  return (
    <div className="grid">
      <Panel title="Gate drills A–G" actions={<button data-testid="run-gate-drills" onClick={() => void runGates()}>Run drills</button>}>
        {gates ? (
          <table className="table" data-testid="gate-drills">
            <thead><tr><th>Drill</th><th>Scenario</th><th>Expected</th><th>Actual</th><th>Guard</th><th>Result</th></tr></thead>
            <tbody>{gates.map((g) => (
              <tr key={g.id}><td>{g.id}</td><td>{g.scenario}</td><td className="mono small">{String(g.expectedAllowed)}{g.expectedReason ? ` ⊇ "${g.expectedReason}"` : ''}</td>
                <td className="small">{String(g.isLiveExecutionAllowed)} {g.reason}</td><td className="mono small">{g.guardGate}</td><td className={g.passed ? 'pos' : 'neg'}>{g.passed ? 'PASS' : 'FAIL'}</td></tr>
            ))}</tbody>
          </table>
        ) : <p className="muted">Run the seven live-gate drills (each gate closed in turn, then all open: the order is still refused); results go to the drill log and the audit log.</p>}
      </Panel>
      <div className="grid cols-2">
      <Panel title="Incident drill and runbook">
        <div className="actions">
          <select aria-label="incident drill" value={sel} onChange={(e) => { setSel(e.target.value as Runbook['id']); setTicked({}); setResult(null); }}>
            {books.map((b) => <option key={b.id} value={b.id}>{b.title.replace(/^Runbook: /, '')}</option>)}
          </select>
          <button className="primary" disabled={busy} onClick={() => void runIncident()}>{busy ? 'Running…' : 'Inject fault'}</button>
        </div>
        {book && (
          <ul className="runbook">{book.steps.map((s) => (
            <li key={s}><label><input type="checkbox" checked={!!ticked[s]} onChange={(e) => setTicked({ ...ticked, [s]: e.target.checked })} /> {s}</label></li>
          ))}</ul>
        )}
        <textarea aria-label="drill notes" placeholder="operator notes" value={notes} onChange={(e) => setNotes(e.target.value)} rows={2} />
        {result && <div className={result.passed ? 'ok-box' : 'error-box'}><b>{result.passed ? 'PASS' : 'FAIL'}</b> expected: {result.expected}<br />observed: {result.observed}</div>}
      </Panel>
      {error !== null && <ErrorBox error={error} />}
      <Panel title="Drill log" flush>
        <table className="table drill-log"><thead><tr><th>Time</th><th>Kind</th><th>Drill</th><th>Result</th><th>Observed</th></tr></thead>
          <tbody>{log.map((l) => <tr key={l.id}><td>{fmtTime(l.ts, true)}</td><td>{l.kind}</td><td>{l.drillId}</td><td className={l.passed ? 'pos' : 'neg'}>{l.passed ? 'PASS' : 'FAIL'}</td><td className="small">{l.observed}</td></tr>)}</tbody>
        </table>
      </Panel>
      </div>
    </div>
  );
}
