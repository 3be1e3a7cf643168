// The plotly build follows the traces: a heatmap in the finance build would be drawn as a scatter line, silently.
import { describe, expect, it } from 'vitest';
import { bundleFor } from '../../../src/renderer/src/charts/plot-bundle';

describe('plotly build per chart', () => {
  it('finance for the finance build\'s trace types (and untyped traces, which plotly draws as scatter)', () => {
    expect(bundleFor([{ type: 'scatter' }, { type: 'candlestick' }, { type: 'bar' }, { type: 'histogram' }, {}])).toBe('finance');
    expect(bundleFor([])).toBe('finance');
  });
  it('full as soon as one trace needs it (the drill heatmap: a heatmap plus a text scatter)', () => {
    expect(bundleFor([{ type: 'heatmap' }, { type: 'scatter' }])).toBe('full');
    expect(bundleFor([{ type: 'scattergl' }])).toBe('full');
    expect(bundleFor([{ type: 42 }])).toBe('full');
  });
  it('an explicit full request stays full', () => {
    expect(bundleFor([{ type: 'scatter' }], 'full')).toBe('full');
  });
});
