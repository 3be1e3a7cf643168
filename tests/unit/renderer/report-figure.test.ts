import { describe, expect, it } from 'vitest';
import { isNumericCell } from '../../../src/core/research/report-model';
import { numericColumns, reportFigure, verdictWord, wrapTokens, type ChartSection } from '../../../src/renderer/src/features/experiments/report-figure';

const line = (over: Partial<ChartSection> = {}): ChartSection => ({ type: 'chart', title: 'Equity', traces: [{ name: 'equity', x: [0, 86_400_000], y: [100, 110] }], ...over });

describe('in-app report charts', () => {
  it('epoch-ms x values get a date axis; plain x keeps its title', () => {
    expect(reportFigure(line({ xTime: true })).layout.xaxis).toEqual({ type: 'date' });
    expect(reportFigure(line({ xTitle: 'bars from start' })).layout.xaxis).toEqual({ title: { text: 'bars from start' } });
  });
  it('fractions get a percent axis and percent hover; others a plain number', () => {
    const pct = reportFigure(line({ yPercent: true, yTitle: 'drawdown' }));
    expect(pct.layout.yaxis).toEqual({ title: { text: 'drawdown' }, tickformat: '.1%' });
    expect(pct.data[0].hovertemplate).toBe('equity %{y:.2%}<extra></extra>');
    expect(reportFigure(line()).layout.yaxis).toEqual({ title: { text: '' } });
  });
  it('a legend only with more than one series, and room for it above the plot', () => {
    expect(reportFigure(line()).layout.showlegend).toBe(false);
    const two = reportFigure(line({ traces: [{ name: 'a', x: [1], y: [1] }, { name: 'b', x: [1], y: [2] }] }));
    expect(two.layout.showlegend).toBe(true);
    expect((two.layout.margin as { t: number }).t).toBeGreaterThan(30);
    expect(two.layout.legend).toMatchObject({ orientation: 'h', traceorder: 'normal' });
  });
  it('bars: one category tick per window/scenario, the colour on the bar, no line mode', () => {
    const f = reportFigure(line({ traces: [{ name: 'OOS', type: 'bar', x: [0, 1, 2], y: [0.5, -0.2, null], line: { color: '#e5534b' } }], xTitle: 'window' }));
    expect(f.layout.xaxis).toEqual({ type: 'category', title: { text: 'window' } });
    expect(f.layout.barmode).toBe('group');
    expect(f.data[0]).toMatchObject({ type: 'bar', marker: { color: '#e5534b' }, y: [0.5, -0.2, null] });
    expect(f.data[0]).not.toHaveProperty('mode');
  });
  it('lines keep the stored fill, fill colour and line; the height defaults to 320 px', () => {
    const f = reportFigure(line({ height: 220, traces: [{ name: 'p95', x: [0, 1], y: [1, 2], fill: 'tonexty', fillcolor: 'rgba(1,2,3,0.1)', line: { color: '#123456', width: 1 } }] }));
    expect(f.data[0]).toMatchObject({ type: 'scatter', mode: 'lines', fill: 'tonexty', fillcolor: 'rgba(1,2,3,0.1)', line: { color: '#123456', width: 1 } });
    expect(f.height).toBe(220);
    expect(reportFigure(line()).height).toBe(320);
  });
  it('a trace name cannot inject a plotly template field', () => {
    expect(reportFigure(line({ traces: [{ name: '%{x}', x: [1], y: [1] }] })).data[0].hovertemplate).not.toContain('%{x}');
  });
});

describe('in-app report tables', () => {
  it('numbers, percentages, percentage points and "—" are numeric; dates, ranges and parameters are not', () => {
    for (const c of ['1.25', '-0.50', '−3', '12.34 %', '-1.20 pp', '1,234.5', '1e-5', '—']) expect(isNumericCell(c), c).toBe(true);
    for (const c of ['2024-01-01 → 2024-06-30', 'fast=10 slow=30', 'baseline', 'vol_spike', '']) expect(isNumericCell(c), c).toBe(false);
  });
  it('a column is right-aligned when every non-empty cell is numeric', () => {
    const cols = ['scenario', 'total return', 'Δ return (pp)', 'empty'];
    const rows = [
      ['baseline', '12.00 %', '', ''],
      ['vol_spike', '—', '-1.50 pp', ''],
    ];
    expect(numericColumns(cols, rows)).toEqual([false, true, true, false]);
  });
  it('verdicts read as words', () => {
    expect(['GO', 'NO_GO', 'INCONCLUSIVE'].map((v) => verdictWord(v as 'GO'))).toEqual(['GO', 'NO-GO', 'INCONCLUSIVE']);
  });
});

describe('in-app report text cells', () => {
  it('wrap between words only: dates and parameters stay whole, an arrow stays with the word before it', () => {
    expect(wrapTokens('2016-12-31 → 2017-12-30')).toEqual(['2016-12-31 →', '2017-12-30']);
    expect(wrapTokens('slow_window=50 fast_window=20')).toEqual(['slow_window=50', 'fast_window=20']);
    expect(wrapTokens('baseline')).toEqual(['baseline']);
    expect(wrapTokens('')).toEqual([]);
  });
});
