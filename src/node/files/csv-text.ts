/** Guards for what a CSV import may echo back in a message. */

/** No NUL or other control characters (tab, CR and LF aside) in the first 64 KiB: text a CSV could be. */
export function looksLikeText(text: string): boolean {
  const end = Math.min(text.length, 64 * 1024);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127) return false;
  }
  return true;
}

const MAX_SHOWN = 40;

/** A cell as a message shows it: quoted, escaped, at most 40 characters (a message never carries a file). */
export function shownCell(raw: string): string {
  return JSON.stringify(raw.length > MAX_SHOWN ? `${raw.slice(0, MAX_SHOWN)}…` : raw);
}
