/** Heat colours 0–3 (calm → problem), shared by the heatmap and its legend. */
export const HEAT_COLOURS = ['#1f6f43', '#c9a227', '#d9822b', '#c0392b'] as const;
export const HEAT_NAMES = ['0 calm', '1 watch', '2 elevated', '3 problem'] as const;
/** Discrete plotly colourscale for z in 0..3. */
export const HEAT_SCALE: [number, string][] = HEAT_COLOURS.flatMap((c, i) => [[i / 4, c], [(i + 1) / 4, c]] as [number, string][]);
