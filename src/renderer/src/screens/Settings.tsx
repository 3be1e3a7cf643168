import { useEffect } from 'react';
import { useApp } from '../stores/app';
import { useUi } from '../stores/ui';
import { api } from '../api/client';
import { Panel } from '../components/Panel';
import { Loading } from '../components/States';

export function SettingsScreen() {
  const info = useApp((s) => s.info);
  const theme = useUi((s) => s.theme);
  const setTheme = useUi((s) => s.setTheme);
  useEffect(() => {
    void useApp.getState().loadInfo();
  }, []);
  return (
    <>
      <div className="screen-title">
        <h1>Settings</h1>
        <span className="sub">Paths and workers come from the app's configuration and are read-only here</span>
      </div>
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
          {!info ? (
            <Loading />
          ) : (
            <div className="grid">
              <label className="field">
                Worker threads
                <input readOnly value={info.workers} aria-readonly />
              </label>
              <span className="muted" style={{ fontSize: 12 }}>
                Sized to the machine's cores at start-up (pool workers). Change with <span className="mono">peak web --workers N</span> or the config file.
              </span>
            </div>
          )}
        </Panel>
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
              <dd>{info.environment.mode}</dd>
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
            <dd>Alt + 1…7, or g then h d b s r e ,</dd>
            <dt>Run backtest</dt>
            <dd>Ctrl/Cmd + Enter (Backtest screen)</dd>
          </dl>
        </Panel>
      </div>
    </>
  );
}
