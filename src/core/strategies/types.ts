import { z } from 'zod';
import type { Bars } from '../data/bars';

export type Tier = 'core' | 'aux' | 'legacy' | 'r_and_d';
export type SignalStyle = 'state' | 'event';
export type Side = 'long_only' | 'long_short';

/** One parameter value of a sweep, a preset or a stored combination. */
export const ParamValueSchema = z.union([z.number(), z.string(), z.boolean(), z.null()]);

/**
 * Sweep range of one parameter: a numeric grid (inclusive, step > 0) or an explicit, non-empty list of values.
 * Declared ONCE here: strategies, sweep configs and presets, the contract and the renderer's forms use it.
 */
export const SweepRangeSchema = z.union([
  z.object({ kind: z.literal('range'), min: z.number(), max: z.number(), step: z.number().positive() }),
  z.object({ kind: z.literal('values'), values: z.array(ParamValueSchema).min(1) }),
]);
export type SweepRange = z.infer<typeof SweepRangeSchema>;

export interface StrategyMeta {
  id: string;
  name: string;
  description: string;
  version: string;
  author: string;
  regime: 'any' | 'trending' | 'ranging';
  tags: string[];
  tier: Tier;
  /** How the original emitted signals; ours always returns held target positions. */
  style: SignalStyle;
}

/**
 * Memoises indicator series per data set so a sweep computes each distinct series once
 * (key e.g. `sma:close:10`). Implementations must return the same array for the same key.
 */
export interface IndicatorCache {
  get(key: string, compute: () => Float64Array): Float64Array;
  /**
   * Optional: a buffer of length n for a new series (contents undefined), recycled from series the owner has
   * released with clear(). Fresh 8 MB arrays cost page faults on first touch (~3 ms each here), so a caller that
   * runs many backtests over one data set can keep its memory warm.
   */
  alloc?(n: number): Float64Array;
}

export function createIndicatorCache(): IndicatorCache & { size(): number; clear(): void } {
  const m = new Map<string, Float64Array>();
  // Series released by clear(): the caller promised it no longer reads them, so alloc() may hand them out again.
  const free: Float64Array[] = [];
  return {
    alloc(n) {
      const k = free.findIndex((b) => b.length === n);
      return k >= 0 ? free.splice(k, 1)[0] : new Float64Array(n);
    },
    get(key, compute) {
      let v = m.get(key);
      if (v === undefined) {
        v = compute();
        m.set(key, v);
      }
      return v;
    },
    size: () => m.size,
    /** Forget every series and recycle their memory: arrays returned earlier must not be read afterwards. */
    clear: () => {
      for (const v of m.values()) free.push(v);
      m.clear();
    },
  };
}

export interface StrategyContext {
  ind: IndicatorCache;
  /**
   * First bar on which the strategy's state machine may act. Default: its own warm-up.
   * The backtesting-py preset passes warmup + 1 (backtesting.py calls next() from that bar on).
   */
  decisionStart?: number;
  /**
   * A buffer the strategy may write its target into instead of allocating one (length = bar count). Sweeps lend
   * one per worker: a fresh 8 MB array per combination costs page faults and GC churn. The caller consumes the
   * returned target before the next call with the same buffer; components of a composite never get it.
   */
  targetScratch?: Float64Array;
}

export interface StrategySignals {
  /**
   * Target position per bar, decided at that bar's close, in [-1, 1] (fraction of the sizing unit;
   * +1 long, -1 short, 0 flat). Never NaN: warm-up bars are 0.
   */
  target: Float64Array;
  /** Index of the first bar at which every indicator the strategy reads is defined (backtesting.py's warm-up). */
  warmup: number;
}

export interface StrategyDef<P extends Record<string, unknown> = Record<string, unknown>> {
  meta: StrategyMeta;
  /** zod object schema; `params.parse({})` yields the defaults (SPEC §1 names). */
  params: z.ZodType<P>;
  /** Sweep ranges per parameter (SPEC §1 bounds). */
  sweep: Partial<Record<keyof P & string, SweepRange>>;
  /** Cross-field rule (e.g. fast_window < slow_window); returns a message naming the fields, or null. */
  constraint?(p: P): string | null;
  /** Minimum number of bars the strategy needs to produce any signal. */
  minBars(p: P): number;
  signals(bars: Bars, p: P, ctx: StrategyContext): StrategySignals;
}
