/**
 * Parameters as a reader sees them: `fast=10 slow=30` instead of `{"fast_window":10,"slow_window":30}`.
 * Shared by the compare legends, the toasts and the run search (which accepts the same short names), so what a
 * user reads is what they can type.
 */

/** Suffixes that say "a length" and add nothing once the value is shown next to the name. */
const NOISE_SUFFIX = /_(window|period|length|len|bars)$/;

/**
 * Short display name of each parameter: the noise suffix is dropped only when the short name stays unique
 * within the set (and does not collide with another full name), so `fast_window` → `fast` but a strategy with
 * both `fast_window` and `fast_period` keeps both full names.
 */
export function shortParamNames(names: readonly string[]): Map<string, string> {
  const short = names.map((n) => n.replace(NOISE_SUFFIX, ''));
  const out = new Map<string, string>();
  names.forEach((n, i) => {
    const s = short[i];
    const unique = s !== '' && short.filter((x) => x === s).length === 1 && (s === n || !names.includes(s));
    out.set(n, unique ? s : n);
  });
  return out;
}

function fmtValue(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
  if (typeof v === 'string') return /\s/.test(v) ? JSON.stringify(v) : v;
  if (v === null) return 'null';
  if (typeof v === 'boolean') return String(v);
  return JSON.stringify(v) ?? String(v);
}

/** `fast=10 slow=30` (short names, insertion order); `—` for no parameters. */
export function formatParams(params: Record<string, unknown>): string {
  const keys = Object.keys(params);
  if (keys.length === 0) return '—';
  const names = shortParamNames(keys);
  return keys.map((k) => `${names.get(k) ?? k}=${fmtValue(params[k])}`).join(' ');
}
