/**
 * Settings → Compute: this machine or a cluster of `peak worker` nodes behind a Redis URL. "Test connection" shows
 * the Redis version, latency, queue depth, live workers (host, cores, threads, version, tasks done, last
 * heartbeat) and recent rejected payloads; while the cluster is selected the list refreshes every 5 s.
 * In the browser twin the server refuses a URL from a page (it must not make the server connect to an address a
 * page names): there the panel shows the stored setting, tests it, may switch back to this machine, and says
 * where the URL is set (the `peak cluster` CLI or the desktop app).
 */
import { useCallback, useEffect, useState } from 'react';
import { api, type CommandOutput } from '../../api/client';
import { Panel } from '../../components/Panel';
import { ErrorBox, Loading } from '../../components/States';
import { clusterTotals, heartbeatAge, redisUrlProblem } from './cluster-format';

type ClusterSettings = CommandOutput<'cluster:get'>;
type ClusterStatus = CommandOutput<'cluster:test'>;

/** The Settings panel, spanning the whole row of the settings grid (the worker table is wide). */
export function ClusterPanel() {
  return (
    <div style={{ gridColumn: '1 / -1', minWidth: 0 }}>
      <Panel title="Cluster">
        <ClusterForm />
      </Panel>
    </div>
  );
}

const radio = { width: 'auto' } as const;

function ClusterForm() {
  const [settings, setSettings] = useState<ClusterSettings | null>(null);
  const [mode, setMode] = useState<'local' | 'cluster'>('local');
  const [url, setUrl] = useState('');
  const [status, setStatus] = useState<ClusterStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  /** may this door send a Redis URL? (Electron IPC yes; the browser twin no, see src/node/web/page-policy.ts) */
  const canSendUrl = api.transport === 'electron';

  useEffect(() => {
    api.call('cluster:get', {}).then((s) => {
      setSettings(s);
      setMode(s.compute);
      setUrl(s.url ?? '');
    }, setError);
  }, []);

  const test = useCallback(async (u?: string) => {
    setBusy(true);
    setError(null);
    try {
      const s = await api.call('cluster:test', u !== undefined ? { url: u } : {});
      setStatus(s);
      setNow(Date.now());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }, []);

  // Live list while the stored setting is a cluster.
  useEffect(() => {
    if (settings?.compute !== 'cluster') return;
    void test();
    const t = setInterval(() => void test(), 5000);
    return () => clearInterval(t);
  }, [settings?.compute, test]);

  async function save() {
    setError(null);
    setSaved(null);
    try {
      const s = mode === 'local' || !canSendUrl ? await api.call('cluster:set', { compute: 'local' }) : await api.call('cluster:set', { compute: 'cluster', url });
      setSettings(s);
      setUrl(s.url ?? '');
      setSaved(s.compute === 'local' ? 'New sweeps run on this machine.' : 'New sweeps run on the cluster.');
      if (s.compute === 'local') setStatus(null);
    } catch (e) {
      setError(e);
    }
  }

  if (!settings) return error ? <ErrorBox error={error} title="Could not read the compute setting" /> : <Loading />;
  const problem = mode === 'cluster' && canSendUrl ? redisUrlProblem(url) : null;
  // over the twin the only change a page can make is back to this machine
  const canSave = canSendUrl ? problem === null : mode === 'local' && settings.compute === 'cluster';
  const totals = status ? clusterTotals(status.workers) : null;
  return (
    <form className="grid" style={{ minWidth: 0 }} aria-label="Compute cluster" noValidate onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <fieldset>
        <legend>Sweeps run on</legend>
        <div className="actions">
          <label className="check">
            <input type="radio" style={radio} name="compute" checked={mode === 'local'} onChange={() => setMode('local')} /> This machine
          </label>
          <label className="check">
            <input type="radio" style={radio} name="compute" checked={mode === 'cluster'} onChange={() => setMode('cluster')}
              disabled={!canSendUrl && settings.compute !== 'cluster'} /> Cluster (Redis URL)
          </label>
        </div>
      </fieldset>
      {mode === 'cluster' && (
        <label className="field">
          Redis URL
          <input className="mono" value={url} readOnly={!canSendUrl} placeholder="redis://:password@10.0.0.5:6379 or rediss://…" spellCheck={false}
            autoComplete="off" onChange={(e) => setUrl(e.target.value)} aria-invalid={problem !== null} />
        </label>
      )}
      {!canSendUrl && (
        <div className="muted" role="note" aria-label="Where the Redis URL is set">
          {settings.compute === 'cluster' ? 'This is the stored setting. ' : 'No cluster is set. '}
          The Redis URL is set from the CLI (<span className="mono">peak cluster set &lt;redis-url&gt;</span>) or in the desktop app: a web
          page may not make this server connect to an address it names.
        </div>
      )}
      <div className="actions">
        <button className="btn primary" type="submit" disabled={!canSave}>Save</button>
        {mode === 'cluster' && (
          <button className="btn" type="button" disabled={busy || problem !== null} onClick={() => void (canSendUrl ? test(url) : test())}>
            {busy ? 'Testing…' : 'Test connection'}
          </button>
        )}
        <span className="muted" style={{ fontSize: 12 }}>
          workers must run Peak Trade {settings.version} (protocol {settings.protocol}) · start one with <span className="mono">peak worker --redis &lt;url&gt;</span>
        </span>
      </div>
      {problem !== null && url.trim() !== '' && <span className="muted" role="note">{problem}</span>}
      {error ? <ErrorBox error={error} title="Cluster" /> : null}
      {saved !== null && <div className="ok-box" role="status">{saved}</div>}
      {status && !status.ok && <div className="error-box" role="alert">Cannot reach Redis: {status.error}</div>}
      {status && status.ok && totals && (
        <>
          <div className="ok-box" role="status" aria-label="Cluster status">
            Connected · Redis {status.redisVersion} · PING {status.latencyMs?.toFixed(1)} ms · {totals.live} live worker{totals.live === 1 ? '' : 's'}
            {totals.usable < totals.live ? ` (${totals.live - totals.usable} with another version)` : ''} · {totals.threads} thread{totals.threads === 1 ? '' : 's'} ·
            queue {status.waiting ?? 0} waiting, {status.active ?? 0} running
          </div>
          <div className="table-wrap">
          <table className="table" aria-label="Cluster workers">
            <thead>
              <tr><th>host</th><th className="num">cores</th><th className="num">threads</th><th>version</th><th className="num">tasks done</th><th className="num">busy</th><th>last heartbeat</th></tr>
            </thead>
            <tbody>
              {status.workers.length === 0 && <tr><td colSpan={7} className="muted">no worker has connected yet</td></tr>}
              {status.workers.map((w) => (
                <tr key={w.id} style={w.live ? undefined : { opacity: 0.5 }}>
                  <td className="mono">{w.host} <span className="muted">pid {w.pid}</span></td>
                  <td className="num">{w.cores}</td>
                  <td className="num">{w.concurrency}</td>
                  <td style={w.compatible ? undefined : { color: 'var(--bad)' }}>{w.version}{w.compatible ? '' : ' — mismatch'}</td>
                  <td className="num">{w.tasksDone}</td>
                  <td className="num">{w.busy}</td>
                  <td>{heartbeatAge(now, w.lastHeartbeat)}{w.live ? '' : ' (gone)'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
          {status.rejected.length > 0 && (
            <div className="error-box" role="alert" aria-label="Rejected payloads">
              {status.rejected.length} rejected payload{status.rejected.length === 1 ? '' : 's'}; latest: job <span className="mono">{status.rejected[0].jobId}</span> — {status.rejected[0].reason}
            </div>
          )}
        </>
      )}
    </form>
  );
}
