/**
 * Forms validate with the contract's own input schemas (no renderer copy of a bound), and a schema issue is shown
 * on the form's terms: the field's label, in the unit the form shows (a severity typed in % is checked against the
 * schema's fraction, and its bound is reported in %). Never a raw validator text. Pure, unit-tested.
 */
import type { z } from 'zod';
import { fmtInt } from './format';

export interface FieldSpec {
  /** what the form calls the field */
  label: string;
  /** unit suffix the form shows, e.g. ' %' or ' bps' */
  unit?: string;
  /** form value = schema value × scale (percent fields: 100; bps fields: 10,000) */
  scale?: number;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

const fmtBound = (v: number): string => (Number.isInteger(v) && Math.abs(v) >= 1000 ? fmtInt(v) : String(Number(v.toPrecision(10))));

/** One zod issue → "Label: must be at most 100 %". */
export function issueMessage(issue: z.core.$ZodIssue, spec: FieldSpec | undefined): string {
  const label = spec?.label ?? issue.path.map(String).join('.') ?? 'value';
  const unit = spec?.unit ?? '';
  const scale = spec?.scale ?? 1;
  switch (issue.code) {
    case 'too_small': {
      if (issue.origin === 'string' || issue.origin === 'array') return `${label}: required`;
      const min = Number(issue.minimum) * scale;
      return issue.inclusive === false ? `${label}: must be more than ${fmtBound(min)}${unit}` : `${label}: must be at least ${fmtBound(min)}${unit}`;
    }
    case 'too_big': {
      if (issue.origin === 'string') return `${label}: at most ${fmtBound(Number(issue.maximum))} characters`;
      const max = Number(issue.maximum) * scale;
      return issue.inclusive === false ? `${label}: must be below ${fmtBound(max)}${unit}` : `${label}: must be at most ${fmtBound(max)}${unit}`;
    }
    case 'invalid_type':
      if (issue.expected === 'int') return `${label}: expected a whole number`;
      return issue.expected === 'number' ? `${label}: expected a number` : `${label}: required`;
    case 'not_multiple_of':
      return `${label}: expected a whole number`;
    case 'invalid_value':
      return `${label}: not one of the offered choices`;
    case 'invalid_format':
      return `${label}: not in the expected format`;
    default:
      return `${label}: not accepted`;
  }
}

/**
 * Parses `value` with `schema`; on failure, one message per form field (the first issue of each field).
 * `fields` maps the schema's top-level keys to the form's labels/units.
 */
export function validateWith<S extends z.ZodType>(schema: S, value: unknown, fields: Record<string, FieldSpec>): Validated<z.output<S>> {
  const r = schema.safeParse(value);
  if (r.success) return { ok: true, value: r.data };
  const errors: Record<string, string> = {};
  for (const issue of r.error.issues) {
    const key = String(issue.path[0] ?? '');
    errors[key] ??= issueMessage(issue, fields[key]);
  }
  return { ok: false, errors };
}

/** Typed text → number for a schema to judge: '' → undefined (field absent), junk → NaN (the schema says so). */
export function numberOrUndefined(raw: string): number | undefined {
  const s = raw.trim();
  return s === '' ? undefined : Number(s);
}
