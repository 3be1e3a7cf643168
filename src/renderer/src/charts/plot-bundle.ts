/** Which plotly build a chart needs: 'finance' (1.3 MB, the default) or 'full' (4.8 MB). */
export type PlotlyBundle = 'finance' | 'full';

/** The trace modules plotly.js-finance-dist-min contains (its README). */
const FINANCE_TYPES: ReadonlySet<string> = new Set(['bar', 'candlestick', 'funnel', 'funnelarea', 'histogram', 'indicator', 'ohlc', 'pie', 'scatter', 'waterfall']);

/**
 * The build a chart's traces need. Chosen from the data, not by each caller: the finance build draws a trace type
 * it lacks (a heatmap) as a scatter line without any error — the drill heatmap once rendered as a diagonal line.
 */
export function bundleFor(data: readonly { type?: unknown }[], requested: PlotlyBundle = 'finance'): PlotlyBundle {
  if (requested === 'full') return 'full';
  return data.every((t) => t.type === undefined || (typeof t.type === 'string' && FINANCE_TYPES.has(t.type))) ? 'finance' : 'full';
}
