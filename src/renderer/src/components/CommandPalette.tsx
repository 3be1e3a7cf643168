import { useEffect, useMemo, useRef, useState } from 'react';
import { useUi } from '../stores/ui';

export interface PaletteCommand {
  id: string;
  label: string;
  hint?: string;
  run(): void;
}

/** Ctrl/Cmd+K palette: fuzzy-ish filter (all words must appear), arrows + Enter, Escape closes. */
export function CommandPalette({ commands }: { commands: PaletteCommand[] }) {
  const open = useUi((s) => s.paletteOpen);
  const setPalette = useUi((s) => s.setPalette);
  const [q, setQ] = useState('');
  const [sel, setSel] = useState(0);
  const input = useRef<HTMLInputElement>(null);

  const list = useMemo(() => {
    const words = q.toLowerCase().split(/\s+/).filter(Boolean);
    return commands.filter((c) => words.every((w) => c.label.toLowerCase().includes(w)));
  }, [q, commands]);

  useEffect(() => {
    if (open) {
      setQ('');
      setSel(0);
      setTimeout(() => input.current?.focus(), 0);
    }
  }, [open]);

  if (!open) return null;
  const runAt = (i: number) => {
    const c = list[i];
    if (!c) return;
    setPalette(false);
    c.run();
  };
  return (
    <div className="palette-backdrop" onMouseDown={() => setPalette(false)}>
      <div className="palette" role="dialog" aria-label="Command palette" onMouseDown={(e) => e.stopPropagation()}>
        <input
          ref={input}
          aria-label="Command"
          placeholder="Type a command…"
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setSel(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setPalette(false);
            else if (e.key === 'ArrowDown') {
              e.preventDefault();
              setSel((s) => Math.min(list.length - 1, s + 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setSel((s) => Math.max(0, s - 1));
            } else if (e.key === 'Enter') runAt(sel);
          }}
        />
        <ul role="listbox" aria-label="Commands">
          {list.map((c, i) => (
            <li key={c.id} role="option" aria-selected={i === sel} onMouseEnter={() => setSel(i)} onClick={() => runAt(i)}>
              {c.label}
              {c.hint && <span className="kbd">{c.hint}</span>}
            </li>
          ))}
          {list.length === 0 && <li className="muted">No matching command</li>}
        </ul>
      </div>
    </div>
  );
}
