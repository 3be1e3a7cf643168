/**
 * Shared pieces of the strategy definitions: parameter builders, side handling, cached multi-output
 * indicators and the decision start.
 */
import { z } from 'zod';
import type { IndicatorCache, StrategyContext } from './types';

export const sideSchema = z.enum(['long_only', 'long_short']);

/** Integer parameter with inclusive bounds and a default. */
export const intParam = (def: number, min: number, max: number) => z.number().int().min(min).max(max).default(def);
/** Real parameter with inclusive bounds and a default. */
export const numParam = (def: number, min: number, max: number) => z.number().min(min).max(max).default(def);
/** Optional real parameter (null = off). */
export const optNumParam = (min: number, max: number) => z.number().min(min).max(max).nullable().default(null);

/**
 * First bar the state machine may act on: never before the strategy's own warm-up, later if the caller asks
 * (the backtesting-py preset passes warmup + 1), and never before `minIndex` (rules that read bar t − 1).
 */
/** The target array of one signals() call: the lent scratch buffer (zeroed) when it fits, else a new array. */
export function targetArray(ctx: StrategyContext, n: number): Float64Array {
  const s = ctx.targetScratch;
  return s !== undefined && s.length === n ? s.fill(0) : new Float64Array(n);
}

export function decisionStart(warmup: number, ctx: StrategyContext, minIndex = 1): number {
  return Math.max(warmup, ctx.decisionStart ?? warmup, minIndex);
}

/**
 * Several series computed together (e.g. ±DI and ADX) cached under one key each: the computation runs at
 * most once per call even if several keys are missing, and never if all are cached.
 */
export function cachedMany(ind: IndicatorCache, keys: string[], compute: () => Float64Array[]): Float64Array[] {
  let all: Float64Array[] | null = null;
  const run = (): Float64Array[] => (all ??= compute());
  return keys.map((k, i) => ind.get(k, () => run()[i]));
}

/** Index of the first bar where every series is non-NaN (series.length if never). */
export function firstAllValid(len: number, ...series: Float64Array[]): number {
  for (let t = 0; t < len; t++) {
    let ok = true;
    for (const s of series) if (Number.isNaN(s[t])) { ok = false; break; }
    if (ok) return t;
  }
  return len;
}
