/** Monte-Carlo of a backtest's returns: batches on the worker pool (mc-batch), merged into one summary. */
import type { CommandOutput, CommandParsedInput } from '../../core/api/contract';
import { PeakError } from '../../core/errors';
import { batchCount, defaultMcConfig, summarizeMc, tradesPerYear, type McConfig, type McMethod, type McSummary } from '../../core/research/montecarlo';
import { equitySections, mcSections } from '../files/reports/builders';
import type { Job } from '../jobs/registry';
import { finRecord, hashOf, researchPool, type ResearchDeps } from './deps';
import { reportBase, saveReport, storeRun } from './reports';
import { barReturns, loadSource, tradeReturns } from './source';

export async function monteCarlo(deps: ResearchDeps, returns: Float64Array, cfg: McConfig, job: Job | null): Promise<McSummary> {
  const nb = batchCount(cfg);
  const shared = new Float64Array(new SharedArrayBuffer(returns.length * 8));
  shared.set(returns);
  const batches = await researchPool(deps).runMany('mc-batch', Array.from({ length: nb }, (_, b) => ({ returns: shared, config: cfg, batchIndex: b })), {
    signal: job?.signal, onProgress: (p) => job?.progress(p.done, p.total, 'Monte-Carlo batches'),
  });
  return summarizeMc(batches, cfg, returns.length);
}

export const mcMetrics = (s: McSummary): Record<string, number | null> => finRecord({
  probLoss: s.probLoss, finalEquityP50: s.finalEquity.p50, totalReturnP5: s.totalReturn.p5, totalReturnP50: s.totalReturn.p50,
  maxDrawdownP5: s.maxDrawdown.p5, maxDrawdownP50: s.maxDrawdown.p50, sharpeP50: s.sharpe.p50, cagrP50: s.cagr.p50,
});

export async function runMonteCarlo(deps: ResearchDeps, input: CommandParsedInput<'montecarlo:run'>, job: Job): Promise<CommandOutput<'montecarlo:run'>> {
  const l = await loadSource(deps, input.source, job.signal);
  const seed = input.seed ?? deps.config.backtest.seed;
  const returns = input.method === 'trade_shuffle' ? tradeReturns(l) : barReturns(l);
  if (returns.length < 2) throw new PeakError('BAD_INPUT', `montecarlo: ${input.method === 'trade_shuffle' ? `${returns.length} closed trade(s)` : `${returns.length} return(s)`}; needs at least 2`);
  const ppy = input.method === 'trade_shuffle' ? tradesPerYear(returns.length, l.bars.time.length, l.ppy) : l.ppy;
  const cfg: McConfig = { ...defaultMcConfig, method: input.method as McMethod, nPaths: input.nPaths, seed, blockSize: input.blockSize, initialEquity: l.engine.cash, periodsPerYear: ppy };
  const configHash = hashOf({ kind: 'montecarlo', dataset: l.contentHash, strategy: l.strategyId, params: l.params, engine: l.engine, range: l.range, sourceRun: l.sourceRunId, cfg });
  const t0 = deps.clock();
  const s = await monteCarlo(deps, returns, cfg, job);
  const durationMs = deps.clock() - t0;
  const runId = input.save ? storeRun(deps, 'montecarlo', l, seed, configHash, mcMetrics(s), durationMs, s) : 0;
  const report = input.report ? saveReport(deps, reportBase(deps, 'montecarlo', `Monte-Carlo · ${l.strategyId} · ${l.datasetName}`, runId, seed, configHash, l.datasetName,
    [...equitySections('Baseline backtest', l.bars.time, l.equity), ...mcSections(s, { time: l.bars.time, equity: l.equity, firstBar: Math.max(0, l.startBar - 1) })], s)) : null;
  if (runId > 0) job.setResult({ kind: 'run', id: String(runId) });
  return { jobId: job.id, runId, kind: 'montecarlo' as const, seed, configHash, durationMs, report, summary: s };
}
