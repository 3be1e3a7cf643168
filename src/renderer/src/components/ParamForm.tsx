import type { FormState, ParamField } from '../lib/param-form';

/** Inputs generated from a strategy's parameter description: numbers with min/max, enums as selects, booleans as checkboxes. */
export function ParamForm({ fields, state, errors, onChange, idPrefix = 'p' }: { fields: ParamField[]; state: FormState; errors: Record<string, string>; onChange(next: FormState): void; idPrefix?: string }) {
  if (fields.length === 0) return <div className="muted">This strategy has no parameters.</div>;
  const set = (k: string, v: string | boolean) => onChange({ ...state, [k]: v });
  return (
    <div className="field-row">
      {fields.map((f) => {
        const id = `${idPrefix}-${f.name}`;
        const err = errors[f.name];
        const bounds =
          f.kind === 'number' || f.kind === 'integer'
            ? f.min !== undefined && f.max !== undefined
              ? `${f.min}–${f.max}`
              : f.min !== undefined
                ? `≥ ${f.min}`
                : f.max !== undefined
                  ? `≤ ${f.max}`
                  : ''
            : '';
        if (f.kind === 'boolean') {
          return (
            <label key={f.name} className="check" title={f.description} style={{ alignSelf: 'end', height: 28 }}>
              <input id={id} type="checkbox" checked={state[f.name] === true} onChange={(e) => set(f.name, e.target.checked)} />
              {f.label}
            </label>
          );
        }
        return (
          <label key={f.name} className="field" title={f.description ?? f.name} htmlFor={id}>
            <span className="field-label">
              <span>{f.label}</span>
              {bounds && <span className="bounds">{bounds}</span>}
            </span>
            {f.kind === 'enum' ? (
              <select id={id} value={String(state[f.name] ?? '')} onChange={(e) => set(f.name, e.target.value)}>
                {f.nullable && <option value="">(none)</option>}
                {(f.options ?? []).map((o) => (
                  <option key={String(o)} value={String(o)}>
                    {String(o)}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={id}
                type={f.kind === 'string' ? 'text' : 'number'}
                inputMode={f.kind === 'integer' ? 'numeric' : 'decimal'}
                min={f.min}
                max={f.max}
                step={f.step ?? 'any'}
                value={String(state[f.name] ?? '')}
                placeholder={f.nullable ? 'off' : undefined}
                aria-invalid={err ? true : undefined}
                onChange={(e) => set(f.name, e.target.value)}
              />
            )}
            {err && <span className="neg" style={{ fontSize: 11 }}>{err}</span>}
          </label>
        );
      })}
    </div>
  );
}
