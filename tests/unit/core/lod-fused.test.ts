// The chart's drawdown and buy & hold buckets computed without per-bar arrays equal the per-bar route bit for bit.
import { describe, expect, it } from 'vitest';
import { drawdownSeries, lodDrawdown, lodMinMax, lodScaledLast, timeRange } from '../../../src/core/lod';
import { buyHoldCurve } from '../../../src/core/metrics/buy-hold';
import { createRng } from '../../../src/core/rng';

const n = 20_011;
const time = Float64Array.from({ length: n }, (_, i) => 1_600_000_000_000 + i * 60_000);
const r = createRng(11);
const equity = new Float64Array(n);
const close = new Float64Array(n);
equity[0] = 10_000;
close[0] = 250;
for (let i = 1; i < n; i++) {
  equity[i] = equity[i - 1] * (1 + 0.004 * r.normal());
  close[i] = close[i - 1] * (1 + 0.006 * r.normal());
}

describe('fused LOD for the equity chart', () => {
  const windows: [number | undefined, number | undefined, number][] = [
    [undefined, undefined, 2880],
    [undefined, undefined, 997],
    [time[5000], time[9000], 700], // a zoom: bars before the window still set the running peak
    [time[n - 30], undefined, 4000], // fewer bars than points
    [time[0], time[0], 100], // one bar
  ];
  it.each(windows)('drawdown min/max buckets equal lodMinMax(drawdownSeries) (from %s to %s, %s points)', (from, to, points) => {
    const [s, e] = timeRange(time, from, to);
    const ref = lodMinMax(time, drawdownSeries(equity), s, e, points);
    const got = lodDrawdown(equity, s, e, points);
    expect(got.barsPerPoint).toBe(ref.barsPerPoint);
    expect(Array.from(got.min)).toEqual(Array.from(ref.min));
    expect(Array.from(got.max)).toEqual(Array.from(ref.max));
  });
  it.each(windows)('buy & hold last per bucket equals lodMinMax(buyHoldCurve).last (from %s to %s, %s points)', (from, to, points) => {
    const [s, e] = timeRange(time, from, to);
    const ref = lodMinMax(time, buyHoldCurve(close, equity[0]), s, e, points);
    expect(Array.from(lodScaledLast(close, equity[0] / close[0], s, e, points))).toEqual(Array.from(ref.last));
  });
  it('an empty range gives empty buckets; a zero first price gives NaN like the per-bar curve', () => {
    expect(lodDrawdown(equity, 10, 10, 100).min.length).toBe(0);
    const bad = Float64Array.from([0, 1, 2, 3]);
    const ref = lodMinMax(time, buyHoldCurve(bad, 100), 0, 4, 2).last;
    expect(Array.from(lodScaledLast(bad, Number.NaN, 0, 4, 2))).toEqual(Array.from(ref));
  });
  it('a peak at or below zero gives 0 drawdown, as drawdownSeries does', () => {
    const eq = Float64Array.from([-5, -3, -4, 2, 1]);
    expect(Array.from(lodDrawdown(eq, 0, 5, 5).min)).toEqual(Array.from(drawdownSeries(eq)));
  });
});
