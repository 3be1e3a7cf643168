import { describe, expect, it } from 'vitest';
import { createThroughput } from '../../../src/node/jobs/throughput';

describe('job throughput (ETA after warm-up)', () => {
  it('ignores the warm-up: 10 s of start-up, then 10 units/s', () => {
    const tp = createThroughput(0);
    expect(tp.update(0, 100, 0)).toEqual({ ratePerSec: 0, etaSec: null });
    // first unit done after a 10 s warm-up: no post-warm-up window yet → average since start (1 / 10 s)
    expect(tp.update(1, 100, 10_000).ratePerSec).toBeCloseTo(0.1, 12);
    // 2 s later, 20 more units: 10 / s → 79 units left take 7.9 s (the average since start would say 45 s)
    const r = tp.update(21, 100, 12_000);
    expect(r.ratePerSec).toBeCloseTo(10, 12);
    expect(r.etaSec).toBeCloseTo(7.9, 12);
  });

  it('counts this session only (a resumed job starts at its stored done) and needs a total for an ETA', () => {
    const tp = createThroughput(0);
    tp.update(50, null, 0);
    tp.update(51, null, 1000);
    const r = tp.update(61, null, 2000);
    expect(r.ratePerSec).toBeCloseTo(10, 12);
    expect(r.etaSec).toBeNull();
  });
});
