/**
 * Gathers Go/No-Go evidence BY ID from the store (Trust #6) — never numbers from the page — and refuses
 * evidence that belongs to another strategy, data set, engine or parameter set. Returns the GoNoGoInput the
 * verdict is computed from, so a stored verdict records exactly what it was judged on.
 */
import type { GoNoGoVerdict } from '../../core/api/commands/gonogo';
import type { RunSummary } from '../../core/api/schemas';
import { PeakError } from '../../core/errors';
import { canonicalJson } from '../../core/hash';
import type { GoNoGoInput } from '../../core/research/gonogo';
import { combinationMatches, evidenceMismatches, type EvidenceSubject } from '../../core/research/gonogo-evidence';
import type { ResearchDeps } from './deps';

export type EvidenceIds = GoNoGoVerdict['evidence'];

/** DSR / PBO of a finished sweep (the research:overfitting computation). */
export type OverfittingOf = (sweepId: number) => Promise<{ dsr: number; pbo: number }>;

const refuse = (reasons: string[]): never => {
  throw new PeakError('BAD_INPUT', `Go/No-Go evidence does not belong to the run: ${reasons.join('; ')}`);
};

const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

export function subjectOf(run: RunSummary): EvidenceSubject {
  if (run.kind !== 'backtest' || run.datasetId === null || run.strategyId === null || run.engine === null) {
    throw new PeakError('BAD_INPUT', `run ${run.id} (kind ${run.kind}) is not a backtest: Go/No-Go judges a backtest run`);
  }
  return { runId: run.id, datasetId: run.datasetId, strategyId: run.strategyId, params: run.params, engine: run.engine };
}

export async function collectEvidence(ctx: Pick<ResearchDeps, 'store'>, run: RunSummary, ids: EvidenceIds, overfittingOf: OverfittingOf,
  extra: Pick<GoNoGoInput, 'tier' | 'riskProfile'>): Promise<GoNoGoInput> {
  const subject = subjectOf(run);
  const { store } = ctx;
  const input: GoNoGoInput = {
    tier: extra.tier ?? null,
    riskProfile: extra.riskProfile,
    metrics: { sharpe: run.metrics.sharpe ?? null, maxDrawdownPct: run.metrics.maxDrawdownPct ?? null, trades: run.metrics.trades ?? null, profitFactor: run.metrics.profitFactor ?? null },
  };

  const sameBacktest = (r: RunSummary, label: string): string[] => {
    const m = evidenceMismatches(subject, { label, datasetId: r.datasetId, strategyId: r.strategyId, engine: r.engine });
    if (canonicalJson(r.params) !== canonicalJson(subject.params)) m.push(`${label}: parameters differ from run ${subject.runId}'s`);
    return m;
  };
  const ofKind = (id: number, kind: string, label: string): RunSummary => {
    const r = store.runs.require(id);
    if (r.kind !== kind) throw new PeakError('BAD_INPUT', `${label} is a ${r.kind} run, not a ${kind} run`);
    return r;
  };

  if (ids.walkforwardRunId !== null) {
    const label = `walk-forward run ${ids.walkforwardRunId}`;
    const wf = ofKind(ids.walkforwardRunId, 'walkforward', label);
    const m = evidenceMismatches(subject, { label, datasetId: wf.datasetId, strategyId: wf.strategyId, engine: wf.engine });
    if (m.length) refuse(m);
    input.oosSharpe = num(wf.metrics.oosSharpe);
  }
  if (ids.stressRunId !== null) {
    const label = `stress run ${ids.stressRunId}`;
    const st = ofKind(ids.stressRunId, 'stress', label);
    const m = sameBacktest(st, label);
    if (m.length) refuse(m);
    const summary = store.runs.extra(st.id) as { results?: { scenario: { kind: string }; stressed: { maxDrawdown: unknown } }[] } | null;
    const crash = summary?.results?.find((x) => x.scenario.kind === 'single_crash_bar');
    input.crashDrawdown = crash ? num(crash.stressed.maxDrawdown) : null;
  }
  if (ids.montecarloRunId !== null) {
    const label = `Monte-Carlo run ${ids.montecarloRunId}`;
    const mc = ofKind(ids.montecarloRunId, 'montecarlo', label);
    const m = sameBacktest(mc, label);
    if (m.length) refuse(m);
    const p5 = num(mc.metrics.maxDrawdownP5), pl = num(mc.metrics.probLoss);
    input.mc = p5 !== null && pl !== null ? { maxDrawdownP5: p5, probLoss: pl } : null;
  }
  if (ids.sweepId !== null) {
    const label = `sweep ${ids.sweepId}`;
    const sw = store.sweeps.get(ids.sweepId);
    if (!sw) throw new PeakError('NOT_FOUND', `${label} not found`);
    const cfg = sw.config;
    const m = evidenceMismatches(subject, { label, datasetId: sw.datasetId, strategyId: sw.strategyId, engine: cfg.engine });
    // the sweep must have tried the run's parameters: otherwise its DSR/PBO say nothing about this run
    const fixed = Object.fromEntries(Object.entries(cfg.fixed).filter(([k]) => !Object.hasOwn(cfg.grid, k)));
    const tried = store.sweeps.paramsOf(ids.sweepId);
    if (!tried.some((p) => combinationMatches(p, fixed, subject.params))) {
      m.push(`${label}: none of its ${tried.length} combinations has run ${subject.runId}'s parameters`);
    }
    if (m.length) refuse(m);
    const o = await overfittingOf(ids.sweepId);
    input.dsr = num(o.dsr);
    input.pbo = num(o.pbo);
  }
  return input;
}
