/**
 * Components of portfolio-style strategies (composite, regime_aware_portfolio): `{ id, params }` pairs resolved
 * through the registry. The resolver is injected by the registry (no import cycle).
 */
import { z } from 'zod';
import type { Bars } from '../data/bars';
import { isPeakError } from '../errors';
import type { StrategyContext, StrategyDef } from './types';

export const componentSchema = z
  .object({ id: z.string().min(1), params: z.record(z.string(), z.unknown()).default({}) })
  .strict();
export type Component = z.infer<typeof componentSchema>;

export interface ResolvedComponent {
  def: StrategyDef<Record<string, unknown>>;
  params: Record<string, unknown>;
}
/** Looks a strategy up and validates its parameters; throws PeakError (NOT_FOUND / BAD_INPUT). */
export type ComponentResolver = (id: string, params: Record<string, unknown>) => ResolvedComponent;

/** First component that does not resolve, as a message naming it (for `constraint`), or null. */
export function checkComponents(resolve: ComponentResolver, comps: Component[], field: string): string | null {
  for (let i = 0; i < comps.length; i++) {
    try {
      resolve(comps[i].id, comps[i].params);
    } catch (e) {
      return `${field}[${i}] (${comps[i].id}): ${isPeakError(e) ? e.message : String(e)}`;
    }
  }
  return null;
}

export interface ComponentSignals {
  targets: Float64Array[];
  /** max warm-up over the components that ran */
  warmup: number;
  /** ids of components that failed (they contribute zeros) */
  failed: string[];
}

/** Run every component on the same bars and indicator cache; a failing component contributes zeros. */
export function runComponents(resolve: ComponentResolver, comps: Component[], bars: Bars, ctx: StrategyContext): ComponentSignals {
  const n = bars.close.length;
  const targets: Float64Array[] = [];
  const failed: string[] = [];
  let warmup = 0;
  for (const c of comps) {
    try {
      const r = resolve(c.id, c.params);
      // no lent target buffer: every component's target must survive until they are combined
      const s = r.def.signals(bars, r.params, { ...ctx, targetScratch: undefined });
      targets.push(s.target);
      if (s.warmup > warmup) warmup = s.warmup;
    } catch {
      targets.push(new Float64Array(n));
      failed.push(c.id);
    }
  }
  return { targets, warmup, failed };
}

/** Weights normalised by Σ|w| (missing weights = equal 1/N). Returns null if Σ|w| = 0. */
export function normaliseWeights(weights: number[] | null, count: number): Float64Array | null {
  const w = new Float64Array(count);
  let s = 0;
  for (let i = 0; i < count; i++) {
    w[i] = weights ? weights[i] : 1 / count;
    s += Math.abs(w[i]);
  }
  if (s === 0) return null;
  for (let i = 0; i < count; i++) w[i] /= s;
  return w;
}
