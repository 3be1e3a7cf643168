import type { StrategyInfo } from '../stores/app';

const TIER_LABEL: Record<string, string> = { core: 'Core', aux: 'Auxiliary', legacy: 'Legacy', r_and_d: 'R&D (research only)' };
const TIER_ORDER = ['core', 'aux', 'legacy', 'r_and_d'];

/** Strategy select grouped by tier; R&D strategies are listed only when `showRnd` is on. */
export function StrategyPicker({ strategies, value, onChange, showRnd, onShowRnd, id = 'strategy' }: { strategies: StrategyInfo[]; value: string; onChange(id: string): void; showRnd: boolean; onShowRnd(v: boolean): void; id?: string }) {
  const visible = strategies.filter((s) => showRnd || s.tier !== 'r_and_d');
  const current = strategies.find((s) => s.id === value);
  return (
    <div className="grid" style={{ gap: 6 }}>
      <label className="field" htmlFor={id}>
        Strategy
        <select id={id} aria-label="Strategy" value={value} onChange={(e) => onChange(e.target.value)}>
          {!value && <option value="">Choose a strategy…</option>}
          {TIER_ORDER.map((tier) => {
            const list = visible.filter((s) => s.tier === tier);
            if (!list.length) return null;
            return (
              <optgroup key={tier} label={TIER_LABEL[tier]}>
                {list.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name} ({s.id})
                  </option>
                ))}
              </optgroup>
            );
          })}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={showRnd} onChange={(e) => onShowRnd(e.target.checked)} />
        Show R&amp;D tier ({strategies.filter((s) => s.tier === 'r_and_d').length})
      </label>
      {current && (
        <div className="muted" style={{ fontSize: 12 }}>
          <span className="badge info" style={{ marginRight: 6 }}>
            {current.tier}
          </span>
          {current.description}
        </div>
      )}
    </div>
  );
}
