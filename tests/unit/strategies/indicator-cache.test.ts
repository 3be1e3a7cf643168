import { describe, expect, it } from 'vitest';
import { sma } from '../../../src/core/indicators';
import { maCrossover } from '../../../src/core/strategies/ma-crossover';
import { createIndicatorCache } from '../../../src/core/strategies/types';
import { makeBars } from '../../../src/core/data/bars';
import { createRng } from '../../../src/core/rng';

describe('indicator cache memory recycling', () => {
  it('hands released series out again and recomputes after clear()', () => {
    const c = createIndicatorCache();
    const x = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    const a = c.get('sma:close:5', () => sma(x, 5, c.alloc?.(x.length)));
    c.clear();
    const buf = c.alloc?.(100);
    expect(buf).toBe(a);
    expect(c.alloc?.(100)).not.toBe(a); // handed out once only
    let computed = 0;
    c.get('sma:close:5', () => { computed++; return sma(x, 5); });
    expect(computed).toBe(1);
  });

  it('gives identical strategy targets with recycled and fresh buffers', () => {
    const n = 5000;
    const b = makeBars(n);
    const r = createRng(9);
    let p = 100;
    for (let i = 0; i < n; i++) { p *= 1 + r.normal() * 0.01; b.time[i] = i * 60_000; b.open[i] = b.high[i] = b.low[i] = b.close[i] = p; }
    const params = maCrossover.params.parse({ fast_window: 7, slow_window: 21, side: 'long_short' });
    const fresh = maCrossover.signals(b, params, { ind: createIndicatorCache() }).target.slice();
    const c = createIndicatorCache();
    maCrossover.signals(b, { ...params, fast_window: 3, slow_window: 50 }, { ind: c });
    c.clear(); // the next run reuses those two buffers (with stale contents) for its SMAs
    const scratch = new Float64Array(n).fill(7);
    const recycled = maCrossover.signals(b, params, { ind: c, targetScratch: scratch }).target;
    expect(recycled).toBe(scratch);
    expect(Array.from(recycled)).toEqual(Array.from(fresh));
  });
});
