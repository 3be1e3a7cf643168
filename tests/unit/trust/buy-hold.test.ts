// Trust #4: buy & hold is measured over the data's first → last bar, the same for every strategy, and comes
// with a line for the equity chart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buyHoldCurve, buyHoldReturnPct } from '../../../src/core/metrics/buy-hold';
import { createTestServices, type TestServices } from '../../support/services';

describe('buy & hold', () => {
  it('hand-computed: 100 → 150 is +50 %, the curve scales the initial equity', () => {
    expect(buyHoldReturnPct([100, 80, 150])).toBeCloseTo(50, 12);
    expect(Array.from(buyHoldCurve([100, 80, 150], 1000))).toEqual([1000, 800, 1500]);
    expect(buyHoldReturnPct([100])).toBeNull();
  });

  let s: TestServices;
  beforeAll(() => {
    s = createTestServices();
  });
  afterAll(async () => {
    await s.dispose();
  });

  it('two strategies with different warm-ups on the same data show the same buy & hold, from bar 0 to the last bar', async () => {
    const list = await s.invoke('data:list', {});
    if (!list.ok) throw new Error(list.error.message);
    const ds = list.value.datasets.find((d) => d.bars === 2000)!;
    const bars = s.ctx.bars(ds.id);
    const expected = (bars.close[bars.close.length - 1] / bars.close[0] - 1) * 100;
    const a = await s.invoke('backtest:run', { datasetId: ds.id, strategyId: 'ma_crossover', params: { fast_window: 5, slow_window: 20 } });
    const b = await s.invoke('backtest:run', { datasetId: ds.id, strategyId: 'ma_crossover', params: { fast_window: 50, slow_window: 200 } });
    if (!a.ok || !b.ok) throw new Error('backtest failed');
    expect(a.value.metrics.buyHoldReturnPct).toBeCloseTo(expected, 9);
    expect(b.value.metrics.buyHoldReturnPct).toBe(a.value.metrics.buyHoldReturnPct);
    const eq = await s.invoke('runs:equity', { id: a.value.id, maxPoints: 100 });
    if (!eq.ok) throw new Error(eq.error.message);
    expect(eq.value.buyHold).toHaveLength(eq.value.time.length);
    const last = eq.value.buyHold[eq.value.buyHold.length - 1];
    expect(last / eq.value.equityLast[0]).toBeCloseTo(1 + expected / 100, 6);
  });
});
