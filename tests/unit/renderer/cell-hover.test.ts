import { describe, expect, it } from 'vitest';
import { cellHoverText, cellHoverTexts } from '../../../src/renderer/src/features/sweeps/cell-hover';

const row = {
  index: 7,
  params: { fast_window: 10, slow_window: 40, side: 'long<short' },
  metrics: { sharpe: 1.23456, totalReturnPct: 12.345, maxDrawdownPct: -8.5, trades: 42, profitFactor: 1.5 },
};

describe('sweep heatmap hover text', () => {
  it('names the best value, then every parameter and every metric in the app units', () => {
    const lines = cellHoverText(row, 'fast_window', 'slow_window', 'sharpe').split('<br>');
    // hand-formatted: Sharpe is a ratio (3 decimals, "ann."), returns are stored in % (2 decimals)
    expect(lines[0]).toBe('<b>best Sharpe: 1.235 ann.</b> (combination #7)');
    expect(lines).toContain('fast_window = 10');
    expect(lines).toContain('slow_window = 40');
    expect(lines).toContain('side = long&lt;short');
    expect(lines).toContain('Total return: 12.35 %');
    expect(lines).toContain('Max drawdown: -8.50 %');
    expect(lines).toContain('Trades: 42');
    expect(lines).toContain('Profit factor: 1.500');
    // headline metrics first (HEADLINE_METRICS order): total return before sharpe
    expect(lines.indexOf('Total return: 12.35 %')).toBeLessThan(lines.indexOf('Sharpe: 1.235 ann.'));
  });

  it('says the max drawdown duration as time when the combination carries its bars per year', () => {
    const timed = { ...row, metrics: { ...row.metrics, maxDrawdownDurationBars: 1_500, periodsPerYear: 8_760 } }; // 1 h bars
    // 1,500 h = 62.5 d → "62 d 12 h"
    expect(cellHoverText(timed, 'fast_window', 'slow_window', 'sharpe').split('<br>')).toContain('Max DD duration: 62 d 12 h · 1,500 bars');
  });

  it('an empty cell says so; texts are laid out like z', () => {
    expect(cellHoverText(null, 'a', 'b', 'sharpe')).toBe('a · b: no combination measured');
    const t = cellHoverTexts([[row, null]], 'fast_window', 'slow_window', 'totalReturnPct');
    expect(t).toHaveLength(1);
    expect(t[0]).toHaveLength(2);
    expect(t[0][0].startsWith('<b>best Total return: 12.35 %</b>')).toBe(true);
    expect(t[0][1]).toContain('no combination measured');
  });
});
