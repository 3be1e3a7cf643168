/**
 * Keyboard shortcut matcher (pure, tested): "g d"-style two-key sequences (within 1 s) and single chords
 * ("Alt+1", "Mod+K" where Mod = Ctrl or Cmd). Typing in inputs never triggers sequences.
 */
export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  code?: string;
}

export function chordOf(e: KeyLike): string {
  const parts: string[] = [];
  if (e.ctrlKey || e.metaKey) parts.push('Mod');
  if (e.altKey) parts.push('Alt');
  if (e.shiftKey && e.key.length > 1) parts.push('Shift');
  // Alt+digit yields odd characters on some layouts; e.code "Digit3" is stable.
  let k = e.key;
  if (e.altKey && e.code && /^Digit\d$/.test(e.code)) k = e.code.slice(5);
  parts.push(k.length === 1 ? k.toUpperCase() : k);
  return parts.join('+');
}

export function createSequenceMatcher(sequences: Record<string, string>, windowMs = 1000) {
  let prev: { key: string; at: number } | null = null;
  return (key: string, now: number): string | null => {
    if (prev && now - prev.at <= windowMs) {
      const hit = sequences[`${prev.key} ${key}`];
      prev = null;
      if (hit) return hit;
    }
    prev = { key, at: now };
    return null;
  };
}

export function isTypingTarget(t: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(t instanceof HTMLElement)) return false;
  return t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName);
}
