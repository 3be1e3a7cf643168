// Stress Δ columns: differences of percentages are percentage points ("pp"), from the server's deltasPp when
// present, else diff × 100 (hand-computed cases).
import { describe, expect, it } from 'vitest';
import { deltaOf, DELTA_UNIT, fmtPp, fmtSharpeDelta, stressDeltaRows } from '../../../src/renderer/src/features/research/stress-deltas';

const m = (totalReturn: number, maxDrawdown: number, sharpe = 1, cagr = 0.1, volatility = 0.2) => ({ finalEquity: 1, totalReturn, maxDrawdown, sharpe, cagr, volatility });

describe('stress deltas in percentage points', () => {
  it('formats pp with a forced sign and a real minus', () => {
    expect(fmtPp(1.234)).toBe('+1.23 pp');
    expect(fmtPp(-30)).toBe('−30.00 pp');
    expect(fmtPp(0)).toBe('0.00 pp');
    expect(fmtPp(-0.001)).toBe('0.00 pp'); // rounds to zero: no "−0.00"
    expect(fmtPp(null)).toBe('—');
    expect(fmtPp(Number.NaN)).toBe('—');
    expect(fmtSharpeDelta(0.5)).toBe('+0.50');
    expect(fmtSharpeDelta(-1.256)).toBe('−1.26');
  });

  it('falls back to diff × 100: baseline −10 % drawdown, stressed −40 % → −30 pp (not −300 %)', () => {
    const baseline = m(0.2, -0.1, 1.5, 0.12, 0.3);
    const stressed = m(-0.05, -0.4, 0.25, -0.02, 0.45);
    const diff = m(-0.25, -0.3, -1.25, -0.14, 0.15);
    const rows = stressDeltaRows({ baseline, results: [{ scenario: { kind: 'single_crash_bar', severity: 0.3, position: 'middle' }, stressed, diff }] });
    expect(rows).toHaveLength(1);
    expect(rows[0].totalReturnPp).toBeCloseTo(-25, 12);
    expect(rows[0].maxDrawdownPp).toBeCloseTo(-30, 12);
    expect(rows[0].cagrPp).toBeCloseTo(-14, 12);
    expect(rows[0].volatilityPp).toBeCloseTo(15, 12);
    expect(rows[0].sharpe).toBeCloseTo(-1.25, 12);
    expect(fmtPp(rows[0].maxDrawdownPp)).toBe('−30.00 pp');
  });

  it("prefers the server's deltasPp (measured against the run itself)", () => {
    const r = { scenario: { kind: 'vol_spike' as const, severity: 1, position: 'end' as const }, stressed: m(0, 0), diff: m(0.5, 0.5) };
    const deltasPp = [{ totalReturnPp: -3, cagrPp: -1, maxDrawdownPp: -7.5, volatilityPp: 2, sharpe: -0.4 }];
    expect(stressDeltaRows({ baseline: m(0, 0), results: [r], deltasPp })).toEqual(deltasPp);
    // a deltasPp that does not line up with the results is ignored rather than mislabelling rows
    expect(stressDeltaRows({ baseline: m(0, 0), results: [r, r], deltasPp })[1].totalReturnPp).toBeCloseTo(50, 12);
  });

  it('puts a pp Δ beside return and drawdown, a plain Δ beside Sharpe, none beside CAGR and volatility', () => {
    const d = { totalReturnPp: -3, cagrPp: -1, maxDrawdownPp: -7.5, volatilityPp: 2, sharpe: -0.4 };
    expect(DELTA_UNIT).toEqual({ totalReturn: 'pp', maxDrawdown: 'pp', sharpe: 'ratio', cagr: null, volatility: null });
    expect([deltaOf('totalReturn', d), deltaOf('maxDrawdown', d), deltaOf('sharpe', d), deltaOf('cagr', d), deltaOf('volatility', d)]).toEqual([-3, -7.5, -0.4, null, null]);
  });
});
