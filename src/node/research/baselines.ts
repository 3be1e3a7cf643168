/**
 * The baseline of a stress / Monte-Carlo / walk-forward study of a stored run IS that run (Trust #5): the
 * backtest is reproduced from its stored inputs (data set range, strategy, parameters, engine — deterministic,
 * bit-identical) so the study uses the run's true warm-up and equity, and the reproduction is checked against
 * the stored metrics. A mismatch is CONFLICT, never a silently different baseline.
 */
import type { RunSummary } from '../../core/api/schemas';
import { canonicalJson } from '../../core/hash';
import type { BacktestOutcome } from '../../core/api/run-backtest';
import { PeakError } from '../../core/errors';
import { runPooledBacktest } from '../backtest/service';
import type { ResearchDeps } from './deps';

const finiteOrNull = (_k: string, v: unknown): unknown => (typeof v === 'number' && !Number.isFinite(v) ? null : v);
const stored = (m: unknown): string => canonicalJson(JSON.parse(JSON.stringify(m, finiteOrNull)) as unknown);

export async function reproduceRun(ctx: ResearchDeps, run: RunSummary, startBar: number, endBar: number, signal?: AbortSignal): Promise<BacktestOutcome> {
  if (run.datasetId === null || run.strategyId === null || run.engine === null) {
    throw new PeakError('BAD_INPUT', `run ${run.id} (kind ${run.kind}) is not a backtest with a data set and a strategy`);
  }
  const ds = ctx.store.datasets.require(run.datasetId);
  const out = await runPooledBacktest(ctx, {
    datasetId: ds.id, contentHash: ds.contentHash, start: startBar, end: endBar, strategyId: run.strategyId, params: run.params, engine: run.engine, signal,
  });
  if (stored(out.metrics) !== stored(run.metrics)) {
    throw new PeakError('CONFLICT', `run ${run.id} cannot be reproduced from its stored inputs (strategy code changed since?); run the backtest again and study the new run`);
  }
  return out;
}
