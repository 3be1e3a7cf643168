/**
 * Stress Δ columns (Trust #5). Stressed − baseline of two percentages is a difference in PERCENTAGE POINTS, not
 * a percentage of the baseline: −40 % vs −10 % drawdown is "−30.00 pp". A stress of a stored run carries the
 * server's deltasPp (measured against the run's own metrics); a study without them (older results) falls back
 * to the fractions in `diff` × 100 — the same quantity in the same unit.
 */
import type { CommandOutput } from '../../api/client';
import { DASH } from '../../lib/format';

type StressSummary = CommandOutput<'stress:run'>['summary'];

export interface StressDeltaRow {
  /** percentage points */
  totalReturnPp: number;
  maxDrawdownPp: number;
  cagrPp: number;
  volatilityPp: number;
  /** a ratio: plain difference, not pp */
  sharpe: number;
}

type StressColumn = 'totalReturn' | 'maxDrawdown' | 'sharpe' | 'cagr' | 'volatility';

/** Which metric columns carry a Δ column beside them, and its unit (pp for percentages, a plain ratio for Sharpe). */
export const DELTA_UNIT: Readonly<Record<StressColumn, 'pp' | 'ratio' | null>> = {
  totalReturn: 'pp', maxDrawdown: 'pp', sharpe: 'ratio', cagr: null, volatility: null,
};

/** The Δ of one column in a row (null: the column shows no Δ). */
export function deltaOf(c: StressColumn, d: StressDeltaRow): number | null {
  switch (c) {
    case 'totalReturn': return d.totalReturnPp;
    case 'maxDrawdown': return d.maxDrawdownPp;
    case 'sharpe': return d.sharpe;
    default: return null;
  }
}

/** One row per scenario, in the order of summary.results. */
export function stressDeltaRows(s: StressSummary): StressDeltaRow[] {
  if (s.deltasPp && s.deltasPp.length === s.results.length) return s.deltasPp.map((d) => ({ ...d }));
  return s.results.map((r) => ({
    totalReturnPp: r.diff.totalReturn * 100,
    maxDrawdownPp: r.diff.maxDrawdown * 100,
    cagrPp: r.diff.cagr * 100,
    volatilityPp: r.diff.volatility * 100,
    sharpe: r.diff.sharpe,
  }));
}

/** A percentage-point difference: 1.234 → "+1.23 pp", −30 → "−30.00 pp", 0 → "0.00 pp". */
export function fmtPp(v: number | null | undefined, digits = 2): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return DASH;
  const a = Math.abs(v).toFixed(digits);
  if (Number(a) === 0) return `${(0).toFixed(digits)} pp`;
  return `${v > 0 ? '+' : '−'}${a} pp`;
}

/** A Sharpe difference (a ratio, no unit): 0.5 → "+0.50". */
export function fmtSharpeDelta(v: number | null | undefined, digits = 2): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return DASH;
  const a = Math.abs(v).toFixed(digits);
  if (Number(a) === 0) return (0).toFixed(digits);
  return `${v > 0 ? '+' : '−'}${a}`;
}
