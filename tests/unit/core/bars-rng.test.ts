import { describe, expect, it } from 'vitest';
import { detectCalendar, detectIntervalMs, intervalLabel, MS_PER_DAY, periodsPerYear } from '../../../src/core/data/bars';
import { createRng } from '../../../src/core/rng';

describe('bar interval and annualisation', () => {
  it('detects the median spacing despite weekend gaps', () => {
    // Mon..Fri, Mon..Fri (daily, weekends missing): diffs 1,1,1,1,3,1,1,1,1 → median 1 day
    const t = new Float64Array([4, 5, 6, 7, 8, 11, 12, 13, 14, 15].map((d) => d * MS_PER_DAY));
    expect(detectIntervalMs(t)).toBe(MS_PER_DAY);
    expect(detectCalendar(t)).toBe('exchange');
    expect(periodsPerYear(t)).toBe(252);
  });
  it('treats 24/7 hourly data as 365·24 periods per year', () => {
    const t = new Float64Array(24 * 14).map((_, i) => i * 3_600_000);
    expect(detectCalendar(t)).toBe('24/7');
    expect(periodsPerYear(t)).toBeCloseTo(8760, 9);
    expect(intervalLabel(3_600_000)).toBe('1h');
  });
  it('a span without any weekend day is no evidence for exchange hours: counted as 24/7', () => {
    // 2024-01-01 (Mon) 00:00 → 2024-01-04 (Thu) 11:19, one-minute bars: no Saturday or Sunday in the span
    const mon = Date.UTC(2024, 0, 1);
    const t = new Float64Array(5000).map((_, i) => mon + i * 60_000);
    expect(detectCalendar(t)).toBe('24/7');
    expect(periodsPerYear(t)).toBe(525_600);
    // the same weekdays with the weekend in between but empty (Fri → Mon) are exchange-hours data
    const fri = Date.UTC(2024, 0, 5);
    const gap = new Float64Array(2000).map((_, i) => (i < 1000 ? fri + i * 60_000 : fri + 3 * MS_PER_DAY + (i - 1000) * 60_000));
    expect(detectCalendar(gap)).toBe('exchange');
    // a single bar on a weekday
    expect(detectCalendar(new Float64Array([mon]))).toBe('24/7');
  });
});

describe('seeded rng', () => {
  it('replays the same stream for the same seed and differs for another', () => {
    const a = createRng(42), b = createRng(42), c = createRng(43);
    const xa = Array.from({ length: 5 }, () => a.uniform());
    expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(xa);
    expect(Array.from({ length: 5 }, () => c.uniform())).not.toEqual(xa);
  });
  it('draws standard normals with mean≈0 and variance≈1', () => {
    const r = createRng('normals');
    let s = 0, s2 = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) { const z = r.normal(); s += z; s2 += z * z; }
    expect(Math.abs(s / n)).toBeLessThan(0.01);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.02);
  });
  it('draws Student-t(5) with variance ν/(ν−2)', () => {
    const r = createRng(7);
    let s2 = 0;
    const n = 400_000;
    for (let i = 0; i < n; i++) { const z = r.studentT(5); s2 += z * z; }
    expect(s2 / n).toBeGreaterThan(1.55);
    expect(s2 / n).toBeLessThan(1.78);
  });
});
