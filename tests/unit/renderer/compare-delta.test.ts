import { describe, expect, it } from 'vitest';
import { compareDelta } from '../../../src/renderer/src/features/experiments/compare-delta';

describe('compare Δ vs the first run', () => {
  it('gives differences of percentages in percentage points', () => {
    // totalReturnPct is stored in percent: 14.5 % − 12.4 % = 2.1 pp (not +16.9 % of the first)
    expect(compareDelta('totalReturnPct', 12.4, 14.5)).toBe('+2.10 pp');
    expect(compareDelta('maxDrawdownPct', -10, -40)).toBe('−30.00 pp');
    expect(compareDelta('winRatePct', 50, 50)).toBe('0.00 pp');
    // fractions (research figures): −0.15 vs −0.10 = −5 pp
    expect(compareDelta('maxDrawdown', -0.1, -0.15)).toBe('−5.00 pp');
  });
  it('keeps ratios, counts and money as plain signed differences', () => {
    expect(compareDelta('sharpe', 1.2, 0.95)).toBe('−0.250');
    expect(compareDelta('trades', 40, 57)).toBe('+17');
    expect(compareDelta('equityFinal', 10_000, 11_234.5)).toBe('+1,234.50');
  });
  it('says a duration difference as time when both runs share the bar interval', () => {
    const m = { periodsPerYear: 525_600 }; // 1-minute bars
    expect(compareDelta('maxDrawdownDurationBars', 1_000, 2_440, m, m)).toBe('+1 d'); // 1,440 min
    expect(compareDelta('maxDrawdownDurationBars', 100, 40, m, { periodsPerYear: 365 })).toBe('−60 bars');
  });
  it('shows nothing when a side is missing', () => {
    expect(compareDelta('sharpe', null, 1)).toBeNull();
    expect(compareDelta('sharpe', 1, Number.NaN)).toBeNull();
  });
});
