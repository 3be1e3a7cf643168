/**
 * System 1, the learning loop: learning signals from real evidence (a walk-forward whose OOS-best parameters
 * differ from the configured ones; a sweep whose best cell passes DSR and PBO), each persisted, written as a
 * JSON learning snippet under <dataDir>/learning_snippets/ and turned into PROPOSED config patches; then the
 * offline re-validation (a backtest of the patched offline config, its run id recorded) → APPLIED_OFFLINE.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WfSummarySchema } from '../../core/api/commands/research';
import { PeakError } from '../../core/errors';
import { canTransition, encodeValue, type ConfigPatch, type EvidenceRef, type LearningSignal, type PatchStatus, type RecommendedChange, type Validation } from '../../core/governance/model';
import { getDotted } from '../../core/governance/overrides';
import { getStrategy } from '../../core/strategies/registry';
import { currentValueFn, notFound, offlineLiveConfig, type GovernanceDeps } from './deps';

export const SNIPPETS_DIR = 'learning_snippets';

export interface EmitInput {
  source: LearningSignal['source'];
  evidence: EvidenceRef;
  changes: RecommendedChange[];
  confidence: number;
  reason: string;
  meta?: Record<string, unknown>;
}

const finite = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

export function createLearning(d: GovernanceDeps) {
  const { store, repo } = d;

  function transition(p: ConfigPatch, to: PatchStatus, actor: string, reason: string, fields: Omit<Parameters<typeof repo.updatePatch>[1], 'status' | 'at'> = {}): void {
    if (!canTransition(p.status, to)) throw new PeakError('CONFLICT', `patch ${p.id}: ${p.status} → ${to} is not a lifecycle transition`);
    store.tx(() => {
      repo.updatePatch(p.id, { status: to, at: d.clock(), ...fields });
      store.audit.append({ category: 'patch', action: `patch-${to.toLowerCase()}`, actor, subject: p.id, reason, details: { target: p.target, from: p.status, to, ...fields } });
    });
  }

  function emit(input: EmitInput, actor: string): { signal: LearningSignal; patches: ConfigPatch[] } {
    const now = d.clock();
    const id = `sig-${new Date(now).toISOString().slice(0, 10).replace(/-/g, '')}-${randomUUID().slice(0, 8)}`;
    const snippet = `${SNIPPETS_DIR}/${id}.json`;
    const signal: LearningSignal = { id, source: input.source, evidence: input.evidence, changes: input.changes, confidence: input.confidence, reason: input.reason, meta: input.meta ?? {}, createdAt: now, snippet };
    const current = currentValueFn(d);
    const patchIds: string[] = [];
    store.tx(() => {
      repo.insertSignal(signal);
      store.audit.append({ category: 'learning', action: 'signal-emitted', actor, subject: id, reason: input.reason, details: { source: input.source, evidence: input.evidence, changes: input.changes, confidence: input.confidence } });
      for (const c of input.changes) {
        const pid = `patch-${randomUUID().slice(0, 12)}`;
        const old = current(c.target);
        repo.insertPatch({ id: pid, signalId: id, target: c.target, oldValue: old === undefined ? null : old, newValue: encodeValue(c.value), reason: c.reason || input.reason,
          sourceExperiment: `${input.evidence.kind}:${input.evidence.id}`, confidence: input.confidence, generatedAt: now, meta: { ...(input.meta ?? {}), signalSource: input.source } });
        store.audit.append({ category: 'patch', action: 'patch-proposed', actor, subject: pid, reason: c.reason || input.reason, details: { signalId: id, target: c.target, oldValue: old ?? null, newValue: encodeValue(c.value), confidence: input.confidence } });
        patchIds.push(pid);
      }
      mkdirSync(join(d.dataDir, SNIPPETS_DIR), { recursive: true });
      writeFileSync(join(d.dataDir, snippet), `${JSON.stringify({ ...signal, patches: patchIds }, null, 2)}\n`);
    });
    return { signal, patches: patchIds.map((p) => repo.getPatch(p) as ConfigPatch) };
  }

  /** configured strategy parameters of the live-like config: strategy.<id>.* */
  function configured(strategyId: string): Record<string, unknown> {
    const tree = (offlineLiveConfig(d).strategy as Record<string, unknown> | undefined)?.[strategyId];
    return typeof tree === 'object' && tree !== null ? (tree as Record<string, unknown>) : {};
  }

  function diffParams(strategyId: string, best: Record<string, unknown>, why: string): RecommendedChange[] {
    const conf = configured(strategyId);
    return Object.keys(conf).filter((k) => Object.hasOwn(best, k) && best[k] !== conf[k]).sort()
      .map((k) => ({ target: `strategy.${strategyId}.${k}`, value: encodeValue(best[k]), reason: `${why}: ${k} ${String(conf[k])} → ${String(best[k])}` }));
  }

  const tierTags = (strategyId: string): string[] => {
    const tier = getStrategy(strategyId).meta.tier;
    return tier ? [tier] : [];
  };

  return {
    transition,
    emit,
    /**
     * A stored walk-forward run: the fold with the best OOS metric gives the OOS-best parameters; where they
     * differ from the configured strategy.<id>.* values, one signal with one change per parameter.
     * Confidence = the share of folds whose OOS metric is > 0.
     */
    fromWalkforward(runId: number, actor: string): { signal: LearningSignal | null; patches: ConfigPatch[]; note: string } {
      const run = store.runs.get(runId);
      if (!run || run.kind !== 'walkforward') throw notFound('walk-forward run', String(runId));
      if (repo.signalsFor('walkforward', String(runId)).length) return { signal: null, patches: [], note: `walk-forward run ${runId} already produced a signal` };
      const s = WfSummarySchema.parse(store.runs.extra(runId));
      const strategyId = run.strategyId ?? '';
      const scored = s.folds.map((f) => ({ f, v: finite(f.oos[s.metric]) })).filter((x) => x.v !== null) as { f: (typeof s.folds)[number]; v: number }[];
      if (!scored.length) return { signal: null, patches: [], note: `walk-forward run ${runId}: no fold has a finite OOS ${s.metric}` };
      const best = scored.reduce((a, b) => (b.v > a.v ? b : a));
      const changes = diffParams(strategyId, best.f.params, `walk-forward run ${runId} OOS-best (window ${best.f.window.index}, OOS ${s.metric} ${best.v.toFixed(3)})`);
      if (!changes.length) return { signal: null, patches: [], note: `walk-forward run ${runId}: the OOS-best parameters equal the configured ones` };
      const confidence = scored.filter((x) => x.v > 0).length / s.folds.length;
      const r = emit({ source: 'walkforward', evidence: { kind: 'walkforward', id: String(runId) }, changes, confidence,
        reason: `walk-forward ${runId}: OOS-best parameters differ from the configured ones (${scored.filter((x) => x.v > 0).length}/${s.folds.length} folds with OOS ${s.metric} > 0)`,
        meta: { tags: tierTags(strategyId), datasetId: run.datasetId, strategyId, metrics: { oosSharpe: s.stitchedSharpe, efficiency: s.efficiency, bestFoldOos: best.v } } }, actor);
      return { ...r, note: `signal ${r.signal.id} with ${r.patches.length} patch(es)` };
    },
    /**
     * A finished sweep: its best cell becomes a signal only when DSR ≥ min_dsr and PBO ≤ max_pbo.
     * Confidence = min(DSR, 1 − PBO).
     */
    async fromSweep(sweepId: number, actor: string): Promise<{ signal: LearningSignal | null; patches: ConfigPatch[]; note: string }> {
      const row = store.sweeps.get(sweepId);
      if (!row) throw notFound('sweep', String(sweepId));
      if (repo.signalsFor('sweep', String(sweepId)).length) return { signal: null, patches: [], note: `sweep ${sweepId} already produced a signal` };
      const o = await d.overfitting(sweepId);
      const { min_dsr, max_pbo } = d.policy.learning;
      if (!(o.dsr >= min_dsr && o.pbo <= max_pbo)) {
        return { signal: null, patches: [], note: `sweep ${sweepId}: best cell not qualified (DSR ${o.dsr.toFixed(3)} vs ≥ ${min_dsr}, PBO ${o.pbo.toFixed(3)} vs ≤ ${max_pbo})` };
      }
      const changes = diffParams(row.strategyId, o.best.params, `sweep ${sweepId} best cell #${o.best.index} (DSR ${o.dsr.toFixed(3)}, PBO ${o.pbo.toFixed(3)})`);
      if (!changes.length) return { signal: null, patches: [], note: `sweep ${sweepId}: the best cell equals the configured parameters` };
      const r = emit({ source: 'sweep', evidence: { kind: 'sweep', id: String(sweepId) }, changes, confidence: Math.max(0, Math.min(o.dsr, 1 - o.pbo)),
        reason: `sweep ${sweepId}: DSR/PBO-qualified best cell differs from the configured parameters`,
        meta: { tags: tierTags(row.strategyId), datasetId: row.datasetId, strategyId: row.strategyId, metrics: { dsr: o.dsr, pbo: o.pbo, psr: o.psr, bestSharpe: o.best.sharpe, nTrials: o.nTrials } } }, actor);
      return { ...r, note: `signal ${r.signal.id} with ${r.patches.length} patch(es)` };
    },
    /**
     * Offline re-validation: backtests the live-like strategy with the patched offline config and without it
     * (baseline, shared by the patches of one batch through `baselines`). Success → APPLIED_OFFLINE with both run ids; a backtest the registry refuses → REJECTED.
     */
    async validate(patchId: string, datasetId: string | undefined, actor: string, baselines: Map<string, { id: number; metrics: Record<string, number | null> }> = new Map()): Promise<ConfigPatch> {
      const p = repo.getPatch(patchId);
      if (!p) throw notFound('patch', patchId);
      if (p.status !== 'PROPOSED') throw new PeakError('CONFLICT', `patch ${patchId} is ${p.status}; only PROPOSED patches are re-validated`);
      const ds = datasetId ?? (typeof p.meta.datasetId === 'string' ? p.meta.datasetId : undefined);
      if (!ds || !store.datasets.get(ds)) throw new PeakError('BAD_INPUT', `validate: dataset: patch ${patchId} names no data set; pass one (--dataset)`);
      const base = offlineLiveConfig(d);
      const patched = offlineLiveConfig(d, typeof p.newValue === 'number' || typeof p.newValue === 'boolean' || typeof p.newValue === 'string' ? { [p.target]: p.newValue } : {});
      const spec = (cfg: Record<string, unknown>, note: string) => {
        const strategyId = String(getDotted(cfg, 'strategy.name') ?? '');
        const params = ((cfg.strategy as Record<string, unknown> | undefined)?.[strategyId] ?? {}) as Record<string, unknown>;
        const lev = getDotted(cfg, 'portfolio.leverage');
        return { datasetId: ds, strategyId, params, fraction: d.appConfig.backtest.position_fraction * (typeof lev === 'number' ? lev : 1), note };
      };
      try {
        // one baseline per data set and offline config within a validation batch (same inputs → same run)
        const bSpec = spec(base, `governance baseline (offline live-like config) for ${patchId}`);
        const bKey = JSON.stringify([bSpec.datasetId, bSpec.strategyId, bSpec.params, bSpec.fraction]);
        const baseline = baselines.get(bKey) ?? (await d.runBacktest(bSpec));
        baselines.set(bKey, baseline);
        const run = await d.runBacktest(spec(patched, `governance re-validation of ${patchId}: ${p.target} = ${String(p.newValue)}`));
        const sharpe = finite(run.metrics.sharpe), baselineSharpe = finite(baseline.metrics.sharpe);
        const validation: Validation = { runId: run.id, baselineRunId: baseline.id, datasetId: ds, strategyId: spec(patched, '').strategyId, sharpe, baselineSharpe,
          totalReturnPct: finite(run.metrics.totalReturnPct), maxDrawdownPct: finite(run.metrics.maxDrawdownPct),
          isLiveReady: sharpe !== null && (baselineSharpe === null || sharpe >= baselineSharpe) };
        transition(p, 'APPLIED_OFFLINE', actor, `re-validated by backtest run ${run.id} (baseline ${baseline.id})`, { appliedAt: d.clock(), validation });
      } catch (e) {
        if (!(e instanceof PeakError) || e.code !== 'BAD_INPUT') throw e;
        transition(p, 'REJECTED', actor, `re-validation backtest refused: ${e.message}`);
      }
      return repo.getPatch(patchId) as ConfigPatch;
    },
  };
}
export type Learning = ReturnType<typeof createLearning>;
