/**
 * The psychology heatmap's axes, in the order core/drills scores them, with the words the original's report uses
 * (German) and their English reading. Shared by the result heatmap and the history's trend legend.
 */
export const CLUSTERS = ['trend_follow', 'counter_trend', 'breakout', 'exit', 'reentry', 'other'] as const;
export const DIMS = ['fomo', 'loss_fear', 'impulsivity', 'hesitation', 'rule_break'] as const;
export const ROW_DE = ['Trend-Folge Einstiege', 'Counter-Trend Einstiege', 'Breakout / Breakdowns', 'Take-Profit / Exits', 'Re-Entries / Scaling', 'Sonstige Setups'];
export const ROW_EN = ['Trend-following entries', 'Counter-trend entries', 'Breakouts / breakdowns', 'Take-profit / exits', 'Re-entries / scaling', 'Other setups'];
export const COL_DE = ['FOMO', 'Verlustangst', 'Impulsivität', 'Zögern', 'Regelbruch'];
export const COL_EN = ['FOMO', 'Loss fear', 'Impulsivity', 'Hesitation', 'Rule break'];

/** A cluster code as its row reads ("breakout" → "Breakouts / breakdowns"); an unknown code as it is. */
export function clusterName(code: string, lang: 'en' | 'de' = 'en'): string {
  const i = (CLUSTERS as readonly string[]).indexOf(code);
  return i < 0 ? code : (lang === 'de' ? ROW_DE : ROW_EN)[i];
}
