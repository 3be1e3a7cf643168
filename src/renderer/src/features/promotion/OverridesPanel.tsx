import { useEffect, useState } from 'react';
import { codeLabel, codePhrase } from '../../lib/labels';
import { api, type CommandOutput } from '../../api/client';
import { ErrorBox, Loading } from '../../components/States';
import { fmtTime } from '../../lib/format';
import { showValue } from './review';

type Effective = CommandOutput<'overrides:show'>;
type History = CommandOutput<'overrides:history'>;
type Diff = CommandOutput<'overrides:diff'>;

/** base vs override per key, and where the effective value comes from */
export function EffectiveConfig({ eff }: { eff: Effective }) {
  return (
    <div className="grid" style={{ gap: 8 }}>
      <div className="muted" style={{ fontSize: 12 }}>
        Environment <b title={eff.environment.mode}>{codePhrase(eff.environment.mode)}</b> is {eff.liveLike ? 'live-like' : 'not live-like'}: overrides v{eff.version} are{' '}
        <b>{eff.applied ? 'applied' : 'not applied'}</b>{eff.killSwitch && ' (governance kill switch on)'}. File: <span className="mono">{eff.file}</span> in the data dir.
      </div>
      {eff.warnings.map((w) => <div key={w} className="p0-warning">{w}</div>)}
      <div className="table-wrap" style={{ maxHeight: 300 }}>
        <table className="table" aria-label="Effective config">
          <thead><tr><th>Key</th><th className="num">Base</th><th className="num">Override</th><th className="num">Effective</th><th>Source</th></tr></thead>
          <tbody>
            {eff.keys.map((k) => (
              <tr key={k.key} className={k.source === 'override' ? 'override' : undefined}>
                <td className="mono">{k.key}</td>
                <td className="num">{showValue(k.base)}</td>
                <td className="num">{k.override === null ? <span className="muted">—</span> : showValue(k.override)}</td>
                <td className="num"><b>{showValue(k.effective)}</b></td>
                <td><span className={`pill ${k.source === 'override' ? 'warn' : 'muted'}`}>{k.source}</span></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** Every overrides version; pick one → diff preview against the current version → roll back with a reason. */
export function OverridesHistory({ history, onDone }: { history: History; onDone(msg: string): void }) {
  const [pick, setPick] = useState<number | null>(null);
  const [diff, setDiff] = useState<Diff | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setDiff(null);
    if (pick === null) return;
    let live = true;
    api.call('overrides:diff', { from: history.current, to: pick }).then((d) => live && setDiff(d), (e: unknown) => live && setError(e));
    return () => { live = false; };
  }, [pick, history.current]);
  return (
    <div className="grid" style={{ gap: 8 }}>
      <div className="table-wrap" style={{ maxHeight: 220 }}>
        <table className="table" aria-label="Overrides versions">
          <thead><tr><th className="num">Version</th><th>Created</th><th>Action</th><th>Keys</th><th>Reason</th></tr></thead>
          <tbody>
            {history.versions.map((v) => (
              <tr key={v.version} className={`clickable${pick === v.version ? ' selected' : ''}`} onClick={() => setPick(v.version)} data-version={v.version}>
                <td className="num">v{v.version}{v.version === history.current && <span className="pill good" style={{ marginLeft: 6 }}>current</span>}</td>
                <td>{fmtTime(v.createdAt, true)}</td>
                <td title={v.action}>{codeLabel(v.action)}</td>
                <td className="mono" style={{ whiteSpace: 'normal' }}>{Object.entries(v.values).map(([k, x]) => `${k}=${showValue(x)}`).join(', ') || '—'}</td>
                <td style={{ whiteSpace: 'normal' }} className="muted">{v.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pick !== null && pick !== history.current && (
        <div className="grid" style={{ gap: 6 }} aria-label="Rollback preview">
          <b>Roll back v{history.current} → v{pick}: what changes</b>
          {!diff ? <Loading label="Diffing…" /> : diff.changes.length === 0 ? <span className="muted">No key changes (the same values).</span> : (
            <table className="table" aria-label="Rollback diff">
              <thead><tr><th>Key</th><th className="num">Now (v{diff.from})</th><th className="num">After (v{diff.to})</th><th>Change</th></tr></thead>
              <tbody>
                {diff.changes.map((c) => (
                  <tr key={c.key}><td className="mono">{c.key}</td><td className="num"><span className="diff"><span className="old">{showValue(c.from)}</span></span></td><td className="num"><span className="diff"><span className="new">{showValue(c.to)}</span></span></td><td>{c.kind}</td></tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="actions">
            <input aria-label="Rollback reason" placeholder="Reason for the rollback" value={reason} onChange={(e) => setReason(e.target.value)} style={{ width: 320 }} />
            <button className="btn danger" disabled={!reason.trim()}
              onClick={() => {
                setError(null);
                api.call('overrides:rollback', { version: pick, reason }).then((r) => { setPick(null); setReason(''); onDone(`Rolled back to v${r.restored} (written as v${r.version})`); }, setError);
              }}>
              Roll back to v{pick}
            </button>
          </div>
        </div>
      )}
      {error !== null && <ErrorBox error={error} />}
    </div>
  );
}
