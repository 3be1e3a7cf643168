import { useState } from 'react';
import { api, type CommandOutput } from '../../api/client';
import { Panel } from '../../components/Panel';
import { ErrorBox } from '../../components/States';

type Snap = CommandOutput<'audit:snapshot'>;

/** Preview of the audit snapshot (what will be written), export into the data dir, and the chain check. */
export function AuditPanel() {
  const [snap, setSnap] = useState<Snap | null>(null);
  const [tab, setTab] = useState(0);
  const [verify, setVerify] = useState<CommandOutput<'audit:verify'> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = async (save: boolean) => { setError(null); try { setSnap(await api.call('audit:snapshot', { save })); } catch (e) { setError(e); } };
  return (
    <Panel title="Audit snapshot" id="live-audit" actions={
      <div className="actions">
        <button data-testid="audit-preview" onClick={() => void run(false)}>Preview</button>
        <button className="primary" data-testid="audit-export" onClick={() => void run(true)}>Export</button>
        <button onClick={() => void api.call('audit:verify', {}).then(setVerify).catch(setError)}>Verify chain</button>
      </div>
    }>
      {verify && <p className={verify.ok ? 'pos' : 'neg'}>Audit chain {verify.ok ? 'intact' : `BROKEN at seq ${verify.firstBad?.seq}: ${verify.firstBad?.problem}`} · {verify.checked} rows</p>}
      {snap ? (
        <>
          {snap.savedTo && <div className="ok-box" data-testid="audit-saved">Written to {snap.savedTo}</div>}
          <table className="table small"><thead><tr><th>File</th><th className="num">Bytes</th><th>sha256</th></tr></thead>
            <tbody>{snap.files.map((f) => <tr key={f.name}><td>{f.name}</td><td className="num">{f.bytes}</td><td className="mono">{f.sha256.slice(0, 24)}…</td></tr>)}</tbody></table>
          <div className="tabs" role="tablist">{snap.files.map((f, i) => <button key={f.name} role="tab" aria-selected={tab === i} onClick={() => setTab(i)}>{f.name}</button>)}</div>
          <pre className="snapshot-preview" data-testid="audit-preview-text">{snap.files[tab]?.content.slice(0, 20_000)}</pre>
        </>
      ) : <p className="muted">JSON + Markdown + a sha256 manifest: gating, risk state, sessions, gate decisions, drill results, config hashes, app version. Secrets are never included.</p>}
      {error !== null && <ErrorBox error={error} />}
    </Panel>
  );
}
