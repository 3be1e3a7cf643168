import { useEffect, useMemo } from 'react';
import { codePhrase } from './lib/labels';
import { SCREENS, useUi, type ScreenId } from './stores/ui';
import { useApp } from './stores/app';
import { CommandPalette, type PaletteCommand } from './components/CommandPalette';
import { ShortcutsHelp } from './features/shortcuts/ShortcutsHelp';
import { usePaletteEntities } from './features/shortcuts/palette-entities';
import { chordOf, createSequenceMatcher, isTypingTarget } from './lib/shortcuts';
import { VIEWS } from './features/views';
import { screenShortcut, screenShortcutText } from './features/nav';
import { ConnectionBanner } from './components/ConnectionBanner';

export function App() {
  const screen = useUi((s) => s.screen);
  const goto = useUi((s) => s.goto);
  const setPalette = useUi((s) => s.setPalette);
  const theme = useUi((s) => s.theme);
  const setTheme = useUi((s) => s.setTheme);
  const toasts = useUi((s) => s.toasts);
  const dismiss = useUi((s) => s.dismiss);
  const info = useApp((s) => s.info);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  useEffect(() => {
    void useApp.getState().loadInfo();
    const onHash = () => useUi.getState().syncFromHash();
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const entities = usePaletteEntities();
  const commands = useMemo<PaletteCommand[]>(
    () => [
      ...SCREENS.map((s, i) => ({ id: `go-${s.id}`, label: `Go to ${s.label}`, hint: screenShortcut(i).alt ?? screenShortcut(i).sequence, run: () => goto(s.id) })),
      { id: 'import', label: 'Import CSV…', run: () => goto('data', { action: 'import' }) },
      { id: 'synth', label: 'Generate synthetic data…', run: () => goto('data', { action: 'synth' }) },
      { id: 'run', label: 'New backtest', hint: 'g b', run: () => goto('backtest') },
      { id: 'sweep', label: 'New sweep', hint: 'g s', run: () => goto('sweep') },
      { id: 'compare', label: 'Compare runs', run: () => goto('experiments', { view: 'compare' }) },
      { id: 'theme', label: `Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`, run: () => setTheme(theme === 'dark' ? 'light' : 'dark') },
      ...entities,
    ],
    [goto, setTheme, theme, entities],
  );

  useEffect(() => {
    const seq = createSequenceMatcher(Object.fromEntries(SCREENS.map((s) => [`g ${s.key}`, s.id])));
    const onKey = (e: KeyboardEvent) => {
      const chord = chordOf(e);
      if (chord === 'Mod+K') {
        e.preventDefault();
        setPalette(!useUi.getState().paletteOpen);
        return;
      }
      const alt = /^Alt\+([1-9])$/.exec(chord);
      if (alt && Number(alt[1]) <= SCREENS.length) {
        e.preventDefault();
        goto(SCREENS[Number(alt[1]) - 1].id);
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target) || useUi.getState().paletteOpen) return;
      const hit = seq(e.key, performance.now());
      if (hit) goto(hit as ScreenId);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [goto, setPalette]);

  const View = VIEWS[screen];
  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden />
          Peak Trade
        </div>
        <span className="badge locked" role="status" aria-label="Environment: LIVE LOCKED" title="Live trading is impossible in this version: the live executor is dry-run only.">
          <svg width="10" height="11" viewBox="0 0 10 11" aria-hidden>
            <rect x="1" y="5" width="8" height="6" rx="1" fill="currentColor" />
            <path d="M3 5V3.5a2 2 0 0 1 4 0V5" stroke="currentColor" strokeWidth="1.4" fill="none" />
          </svg>
          {info?.environment.badge ?? 'LIVE LOCKED'}
        </span>
        {info && <span className="badge" title={info.environment.mode}>{codePhrase(info.environment.mode)}</span>}
        <span className="spacer" />
        <button className="btn small" onClick={() => setPalette(true)} aria-label="Open command palette">
          Commands <span className="kbd">Ctrl K</span>
        </button>
      </header>
      <nav className="nav" aria-label="Main">
        {SCREENS.map((s, i) => (
          <button key={s.id} aria-current={screen === s.id ? 'page' : undefined} onClick={() => goto(s.id)} title={screenShortcutText(i)}>
            <span aria-hidden style={{ width: 14, textAlign: 'center' }}>{s.icon}</span>
            {s.label}
            {/* the digit of its Alt shortcut; screens past the ninth have only their g-sequence (in the tooltip) */}
            <span className="nav-key" aria-hidden>
              {i < 9 ? i + 1 : ''}
            </span>
          </button>
        ))}
        <div className="nav-foot">
          {info ? `v${info.version} · ${info.workers} workers` : 'connecting…'}
        </div>
      </nav>
      <main className="main" aria-label={SCREENS.find((s) => s.id === screen)?.label}>
        <ConnectionBanner />
        <View />
      </main>
      <CommandPalette commands={commands} />
      <ShortcutsHelp />
      <div className="toast" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} className={t.kind === 'error' ? 'error-box' : 'ok-box'} role={t.kind === 'error' ? 'alert' : 'status'} onClick={() => dismiss(t.id)}>
            {t.text}
          </div>
        ))}
      </div>
    </div>
  );
}
