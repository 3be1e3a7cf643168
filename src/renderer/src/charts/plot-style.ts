/**
 * Height of plotly's mode bar (24 px buttons + 2 px offset). The top margin is kept at least this tall so the bar
 * sits above the plot area instead of over the data (it only shows while the pointer is over the chart).
 */
export const MODEBAR_SPACE = 28;

/** A caller's margin with the top raised to the mode bar's height when it is smaller. */
export function withModebarSpace(margin: unknown): Record<string, unknown> {
  const m = typeof margin === 'object' && margin !== null ? (margin as Record<string, unknown>) : {};
  return { ...m, t: Math.max(typeof m.t === 'number' ? m.t : 0, MODEBAR_SPACE) };
}

/** The plotly config every chart gets (mode bar on hover, no logo, no lasso tools); the caller's config wins. */
export function plotConfig(config?: object): Record<string, unknown> {
  return {
    displaylogo: false,
    responsive: true,
    displayModeBar: 'hover',
    modeBarButtonsToRemove: ['lasso2d', 'select2d', 'autoScale2d', 'toggleSpikelines'],
    ...config,
  };
}
