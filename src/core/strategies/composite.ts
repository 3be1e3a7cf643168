/**
 * composite (aux): combines component strategies' held targets per bar.
 * Aggregation (sᵢ = component target at t, N components):
 *   weighted  — x = Σ wᵢ·sᵢ with w normalised by Σ|w|; +1 if x > threshold, −1 if x < −threshold, else 0;
 *   voting    — +1 if strictly more than N/2 components are long, −1 if strictly more than N/2 are short;
 *   unanimous — +1 if all are long, −1 if all are short;
 *   any_long  — +1 if any component is long (else 0); any_short — −1 if any component is short (else 0).
 * A component that fails contributes zeros. Warm-up = the largest component warm-up.
 */
import { z } from 'zod';
import { checkComponents, componentSchema, normaliseWeights, runComponents, type ComponentResolver } from './components';
import { decisionStart, numParam, targetArray } from './common';
import type { StrategyDef } from './types';

export const compositeParams = z
  .object({
    components: z.array(componentSchema).min(1).max(20).default([
      { id: 'rsi_reversion', params: {} },
      { id: 'breakout', params: {} },
    ]),
    weights: z.array(z.number()).nullable().default([0.5, 0.5]),
    aggregation: z.enum(['weighted', 'voting', 'unanimous', 'any_long', 'any_short']).default('weighted'),
    threshold: numParam(0.3, 0, 1),
  })
  .strict();
export type CompositeParams = z.infer<typeof compositeParams>;

export function createComposite(resolve: ComponentResolver): StrategyDef<CompositeParams> {
  return {
    meta: {
      id: 'composite',
      name: 'Composite',
      description: 'Combines several strategies by weighted sum, majority vote, unanimity or any-long/any-short.',
      version: '1.0.0',
      author: 'peak-trade',
      regime: 'any',
      tags: ['portfolio', 'ensemble'],
      tier: 'aux',
      style: 'state',
    },
    params: compositeParams,
    sweep: {
      aggregation: { kind: 'values', values: ['weighted', 'voting', 'unanimous', 'any_long', 'any_short'] },
      threshold: { kind: 'range', min: 0.1, max: 0.7, step: 0.1 },
    },
    constraint(p) {
      if (p.weights && p.weights.length !== p.components.length)
        return `weights has ${p.weights.length} entries but components has ${p.components.length}`;
      if (p.weights && p.weights.every((w) => w === 0)) return 'weights must not all be 0';
      return checkComponents(resolve, p.components, 'components');
    },
    minBars(p) {
      let m = 1;
      for (const c of p.components) {
        try {
          const r = resolve(c.id, c.params);
          m = Math.max(m, r.def.minBars(r.params));
        } catch {
          // a failing component contributes zeros; it does not raise the minimum
        }
      }
      return m;
    },
    signals(bars, p, ctx) {
      const n = bars.close.length;
      const { targets, warmup } = runComponents(resolve, p.components, bars, ctx);
      const k = targets.length;
      const w = normaliseWeights(p.weights, k) ?? new Float64Array(k);
      const target = targetArray(ctx, n);
      const thr = p.threshold;
      const agg = p.aggregation;
      for (let t = decisionStart(warmup, ctx, 0); t < n; t++) {
        let x = 0, longs = 0, shorts = 0;
        for (let i = 0; i < k; i++) {
          const s = targets[i][t];
          x += w[i] * s;
          if (s > 0) longs++;
          else if (s < 0) shorts++;
        }
        let v = 0;
        switch (agg) {
          case 'weighted': v = x > thr ? 1 : x < -thr ? -1 : 0; break;
          case 'voting': v = longs > k / 2 ? 1 : shorts > k / 2 ? -1 : 0; break;
          case 'unanimous': v = longs === k ? 1 : shorts === k ? -1 : 0; break;
          case 'any_long': v = longs > 0 ? 1 : 0; break;
          case 'any_short': v = shorts > 0 ? -1 : 0; break;
        }
        target[t] = v;
      }
      return { target, warmup };
    },
  };
}
