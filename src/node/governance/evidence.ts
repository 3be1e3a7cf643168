/**
 * The evidence behind a patch, for the review screen: the run / sweep / walk-forward that produced it with its
 * key metrics and a Go/No-Go verdict (the stored verdict record when there is one, see verdictFor).
 */
import { evaluateGoNoGo, type GoNoGoResult } from '../../core/research/gonogo';
import type { ConfigPatch, EvidenceRef } from '../../core/governance/model';
import { getStrategy } from '../../core/strategies/registry';
import type { Store } from '../db/store';
import { loadGoNoGoConfig } from '../research/config-files';
import type { GovernanceRepo } from '../db/governance';

export interface EvidenceView {
  kind: EvidenceRef['kind'];
  id: string;
  exists: boolean;
  title: string;
  metrics: { name: string; value: number | null }[];
  verdict: { verdict: GoNoGoResult['verdict']; reasons: string[]; source: 'computed' | 'stored' } | null;
  /** where the renderer opens it (screen + hash params), null when there is nothing to open */
  link: { screen: 'experiments' | 'sweep' | 'research'; params: Record<string, string> } | null;
  validation: { runId: number; baselineRunId: number } | null;
}

const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

export function lookupEvidence(store: Store, repo: GovernanceRepo, patch: ConfigPatch): EvidenceView {
  const sig = patch.signalId ? repo.getSignal(patch.signalId) : undefined;
  const ref: EvidenceRef = sig?.evidence ?? { kind: 'manual', id: '' };
  const m = (sig?.meta.metrics ?? {}) as Record<string, unknown>;
  const metrics: EvidenceView['metrics'] = [];
  let title = `${ref.kind} ${ref.id}`;
  let exists = ref.kind === 'manual' || ref.kind === 'drill' || ref.kind === 'automation-run';
  let link: EvidenceView['link'] = null;
  if (ref.kind === 'walkforward' || ref.kind === 'run') {
    const run = store.runs.get(Number(ref.id));
    exists = !!run;
    if (run) {
      title = `${run.kind} run ${run.id} · ${run.strategyId ?? ''} · ${run.datasetName ?? run.datasetId ?? ''}`;
      for (const k of ['oosSharpe', 'oosTotalReturn', 'oosMaxDrawdown', 'efficiency', 'windows', 'sharpe', 'totalReturnPct', 'maxDrawdownPct']) {
        if (Object.hasOwn(run.metrics, k)) metrics.push({ name: k, value: num(run.metrics[k]) });
      }
      link = { screen: 'experiments', params: { run: String(run.id) } };
    }
  } else if (ref.kind === 'sweep') {
    const sid = Number(ref.id);
    const row = Number.isSafeInteger(sid) ? store.sweeps.get(sid) : undefined;
    exists = !!row;
    if (row) {
      title = `sweep ${row.id} · ${row.strategyId} · ${row.total} combinations (${row.status})`;
      for (const k of ['dsr', 'pbo', 'psr', 'bestSharpe', 'nTrials']) metrics.push({ name: k, value: num(m[k]) });
      link = { screen: 'sweep', params: { sweep: String(row.id) } };
    }
  } else if (ref.kind === 'manual') title = `manual signal${sig ? ` ${sig.id}` : ''}`;
  if (patch.validation) {
    metrics.push({ name: 'validationSharpe', value: patch.validation.sharpe }, { name: 'baselineSharpe', value: patch.validation.baselineSharpe },
      { name: 'validationMaxDrawdownPct', value: patch.validation.maxDrawdownPct });
  }
  return { kind: ref.kind, id: ref.id, exists, title, metrics, verdict: verdictFor(store, patch, m), link, validation: patch.validation ? { runId: patch.validation.runId, baselineRunId: patch.validation.baselineRunId } : null };
}

let gonogo: ReturnType<typeof loadGoNoGoConfig> | null = null;

/**
 * The Go/No-Go verdict shown beside a patch: the stored verdict record of its re-validation run (gonogo:evaluate,
 * with the ids of its evidence) when one exists; otherwise computed here from the evidence at hand with
 * config/gonogo.toml and labelled "computed".
 */
function verdictFor(store: Store, patch: ConfigPatch, m: Record<string, unknown>): EvidenceView['verdict'] {
  if (!patch.validation) return null;
  const stored = store.gonogoVerdicts.latestForRun(patch.validation.runId);
  if (stored) return { verdict: stored.verdict, reasons: stored.result.reasons, source: 'stored' };
  const run = store.runs.get(patch.validation.runId);
  if (!run) return null;
  let tier: 'core' | 'aux' | 'legacy' | 'r_and_d' | null = null;
  try {
    const t = getStrategy(patch.validation.strategyId).meta.tier;
    tier = t === 'core' || t === 'aux' || t === 'legacy' || t === 'r_and_d' ? t : null;
  } catch {
    tier = null;
  }
  const r = evaluateGoNoGo({
    tier, riskProfile: 'moderate',
    metrics: { sharpe: num(run.metrics.sharpe), maxDrawdownPct: num(run.metrics.maxDrawdownPct), trades: num(run.metrics.trades) ?? run.tradeCount, profitFactor: num(run.metrics.profitFactor) },
    oosSharpe: num(m.oosSharpe), dsr: num(m.dsr), pbo: num(m.pbo),
  }, (gonogo ??= loadGoNoGoConfig()));
  return { verdict: r.verdict, reasons: r.reasons, source: 'computed' };
}
