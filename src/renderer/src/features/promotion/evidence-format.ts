/**
 * Evidence figures on a patch card, in one unit: returns and drawdowns as %, whether the evidence stores them as
 * fractions (walk-forward OOS figures) or already in percent (the *Pct metrics of a re-validation backtest).
 */
const FRACTIONS = new Set(['oosTotalReturn', 'oosMaxDrawdown']);

export function evidenceValue(name: string, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  if (FRACTIONS.has(name)) return `${(value * 100).toFixed(2)} %`;
  if (name.endsWith('Pct')) return `${value.toFixed(2)} %`;
  return String(+value.toFixed(3));
}
