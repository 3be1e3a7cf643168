/**
 * The navigation list: one line per screen, in nav order (Alt+1…9 follow it; `key` is the "g <key>" chord).
 * A new screen (Live, Promotion review, Drills, Automation) is a folder under features/ plus one line here and its
 * component in ./views.ts — the compiler refuses a line here without a view there.
 * Metadata only (no components), so the ui store can read it without an import cycle.
 */
export const SCREENS = [
  { id: 'dashboard', label: 'Dashboard', key: 'h', icon: '◧' },
  { id: 'data', label: 'Data', key: 'd', icon: '▤' },
  { id: 'backtest', label: 'Backtest', key: 'b', icon: '▶' },
  { id: 'sweep', label: 'Sweep', key: 's', icon: '▦' },
  { id: 'research', label: 'Research', key: 'r', icon: '◎' },
  { id: 'experiments', label: 'Experiments', key: 'e', icon: '≣' },
  { id: 'live', label: 'Live', key: 'l', icon: '⚑' },
  { id: 'promotion', label: 'Promotion', key: 'p', icon: '◈' },
  { id: 'drills', label: 'Drills', key: 't', icon: '◉' },
  { id: 'automation', label: 'Automation', key: 'a', icon: '⟳' },
  { id: 'settings', label: 'Settings', key: ',', icon: '⚙' },
] as const;

export type ScreenId = (typeof SCREENS)[number]['id'];

/** Alt+1…Alt+9 reach the first nine screens (one digit key each); every screen has its `g` + letter sequence. */
export function screenShortcut(index: number): { alt: string | null; sequence: string } {
  const s = SCREENS[index];
  return { alt: index < 9 ? `Alt+${index + 1}` : null, sequence: `g ${s.key}` };
}

/** "g b  ·  Alt+3", or "g a" for a screen past the ninth. */
export function screenShortcutText(index: number): string {
  const k = screenShortcut(index);
  return k.alt ? `${k.sequence}  ·  ${k.alt}` : k.sequence;
}
