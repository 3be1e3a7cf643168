import { describe, expect, it } from 'vitest';
import { MODEBAR_SPACE, plotConfig, withModebarSpace } from '../../../src/renderer/src/charts/plot-style';

describe('plotly mode bar stays off the data', () => {
  it('keeps a top margin at least as tall as the mode bar, whatever the caller asks', () => {
    expect(MODEBAR_SPACE).toBeGreaterThanOrEqual(26);
    expect(withModebarSpace(undefined)).toEqual({ t: MODEBAR_SPACE });
    expect(withModebarSpace({ l: 10, r: 4, t: 0, b: 20 })).toEqual({ l: 10, r: 4, t: MODEBAR_SPACE, b: 20 });
    expect(withModebarSpace({ t: 60 })).toEqual({ t: 60 });
  });
  it('shows the mode bar only on hover, without the plotly logo; a caller can still turn it off', () => {
    expect(plotConfig()).toMatchObject({ displayModeBar: 'hover', displaylogo: false });
    expect(plotConfig({ displayModeBar: false }).displayModeBar).toBe(false);
  });
});
