// The equity request that starts before its chart mounts (deep link at start-up, a backtest that just returned).
import { beforeEach, describe, expect, it, vi } from 'vitest';

const calls: unknown[] = [];
vi.mock('../../../src/renderer/src/api/client', () => ({
  api: {
    call: (name: string, input: { id: number; maxPoints: number }) => {
      calls.push({ name, ...input });
      return input.id === 13 ? Promise.reject(new Error('run 13 not found')) : Promise.resolve({ runId: input.id, maxPoints: input.maxPoints });
    },
  },
}));

const { prefetchEquity, prefetchPointsFor, takePrefetchedEquity } = await import('../../../src/renderer/src/charts/equity-source');

describe('equity prefetch', () => {
  beforeEach(() => {
    calls.length = 0;
    takePrefetchedEquity(-1); // nothing to take; pending stays
  });
  it('sizes by the viewport: 2 points per pixel, within the chart bounds', () => {
    expect(prefetchPointsFor(1440)).toBe(2880);
    expect(prefetchPointsFor(50)).toBe(200);
    expect(prefetchPointsFor(5000)).toBe(4000);
    expect(prefetchPointsFor(Number.NaN)).toBe(2000);
  });
  it('the chart takes the prefetched series for its run once; another run asks on its own', async () => {
    prefetchEquity(7, 2880);
    expect(calls).toEqual([{ name: 'runs:equity', id: 7, maxPoints: 2880 }]);
    expect(takePrefetchedEquity(8)).toBeNull();
    const p = takePrefetchedEquity(7);
    expect(p).not.toBeNull();
    await expect(p).resolves.toEqual({ runId: 7, maxPoints: 2880 });
    expect(takePrefetchedEquity(7)).toBeNull(); // taken once: a zoom or a remount asks the back end again
  });
  it('the same run is not asked twice; a finer request replaces a coarser one', () => {
    prefetchEquity(9, 2000);
    prefetchEquity(9, 1000);
    expect(calls).toHaveLength(1);
    prefetchEquity(9, 3000);
    expect(calls).toHaveLength(2);
    expect(takePrefetchedEquity(9)).not.toBeNull();
  });
  it('ignores ids that are no stored run (0 = unsaved) and keeps a failure for the chart to report', async () => {
    prefetchEquity(0, 2000);
    prefetchEquity(-3, 2000);
    expect(calls).toHaveLength(0);
    prefetchEquity(13, 2000);
    await expect(takePrefetchedEquity(13)).rejects.toThrow('run 13 not found');
  });
});
