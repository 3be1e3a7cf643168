/**
 * Overfitting statistics of a finished sweep (PSR, Deflated Sharpe with N = the sweep's size, PBO by CSCV),
 * read through the sweeps repository; the statistics run as one `overfitting` task on the worker pool.
 */
import type { OverfittingResult } from '../../core/api/commands/research';
import { periodsPerYear } from '../../core/data/bars';
import { PeakError } from '../../core/errors';
import { getStrategy } from '../../core/strategies/registry';
import { runPooledBacktest } from '../backtest/service';
import { sharedPool } from '../pool/context-pool';
import { fin, type ResearchDeps } from './deps';

/**
 * PBO/PSR/DSR of a finished sweep. The handler only reads and packs the stored block statistics and picks the
 * best combination by the metric; the best combination's re-run (its return moments: the sweep keeps block
 * sums, not skew/kurtosis) is a `backtest` task and the statistics one `overfitting` task. `withBest: false`
 * skips the re-run (PSR/DSR then null) for callers that need only PBO and the Sharpe variance.
 */
export async function overfitting(deps: ResearchDeps, sweepId: number, metricOverride?: string, withBest = true, signal?: AbortSignal): Promise<OverfittingResult> {
  const sw = deps.store.sweeps.get(sweepId);
  if (!sw) throw new PeakError('NOT_FOUND', `sweep ${sweepId} not found`);
  const rows = deps.store.sweeps.rowsWithBlocks(sweepId);
  if (rows.length < 2) throw new PeakError('BAD_INPUT', `sweep ${sweepId} has ${rows.length} result(s); PBO needs at least 2 (status ${sw.status})`);
  // N (the number of trials) must be the sweep's size: an unfinished sweep would understate it.
  if (rows.length < sw.total) throw new PeakError('BAD_INPUT', `sweep ${sweepId} is not finished (${rows.length}/${sw.total} combinations, status ${sw.status}); resume it first: peak sweep resume ${sweepId}`);
  const metric = metricOverride ?? sw.metric;
  const S = rows[0].blocks.length / 3;
  // Shared memory: zero-copy to the worker, and still intact if a crashed task is retried.
  const stats = new Float64Array(new SharedArrayBuffer(rows.length * S * 3 * 8));
  let best = -1, bestScore = -Infinity;
  rows.forEach((r, c) => {
    const b = r.blocks;
    if (b.length !== S * 3) throw new PeakError('INTERNAL', `sweep ${sweepId} result ${r.index}: ${b.length / 3} blocks, expected ${S}`);
    stats.set(b, c * S * 3);
    const m = r.metrics[metric];
    const score = typeof m === 'number' && Number.isFinite(m) ? m : -Infinity;
    if (best < 0 || score > bestScore) { best = c; bestScore = score; }
  });
  const bars = deps.bars(sw.datasetId);
  const ppy = periodsPerYear(bars.time);
  const bestParams: Record<string, unknown> = rows[best].params;
  let bestEquity: Float64Array | null = null;
  if (withBest) {
    const strategy = getStrategy(sw.strategyId);
    const params = strategy.params.parse({ ...sw.config.fixed, ...bestParams }) as Record<string, unknown>;
    const ds = deps.store.datasets.require(sw.datasetId);
    bestEquity = (await runPooledBacktest(deps, { datasetId: ds.id, contentHash: ds.contentHash, strategyId: strategy.meta.id, params, engine: sw.config.engine, signal })).result.equity;
  }
  const o = await sharedPool(deps).run('overfitting', { stats, nCombos: rows.length, nBlocks: S, best, bestEquity, periodsPerYear: ppy, histogramBins: 24, maxScatterPoints: 2000 }, { signal });
  const mom = o.moments ?? { n: 0, skew: NaN, kurtosis: NaN };
  return {
    sweepId, nTrials: rows.length, blocks: S, metric,
    best: { index: rows[best].index, params: bestParams, sharpe: fin(o.sr * Math.sqrt(ppy)) },
    perPeriodSharpe: o.sr, n: mom.n, skew: mom.skew, kurtosis: mom.kurtosis, periodsPerYear: ppy, varianceOfSharpes: o.varianceOfSharpes,
    psr: o.psr ?? NaN, dsr: o.dsr ?? NaN, srStar: o.srStar ?? NaN, srStarAnnual: (o.srStar ?? NaN) * Math.sqrt(ppy),
    pbo: o.pbo, nSplits: o.nSplits, probOosLoss: o.probOosLoss,
    degradation: { slope: fin(o.degradation.slope), intercept: fin(o.degradation.intercept) },
    logitHistogram: o.logitHistogram, isOos: o.isOos,
  };
}
