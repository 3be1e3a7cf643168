/** What a trader reads for each risk limit; the config key (what to edit in config.toml) stays in the tooltip. */
const RISK_LABELS: Record<string, string> = {
  max_symbol_exposure_notional: 'Exposure per symbol',
  max_total_exposure_notional: 'Total exposure',
  max_open_positions: 'Open positions',
  max_daily_loss_abs: 'Daily loss',
  max_daily_loss_pct: 'Daily loss (% of equity)',
};

export function riskLabel(key: string): string {
  return Object.hasOwn(RISK_LABELS, key) ? RISK_LABELS[key] : key;
}
