/**
 * Where a research run's returns come from: a stored backtest run, or a backtest run now on the worker pool.
 */
import type { z } from 'zod';
import type { ReturnSourceSchema } from '../../core/api/commands/research';
import { periodsPerYear, sliceBars, type Bars } from '../../core/data/bars';
import type { EngineConfig, Trade } from '../../core/engine/types';
import { PeakError } from '../../core/errors';
import { timeRange } from '../../core/lod';
import { equityReturns } from '../../core/research/montecarlo';
import { getStrategy, resolveParams } from '../../core/strategies/registry';
import type { BacktestOutcome } from '../../core/api/run-backtest';
import { runPooledBacktest } from '../backtest/service';
import { reproduceRun } from './baselines';
import { engineFor, type ResearchDeps } from './deps';

type Source = z.output<typeof ReturnSourceSchema>;

/** A loaded return source: the backtest's bars, equity and trades. */
export interface Loaded {
  datasetId: string;
  datasetName: string;
  contentHash: string;
  strategyId: string;
  params: Record<string, unknown>;
  engine: EngineConfig;
  bars: Bars;
  /** equity per bar of `bars` (index-aligned) */
  equity: Float64Array;
  /** first bar the strategy could act on */
  startBar: number;
  trades: Trade[];
  ppy: number;
  range: { from: number | null; to: number | null };
  sourceRunId: number | null;
  /** the backtest itself (the stored run reproduced, or the fresh one): the baseline of every study (Trust #5) */
  outcome: BacktestOutcome;
}

export async function loadSource(deps: ResearchDeps, src: Source, signal?: AbortSignal): Promise<Loaded> {
  if ('runId' in src) {
    const run = deps.store.runs.require(src.runId);
    if (run.datasetId === null || run.strategyId === null || run.engine === null) throw new PeakError('BAD_INPUT', `run ${src.runId} (kind ${run.kind}) is not a backtest with a data set and a strategy`);
    const ds = deps.store.datasets.require(run.datasetId);
    const eq = deps.store.runs.equity(src.runId);
    if (!eq) throw new PeakError('NOT_FOUND', `run ${src.runId} has no stored equity curve`);
    const all = deps.bars(ds.id);
    const bars = sliceBars(all, eq.startBar, eq.startBar + eq.equity.length);
    // the run itself, reproduced (true warm-up, checked against the stored metrics)
    const outcome = await reproduceRun(deps, run, eq.startBar, eq.startBar + eq.equity.length, signal);
    return {
      datasetId: ds.id, datasetName: ds.name, contentHash: ds.contentHash, strategyId: run.strategyId, params: run.params,
      engine: run.engine, bars, equity: outcome.result.equity, startBar: outcome.result.startBar, trades: outcome.result.trades,
      ppy: periodsPerYear(bars.time), range: { from: run.fromTime, to: run.toTime }, sourceRunId: src.runId, outcome,
    };
  }
  const ds = deps.store.datasets.require(src.datasetId);
  const all = deps.bars(ds.id);
  const [s, e] = timeRange(all.time, src.from, src.to);
  if (e - s < 3) throw new PeakError('BAD_INPUT', `data set "${ds.id}" has ${e - s} bar(s) in the requested range; needs at least 3`);
  const bars = s === 0 && e === all.time.length ? all : sliceBars(all, s, e);
  const strategy = getStrategy(src.strategyId);
  const params = resolveParams(src.strategyId, src.params);
  const engine = engineFor(deps, src.engine);
  const out = await runPooledBacktest(deps, { datasetId: ds.id, contentHash: ds.contentHash, start: s, end: e, strategyId: strategy.meta.id, params, engine, signal });
  return {
    datasetId: ds.id, datasetName: ds.name, contentHash: ds.contentHash, strategyId: strategy.meta.id, params, engine, bars,
    equity: out.result.equity, startBar: out.result.startBar, trades: out.result.trades, ppy: periodsPerYear(bars.time),
    range: { from: src.from ?? null, to: src.to ?? null }, sourceRunId: null, outcome: out,
  };
}

/** per-bar simple returns from the last bar before the first possible fill (computeMetrics' window) */
export const barReturns = (l: Pick<Loaded, 'equity' | 'startBar'>): Float64Array => equityReturns(l.equity.subarray(Math.max(0, l.startBar - 1)));

/** trade returns as a fraction of the equity before the trade (for the trade-order shuffle) */
export function tradeReturns(l: Loaded): Float64Array {
  return Float64Array.from(l.trades, (t) => {
    const e = l.equity[Math.max(0, t.entryBar - 1)] ?? l.engine.cash;
    return e > 0 ? Math.max(-0.999999, t.pnl / e) : 0;
  });
}
