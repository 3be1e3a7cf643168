/**
 * Parameter grids for sweeps: ranges from a strategy's `sweep` declaration or user overrides
 * (`k=a:b:step`, `k=v1,v2,…`, `k=v`), simple cross-parameter constraints (`fast_window < slow_window`), full
 * grid expansion and seeded random search (N distinct combinations, without replacement).
 *
 * Order convention (what makes resume and results hashes deterministic, and keeps indicator reuse local):
 * combinations are ordered lexicographically by the parameter values, keys in `keys` order (strings after
 * numbers, null first), so sets sharing the first parameter's indicator window are adjacent.
 */
import { PeakError } from '../errors';
import { createRng } from '../rng';
import type { SweepRange } from '../strategies/types';
import { rangeCount as countOf } from './grid-count';

export type ParamValue = number | string | boolean | null;
export type ParamSet = Record<string, ParamValue>;
export type GridSpec = Record<string, SweepRange>;

/** `a < b`-style rule between two parameters (or a parameter and a number). */
export interface Constraint {
  left: string;
  op: '<' | '<=' | '>' | '>=' | '!=';
  right: string | number;
}

/** Hard cap on one sweep's size: beyond this a grid is a mistake (use --random N). */
export const MAX_GRID_SIZE = 5_000_000;
/** Values of ONE parameter that are ever materialised (a random search over a huge space still lists its axes). */
export const MAX_VALUES_PER_PARAM = 100_000;
/** Largest cartesian size a random search decodes exactly (indices stay integers in a double). */
export const MAX_RANDOM_SPACE = Number.MAX_SAFE_INTEGER;

/**
 * How many values a range has, computed arithmetically (nothing is listed); validates like rangeValues and
 * throws BAD_INPUT naming the parameter. The arithmetic itself is grid-count.ts's (the forms' live count).
 */
export function rangeCount(r: SweepRange, name = 'param'): number {
  if (r.kind === 'values') {
    if (r.values.length === 0) throw new PeakError('BAD_INPUT', `grid ${name}: empty value list`);
    return r.values.length;
  }
  const { min, max, step } = r;
  if (![min, max, step].every(Number.isFinite)) throw new PeakError('BAD_INPUT', `grid ${name}: min, max and step must be finite numbers`);
  if (step <= 0) throw new PeakError('BAD_INPUT', `grid ${name}: step must be > 0 (got ${step})`);
  if (max < min) throw new PeakError('BAD_INPUT', `grid ${name}: max ${max} < min ${min}`);
  return countOf(r);
}

/** Values of a range, inclusive of `max` within float tolerance, rounded to 12 significant digits (0.1 + 0.2). */
export function rangeValues(r: SweepRange, name = 'param'): ParamValue[] {
  if (r.kind === 'values') {
    if (r.values.length === 0) throw new PeakError('BAD_INPUT', `grid ${name}: empty value list`);
    return [...r.values];
  }
  const { min, step } = r;
  const count = rangeCount(r, name);
  if (count > MAX_VALUES_PER_PARAM) {
    throw new PeakError('BAD_INPUT', `grid ${name}: ${count} values is too many (at most ${MAX_VALUES_PER_PARAM} per parameter); use a larger step`);
  }
  const out: number[] = new Array(count);
  for (let i = 0; i < count; i++) out[i] = Number((min + i * step).toPrecision(12));
  return out;
}

function parseScalar(s: string): ParamValue {
  const t = s.trim();
  if (t === '') throw new PeakError('BAD_INPUT', 'empty value');
  if (/^(none|null)$/i.test(t)) return null;
  if (/^true$/i.test(t)) return true;
  if (/^false$/i.test(t)) return false;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

/**
 * One override: `fast_window=2:100:1` (inclusive range), `fast_window=2:100` (step 1), `method=atr,std`, `lower=30`.
 * Errors name the override.
 */
export function parseGridOverride(text: string): [string, SweepRange] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new PeakError('BAD_INPUT', `--grid ${text}: expected key=a:b:step or key=v1,v2`);
  const key = text.slice(0, eq).trim();
  const rhs = text.slice(eq + 1).trim();
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new PeakError('BAD_INPUT', `--grid ${text}: bad parameter name "${key}"`);
  if (rhs === '') throw new PeakError('BAD_INPUT', `--grid ${text}: no values`);
  if (rhs.includes(':')) {
    const parts = rhs.split(':').map((p) => Number(p.trim()));
    if ((parts.length !== 2 && parts.length !== 3) || parts.some((p) => !Number.isFinite(p))) {
      throw new PeakError('BAD_INPUT', `--grid ${text}: a range is min:max or min:max:step with numbers`);
    }
    const r: SweepRange = { kind: 'range', min: parts[0], max: parts[1], step: parts[2] ?? 1 };
    try {
      rangeValues(r, key);
    } catch (e) {
      throw new PeakError('BAD_INPUT', `--grid ${text}: ${e instanceof Error ? e.message : String(e)}`);
    }
    return [key, r];
  }
  try {
    const values = rhs.split(',').map(parseScalar);
    return [key, { kind: 'values', values }];
  } catch {
    throw new PeakError('BAD_INPUT', `--grid ${text}: empty value in list`);
  }
}

/** `a < b`, `a<=b`, `lower < 50`. */
export function parseConstraint(text: string): Constraint {
  const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(<=|>=|!=|<|>)\s*([A-Za-z_][A-Za-z0-9_]*|-?[0-9.eE+-]+)\s*$/.exec(text);
  if (m === null) throw new PeakError('BAD_INPUT', `constraint "${text}": expected "a < b" (operators < <= > >= !=)`);
  const n = Number(m[3]);
  return { left: m[1], op: m[2] as Constraint['op'], right: Number.isFinite(n) && !/^[A-Za-z_]/.test(m[3]) ? n : m[3] };
}

export function checkConstraint(c: Constraint, p: Readonly<Record<string, unknown>>): boolean {
  const a = p[c.left];
  const b = typeof c.right === 'number' ? c.right : p[c.right];
  // A null/undefined side (e.g. trailing stop "off") does not violate an ordering rule.
  if (typeof a !== 'number' || typeof b !== 'number') return c.op === '!=' ? a !== b : true;
  switch (c.op) {
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '>=': return a >= b;
    case '!=': return a !== b;
  }
}

function cmpValue(a: ParamValue, b: ParamValue): number {
  if (a === b) return 0;
  const rank = (v: ParamValue) => (v === null ? 0 : typeof v === 'boolean' ? 1 : typeof v === 'number' ? 2 : 3);
  const ra = rank(a), rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : 1;
}

/** The canonical combination order (see the header). */
export function compareParamSets(keys: readonly string[], a: ParamSet, b: ParamSet): number {
  for (const k of keys) {
    const c = cmpValue(a[k] ?? null, b[k] ?? null);
    if (c !== 0) return c;
  }
  return 0;
}

export interface GridPlan {
  /** swept keys in canonical order */
  keys: string[];
  /** values per key, sorted ascending */
  values: ParamValue[][];
  /** size of the cartesian product before constraints */
  cartesian: number;
}

export function planGrid(spec: GridSpec): GridPlan {
  const keys = Object.keys(spec);
  if (keys.length === 0) throw new PeakError('BAD_INPUT', 'grid: no parameters to sweep');
  // Count before listing anything: a hostile 1:4999999 × 1:4999999 is refused in microseconds, not after
  // sorting millions of values on the main thread.
  let count = 1;
  for (const k of keys) {
    const c = rangeCount(spec[k], k);
    if (c > MAX_VALUES_PER_PARAM) {
      throw new PeakError('BAD_INPUT', `grid ${k}: ${c} values is too many (at most ${MAX_VALUES_PER_PARAM} per parameter); use a larger step`);
    }
    count *= c;
  }
  if (count > MAX_RANDOM_SPACE) throw new PeakError('BAD_INPUT', `grid: ${count} combinations is beyond any search; narrow the ranges`);
  const values = keys.map((k) => {
    const vs = rangeValues(spec[k], k);
    const uniq: ParamValue[] = [];
    for (const v of [...vs].sort(cmpValue)) if (uniq.length === 0 || cmpValue(uniq[uniq.length - 1], v) !== 0) uniq.push(v);
    return uniq;
  });
  const cartesian = values.reduce((n, v) => n * v.length, 1);
  return { keys, values, cartesian };
}

/** Mixed-radix decoding: combination number i (0 ≤ i < cartesian) → parameter set, last key fastest. */
function decode(plan: GridPlan, i: number): ParamSet {
  const p: ParamSet = {};
  for (let k = plan.keys.length - 1; k >= 0; k--) {
    const vs = plan.values[k];
    p[plan.keys[k]] = vs[i % vs.length];
    i = Math.floor(i / vs.length);
  }
  return p;
}

export type Validity = (p: ParamSet) => boolean;

/** Every combination passing `valid`, in canonical order. */
export function expandGrid(plan: GridPlan, valid: Validity = () => true): ParamSet[] {
  if (plan.cartesian > MAX_GRID_SIZE) {
    throw new PeakError('BAD_INPUT', `grid: ${plan.cartesian} combinations exceeds the limit of ${MAX_GRID_SIZE}; narrow the ranges or use random search`);
  }
  const out: ParamSet[] = [];
  for (let i = 0; i < plan.cartesian; i++) {
    const p = decode(plan, i);
    if (valid(p)) out.push(p);
  }
  return out;
}

/**
 * N distinct valid combinations drawn uniformly with the seed (without replacement), returned in canonical
 * order. When N ≥ the number of valid combinations, all of them.
 */
export function sampleGrid(plan: GridPlan, n: number, seed: number, valid: Validity = () => true): ParamSet[] {
  if (!Number.isInteger(n) || n <= 0) throw new PeakError('BAD_INPUT', `random search: N must be a positive integer (got ${n})`);
  if (n > MAX_GRID_SIZE) throw new PeakError('BAD_INPUT', `random search: N = ${n} exceeds the limit of ${MAX_GRID_SIZE} combinations`);
  const rng = createRng(seed);
  let picked: number[];
  if (plan.cartesian <= 2_000_000) {
    // Enumerate the valid indices, then a partial Fisher–Yates shuffle picks n of them.
    const idx: number[] = [];
    for (let i = 0; i < plan.cartesian; i++) if (valid(decode(plan, i))) idx.push(i);
    const m = Math.min(n, idx.length);
    for (let i = 0; i < m; i++) {
      const j = i + rng.int(idx.length - i);
      const t = idx[i]; idx[i] = idx[j]; idx[j] = t;
    }
    picked = idx.slice(0, m);
  } else {
    // Huge space: rejection sampling of distinct indices (bounded attempts so an over-constrained grid ends).
    const seen = new Set<number>();
    picked = [];
    let attempts = 0;
    while (picked.length < n && attempts < n * 50) {
      attempts++;
      const i = Math.floor(rng.uniform() * plan.cartesian);
      if (seen.has(i)) continue;
      seen.add(i);
      if (valid(decode(plan, i))) picked.push(i);
    }
  }
  // Decoding in increasing index order = canonical order (values per key are sorted, last key fastest).
  picked.sort((a, b) => a - b);
  return picked.map((i) => decode(plan, i));
}
