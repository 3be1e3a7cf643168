import { useEffect, useState } from 'react';
import { codePhrase } from '../../lib/labels';
import { useApp } from '../../stores/app';
import { useUi } from '../../stores/ui';
import { api, type CommandOutput } from '../../api/client';
import { Panel } from '../../components/Panel';
import { Screen } from '../../components/Screen';
import { ErrorBox, Loading } from '../../components/States';
import { ClusterPanel } from '../cluster/ClusterPanel';
import { SCREENS } from '../nav';

type Settings = CommandOutput<'settings:get'>;

export function SettingsScreen() {
  const info = useApp((s) => s.info);
  const theme = useUi((s) => s.theme);
  const setTheme = useUi((s) => s.setTheme);
  useEffect(() => {
    void useApp.getState().loadInfo();
  }, []);
  return (
    <Screen title="Settings" sub="Paths are fixed at start-up; the worker count and theme can be changed here">
      <div className="grid cols-2">
        <Panel title="Storage">
          {!info ? (
            <Loading />
          ) : (
            <div className="grid">
              <label className="field">
                Data directory
                <input readOnly value={info.dataDir} aria-readonly />
              </label>
              <label className="field">
                Database
                <input readOnly value={info.dbPath} aria-readonly />
              </label>
              <span className="muted" style={{ fontSize: 12 }}>
                Schema v{info.schemaVersion} · {info.counts.datasets} data sets · {info.counts.runs} runs
              </span>
            </div>
          )}
        </Panel>
        <Panel title="Compute">
          <WorkersForm />
        </Panel>
        <ClusterPanel />
        <Panel title="Appearance">
          <fieldset>
            <legend>Theme</legend>
            <div className="actions">
              <label className="check">
                <input type="radio" name="theme" checked={theme === 'dark'} onChange={() => setTheme('dark')} /> Dark
              </label>
              <label className="check">
                <input type="radio" name="theme" checked={theme === 'light'} onChange={() => setTheme('light')} /> Light
              </label>
            </div>
          </fieldset>
          <span className="muted" style={{ fontSize: 12 }}>Stored in this browser (localStorage).</span>
        </Panel>
        <Panel title="Environment">
          {info && (
            <dl className="kv">
              <dt>Mode</dt>
              <dd title={info.environment.mode}>{codePhrase(info.environment.mode)}</dd>
              <dt>Badge</dt>
              <dd style={{ color: 'var(--warn)' }}>{info.environment.badge}</dd>
              <dt>Live trading</dt>
              <dd>impossible in this version (dry-run executor only)</dd>
              <dt>Transport</dt>
              <dd>{api.transport === 'web' ? 'browser twin (HTTP + WebSocket)' : 'Electron IPC'}</dd>
              <dt>Version</dt>
              <dd>{info.version}</dd>
            </dl>
          )}
        </Panel>
        <Panel title="Keyboard">
          <dl className="kv">
            <dt>Command palette</dt>
            <dd>Ctrl/Cmd + K</dd>
            <dt>Go to screen</dt>
            <dd>Alt + 1…9 (the first nine), or g then {SCREENS.map((x) => x.key).join(' ')} — press ? for the list</dd>
            <dt>Run backtest</dt>
            <dd>Ctrl/Cmd + Enter (Backtest screen)</dd>
          </dl>
        </Panel>
      </div>
    </Screen>
  );
}

/**
 * Worker-pool size: settings:set stores it and applies it to new jobs at once (running jobs finish on the old
 * pool). The input is not range-checked in the browser (noValidate): the back end's BAD_INPUT names the field.
 */
function WorkersForm() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [applied, setApplied] = useState<number | null>(null);

  useEffect(() => {
    let live = true;
    api.call('settings:get', {}).then(
      (s) => {
        if (!live) return;
        setSettings(s);
        setValue(String(s.workers));
      },
      (e: unknown) => live && setError(e),
    );
    // Another window or the twin's other tab may change it too.
    const off = api.on('settings:did-change', (s) => {
      setSettings(s);
      void useApp.getState().loadInfo();
    });
    return () => {
      live = false;
      off();
    };
  }, []);

  async function apply() {
    setBusy(true);
    setError(null);
    setApplied(null);
    try {
      const s = await api.call('settings:set', { workers: Number(value.trim() === '' ? NaN : value) });
      setSettings(s);
      setValue(String(s.workers));
      setApplied(s.workers);
      void useApp.getState().loadInfo();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  if (!settings) return error ? <ErrorBox error={error} title="Could not read settings" /> : <Loading />;
  return (
    <form
      className="grid"
      noValidate
      aria-label="Worker pool"
      onSubmit={(e) => {
        e.preventDefault();
        void apply();
      }}
    >
      <div className="field-row">
        <label className="field">
          Worker threads
          <input
            type="number"
            inputMode="numeric"
            min={1}
            max={settings.workersMax}
            step={1}
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        </label>
      </div>
      <div className="actions">
        <button className="btn primary" type="submit" disabled={busy}>
          {busy ? 'Applying…' : 'Apply'}
        </button>
        <span className="muted" style={{ fontSize: 12 }}>
          now {settings.workers} · default {settings.workersDefault} (cores) · max {settings.workersMax}
        </span>
      </div>
      {error ? <ErrorBox error={error} title="Not applied" /> : null}
      {applied !== null && (
        <div className="ok-box" role="status">
          Worker threads set to {applied}: new jobs use {applied === 1 ? '1 thread' : `${applied} threads`}; running jobs finish on the old pool.
        </div>
      )}
      <span className="muted" style={{ fontSize: 12 }}>
        Stored in the database and used at every start. A sweep&apos;s own <span className="mono">--workers</span> still overrides it per run.
      </span>
    </form>
  );
}
