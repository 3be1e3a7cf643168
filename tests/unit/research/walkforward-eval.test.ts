import { describe, expect, it } from 'vitest';
import { periodsPerYear, sliceBars } from '../../../src/core/data/bars';
import { synthGarchMarkov } from '../../../src/core/data/synthetic';
import { defaultEngineConfig } from '../../../src/core/engine/types';
import { createBacktestEvaluator } from '../../../src/core/research/walkforward-eval';
import { maCrossover } from '../../../src/core/strategies/ma-crossover';
import type { StrategyDef } from '../../../src/core/strategies/types';

const { bars } = synthGarchMarkov({ n: 3000, seed: 5 });
const strategy = maCrossover as unknown as StrategyDef;

describe('walk-forward backtest evaluator', () => {
  it('warms indicators up on prior bars and acts only inside the segment', () => {
    const ev = createBacktestEvaluator(bars, strategy, {}, defaultEngineConfig);
    // a 150-bar test window with a 100-bar slow MA: without prior history it could barely trade
    const r = ev({ start: 2000, end: 2150, role: 'test' }, { fast_window: 5, slow_window: 100 });
    expect(r.equity).toHaveLength(150);
    expect(r.equity![0]).toBe(defaultEngineConfig.cash);
    expect(r.metrics.trades).toBeGreaterThan(0);
    expect(Number.isFinite(r.metrics.sharpe)).toBe(true);
  });
  it('never uses bars after the segment (same result when the data ends at the segment end)', () => {
    const a = createBacktestEvaluator(bars, strategy, {}, defaultEngineConfig)({ start: 1000, end: 1400, role: 'test' }, { fast_window: 10, slow_window: 40 });
    const cut = sliceBars(bars, 0, 1400);
    const b = createBacktestEvaluator(cut, strategy, {}, defaultEngineConfig, periodsPerYear(bars.time))({ start: 1000, end: 1400, role: 'test' }, { fast_window: 10, slow_window: 40 });
    expect(Array.from(b.equity!)).toEqual(Array.from(a.equity!));
    expect(b.metrics).toEqual(a.metrics);
  });
});
