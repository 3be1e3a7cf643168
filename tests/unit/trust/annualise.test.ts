// Trust #3: annualised return is compounded, never below −100 %; an undefined figure is null (shown as such).
import { describe, expect, it } from 'vitest';
import { geometricAnnualReturn } from '../../../src/core/metrics/annualise';
import { computeMetrics } from '../../../src/core/metrics/metrics';
import type { BacktestResult } from '../../../src/core/engine/types';
import type { Bars } from '../../../src/core/data/bars';

describe('geometric annualisation', () => {
  it('hand-computed cases', () => {
    // +10 % over 2 returns at P = 4 → 1.1^(4/2) − 1 = 0.21
    expect(geometricAnnualReturn(100, 110, 2, 4)).toBeCloseTo(0.21, 12);
    // −50 % over half a year of daily bars (P = 365, 182.5 returns) → 0.5^2 − 1 = −0.75
    expect(geometricAnnualReturn(100, 50, 182.5, 365)).toBeCloseTo(-0.75, 12);
    expect(geometricAnnualReturn(100, 0, 10, 365)).toBe(-1);
    expect(geometricAnnualReturn(100, -5, 10, 365)).toBe(-1);
    expect(geometricAnnualReturn(100, 100, 0, 365)).toBeNull();
    expect(geometricAnnualReturn(0, 100, 10, 365)).toBeNull();
    expect(geometricAnnualReturn(1, 1e300, 1, 525_600)).toBeNull(); // overflow: undefined, not Infinity
  });

  it('a volatile 1-minute run that loses shows ≥ −100 %/yr (the arithmetic mean·P showed −1,795 %)', () => {
    const n = 2000;
    const time = Float64Array.from({ length: n }, (_, i) => i * 60_000);
    // alternating ±3 % per minute: arithmetic mean ≈ 0 but compounding loses (1.03·0.97 < 1)
    const equity = new Float64Array(n);
    equity[0] = 10_000;
    for (let i = 1; i < n; i++) equity[i] = equity[i - 1] * (i % 2 ? 1.03 : 0.97) * 0.9999;
    const one = new Float64Array(n).fill(1);
    const bars: Bars = { time, open: one, high: one, low: one, close: one, volume: one };
    const result = { equity, trades: [], startBar: 0, exposureBars: n, feesPaid: 0 } as unknown as BacktestResult;
    const m = computeMetrics(result, bars);
    const P = m.periodsPerYear;
    const expected = (Math.pow(equity[n - 1] / equity[0], P / (n - 1)) - 1) * 100;
    expect(m.annReturnPct).toBeCloseTo(expected, 6);
    expect(m.annReturnPct!).toBeGreaterThanOrEqual(-100);
  });
});
