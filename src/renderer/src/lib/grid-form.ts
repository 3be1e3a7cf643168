/**
 * The sweep form's grid: per parameter a text ("2:100:1", "2:100" or "a,b"), parsed with core's own grid parser
 * (parseGridOverride, the one the CLI's --grid uses) and checked against the parameter's bounds, so a range that
 * would silently lose combinations or be empty says why instead. Pure, unit-tested.
 */
import { parseGridOverride } from '../../../core/research/grid';
import { rangeCount, rangeOutside } from '../../../core/research/grid-count';
import type { SweepRange } from '../../../core/strategies/types';
import { SWEEP_CONFIRM_COMBINATIONS } from '../../../core/api/input-limits';
import type { ParamField } from './param-form';
import { fmtInt } from './format';

export type RangeCheck = { range: SweepRange; count: number } | { error: string };

/** One parameter's grid text → its range and count, or an error naming the parameter and what is wrong. */
export function checkRange(f: Pick<ParamField, 'name' | 'min' | 'max' | 'kind'>, spec: string): RangeCheck {
  const s = spec.trim();
  const name = f.name;
  if (s === '') return { error: `${name}: no values — type a range such as 2:50 or a list such as 5,10,20` };
  const m = /^(-?[\d.eE+-]+)\s*:\s*(-?[\d.eE+-]+)(?:\s*:\s*(-?[\d.eE+-]+))?$/.exec(s);
  if (m) {
    const [a, b, st] = [Number(m[1]), Number(m[2]), m[3] === undefined ? 1 : Number(m[3])];
    if ([a, b, st].every(Number.isFinite)) {
      if (b < a) return { error: `${name}: ${s} is empty — a range runs from min to max (did you mean ${m[2]}:${m[1]}${m[3] ? `:${m[3]}` : ''}?)` };
      if (st <= 0) return { error: `${name}: the step must be more than 0 (got ${m[3]})` };
    }
  }
  let range: SweepRange;
  try {
    range = parseGridOverride(`${name}=${s}`)[1];
  } catch (e) {
    // core names the CLI flag (--grid k=…); the form shows the parameter only
    const msg = e instanceof Error ? e.message : String(e);
    return { error: `${name}: ${msg.replace(/^--grid [^:]*?=[^:]*(?::[^:]*)*?: /, '').replace(/^grid \S+: /, '')}` };
  }
  const count = rangeCount(range);
  if (f.kind === 'integer' && range.kind === 'range' && (!Number.isInteger(range.min) || !Number.isInteger(range.step))) {
    return { error: `${name}: whole numbers only — ${s} has fractional values` };
  }
  const out = rangeOutside(range, f.min, f.max);
  if (out.below > 0) return { error: `${name}: ${fmtInt(out.below)} of ${fmtInt(count)} values are below the minimum ${f.min} and would be skipped — start the range at ${f.min}` };
  if (out.above > 0) return { error: `${name}: ${fmtInt(out.above)} of ${fmtInt(count)} values are above the maximum ${f.max} and would be skipped — end the range at ${f.max}` };
  return { range, count };
}

export interface GridCheck {
  /** per swept parameter */
  ranges: Record<string, RangeCheck>;
  /** product of the counts (before the strategy's constraints prune more); 0 when any range is wrong */
  combinations: number;
  errors: string[];
  /** true when the sweep is big enough to ask before starting */
  needsConfirmation: boolean;
}

export function checkGrid(fields: ParamField[], swept: Record<string, boolean>, specs: Record<string, string>): GridCheck {
  const ranges: Record<string, RangeCheck> = {};
  const errors: string[] = [];
  let combinations = 1;
  for (const f of fields) {
    if (!swept[f.name]) continue;
    const r = checkRange(f, specs[f.name] ?? '');
    ranges[f.name] = r;
    if ('error' in r) errors.push(r.error);
    else combinations *= r.count;
  }
  if (Object.keys(ranges).length === 0) errors.push('Tick at least one parameter to sweep');
  if (errors.length) combinations = 0;
  return { ranges, combinations, errors, needsConfirmation: combinations > SWEEP_CONFIRM_COMBINATIONS };
}

/** The confirmation text for a big sweep (asked before `sweeps:start`). */
export function confirmText(combinations: number, random: number | undefined): string {
  return `This sweep has up to ${fmtInt(combinations)} combinations${random ? ` (random sample of ${fmtInt(random)})` : ''}. Start it?`;
}

/** "×99" next to each range, "!" when it is wrong. */
export function countText(r: RangeCheck | undefined): string {
  return !r ? 'fixed' : 'error' in r ? '!' : `×${fmtInt(r.count)}`;
}

export { rangeCount };
