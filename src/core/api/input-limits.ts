/**
 * Bounds applied to inputs, declared once in core so every door and the renderer agree. Two kinds live here:
 * - engine bounds a form (renderer) and a door (CLI, handlers) apply before anything runs (pure constants);
 * - request-shape bounds every raw request passes before zod sees it (checkInputLimits).
 */
import { PeakError } from '../errors';

/** Starting cash above this is not a backtest but an overflow waiting to happen (1e300 made every figure Infinity). */
export const MAX_ENGINE_CASH = 1e12;

/**
 * Default cap on `sizing.fraction` (fraction > 1 = leverage). A configuration (config.toml [backtest]
 * max_leverage) may lower or raise it; the contract's own hard bound (SizingSchema, 100) stays the outer limit.
 */
export const DEFAULT_MAX_LEVERAGE = 10;

/** Sweeps above this many combinations ask the user to confirm before they start. */
export const SWEEP_CONFIRM_COMBINATIONS = 10_000;

/**
 * Bounds every raw request before zod sees it (Trust #9, #11): nesting depth, string and array lengths, key
 * count, and the three object keys that name JavaScript machinery rather than data. One walk, O(size) with
 * an early exit, so a hostile payload costs at most the bytes it took to send. Big text is allowed only where
 * a command expects it (a CSV upload).
 */
export const INPUT_LIMITS = Object.freeze({
  depth: 32,
  /** characters in any string */
  string: 10_000,
  /** elements in any array */
  array: 100_000,
  /** keys in any object */
  keys: 10_000,
  /** characters in any object key */
  key: 200,
});

/** Fields that may carry a whole file's text: command → field names (a real Map, no inherited entries). */
const BIG_TEXT_FIELDS: ReadonlyMap<string, ReadonlySet<string>> = new Map([['data:import', new Set(['csvText'])]]);

const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Throws BAD_INPUT naming the first field over a limit; returns normally otherwise. */
export function checkInputLimits(command: string, raw: unknown): void {
  const bigText = BIG_TEXT_FIELDS.get(command);
  const bad = (path: string[], what: string): never => {
    throw new PeakError('BAD_INPUT', `${command}: ${path.length ? path.join('.') : '(input)'}: ${what}`);
  };
  const walk = (v: unknown, path: string[], depth: number): void => {
    if (depth > INPUT_LIMITS.depth) bad(path, `nested deeper than ${INPUT_LIMITS.depth} levels`);
    if (typeof v === 'string') {
      const big = depth === 1 && bigText !== undefined && bigText.has(path[0]);
      if (!big && v.length > INPUT_LIMITS.string) bad(path, `text longer than ${INPUT_LIMITS.string} characters`);
      return;
    }
    if (typeof v !== 'object' || v === null) return;
    if (Array.isArray(v)) {
      if (v.length > INPUT_LIMITS.array) bad(path, `more than ${INPUT_LIMITS.array} elements`);
      for (let i = 0; i < v.length; i++) walk(v[i], [...path, String(i)], depth + 1);
      return;
    }
    const keys = Object.keys(v);
    if (keys.length > INPUT_LIMITS.keys) bad(path, `more than ${INPUT_LIMITS.keys} keys`);
    for (const k of keys) {
      if (k.length > INPUT_LIMITS.key) bad(path, `a key longer than ${INPUT_LIMITS.key} characters`);
      if (FORBIDDEN_KEYS.has(k)) bad([...path, k], 'not an accepted name');
      walk((v as Record<string, unknown>)[k], [...path, k], depth + 1);
    }
  };
  walk(raw, [], 0);
}
