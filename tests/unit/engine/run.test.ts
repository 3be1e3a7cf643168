import { describe, expect, it } from 'vitest';
import { makeBars } from '../../../src/core/data/bars';
import { runDefault } from '../../../src/core/engine/engine';
import { runBacktest } from '../../../src/core/engine/run';
import { defaultEngineConfig } from '../../../src/core/engine/types';
import { createRng } from '../../../src/core/rng';

describe('runBacktest dispatch', () => {
  const n = 300;
  const rng = createRng('dispatch');
  const bars = makeBars(n);
  let p = 100;
  for (let i = 0; i < n; i++) {
    bars.time[i] = i * 86_400_000;
    bars.open[i] = p;
    p *= 1 + 0.02 * rng.normal();
    bars.close[i] = p;
    bars.high[i] = Math.max(bars.open[i], p) * 1.005;
    bars.low[i] = Math.min(bars.open[i], p) * 0.995;
  }
  const target = new Float64Array(n).map((_, i) => (Math.floor(i / 17) % 3) - 1);
  it("the 'default' preset runs the default engine", () => {
    const cfg = { ...defaultEngineConfig };
    expect(runBacktest(bars, { target, warmup: 5 }, cfg)).toEqual(runDefault(bars, target, 5, cfg));
  });
  it("the 'backtesting-py' preset runs the compatibility engine (whole units)", () => {
    const cfg = { ...defaultEngineConfig, preset: 'backtesting-py' as const, sizing: { mode: 'all_in_units' as const } };
    const r = runBacktest(bars, { target, warmup: 5 }, cfg);
    expect(r.trades.length).toBeGreaterThan(0);
    for (const t of r.trades) expect(Number.isInteger(t.size)).toBe(true);
  });
});
