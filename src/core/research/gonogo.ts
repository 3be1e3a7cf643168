/**
 * Go/No-Go evaluation (SPEC §2 validation, §3 live gates and playbook guardrails, plus overfitting statistics).
 *
 * Criteria:
 * - tier gate: only the tiers in `allowed_tiers` (core, aux) may go live; legacy / r_and_d → NO_GO.
 * - tier thresholds (config [tiers.<tier>]): Sharpe ≥, max drawdown ≥ (fractions, ≤ 0), trades ≥, profit factor ≥.
 * - risk-profile guardrails ([profiles.<profile>]): walk-forward OOS Sharpe ≥, portfolio max drawdown ≥,
 *   crash drawdown (max drawdown under the single_crash_bar stress) ≥, Monte-Carlo p5 max drawdown ≥.
 *   The playbook gives ranges (e.g. OOS Sharpe 0.8–1.0); the config holds the lenient end as the hard floor.
 * - research ([research]): DSR ≥ 0.95, PBO ≤ 0.5, Monte-Carlo probability of loss ≤.
 * Verdict: any failed criterion → NO_GO; otherwise a missing REQUIRED input → INCONCLUSIVE; otherwise GO.
 * Missing optional inputs are listed as skipped and do not affect the verdict. One reason per failed or missing
 * criterion, with value, threshold and unit.
 *
 * Units: Sharpe annualised (periodsPerYear of the data), drawdowns as fractions ≤ 0 (−0.15 = −15 %),
 * probabilities in [0, 1]. `metrics.maxDrawdownPct` is in percent (as in MetricsSchema) and divided by 100 here.
 */
import { z } from 'zod';

const TierThresholdsSchema = z.strictObject({
  min_sharpe: z.number(),
  /** fraction ≤ 0; passes when max drawdown ≥ this */
  max_drawdown: z.number().max(0),
  min_trades: z.number().int().min(0),
  min_profit_factor: z.number().min(0),
});

const ProfileSchema = z.strictObject({
  min_oos_sharpe: z.number(),
  max_portfolio_drawdown: z.number().max(0),
  max_crash_drawdown: z.number().max(0),
});

export const CRITERIA = [
  'tier', 'sharpe', 'max_drawdown', 'trades', 'profit_factor',
  'oos_sharpe', 'portfolio_drawdown', 'crash_drawdown', 'mc_drawdown_p5', 'mc_prob_loss', 'dsr', 'pbo',
] as const;
export type Criterion = (typeof CRITERIA)[number];

export const GoNoGoConfigSchema = z.strictObject({
  allowed_tiers: z.array(z.enum(['core', 'aux', 'legacy', 'r_and_d'])).default(['core', 'aux']),
  /** criteria whose input must be present for a GO (else INCONCLUSIVE) */
  required: z.array(z.enum(CRITERIA)).default(['tier', 'sharpe', 'max_drawdown', 'trades', 'profit_factor', 'oos_sharpe', 'dsr', 'pbo']),
  tiers: z.strictObject({ core: TierThresholdsSchema, aux: TierThresholdsSchema }),
  profiles: z.strictObject({ conservative: ProfileSchema, moderate: ProfileSchema, aggressive: ProfileSchema }),
  research: z.strictObject({
    min_dsr: z.number().min(0).max(1).default(0.95),
    max_pbo: z.number().min(0).max(1).default(0.5),
    max_mc_prob_loss: z.number().min(0).max(1).default(0.25),
  }),
});
export type GoNoGoConfig = z.infer<typeof GoNoGoConfigSchema>;

export type RiskProfile = 'conservative' | 'moderate' | 'aggressive';
export type Verdict = 'GO' | 'NO_GO' | 'INCONCLUSIVE';

export const GoNoGoInputSchema = z.object({
  tier: z.enum(['core', 'aux', 'legacy', 'r_and_d']).nullish(),
  riskProfile: z.enum(['conservative', 'moderate', 'aggressive']),
  /** MetricsSchema fields: Sharpe annualised; maxDrawdownPct in PERCENT (−12 = −12 %); profitFactor null = no losses */
  metrics: z.object({
    sharpe: z.number().nullish(),
    maxDrawdownPct: z.number().nullish(),
    trades: z.number().nullish(),
    profitFactor: z.number().nullish(),
  }).nullish(),
  /** walk-forward stitched (or mean) OOS Sharpe, annualised */
  oosSharpe: z.number().nullish(),
  dsr: z.number().nullish(),
  pbo: z.number().nullish(),
  /** max drawdown (fraction ≤ 0) under the single_crash_bar stress */
  crashDrawdown: z.number().nullish(),
  mc: z.object({ maxDrawdownP5: z.number(), probLoss: z.number() }).nullish(),
});
export type GoNoGoInput = z.infer<typeof GoNoGoInputSchema>;

export const GoNoGoCheckSchema = z.object({
  criterion: z.enum(CRITERIA),
  status: z.enum(['pass', 'fail', 'missing', 'skipped']),
  value: z.union([z.number(), z.string()]).nullable(),
  threshold: z.union([z.number(), z.string()]),
  comparison: z.enum(['≥', '≤', 'in']),
  unit: z.string(),
  required: z.boolean(),
  message: z.string(),
});
export type Check = z.infer<typeof GoNoGoCheckSchema>;

/** The verdict, declared once: the contract's research:gonogo output (and the portfolio's gonogo) use this schema. */
export const GoNoGoResultSchema = z.object({
  verdict: z.enum(['GO', 'NO_GO', 'INCONCLUSIVE']),
  tier: z.string().nullable(),
  riskProfile: z.enum(['conservative', 'moderate', 'aggressive']),
  checks: z.array(GoNoGoCheckSchema),
  /** one line per failed or missing required criterion */
  reasons: z.array(z.string()),
});
export type GoNoGoResult = z.infer<typeof GoNoGoResultSchema>;

const pct = (x: number): string => `${(x * 100).toFixed(2)} %`;
const fmt = (x: number, unit: string): string => (!Number.isFinite(x) ? (x > 0 ? '∞' : '−∞') : unit === '%' ? pct(x) : String(+x.toFixed(4)));

/**
 * A check's value or threshold as the Go/No-Go card and reports show it: the same digits as the reasons
 * ("0.3425", "26.50 %"), the unit after counts ("61 trades"), a tier list as words ("core or aux").
 */
export function formatCheckValue(v: number | string | null, unit: string, comparison?: string): string {
  if (v === null) return '—';
  if (typeof v === 'string') return comparison === 'in' ? v.split('|').join(' or ') : v;
  const s = fmt(v, unit);
  return unit && unit !== '%' && Number.isFinite(v) ? `${s} ${unit}` : s;
}

/** Each criterion in words (reasons use them; the Go/No-Go card shows them instead of the criterion code). */
export const CRITERION_LABEL: Readonly<Record<Criterion, string>> = {
  tier: 'strategy tier', sharpe: 'Sharpe', max_drawdown: 'max drawdown', trades: 'trades', profit_factor: 'profit factor',
  oos_sharpe: 'walk-forward OOS Sharpe', portfolio_drawdown: 'portfolio max drawdown (profile guardrail)',
  crash_drawdown: 'crash-stress max drawdown', mc_drawdown_p5: 'Monte-Carlo p5 max drawdown', mc_prob_loss: 'Monte-Carlo probability of loss',
  dsr: 'Deflated Sharpe', pbo: 'PBO',
};

/** The verdict in words, as the app and the reports show it (the code stays in stored results and JSON). */
export const VERDICT_LABEL: Readonly<Record<'GO' | 'NO_GO' | 'INCONCLUSIVE', string>> = { GO: 'Go', NO_GO: 'No-Go', INCONCLUSIVE: 'Inconclusive' };

/** A criterion as a table row names it: "Walk-forward OOS Sharpe"; an unknown code is returned as it is. */
export function criterionText(c: string): string {
  const l = Object.hasOwn(CRITERION_LABEL, c) ? CRITERION_LABEL[c as Criterion] : c;
  return l.charAt(0).toUpperCase() + l.slice(1);
}

export function evaluateGoNoGo(input: GoNoGoInput, cfg: GoNoGoConfig): GoNoGoResult {
  const checks: Check[] = [];
  const req = new Set<Criterion>(cfg.required);
  const num = (criterion: Criterion, value: number | null | undefined, threshold: number, cmp: '≥' | '≤', unit: string): void => {
    const required = req.has(criterion);
    const label = CRITERION_LABEL[criterion];
    if (value === null || value === undefined || Number.isNaN(value)) {
      checks.push({ criterion, status: required ? 'missing' : 'skipped', value: null, threshold, comparison: cmp, unit, required,
        message: `${label}: missing (needs ${cmp} ${fmt(threshold, unit)})` });
      return;
    }
    const ok = cmp === '≥' ? value >= threshold : value <= threshold;
    // ±Infinity (e.g. a profit factor without losing trades) is not JSON: kept as a string.
    checks.push({ criterion, status: ok ? 'pass' : 'fail', value: Number.isFinite(value) ? value : value > 0 ? '∞' : '−∞', threshold, comparison: cmp, unit, required,
      message: `${label} ${fmt(value, unit)} ${ok ? 'meets' : 'fails'} ${cmp} ${fmt(threshold, unit)}` });
  };

  const tier = input.tier ?? null;
  const tierOk = tier !== null && cfg.allowed_tiers.includes(tier);
  if (tier === null) {
    checks.push({ criterion: 'tier', status: req.has('tier') ? 'missing' : 'skipped', value: null, threshold: cfg.allowed_tiers.join('|'), comparison: 'in', unit: '', required: req.has('tier'), message: 'strategy tier: missing' });
  } else {
    checks.push({ criterion: 'tier', status: tierOk ? 'pass' : 'fail', value: tier, threshold: cfg.allowed_tiers.join('|'), comparison: 'in', unit: '', required: req.has('tier'),
      message: tierOk ? `tier ${tier} may go live` : `tier ${tier} is not allowed live (allowed: ${cfg.allowed_tiers.join(', ')}; R&D only in research/offline runs)` });
  }
  // Tier thresholds: core/aux use their own; any other tier is judged by core's (it already fails the tier gate).
  const t = tier === 'aux' ? cfg.tiers.aux : cfg.tiers.core;
  const m = input.metrics ?? {};
  num('sharpe', m.sharpe, t.min_sharpe, '≥', '');
  num('max_drawdown', m.maxDrawdownPct == null ? m.maxDrawdownPct : m.maxDrawdownPct / 100, t.max_drawdown, '≥', '%');
  num('trades', m.trades, t.min_trades, '≥', 'trades');
  // MetricsSchema reports a null profit factor when there are no losing trades: that is +∞ (passes) if there are trades.
  const pf = m.profitFactor ?? (m.trades != null && m.trades > 0 && m.profitFactor === null ? Infinity : undefined);
  num('profit_factor', pf, t.min_profit_factor, '≥', '');

  const p = cfg.profiles[input.riskProfile];
  num('oos_sharpe', input.oosSharpe, p.min_oos_sharpe, '≥', '');
  num('portfolio_drawdown', m.maxDrawdownPct == null ? m.maxDrawdownPct : m.maxDrawdownPct / 100, p.max_portfolio_drawdown, '≥', '%');
  num('crash_drawdown', input.crashDrawdown, p.max_crash_drawdown, '≥', '%');
  num('mc_drawdown_p5', input.mc?.maxDrawdownP5, p.max_crash_drawdown, '≥', '%');
  num('mc_prob_loss', input.mc?.probLoss, cfg.research.max_mc_prob_loss, '≤', '%'); // a probability, in % as the Monte-Carlo tab shows it
  num('dsr', input.dsr, cfg.research.min_dsr, '≥', '');
  num('pbo', input.pbo, cfg.research.max_pbo, '≤', '');

  const failed = checks.filter((c) => c.status === 'fail');
  const missing = checks.filter((c) => c.status === 'missing');
  const verdict: Verdict = failed.length > 0 ? 'NO_GO' : missing.length > 0 ? 'INCONCLUSIVE' : 'GO';
  return { verdict, tier, riskProfile: input.riskProfile, checks, reasons: [...failed, ...missing].map((c) => c.message) };
}
