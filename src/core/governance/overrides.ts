/**
 * Live overrides (SPEC §10 "Live overrides by environment", seed 004 §4): a flat table of dotted keys →
 * values, applied on top of the base config only in live-like environments. Pure: merge, per-key sources,
 * diffs and the deterministic TOML text (equal values ⇒ equal bytes, which is what makes a rollback byte-exact).
 */
import { z } from 'zod';
import type { PatchValue } from './model';

export type Overrides = Record<string, number | string | boolean>;
export const OverridesSchema = z.record(z.string(), z.union([z.number().finite(), z.string(), z.boolean()]));

/** What D's effectiveLiveConfig passes in; the default provider reads [environment] of the loaded config. */
export interface GovernanceEnvironment {
  mode: string;
  enable_live_trading: boolean;
}
export type EnvironmentProvider = () => GovernanceEnvironment;

const LIVE_LIKE_MODES = new Set(['live', 'testnet', 'shadow', 'paper_live', 'live_dry_run']);

/** SPEC §10 `_is_live_like_environment`: enable_live_trading or mode ∈ {live, testnet, shadow, paper_live, live_dry_run}. */
export const isLiveLikeEnvironment = (env: GovernanceEnvironment): boolean => env.enable_live_trading || LIVE_LIKE_MODES.has(env.mode);

type Tree = Record<string, unknown>;
const isTree = (v: unknown): v is Tree => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Leaf keys of a nested object as dotted paths (arrays are leaves). */
export function flattenConfig(tree: unknown, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isTree(tree)) return out;
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (isTree(v)) Object.assign(out, flattenConfig(v, key));
    else out[key] = v;
  }
  return out;
}

/** The value at a dotted key, or undefined when the path does not exist (or ends in a table). */
export function getDotted(tree: unknown, key: string): unknown {
  let cur: unknown = tree;
  for (const seg of key.split('.')) {
    if (!isTree(cur) || !Object.hasOwn(cur, seg)) return undefined;
    cur = cur[seg];
  }
  return isTree(cur) ? undefined : cur;
}

function setDotted(tree: Tree, key: string, value: unknown): void {
  const segs = key.split('.');
  let cur = tree;
  for (const seg of segs.slice(0, -1)) {
    const next = cur[seg];
    const copy = isTree(next) ? { ...next } : {};
    cur[seg] = copy;
    cur = copy;
  }
  cur[segs[segs.length - 1]] = value;
}

export type ValueSource = 'base' | 'override';
export interface AppliedOverrides<T> {
  effective: T;
  /** every leaf key of the base config: where its effective value came from */
  sources: Record<string, ValueSource>;
  /** override keys that were not applied, with why (non-existent path, type mismatch, not live-like) */
  ignored: { key: string; reason: string }[];
  liveLike: boolean;
}

/**
 * Applies overrides to a copy of the base config in live-like environments (paper: the base unchanged).
 * An override whose path does not exist in the base, or whose type differs from the base value's, is ignored
 * (seed 004 §6.3 graceful degradation) and reported. The base is never mutated.
 */
export function applyLiveOverrides<T>(baseConfig: T, overrides: Overrides, environment: GovernanceEnvironment): AppliedOverrides<T> {
  const liveLike = isLiveLikeEnvironment(environment);
  const sources: Record<string, ValueSource> = {};
  for (const k of Object.keys(flattenConfig(baseConfig))) sources[k] = 'base';
  const ignored: { key: string; reason: string }[] = [];
  if (!liveLike) {
    for (const key of Object.keys(overrides).sort()) ignored.push({ key, reason: `environment "${environment.mode}" is not live-like` });
    return { effective: baseConfig, sources, ignored, liveLike };
  }
  const effective = (isTree(baseConfig) ? { ...baseConfig } : {}) as Tree;
  for (const key of Object.keys(overrides).sort()) {
    const base = getDotted(baseConfig, key);
    const value = overrides[key];
    if (base === undefined) ignored.push({ key, reason: 'no such key in the base config' });
    else if (typeof base !== typeof value) ignored.push({ key, reason: `type ${typeof value} does not match the base ${typeof base}` });
    else {
      setDotted(effective, key, value);
      sources[key] = 'override';
    }
  }
  return { effective: effective as T, sources, ignored, liveLike };
}

export interface OverrideChange {
  key: string;
  from: PatchValue | undefined;
  to: PatchValue | undefined;
  kind: 'added' | 'removed' | 'changed';
}

/** Key by key, sorted: what changes when `from` is replaced by `to`. */
export function diffOverrides(from: Overrides, to: Overrides): OverrideChange[] {
  const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
  const out: OverrideChange[] = [];
  for (const key of keys) {
    const a = Object.hasOwn(from, key) ? from[key] : undefined;
    const b = Object.hasOwn(to, key) ? to[key] : undefined;
    if (a === b) continue;
    out.push({ key, from: a, to: b, kind: a === undefined ? 'added' : b === undefined ? 'removed' : 'changed' });
  }
  return out;
}

const OVERRIDES_HEADER = [
  '# Peak Trade live overrides: written by the governance loop (reviewed apply, bounded auto-apply, rollback).',
  '# Applied only in live-like environments. Every version is kept for rollback; do not edit by hand.',
];

function tomlValue(v: number | string | boolean): string {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new TypeError('live overrides: non-finite number');
    return Object.is(v, -0) ? '0' : String(v).replace(/^(-?\d+)e/, '$1.0e');
  }
  return typeof v === 'boolean' ? String(v) : JSON.stringify(v);
}

/** Deterministic TOML: the header, `[auto_applied]`, keys sorted, quoted dotted keys (seed 004 §3.5 layout). */
export function renderOverridesToml(o: Overrides): string {
  const lines = [...OVERRIDES_HEADER, '[auto_applied]'];
  for (const key of Object.keys(o).sort()) lines.push(`${JSON.stringify(key)} = ${tomlValue(o[key])}`);
  return `${lines.join('\n')}\n`;
}

/** The `[auto_applied]` table of a parsed overrides TOML document (missing table = no overrides). */
export function overridesFromToml(doc: unknown): Overrides {
  const t = isTree(doc) ? doc.auto_applied : undefined;
  return t === undefined ? {} : OverridesSchema.parse(t);
}
