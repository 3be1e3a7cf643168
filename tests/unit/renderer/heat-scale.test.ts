import { describe, expect, it } from 'vitest';
import { bestCell, DIVERGING, GREENS, heatScale, REDS } from '../../../src/renderer/src/charts/heat-scale';

describe('heatmap colour scale', () => {
  it('diverges around 0 (symmetric range) only when values straddle 0', () => {
    expect(heatScale([[-0.5, 0.2], [null, 1.5]])).toEqual({ kind: 'diverging', colorscale: DIVERGING, zmin: -1.5, zmax: 1.5, zmid: 0 });
  });
  it('is sequential over the real range otherwise: reds for all-negative, greens for all-positive', () => {
    expect(heatScale([[-3, -1], [-2, null]])).toEqual({ kind: 'sequential', colorscale: REDS, zmin: -3, zmax: -1 });
    expect(heatScale([[0, 4], [2, 3]])).toEqual({ kind: 'sequential', colorscale: GREENS, zmin: 0, zmax: 4 });
  });
  it('handles one value and no values', () => {
    const one = heatScale([[2, 2]]);
    expect(one.kind).toBe('sequential');
    if (one.kind === 'sequential') expect(one.zmin < 2 && one.zmax > 2).toBe(true);
    expect(heatScale([[null, null]])).toEqual({ kind: 'empty' });
  });
  it('finds the best (highest) cell, first on ties', () => {
    expect(bestCell([[-3, -1], [-2, -1]])).toEqual({ row: 0, col: 1, value: -1 });
    expect(bestCell([[null]])).toBeNull();
  });
});
