/**
 * Schema of config/promotion_loop.toml (SPEC §10 policy). Strict sections: an unknown key is an error naming it.
 * The leverage hard limit (3.0) is not configurable: bounds above it are refused.
 */
import { z } from 'zod';
import { DottedKeySchema, ModeSchema } from './model';

/** SPEC §10 / seed 004 §3.2: "Leverage-Hardlimit: 3.0 (nicht überschreitbar)". */
export const LEVERAGE_HARD_LIMIT = 3.0;

const BoundsSchema = z
  .strictObject({ min: z.number().finite(), max: z.number().finite(), max_step: z.number().finite().positive() })
  .refine((b) => b.min <= b.max, { message: 'min must be ≤ max', path: ['min'] });

export const PolicyConfigSchema = z.strictObject({
  auto_apply: z
    .strictObject({
      /** the default mode of a cycle (the CLI's --mode chooses per cycle) */
      mode: ModeSchema.default('manual_only'),
      /** true: bounded_auto never writes overrides */
      global_lock: z.boolean().default(false),
      min_confidence: z.number().min(0).max(1).default(0.8),
      max_auto_applies_per_day: z.number().int().min(0).max(100).default(3),
      whitelist: z.array(DottedKeySchema).default(['portfolio.leverage', 'strategy.trigger_delay', 'macro.regime_weight']),
    })
    .prefault({}),
  p0: z
    .strictObject({
      /** prefixes: a target starting with one is refused in every mode */
      blacklist_targets: z.array(z.string().min(1)).default(['risk.stop_loss', 'live.api_keys', 'live.max_order_size', 'strategy.name']),
      blacklist_tags: z.array(z.string().min(1)).default(['r_and_d', 'experimental', 'untested']),
    })
    .prefault({}),
  /** per tag (leverage / trigger / macro / risk): min, max and the largest change per promotion */
  bounds: z.partialRecord(z.enum(['leverage', 'risk', 'macro', 'trigger']), BoundsSchema).default({
    leverage: { min: 1.0, max: 2.0, max_step: 0.25 },
    trigger: { min: 3, max: 15, max_step: 2 },
    macro: { min: 0, max: 0.8, max_step: 0.1 },
  }),
  sanity: z
    .strictObject({
      max_abs_value: z.number().positive().default(1e9),
      /** targets without tag bounds: |new − old| ≤ this × |old| (old = 0: |new| ≤ this) */
      max_relative_change: z.number().positive().default(1.0),
    })
    .prefault({}),
  eligibility: z
    .strictObject({
      /** a candidate is eligible only with a recorded offline re-validation backtest */
      require_validation_run: z.boolean().default(true),
      /** and with at least this confidence */
      min_confidence: z.number().min(0).max(1).default(0.5),
    })
    .prefault({}),
  learning: z
    .strictObject({
      /** sweep signals: the best cell must have DSR ≥ this … */
      min_dsr: z.number().min(0).max(1).default(0.95),
      /** … and the sweep PBO ≤ this */
      max_pbo: z.number().min(0).max(1).default(0.5),
      /** every stored walk-forward run is examined as it is stored (a signal when its OOS-best parameters differ) */
      auto_from_walkforward: z.boolean().default(true),
    })
    .prefault({}),
}).check((ctx) => {
  const lev = ctx.value.bounds.leverage;
  if (lev && lev.max > LEVERAGE_HARD_LIMIT) {
    ctx.issues.push({ code: 'custom', input: lev.max, path: ['bounds', 'leverage', 'max'], message: `must be ≤ the leverage hard limit ${LEVERAGE_HARD_LIMIT}` });
  }
});
export type PolicyConfig = z.output<typeof PolicyConfigSchema>;
export const defaultPolicyConfig: PolicyConfig = PolicyConfigSchema.parse({});
