/**
 * Research tabs → contract inputs. Pure and unit-tested: each builder checks the form with the command's own
 * input schema (reporting on the form's fields, in the form's units) and adds the caller-chosen job id.
 */
import { commandSpec } from '../../../../core/api/contract';
import { STRESS_KINDS } from '../../../../core/research/stress';
import type { CommandInput } from '../../api/client';
import { checkRange } from '../../lib/grid-form';
import { numberOrUndefined, validateWith, type Validated } from '../../lib/form-schema';
import type { ParamField, SweepRange } from '../../lib/param-form';
import type { McResult, OverfitResult, Run, StressResult, WfResult } from './store';

export { STRESS_KINDS };
export type StressKind = (typeof STRESS_KINDS)[number];

const withJob = (jobId: string | undefined) => (jobId ? { jobId } : {});

export interface WalkForwardForm {
  train: string;
  test: string;
  mode: 'rolling' | 'anchored';
  metric: string;
  /** per parameter: grid text; '' = held at the run's value */
  grid: Record<string, string>;
}

/** Window length: whole bars ("500") or a duration ("365d"). */
const windowOf = (s: string): number | string => (/^\d+$/.test(s.trim()) ? Number(s) : s.trim());

export function buildWalkForward(run: Run, fields: ParamField[], f: WalkForwardForm, jobId?: string): Validated<CommandInput<'walkforward:run'>> {
  const grid: Record<string, SweepRange> = {};
  const errors: Record<string, string> = {};
  for (const [name, spec] of Object.entries(f.grid)) {
    if (!spec.trim()) continue;
    const field = fields.find((x) => x.name === name) ?? { name, kind: 'number' as const };
    const r = checkRange(field, spec);
    if ('error' in r) errors[name] = r.error;
    else grid[name] = r.range;
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const fixed = Object.fromEntries(Object.entries(run.params).filter(([k]) => !(k in grid))) as Record<string, number | string | boolean | null>;
  return validateWith(
    commandSpec('walkforward:run').input,
    {
      datasetId: run.datasetId ?? '',
      strategyId: run.strategyId ?? '',
      params: fixed,
      grid,
      train: windowOf(f.train),
      test: windowOf(f.test),
      mode: f.mode,
      metric: f.metric,
      engine: run.engine ?? {},
      seed: run.seed,
      ...withJob(jobId),
    },
    { train: { label: 'Train window' }, test: { label: 'Test window' }, datasetId: { label: 'Subject run (data set)' }, strategyId: { label: 'Subject run (strategy)' } },
  );
}

export interface MonteCarloForm {
  method: 'iid' | 'block' | 'trade_shuffle';
  nPaths: string;
  block: string;
  seed: string;
}

export function buildMonteCarlo(run: Run, f: MonteCarloForm, jobId?: string): Validated<CommandInput<'montecarlo:run'>> {
  return validateWith(
    commandSpec('montecarlo:run').input,
    {
      source: { runId: run.id },
      method: f.method,
      nPaths: numberOrUndefined(f.nPaths) ?? Number.NaN,
      ...(f.method === 'block' ? { blockSize: numberOrUndefined(f.block) ?? Number.NaN } : {}),
      ...(f.seed.trim() ? { seed: Number(f.seed) } : {}),
      ...withJob(jobId),
    },
    { nPaths: { label: 'Paths' }, blockSize: { label: 'Block size', unit: ' bars' }, seed: { label: 'Seed' } },
  );
}

export interface StressForm {
  picked: Partial<Record<StressKind, boolean>>;
  position: 'start' | 'middle' | 'end';
  /** percent as typed; '' = each scenario's default */
  severityPct: string;
}

export function buildStress(run: Run, f: StressForm, jobId?: string): Validated<CommandInput<'stress:run'>> {
  const scenarios = STRESS_KINDS.filter((k) => f.picked[k]);
  const sev = numberOrUndefined(f.severityPct);
  return validateWith(
    commandSpec('stress:run').input,
    {
      source: { runId: run.id },
      scenarios,
      position: f.position,
      // the form shows percent, the contract takes a fraction: the schema's bound comes back as "100 %"
      ...(sev !== undefined ? { severity: sev / 100 } : {}),
      ...withJob(jobId),
    },
    { severity: { label: 'Severity', unit: ' %', scale: 100 }, scenarios: { label: 'Scenarios (tick at least one)' } },
  );
}

export interface Evidence {
  wf: WfResult | null;
  mc: McResult | null;
  stress: StressResult | null;
  overfit: OverfitResult | null;
}

/** Everything computed so far about the run → research:gonogo input (missing evidence stays null → INCONCLUSIVE). */
export function buildGoNoGo(run: Run, tier: CommandInput<'research:gonogo'>['tier'], riskProfile: CommandInput<'research:gonogo'>['riskProfile'], ev: Evidence): CommandInput<'research:gonogo'> {
  const crash = ev.stress?.summary.results.find((r) => r.scenario.kind === 'single_crash_bar');
  return {
    tier,
    riskProfile,
    metrics: { sharpe: run.metrics.sharpe, maxDrawdownPct: run.metrics.maxDrawdownPct, trades: run.metrics.trades, profitFactor: run.metrics.profitFactor },
    oosSharpe: ev.wf?.summary.stitchedSharpe ?? null,
    dsr: ev.overfit?.dsr ?? null,
    pbo: ev.overfit?.pbo ?? null,
    crashDrawdown: crash?.stressed.maxDrawdown ?? null,
    mc: ev.mc ? { maxDrawdownP5: ev.mc.summary.maxDrawdown.p5, probLoss: ev.mc.summary.probLoss } : null,
  };
}
