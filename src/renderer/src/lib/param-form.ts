/**
 * Form-from-schema: turns a strategy's parameter description (as sent by `strategies:list`) into form fields,
 * and form inputs back into typed parameter values. Accepts either a list of descriptors
 * `[{ name, type, default, min, max, enum, description, sweep }]` or a JSON Schema object
 * (`{ properties: { fast_window: { type: 'integer', minimum: 2, default: 10 } } }`, as zod's toJSONSchema emits),
 * so the form survives either encoding. Pure: no DOM, no React — unit-tested.
 */
/** Sweep range of a parameter: core's own type (declared once, core/strategies/types.ts). */
import type { SweepRange } from '../../../core/strategies/types';
export type { SweepRange };

export type FieldKind = 'number' | 'integer' | 'boolean' | 'enum' | 'string';
export type ParamValue = number | string | boolean | null;


export interface ParamField {
  name: string;
  label: string;
  kind: FieldKind;
  default: ParamValue;
  min?: number;
  max?: number;
  step?: number;
  options?: ParamValue[];
  nullable: boolean;
  description?: string;
  sweep?: SweepRange;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const isScalar = (v: unknown): v is ParamValue =>
  v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean';

/** "fast_window" → "Fast window". */
export function labelOf(name: string): string {
  const s = name.replace(/[_-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function sweepOf(v: unknown): SweepRange | undefined {
  if (!isObj(v)) return undefined;
  if (v.kind === 'range') {
    const [min, max, step] = [num(v.min), num(v.max), num(v.step)];
    return min === undefined || max === undefined ? undefined : { kind: 'range', min, max, step: step ?? 1 };
  }
  if (v.kind === 'values' && Array.isArray(v.values)) return { kind: 'values', values: v.values.filter(isScalar) };
  return undefined;
}

/** One JSON-Schema-ish node (possibly anyOf [T, null]) → kind, bounds, options, nullable. */
function fromSchemaNode(name: string, node: Obj, extra: Obj = {}): ParamField {
  let n: Obj = node;
  let nullable = false;
  const union = Array.isArray(node.anyOf) ? node.anyOf : Array.isArray(node.oneOf) ? node.oneOf : null;
  if (union) {
    const nonNull = union.filter((u) => isObj(u) && u.type !== 'null') as Obj[];
    nullable = nonNull.length < union.length;
    if (nonNull.length === 1) n = { ...nonNull[0], default: node.default ?? nonNull[0].default, description: node.description ?? nonNull[0].description };
  }
  if (Array.isArray(n.type)) {
    nullable = nullable || n.type.includes('null');
    n = { ...n, type: n.type.find((t) => t !== 'null') };
  }
  if (n.nullable === true) nullable = true;
  // Options arrive as `enum` (JSON Schema), `values` (strategies:list) or `options`.
  const rawOpts = Array.isArray(n.enum) ? n.enum : Array.isArray(n.values) ? n.values : Array.isArray(n.options) ? n.options : undefined;
  const enumVals = rawOpts?.filter(isScalar);
  const constVal = isScalar(n.const) ? [n.const] : undefined;
  const type = str(n.type);
  let kind: FieldKind;
  if (enumVals?.length || constVal) kind = 'enum';
  else if (type === 'integer' || type === 'int') kind = 'integer';
  else if (type === 'number' || type === 'float') kind = 'number';
  else if (type === 'boolean' || type === 'bool') kind = 'boolean';
  else kind = 'string';
  if (kind === 'number' && n.multipleOf === 1) kind = 'integer';
  const min = num(n.minimum) ?? num(n.min) ?? num(n.exclusiveMinimum);
  const max = num(n.maximum) ?? num(n.max) ?? num(n.exclusiveMaximum);
  const def = isScalar(n.default) ? n.default : isScalar(extra.default) ? (extra.default as ParamValue) : null;
  const field: ParamField = {
    name,
    label: str(n.title) ?? str(extra.label) ?? labelOf(name),
    kind,
    default: def,
    nullable: n.nullable === false ? false : nullable || (def === null && kind !== 'enum'),
  };
  if (min !== undefined) field.min = min;
  if (max !== undefined) field.max = max;
  const step = num(n.step) ?? (kind === 'integer' ? 1 : undefined);
  if (step !== undefined) field.step = step;
  if (kind === 'enum') field.options = enumVals?.length ? enumVals : constVal;
  const description = str(n.description) ?? str(extra.description);
  if (description) field.description = description;
  const sweep = sweepOf(n.sweep) ?? sweepOf(extra.sweep);
  if (sweep) field.sweep = sweep;
  return field;
}

/** Normalise any supported parameter description into an ordered list of fields. */
export function normalizeParamFields(desc: unknown, sweeps?: unknown): ParamField[] {
  const sweepMap = isObj(sweeps) ? sweeps : {};
  const withSweep = (f: ParamField): ParamField => {
    const s = f.sweep ?? sweepOf(sweepMap[f.name]);
    return s ? { ...f, sweep: s } : f;
  };
  if (Array.isArray(desc)) {
    return desc
      .filter(isObj)
      .filter((d) => typeof d.name === 'string')
      .map((d) => withSweep(fromSchemaNode(d.name as string, d, d)));
  }
  if (isObj(desc)) {
    const props = isObj(desc.properties) ? desc.properties : desc;
    return Object.entries(props)
      .filter(([, v]) => isObj(v))
      .map(([k, v]) => withSweep(fromSchemaNode(k, v as Obj)));
  }
  return [];
}

/** Raw form state: strings for numeric inputs (so partial typing like "1." survives), booleans for checkboxes. */
export type FormState = Record<string, string | boolean>;

export function initialFormState(fields: ParamField[], values?: Record<string, unknown>): FormState {
  const st: FormState = {};
  for (const f of fields) {
    const v = values && f.name in values ? values[f.name] : f.default;
    if (f.kind === 'boolean') st[f.name] = v === true;
    else st[f.name] = v === null || v === undefined ? '' : String(v);
  }
  return st;
}

/** Parse one raw input into a typed value, or an error naming the field and the bound it breaks. */
export function coerceField(f: ParamField, raw: string | boolean): { value: ParamValue } | { error: string } {
  if (f.kind === 'boolean') return { value: raw === true || raw === 'true' };
  const s = typeof raw === 'string' ? raw.trim() : String(raw);
  if (s === '') {
    if (f.nullable) return { value: null };
    return { error: `${f.name}: required` };
  }
  if (f.kind === 'enum') {
    const opt = (f.options ?? []).find((o) => String(o) === s);
    if (opt === undefined) return { error: `${f.name}: expected one of ${(f.options ?? []).join(', ')}, got "${s}"` };
    return { value: opt };
  }
  if (f.kind === 'string') return { value: s };
  const v = Number(s);
  if (!Number.isFinite(v)) return { error: `${f.name}: expected a number, got "${s}"` };
  if (f.kind === 'integer' && !Number.isInteger(v)) return { error: `${f.name}: expected an integer, got ${s}` };
  if (f.min !== undefined && v < f.min) return { error: `${f.name}: must be ≥ ${f.min}` };
  if (f.max !== undefined && v > f.max) return { error: `${f.name}: must be ≤ ${f.max}` };
  return { value: v };
}

/** Whole form → params object plus per-field errors (empty when valid). */
export function formToParams(fields: ParamField[], st: FormState): { params: Record<string, ParamValue>; errors: Record<string, string> } {
  const params: Record<string, ParamValue> = {};
  const errors: Record<string, string> = {};
  for (const f of fields) {
    const r = coerceField(f, st[f.name] ?? (f.kind === 'boolean' ? false : ''));
    if ('error' in r) errors[f.name] = r.error;
    else params[f.name] = r.value;
  }
  return { params, errors };
}

/** Sweep range → the textual grid spec used by the sweep editor: "2:100:1" or "a,b,c". */
export function rangeToSpec(r: SweepRange | undefined): string {
  if (!r) return '';
  if (r.kind === 'values') return r.values.map(String).join(',');
  return `${r.min}:${r.max}:${r.step}`;
}
