/**
 * Pure: the heatmap's colour scale and its best cell. Diverging (red – pale – green, centred on 0) only when the
 * values straddle 0; otherwise sequential over the real range, so an all-negative sweep is not one uniform pale
 * tint: greens (pale → dark, darker = higher) when every value is ≥ 0, reds (dark → pale, paler = closer to 0 =
 * better) when every value is ≤ 0. Every sweep metric is "higher is better" (drawdowns are negative fractions).
 */
export type HeatScale =
  | { kind: 'diverging'; colorscale: [number, string][]; zmin: number; zmax: number; zmid: 0 }
  | { kind: 'sequential'; colorscale: [number, string][]; zmin: number; zmax: number }
  | { kind: 'empty' };

export const DIVERGING: [number, string][] = [[0, '#c62828'], [0.5, '#f3f0d8'], [1, '#1b8a5a']];
export const GREENS: [number, string][] = [[0, '#e6f4ea'], [1, '#1b5e20']];
export const REDS: [number, string][] = [[0, '#b71c1c'], [1, '#fde0dc']];

function range(z: readonly (readonly (number | null)[])[]): [number, number] | null {
  let lo = Infinity, hi = -Infinity;
  for (const row of z) for (const v of row) if (v !== null && Number.isFinite(v)) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}

export function heatScale(z: readonly (readonly (number | null)[])[]): HeatScale {
  const r = range(z);
  if (!r) return { kind: 'empty' };
  const [lo, hi] = r;
  if (lo < 0 && hi > 0) {
    // symmetric around 0 so equal distances from 0 get equal intensity on either side
    const m = Math.max(-lo, hi);
    return { kind: 'diverging', colorscale: DIVERGING, zmin: -m, zmax: m, zmid: 0 };
  }
  // a single value: widen a hair so plotly does not collapse the scale
  const [a, b] = lo === hi ? [lo - Math.abs(lo || 1) * 1e-9, hi + Math.abs(hi || 1) * 1e-9] : [lo, hi];
  return { kind: 'sequential', colorscale: hi <= 0 ? REDS : GREENS, zmin: a, zmax: b };
}

/** Indices [row (y), column (x)] of the highest value (first on ties), or null when every cell is empty. */
export function bestCell(z: readonly (readonly (number | null)[])[]): { row: number; col: number; value: number } | null {
  let best: { row: number; col: number; value: number } | null = null;
  z.forEach((r, i) => r.forEach((v, j) => {
    if (v !== null && Number.isFinite(v) && (best === null || v > best.value)) best = { row: i, col: j, value: v };
  }));
  return best;
}
