import { describe, expect, it } from 'vitest';
import { clusterTotals, heartbeatAge, redisUrlProblem } from '../../../src/renderer/src/features/cluster/cluster-format';

describe('cluster panel helpers', () => {
  it('formats heartbeat ages (clock skew clamps at now)', () => {
    const t = 1_000_000;
    expect(heartbeatAge(t, t + 500)).toBe('now');
    expect(heartbeatAge(t, t - 999)).toBe('now');
    expect(heartbeatAge(t, t - 4_200)).toBe('4 s ago');
    expect(heartbeatAge(t, t - 125_000)).toBe('2 min ago');
    expect(heartbeatAge(t, t - 3_600_000)).toBe('1 h ago');
  });
  it('totals count only live workers, threads only of compatible ones', () => {
    const w = (live: boolean, compatible: boolean, concurrency: number, busy: number, tasksDone: number) => ({ cores: 8, live, compatible, concurrency, busy, tasksDone });
    expect(clusterTotals([w(true, true, 4, 2, 10), w(true, false, 8, 0, 3), w(false, true, 2, 0, 5)]))
      .toEqual({ live: 2, usable: 1, threads: 4, busy: 2, tasksDone: 18 });
    expect(clusterTotals([])).toEqual({ live: 0, usable: 0, threads: 0, busy: 0, tasksDone: 0 });
  });
  it('accepts only redis:// and rediss:// URLs', () => {
    expect(redisUrlProblem('redis://10.0.0.5:6379')).toBeNull();
    expect(redisUrlProblem('rediss://:pw@host')).toBeNull();
    expect(redisUrlProblem('')).toMatch(/enter/);
    expect(redisUrlProblem('http://host')).toMatch(/must start/);
    expect(redisUrlProblem('redis://')).toMatch(/must start/);
  });
});
