/**
 * regime_aware_portfolio (aux): a weighted basket of component strategies scaled by the volatility regime.
 * combined = Σ wᵢ·sᵢ × scale[regime], w = base_weights normalised by Σ|w| (null = 1/N). The regime comes from
 * vol_regime_filter with `regime_params`: 1 → risk_on_scale, 0 → neutral_scale, −1 → risk_off_scale; before
 * the regime series is defined, combined = 0. mode 'filter' additionally forces 0 when the regime is −1.
 * Target: +1 if combined > signal_threshold, −1 if < −signal_threshold, else 0. Failing components give zeros.
 * With vol_regime_filter's defaults (filter mode) the regime is 1/0 and never −1, as in the original; pass
 * low/high_vol_threshold in regime_params to get three regimes.
 */
import { z } from 'zod';
import { checkComponents, componentSchema, normaliseWeights, runComponents, type ComponentResolver } from './components';
import { decisionStart, numParam, targetArray } from './common';
import type { StrategyDef } from './types';
import { volRegimeFilter, volRegimeFilterParams } from './vol-regime-filter';

export const regimeAwarePortfolioParams = z
  .object({
    components: z.array(componentSchema).min(1).max(20).default([
      { id: 'breakout', params: {} },
      { id: 'rsi_reversion', params: {} },
    ]),
    base_weights: z.array(z.number()).nullable().default([0.6, 0.4]),
    regime_strategy: z.literal('vol_regime_filter').default('vol_regime_filter'),
    regime_params: z.record(z.string(), z.unknown()).default({}),
    mode: z.enum(['scale', 'filter']).default('scale'),
    risk_on_scale: numParam(1, 0, 1),
    neutral_scale: numParam(0.5, 0, 1),
    risk_off_scale: numParam(0, 0, 1),
    signal_threshold: numParam(0.3, 0, 1),
  })
  .strict();
export type RegimeAwarePortfolioParams = z.infer<typeof regimeAwarePortfolioParams>;

export function createRegimeAwarePortfolio(resolve: ComponentResolver): StrategyDef<RegimeAwarePortfolioParams> {
  return {
    meta: {
      id: 'regime_aware_portfolio',
      name: 'Regime-aware portfolio',
      description: 'Weighted component strategies, scaled (or filtered) by the volatility regime.',
      version: '1.0.0',
      author: 'peak-trade',
      regime: 'any',
      tags: ['portfolio', 'regime', 'volatility'],
      tier: 'aux',
      style: 'state',
    },
    params: regimeAwarePortfolioParams,
    sweep: {
      mode: { kind: 'values', values: ['scale', 'filter'] },
      neutral_scale: { kind: 'range', min: 0.5, max: 1, step: 0.1 },
      signal_threshold: { kind: 'range', min: 0.1, max: 0.5, step: 0.05 },
    },
    constraint(p) {
      if (p.base_weights && p.base_weights.length !== p.components.length)
        return `base_weights has ${p.base_weights.length} entries but components has ${p.components.length}`;
      if (p.base_weights && p.base_weights.every((w) => w === 0)) return 'base_weights must not all be 0';
      const rp = volRegimeFilterParams.safeParse(p.regime_params);
      if (!rp.success) {
        const i = rp.error.issues[0];
        return `regime_params.${i.path.map(String).join('.')}: ${i.message}`;
      }
      return checkComponents(resolve, p.components, 'components');
    },
    minBars(p) {
      let m = 1;
      for (const c of p.components) {
        try {
          const r = resolve(c.id, c.params);
          m = Math.max(m, r.def.minBars(r.params));
        } catch {
          // failing components contribute zeros
        }
      }
      return m;
    },
    signals(bars, p, ctx) {
      const n = bars.close.length;
      const { targets, warmup: compWarmup } = runComponents(resolve, p.components, bars, ctx);
      const k = targets.length;
      const w = normaliseWeights(p.base_weights, k) ?? new Float64Array(k);
      const regime = volRegimeFilter(bars, volRegimeFilterParams.parse(p.regime_params), ctx.ind);
      const warmup = Math.max(compWarmup, regime.warmup);
      const target = targetArray(ctx, n);
      const thr = p.signal_threshold;
      const filter = p.mode === 'filter';
      for (let t = decisionStart(warmup, ctx, 0); t < n; t++) {
        const r = regime.values[t];
        if (filter && r === -1) continue;
        const scale = r === 1 ? p.risk_on_scale : r === -1 ? p.risk_off_scale : p.neutral_scale;
        let x = 0;
        for (let i = 0; i < k; i++) x += w[i] * targets[i][t];
        x *= scale;
        target[t] = x > thr ? 1 : x < -thr ? -1 : 0;
      }
      return { target, warmup };
    },
  };
}
