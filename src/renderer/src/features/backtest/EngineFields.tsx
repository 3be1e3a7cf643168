import { engineDefaults, type EngineForm } from './engine-form';

/** Costs, sizing, fills, exits and seed. Fees/slippage in basis points; SL/TP/trail in percent (empty = off). */
export function EngineFields({ value, onChange, errors, notes = {} }: { value: EngineForm; onChange(v: EngineForm): void; errors: Record<string, string>; notes?: Record<string, string> }) {
  const set = <K extends keyof EngineForm>(k: K, v: EngineForm[K]) => onChange({ ...value, [k]: v });
  const numField = (k: keyof EngineForm, label: string, placeholder?: string) => (
    <label className="field">
      {label}
      <input type="number" step="any" value={String(value[k])} placeholder={placeholder} aria-invalid={errors[k] ? true : undefined} onChange={(e) => set(k, e.target.value as never)} />
      {errors[k] ? (
        <span className="neg" style={{ fontSize: 11, overflowWrap: 'anywhere' }} role="alert">
          {errors[k]}
        </span>
      ) : notes[k] ? (
        <span className="warn-note" style={{ fontSize: 11, color: 'var(--warn)' }} data-testid={`note-${k}`}>
          {notes[k]}
        </span>
      ) : null}
    </label>
  );
  return (
    <>
      <fieldset>
        <legend>Engine preset</legend>
        <label className="field">
          Preset
          <select value={value.preset} onChange={(e) => onChange(engineDefaults(e.target.value as EngineForm['preset']))}>
            <option value="default">default (fractional, fees + slippage)</option>
            <option value="backtesting-py">backtesting-py (all-in whole units, no costs)</option>
          </select>
        </label>
      </fieldset>
      <fieldset>
        <legend>Costs</legend>
        <div className="field-row three">
          {numField('cash', 'Cash')}
          {numField('feeBps', 'Fee (bps)')}
          {numField('slippageBps', 'Slippage (bps)')}
        </div>
      </fieldset>
      <fieldset>
        <legend>Sizing &amp; fills</legend>
        <div className="field-row">
          <label className="field">
            Sizing
            <select value={value.sizing} onChange={(e) => set('sizing', e.target.value as EngineForm['sizing'])}>
              <option value="fraction">Fraction of equity</option>
              <option value="all_in_units">All-in, whole units</option>
              <option value="fixed_notional">Fixed notional</option>
            </select>
          </label>
          {value.sizing === 'fraction' && numField('fraction', 'Fraction of equity (×)')}
          {value.sizing === 'fixed_notional' && numField('notional', 'Notional')}
          <label className="field">
            Fill
            <select value={value.fill} onChange={(e) => set('fill', e.target.value as EngineForm['fill'])}>
              <option value="next_open">Next bar open</option>
              <option value="close">Signal bar close</option>
            </select>
          </label>
          <label className="check" style={{ alignSelf: 'end', height: 28 }}>
            <input type="checkbox" checked={value.finalize} onChange={(e) => set('finalize', e.target.checked)} />
            Close open trades at end
          </label>
        </div>
      </fieldset>
      <fieldset>
        <legend>Exits (%, empty = off)</legend>
        <div className="field-row three">
          {numField('slPct', 'Stop-loss %', 'off')}
          {numField('tpPct', 'Take-profit %', 'off')}
          {numField('trailPct', 'Trailing %', 'off')}
        </div>
      </fieldset>
      <div className="field-row">{numField('seed', 'Seed')}</div>
    </>
  );
}
