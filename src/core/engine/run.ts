/**
 * Entry point for every backtest: picks the engine by preset. Both engines take the same inputs (target
 * positions decided at each bar's close, the strategy's warm-up) and return the same BacktestResult shape.
 */
import type { Bars } from '../data/bars';
import { runBacktestingPy } from './backtesting-py';
import { runDefault, type EngineScratch } from './engine';
import type { BacktestResult, EngineConfig } from './types';

export type { EngineScratch } from './engine';

export interface EngineSignals {
  /** target position per bar, decided at that bar's close (see ./engine.ts) */
  target: Float64Array;
  /** first bar at which every indicator the strategy reads is defined */
  warmup: number;
}

/**
 * `scratch` (default engine only): buffers to reuse across runs, see EngineScratch — the result's equity is
 * then the lent buffer.
 */
export function runBacktest(bars: Bars, signals: EngineSignals, cfg: EngineConfig, scratch?: EngineScratch): BacktestResult {
  if (cfg.preset === 'backtesting-py') return runBacktestingPy(bars, signals.target, signals.warmup, cfg);
  return runDefault(bars, signals.target, signals.warmup, cfg, scratch);
}
