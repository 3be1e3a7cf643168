/** Stress scenarios on a backtest's returns: one stress-scenario task per scenario on the worker pool. */
import type { CommandOutput, CommandParsedInput } from '../../core/api/contract';
import { returnSeriesMetrics, type StressScenario, type StressSummary } from '../../core/research/stress';
import { restateStress } from '../../core/research/stress-baseline';
import { equitySections, stressSections } from '../files/reports/builders';
import type { Job } from '../jobs/registry';
import { barsPerDay, finRecord, hashOf, researchPool, type ResearchDeps } from './deps';
import { reportBase, saveReport, storeRun } from './reports';
import { barReturns, loadSource } from './source';

export async function stress(deps: ResearchDeps, returns: Float64Array, scenarios: StressScenario[], ppy: number, bpd: number, cash: number, job: Job | null): Promise<StressSummary> {
  const shared = new Float64Array(new SharedArrayBuffer(returns.length * 8));
  shared.set(returns);
  const results = await researchPool(deps).runMany('stress-scenario', scenarios.map((scenario) => ({ returns: shared, scenario, barsPerDay: bpd, periodsPerYear: ppy, initialEquity: cash })), {
    signal: job?.signal, onProgress: (p) => job?.progress(p.done, p.total, 'stress scenarios'),
  });
  return { baseline: returnSeriesMetrics(returns, ppy, cash), results };
}

export async function runStress(deps: ResearchDeps, input: CommandParsedInput<'stress:run'>, job: Job): Promise<CommandOutput<'stress:run'>> {
  const l = await loadSource(deps, input.source, job.signal);
  const seed = input.seed ?? deps.config.backtest.seed;
  const returns = barReturns(l);
  const scenarios: StressScenario[] = input.scenarios.map((kind) => ({ kind, position: input.position, ...(input.severity !== undefined && { severity: input.severity }) }));
  const configHash = hashOf({ kind: 'stress', dataset: l.contentHash, strategy: l.strategyId, params: l.params, engine: l.engine, range: l.range, sourceRun: l.sourceRunId, scenarios });
  const t0 = deps.clock();
  const pooled = await stress(deps, returns, scenarios, l.ppy, barsPerDay(l.bars, l.ppy), l.engine.cash, job);
  // baseline = the run's own metrics; every scenario measured the same way (Trust #5)
  const s = restateStress(pooled, l.outcome.result, l.bars, l.outcome.metrics, returns, scenarios, { barsPerDay: barsPerDay(l.bars, l.ppy), periodsPerYear: l.ppy });
  const durationMs = deps.clock() - t0;
  const worst = Math.min(...s.results.map((r) => r.stressed.maxDrawdown));
  const metrics = finRecord({ baselineMaxDrawdown: s.baseline.maxDrawdown, worstStressedMaxDrawdown: worst, baselineTotalReturn: s.baseline.totalReturn, scenarios: s.results.length });
  const runId = input.save ? storeRun(deps, 'stress', l, seed, configHash, metrics, durationMs, s) : 0;
  const report = input.report ? saveReport(deps, reportBase(deps, 'stress', `Stress tests · ${l.strategyId} · ${l.datasetName}`, runId, seed, configHash, l.datasetName,
    [...equitySections('Baseline backtest', l.bars.time, l.equity), ...stressSections(s)], s)) : null;
  if (runId > 0) job.setResult({ kind: 'run', id: String(runId) });
  return { jobId: job.id, runId, kind: 'stress' as const, seed, configHash, durationMs, report, summary: s };
}
