import { describe, expect, it } from 'vitest';
import { bucketSize, drawdownSeries, lodMinMax, lodOhlcv, timeRange } from '../../../src/core/lod';
import { createRng } from '../../../src/core/rng';

describe('lod', () => {
  const n = 10_007;
  const time = Float64Array.from({ length: n }, (_, i) => 1000 + i * 10);
  const r = createRng(3);
  const v = Float64Array.from({ length: n }, () => r.normal());
  v[4321] = 50; // a one-bar spike must survive any zoom level
  v[777] = -50;

  it('keeps min/max per bucket, at most maxPoints buckets, spikes included', () => {
    const s = lodMinMax(time, v, 0, n, 300);
    expect(s.time.length).toBeLessThanOrEqual(300);
    expect(s.barsPerPoint).toBe(bucketSize(n, 300));
    expect(Math.max(...s.max)).toBe(50);
    expect(Math.min(...s.min)).toBe(-50);
    // every bucket agrees with a naive computation
    for (let b = 0; b < s.time.length; b++) {
      const lo = b * s.barsPerPoint, hi = Math.min(n, lo + s.barsPerPoint);
      const w = Array.from(v.subarray(lo, hi));
      expect(s.min[b]).toBe(Math.min(...w));
      expect(s.max[b]).toBe(Math.max(...w));
      expect(s.last[b]).toBe(w[w.length - 1]);
      expect(s.time[b]).toBe(time[lo]);
    }
  });

  it('returns every point when the range fits', () => {
    const s = lodMinMax(time, v, 10, 60, 1000);
    expect(s.barsPerPoint).toBe(1);
    expect(Array.from(s.min)).toEqual(Array.from(v.subarray(10, 60)));
  });

  it('finds index ranges by time (inclusive) and handles empty ranges', () => {
    expect(timeRange(time, 1000, 1020)).toEqual([0, 3]);
    expect(timeRange(time, 1005, 1015)).toEqual([1, 2]);
    expect(timeRange(time)).toEqual([0, n]);
    expect(timeRange(time, 5e9, 6e9)).toEqual([n, n]);
    expect(lodMinMax(time, v, 5, 5, 100).time.length).toBe(0);
  });

  it('aggregates OHLCV buckets (first open, max high, min low, last close, summed volume)', () => {
    const b = { time, open: v, high: v.map((x) => x + 1), low: v.map((x) => x - 1), close: v, volume: v.map(() => 2) };
    const o = lodOhlcv(b, 0, 100, 10);
    expect(o.open[1]).toBe(v[10]);
    expect(o.close[1]).toBe(v[19]);
    expect(o.high[1]).toBe(Math.max(...Array.from(v.subarray(10, 20))) + 1);
    expect(o.volume[1]).toBe(20);
  });

  it('drawdown is eq / running peak − 1, never positive', () => {
    const dd = drawdownSeries(Float64Array.from([100, 110, 99, 121, 60.5]));
    expect(Array.from(dd)).toEqual([0, 0, 99 / 110 - 1, 0, -0.5]);
  });
});
