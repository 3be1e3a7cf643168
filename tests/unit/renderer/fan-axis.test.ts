import { describe, expect, it } from 'vitest';
import { actualOnSteps, fanBarOffset, stepToTime } from '../../../src/renderer/src/charts/fan-axis';

describe('fan chart axis', () => {
  it('places the run equity at each bucket end, in bars from the start', () => {
    expect(actualOnSteps({ equityLast: [101, 103, 99], barsPerPoint: 4, totalPoints: 10 })).toEqual({ step: [3, 7, 9], equity: [101, 103, 99] });
    expect(actualOnSteps({ equityLast: [100, 101], barsPerPoint: 1, totalPoints: 2 }).step).toEqual([0, 1]);
  });
  it('maps steps to dates for regular bars', () => {
    const f = stepToTime(0, 3_600_000 * 9, 10)!;
    expect(f(0)).toBe(0);
    expect(f(5)).toBe(5 * 3_600_000);
    expect(stepToTime(null, 5, 10)).toBeNull();
    expect(stepToTime(0, 0, 10)).toBeNull();
  });
  it('paths start after the warm-up: 3,650 bars, 3,621 returns → path step 0 is bar 28', () => {
    expect(fanBarOffset(3650, 3621)).toBe(28);
    expect(fanBarOffset(10, 9)).toBe(0); // no warm-up: returns from bar 0 on
    expect(fanBarOffset(5, 40)).toBe(0); // a trade count larger than the bars never shifts left of the start
  });
});
