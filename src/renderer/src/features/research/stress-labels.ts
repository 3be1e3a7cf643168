import type { StressKind } from '../../../../core/research/stress';

/** What a trader reads for each stress scenario (the snake_case kinds are the contract's keys, not UI text). */
export const STRESS_LABELS: Record<StressKind, string> = {
  single_crash_bar: 'Single crash bar',
  gap_down_open: 'Gap-down open',
  vol_spike: 'Volatility spike',
  drawdown_extension: 'Drawdown extension',
  flash_crash: 'Flash crash',
  regime_bear: 'Bear regime',
  regime_sideways: 'Sideways regime',
};

export function stressLabel(kind: string): string {
  return Object.hasOwn(STRESS_LABELS, kind) ? STRESS_LABELS[kind as StressKind] : kind;
}
