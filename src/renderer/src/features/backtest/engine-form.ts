/**
 * The backtest engine form: raw strings as the user typed them ↔ the contract's EngineConfig patch. Pure (no React),
 * unit-tested. Fees and slippage are entered in basis points (10 bps = 0.001), exits in percent (2 = 2 %); every
 * message names the field in the unit the form shows — never a raw validator text. Bounds come from the contract's
 * own schema (EngineConfigSchema) and core's input limits, so the form and the back end cannot disagree.
 */
import { EngineConfigPatchSchema, EngineConfigSchema } from '../../../../core/api/schemas';
import { DEFAULT_MAX_LEVERAGE, MAX_ENGINE_CASH } from '../../../../core/api/input-limits';
import type { CommandInput } from '../../api/client';
import type { EnginePreset } from '../../../../core/engine/types';
import { fmtInt } from '../../lib/format';

export type EngineForm = {
  preset: EnginePreset;
  cash: string;
  feeBps: string;
  slippageBps: string;
  sizing: 'fraction' | 'all_in_units' | 'fixed_notional';
  fraction: string;
  notional: string;
  fill: 'next_open' | 'close';
  slPct: string;
  tpPct: string;
  trailPct: string;
  finalize: boolean;
  seed: string;
};

export type EngineInput = NonNullable<CommandInput<'backtest:run'>['engine']>;

/** Preset defaults (SPEC §2, config.toml [backtest]); switching the preset resets the engine form to these. */
export function engineDefaults(preset: EngineForm['preset']): EngineForm {
  const common = { cash: '10000', fraction: '1', notional: '1000', slPct: '', tpPct: '', trailPct: '', seed: '42' };
  return preset === 'backtesting-py'
    ? { ...common, preset, feeBps: '0', slippageBps: '0', sizing: 'all_in_units', fill: 'next_open', finalize: false }
    : { ...common, preset, feeBps: '10', slippageBps: '5', sizing: 'fraction', fill: 'next_open', finalize: true };
}

const shape = EngineConfigSchema.shape;
/** Contract bounds in the form's units: the schema holds fractions, the form shows bps and percent. */
export const ENGINE_FORM_LIMITS = {
  maxFeeBps: (shape.commission.maxValue ?? 0.5) * 10_000,
  maxSlippageBps: (shape.slippage.maxValue ?? 0.5) * 10_000,
  maxExitPct: (shape.takeProfitPct.unwrap().maxValue ?? 10) * 100,
  maxCash: MAX_ENGINE_CASH,
} as const;

/** Labels (with units) by engine key, for mapping a schema issue back onto the form field the user sees. */
const FIELD_OF: Record<string, [keyof EngineForm, string]> = {
  cash: ['cash', 'Cash'],
  commission: ['feeBps', 'Fee (bps)'],
  slippage: ['slippageBps', 'Slippage (bps)'],
  sizing: ['fraction', 'Fraction'],
  stopLossPct: ['slPct', 'Stop-loss %'],
  takeProfitPct: ['tpPct', 'Take-profit %'],
  trailingStopPct: ['trailPct', 'Trailing %'],
};

export interface EngineFormResult {
  engine: EngineInput;
  seed: number;
  /** per form field, naming the field in its unit */
  errors: Record<string, string>;
  /** informational notes per field (e.g. the leverage a fraction above 1 means) */
  notes: Record<string, string>;
}

const trimNum = (v: number) => String(Number(v.toPrecision(6)));

/** Engine form → EngineConfig patch, or per-field errors. `maxLeverage` caps `fraction` (config; default 10×). */
export function engineFromForm(f: EngineForm, maxLeverage = DEFAULT_MAX_LEVERAGE): EngineFormResult {
  const errors: Record<string, string> = {};
  const notes: Record<string, string> = {};
  const num = (k: keyof EngineForm, label: string, o: { min?: number; above?: number; max?: number; below?: number; unit?: string; optional?: boolean; int?: boolean } = {}): number | null => {
    const raw = String(f[k]).trim();
    if (raw === '' && o.optional) return null;
    const v = Number(raw);
    const u = o.unit ?? '';
    if (raw === '' || !Number.isFinite(v)) errors[k] = `${label}: expected a number, got "${raw}"`;
    else if (o.int && !Number.isInteger(v)) errors[k] = `${label}: expected an integer, got ${raw}`;
    else if (o.min !== undefined && v < o.min) errors[k] = `${label}: must be at least ${fmtLimit(o.min)}${u}`;
    else if (o.above !== undefined && v <= o.above) errors[k] = `${label}: must be more than ${fmtLimit(o.above)}${u}`;
    else if (o.max !== undefined && v > o.max) errors[k] = `${label}: must be at most ${fmtLimit(o.max)}${u}`;
    else if (o.below !== undefined && v >= o.below) errors[k] = `${label}: must be below ${fmtLimit(o.below)}${u}`;
    else return v;
    return null;
  };
  const L = ENGINE_FORM_LIMITS;
  const cash = num('cash', 'Cash', { above: 0, max: L.maxCash });
  const fee = num('feeBps', 'Fee (bps)', { min: 0, max: L.maxFeeBps, unit: ' bps' });
  const slip = num('slippageBps', 'Slippage (bps)', { min: 0, max: L.maxSlippageBps, unit: ' bps' });
  // A stop 100 % or more below a long entry can never trigger: it means "off", which is the empty field.
  const sl = num('slPct', 'Stop-loss %', { min: 0, below: 100, unit: ' %', optional: true });
  const tp = num('tpPct', 'Take-profit %', { min: 0, max: L.maxExitPct, unit: ' %', optional: true });
  const tr = num('trailPct', 'Trailing stop %', { min: 0, below: 100, unit: ' %', optional: true });
  const seed = num('seed', 'Seed', { int: true }) ?? 0;
  let sizing: EngineInput['sizing'];
  if (f.sizing === 'fraction') {
    const fr = num('fraction', 'Fraction', { above: 0, max: maxLeverage, unit: '× equity' });
    if (fr !== null && fr > 1) notes.fraction = `${trimNum(fr)}× leverage: positions are ${trimNum(fr)} times the equity, losses can exceed the cash (cap ${maxLeverage}×)`;
    sizing = { mode: 'fraction', fraction: fr ?? 1 };
  } else if (f.sizing === 'fixed_notional') {
    sizing = { mode: 'fixed_notional', notional: num('notional', 'Notional', { above: 0, max: L.maxCash }) ?? 1 };
  } else sizing = { mode: 'all_in_units' };
  const pct = (v: number | null) => (v === null || v === 0 ? null : v / 100);
  const engine: EngineInput = {
    preset: f.preset,
    cash: cash ?? 10000,
    commission: (fee ?? 0) / 10_000,
    slippage: (slip ?? 0) / 10_000,
    fill: f.fill,
    sizing,
    stopLossPct: pct(sl),
    takeProfitPct: pct(tp),
    trailingStopPct: pct(tr),
    finalize: f.finalize,
  };
  // The contract's own schema has the last word; an issue it finds is reported on the field the user typed.
  if (Object.keys(errors).length === 0) {
    const parsed = EngineConfigPatchSchema.safeParse(engine);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const [field, label] = FIELD_OF[String(issue.path[0])] ?? ['cash', 'Engine'];
        errors[field] ??= `${label}: outside the range the engine accepts`;
      }
    }
  }
  return { engine, seed, errors, notes };
}

/** 1000000000000 → "1,000,000,000,000"; fractional limits keep their decimals. */
function fmtLimit(v: number): string {
  return Number.isInteger(v) ? fmtInt(v) : String(v);
}
