import { useEffect, useState } from 'react';
import { SCREENS, screenShortcutText } from '../nav';
import { useUi } from '../../stores/ui';
import { isTypingTarget } from '../../lib/shortcuts';

/** The keyboard shortcuts, shown by `?` (outside text fields), closed by Escape, `?` or a click outside. */
export const SHORTCUTS: readonly [string, string][] = [
  ['Ctrl K / ⌘ K', 'Command palette: screens, recent runs, data sets, actions'],
  ...SCREENS.map((s, i): [string, string] => [screenShortcutText(i), `Go to ${s.label}`]),
  ['Ctrl Enter', 'Run the backtest (Backtest screen)'],
  ['Double-click a chart', 'Zoom back out to the whole run'],
  ['?', 'This list'],
  ['Esc', 'Close a dialog'],
];

export function ShortcutsHelp() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && open) return setOpen(false);
      if (e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target) || useUi.getState().paletteOpen) return;
      e.preventDefault();
      setOpen((o) => !o);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  if (!open) return null;
  return (
    <div className="palette-backdrop" onMouseDown={() => setOpen(false)}>
      <div className="palette" role="dialog" aria-label="Keyboard shortcuts" onMouseDown={(e) => e.stopPropagation()} style={{ padding: '10px 14px' }}>
        <strong>Keyboard shortcuts</strong>
        <table className="table" style={{ marginTop: 8 }}>
          <tbody>
            {SHORTCUTS.map(([k, what]) => (
              <tr key={k}>
                <td className="mono" style={{ width: 190 }}>
                  {k}
                </td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
