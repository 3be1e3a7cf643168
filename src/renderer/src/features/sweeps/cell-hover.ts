import type { CommandOutput } from '../../api/client';
import { fmtMetricText, metricInfo, orderMetricKeys } from '../../lib/format';

type CellRow = CommandOutput<'sweeps:heatmap'>['cells'][number][number];

/** Plotly hover labels are a small HTML subset: parameter values (strings from a TOML grid) must not add markup. */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Hover text of one heatmap cell: the cell's value names the selected metric (best over the other parameters), then
 * every parameter and every metric of the stored combination that produced it, in the app's units (returns in %,
 * ratios with 3 decimals). Lines joined by <br> for plotly's hovertemplate.
 */
export function cellHoverText(row: CellRow, x: string, y: string, metric: string): string {
  if (!row) return `${esc(x)} · ${esc(y)}: no combination measured`;
  const lines = [`<b>best ${esc(metricInfo(metric).label)}: ${esc(fmtMetricText(metric, row.metrics[metric], row.metrics))}</b> (combination #${row.index})`];
  for (const [k, v] of Object.entries(row.params)) lines.push(`${esc(k)} = ${esc(String(v))}`);
  lines.push('');
  for (const k of orderMetricKeys(Object.keys(row.metrics))) lines.push(`${esc(metricInfo(k).label)}: ${esc(fmtMetricText(k, row.metrics[k], row.metrics))}`);
  return lines.join('<br>');
}

/** Hover text for every cell, laid out like the heatmap's z (rows = y values, columns = x values). */
export function cellHoverTexts(cells: CellRow[][], x: string, y: string, metric: string): string[][] {
  return cells.map((r) => r.map((c) => cellHoverText(c, x, y, metric)));
}
