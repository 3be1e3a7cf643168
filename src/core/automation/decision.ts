/**
 * The autonomous workflow's decision engine (SPEC §9), pure: a workflow type has weighted criteria on named
 * metrics; confidence = Σ weight(met) / Σ weight; ≥ 0.8 EXECUTE (high), ≥ 0.6 EXECUTE (moderate), ≥ 0.4 ALERT,
 * else SKIP. A missing metric counts as 0. No criteria → EXECUTE at 0.3 (SPEC). force_execute / force_skip set
 * the action at confidence 1.0. Every decision carries the metric values it saw, so a stored decision explains
 * itself.
 */
import { z } from 'zod';

export const WorkflowTypeSchema = z.enum(['signal_analysis', 'risk_check', 'market_scan', 'portfolio_analysis', 'auto']);
export type WorkflowType = z.infer<typeof WorkflowTypeSchema>;

export const ComparisonSchema = z.enum(['gt', 'gte', 'lt', 'lte', 'eq']);
export type Comparison = z.infer<typeof ComparisonSchema>;

export const CriterionSchema = z.object({
  name: z.string().min(1).max(100),
  metric: z.string().min(1).max(100),
  comparison: ComparisonSchema,
  threshold: z.number(),
  weight: z.number().positive(),
});
export type Criterion = z.infer<typeof CriterionSchema>;

export const ActionSchema = z.enum(['EXECUTE', 'ALERT', 'SKIP']);
export type Action = z.infer<typeof ActionSchema>;

export const DecisionSchema = z.object({
  workflowType: WorkflowTypeSchema,
  action: ActionSchema,
  /** 0..1 */
  confidence: z.number().min(0).max(1),
  /** 'high' | 'moderate' | 'low' | 'very low' | 'forced' | 'no criteria' */
  band: z.string(),
  reasoning: z.string(),
  criteria: z.array(CriterionSchema.extend({ value: z.number(), met: z.boolean(), missing: z.boolean() })),
  /** every metric the engine saw (not only those with criteria) */
  metrics: z.record(z.string(), z.number()),
  forced: z.enum(['execute', 'skip']).nullable(),
});
export type Decision = z.infer<typeof DecisionSchema>;

/** SPEC §9's default criteria. portfolio_analysis and auto have none by default (auto picks a type first). */
export const DEFAULT_CRITERIA: Record<WorkflowType, Criterion[]> = {
  signal_analysis: [
    { name: 'signal_strength', metric: 'signal_strength', comparison: 'gt', threshold: 0.5, weight: 0.8 },
    { name: 'volatility', metric: 'volatility', comparison: 'lt', threshold: 0.3, weight: 0.6 },
  ],
  risk_check: [
    { name: 'current_drawdown', metric: 'current_drawdown', comparison: 'lt', threshold: 0.2, weight: 1.0 },
    { name: 'position_size_pct', metric: 'position_size_pct', comparison: 'lt', threshold: 0.15, weight: 0.9 },
  ],
  market_scan: [
    { name: 'is_market_hours', metric: 'is_market_hours', comparison: 'eq', threshold: 1, weight: 0.7 },
    { name: 'activity_level', metric: 'activity_level', comparison: 'gt', threshold: 0.1, weight: 0.5 },
  ],
  portfolio_analysis: [],
  auto: [],
};

/** eq: |Δ| < 1e-6 (SPEC §9) */
export function compare(value: number, c: Comparison, threshold: number): boolean {
  switch (c) {
    case 'gt': return value > threshold;
    case 'gte': return value >= threshold;
    case 'lt': return value < threshold;
    case 'lte': return value <= threshold;
    case 'eq': return Math.abs(value - threshold) < 1e-6;
  }
}

export interface DecideOptions {
  criteria?: readonly Criterion[];
  forceExecute?: boolean;
  forceSkip?: boolean;
}

export function decide(workflowType: WorkflowType, metrics: Readonly<Record<string, number>>, opts: DecideOptions = {}): Decision {
  const criteria = opts.criteria ?? DEFAULT_CRITERIA[workflowType];
  const evaluated = criteria.map((c) => {
    const missing = !Object.hasOwn(metrics, c.metric) || !Number.isFinite(metrics[c.metric]);
    const value = missing ? 0 : (metrics[c.metric] as number);
    return { ...c, value, missing, met: compare(value, c.comparison, c.threshold) };
  });
  const base = { workflowType, criteria: evaluated, metrics: { ...metrics } };
  if (opts.forceSkip) return { ...base, action: 'SKIP', confidence: 1, band: 'forced', reasoning: 'forced skip', forced: 'skip' };
  if (opts.forceExecute) return { ...base, action: 'EXECUTE', confidence: 1, band: 'forced', reasoning: 'forced execute', forced: 'execute' };
  if (evaluated.length === 0) {
    return { ...base, action: 'EXECUTE', confidence: 0.3, band: 'no criteria', reasoning: 'no criteria defined: executes by default', forced: null };
  }
  const total = evaluated.reduce((s, c) => s + c.weight, 0);
  const met = evaluated.reduce((s, c) => s + (c.met ? c.weight : 0), 0);
  const confidence = met / total;
  const [action, band]: [Action, string] =
    confidence >= 0.8 ? ['EXECUTE', 'high'] : confidence >= 0.6 ? ['EXECUTE', 'moderate'] : confidence >= 0.4 ? ['ALERT', 'low'] : ['SKIP', 'very low'];
  const unmet = evaluated.filter((c) => !c.met).map((c) => `${c.name} ${c.missing ? 'missing' : `${round(c.value)} not ${c.comparison} ${c.threshold}`}`);
  const reasoning = `${band} confidence ${(confidence * 100).toFixed(0)} %` + (unmet.length ? `; unmet: ${unmet.join(', ')}` : '; all criteria met');
  return { ...base, action, confidence, band, reasoning, forced: null };
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * The `auto` type's choice (seed 002): performance critical → risk_check; strong signals → signal_analysis;
 * otherwise market_scan.
 */
export function chooseWorkflow(performanceStatus: 'ok' | 'warning' | 'critical', signalStrength: number | undefined): Exclude<WorkflowType, 'auto'> {
  if (performanceStatus === 'critical') return 'risk_check';
  if (signalStrength !== undefined && signalStrength > 0.5) return 'signal_analysis';
  return 'market_scan';
}
