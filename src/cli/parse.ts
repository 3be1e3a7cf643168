/** Flag value parsers: each throws PeakError BAD_INPUT naming the flag and quoting the value. */
import type { Sizing } from '../core/engine/types';
import { PeakError } from '../core/errors';

const bad = (flag: string, what: string, got: string): PeakError => new PeakError('BAD_INPUT', `${flag}: expected ${what}, got "${got}"`);

export function num(flag: string, v: string, opts: { min?: number; max?: number; positive?: boolean; integer?: boolean } = {}): number {
  const s = v.trim();
  const x = s === '' ? NaN : Number(s);
  const what = opts.integer ? 'an integer' : opts.positive ? 'a positive number' : 'a number';
  if (!Number.isFinite(x) || (opts.integer && !Number.isInteger(x))) throw bad(flag, what, v);
  if (opts.positive && x <= 0) throw bad(flag, what, v);
  if (opts.min !== undefined && x < opts.min) throw bad(flag, `a number ≥ ${opts.min}`, v);
  if (opts.max !== undefined && x > opts.max) throw bad(flag, `a number ≤ ${opts.max}`, v);
  return x;
}

/** ISO date/datetime (naive = UTC) or epoch seconds / milliseconds (< 1e11 → seconds) → epoch ms. */
export function time(flag: string, v: string): number {
  const s = v.trim();
  if (/^-?\d+(\.\d+)?$/.test(s)) {
    const x = Number(s);
    return Math.abs(x) < 1e11 ? x * 1000 : x;
  }
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : /[zZ]|[+-]\d{2}:?\d{2}$/.test(s) ? s : `${s.replace(' ', 'T')}Z`;
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) throw bad(flag, 'a date (YYYY-MM-DD[THH:MM[:SS]][Z]) or epoch seconds/ms', v);
  return t;
}

/** `fraction[:f]` | `all-in` | `notional:<q>` */
export function sizing(flag: string, v: string): Sizing {
  const s = v.trim().toLowerCase();
  if (s === 'all-in' || s === 'all_in' || s === 'all-in-units') return { mode: 'all_in_units' };
  if (s === 'fraction') return { mode: 'fraction', fraction: 1 };
  const m = /^(fraction|notional):(.+)$/.exec(s);
  if (m) {
    const q = num(flag, m[2], { positive: true });
    return m[1] === 'fraction' ? { mode: 'fraction', fraction: q } : { mode: 'fixed_notional', notional: q };
  }
  throw bad(flag, 'fraction[:f], all-in or notional:<q>', v);
}

export function oneOf<T extends string>(flag: string, v: string, allowed: readonly T[]): T {
  const s = v.trim() as T;
  if (!allowed.includes(s)) throw bad(flag, `one of ${allowed.join(', ')}`, v);
  return s;
}

/** Repeatable `k=v` (commander collector). */
export function collectKv(flag: string) {
  return (v: string, prev: Record<string, string> = {}): Record<string, string> => {
    const i = v.indexOf('=');
    if (i <= 0) throw new PeakError('BAD_INPUT', `${flag}: expected key=value, got "${v}"`);
    return { ...prev, [v.slice(0, i).trim()]: v.slice(i + 1) };
  };
}
