/**
 * The backtest service. runBacktest (backtest:run) resolves the strategy parameters and the engine config (preset defaults + patch), runs
 * strategy → engine → metrics on the requested bar range as a `backtest` task on the worker pool, and stores
 * the run with its config hash: sha256 of canonical JSON { dataset content hash, strategy, params, engine,
 * seed, range }. The same inputs give the same hash and bit-identical results.
 *
 * Also exports runPooledBacktest, the one way handlers run a single backtest (the research handlers' baseline
 * and portfolio member backtests use it too): the data set is copied into SharedArrayBuffers once per process
 * (a small LRU), a range is a zero-copy view of it, and the worker reuses its cached indicators per range.
 */
import { sliceBars } from '../../core/data/bars';
import { engineDefaultsFromConfig } from '../../core/api/config';
import { resolveEngineConfig } from '../../core/api/engine-config';
import type { BacktestOutcome } from '../../core/api/run-backtest';
import type { RunDetail } from '../../core/api/schemas';
import type { EngineConfig } from '../../core/engine/types';
import { PeakError } from '../../core/errors';
import { timeRange } from '../../core/lod';
import { getStrategy, resolveParams } from '../../core/strategies/registry';
import { shareBars, type SharedBars } from '../../workers/shared-data';
import { configHash } from '../db/hash';
import { sharedPool } from '../pool/context-pool';
import type { CommandParsedInput } from '../../core/api/contract';
import type { HandlerContext } from '../api/context';
import type { Job } from '../jobs/registry';

/** whole data sets kept shared per process (each costs 48 bytes per bar: 25 MB for a year of minute bars) */
const SHARED_DATASETS = 2;

export interface PooledBacktestSpec {
  datasetId: string;
  contentHash: string;
  /** bar range [start, end) of the data set (the whole set when omitted) */
  start?: number;
  end?: number;
  strategyId: string;
  /** resolved parameters */
  params: Record<string, unknown>;
  engine: EngineConfig;
  signal?: AbortSignal;
}

type PoolCtx = Pick<HandlerContext, 'pool' | 'sharedData' | 'bars'>;

/** A range of a data set as SAB-backed views; the key names the range (equal keys ⇒ equal columns). */
export function sharedRange(ctx: PoolCtx, datasetId: string, contentHash: string, start?: number, end?: number): SharedBars {
  const cache = ctx.sharedData;
  let whole = cache.get(contentHash);
  if (whole) {
    cache.delete(contentHash);
  } else {
    // The key is the content hash alone for the whole set — the same key the sweep service uses, so a backtest
    // after a sweep on the same data finds the sweep's indicators in the workers' caches.
    whole = shareBars(contentHash, ctx.bars(datasetId));
    while (cache.size >= SHARED_DATASETS) cache.delete(cache.keys().next().value as string);
  }
  cache.set(contentHash, whole);
  const n = whole.time.length;
  const s = start ?? 0, e = end ?? n;
  if (s === 0 && e === n) return whole;
  return { key: `${contentHash}:${s}:${e}`, ...sliceBars(whole, s, e) };
}

/** One backtest on the worker pool (runStrategyBacktest in a worker thread). */
export function runPooledBacktest(ctx: PoolCtx, spec: PooledBacktestSpec): Promise<BacktestOutcome> {
  const data = sharedRange(ctx, spec.datasetId, spec.contentHash, spec.start, spec.end);
  return sharedPool(ctx).run('backtest', { data, strategyId: spec.strategyId, params: spec.params, engine: spec.engine }, { signal: spec.signal });
}

export type BacktestDeps = Pick<HandlerContext, 'store' | 'config' | 'events' | 'clock' | 'pool' | 'sharedData' | 'bars'>;

/** One backtest as job `job`: stored (runs:did-change) unless `save` is false (then id 0). */
export async function runBacktest(ctx: BacktestDeps, input: CommandParsedInput<'backtest:run'>, job: Job): Promise<RunDetail & { jobId: string; reused?: boolean }> {
  const { store } = ctx;
  // Create the pool first: its threads boot (≈ 0.2 s: module load) while this thread reads the bars.
  sharedPool(ctx);
  const ds = store.datasets.require(input.datasetId);
  const strategy = getStrategy(input.strategyId);
  const params = resolveParams(input.strategyId, input.params) as Record<string, unknown>;
  const engine = resolveEngineConfig(input.engine, engineDefaultsFromConfig(ctx.config));
  const seed = input.seed ?? ctx.config.backtest.seed;

  const all = ctx.bars(ds.id);
  const [s, e] = timeRange(all.time, input.from, input.to);
  if (e - s < 2) {
    throw new PeakError('BAD_INPUT', `data set "${ds.id}" has ${e - s} bar(s) in the requested range; a backtest needs at least 2`);
  }
  const range = { from: input.from ?? null, to: input.to ?? null };
  const hash = configHash({ dataset: ds.contentHash, strategy: strategy.meta.id, params, engine, seed, range });

  job.setConfigHash(hash);
  // An identical configuration (same data content, strategy, params, engine, seed, range) gives bit-identical
  // results: open the stored run instead of storing a duplicate.
  if (input.save) {
    const stored = store.runs.findByConfigHash(hash).find((r) => r.kind === 'backtest');
    if (stored) {
      job.progress(1, 1);
      job.setResult({ kind: 'run', id: String(stored.id) });
      return { ...store.runs.detail(stored.id), jobId: job.id, reused: true };
    }
  }
  const t0 = ctx.clock();
  const out = await runPooledBacktest(ctx, { datasetId: ds.id, contentHash: ds.contentHash, start: s, end: e, strategyId: strategy.meta.id, params, engine, signal: job.signal });
  job.progress(1, 1);
  const durationMs = ctx.clock() - t0;
  const { result } = out;

  const record = {
    kind: 'backtest',
    datasetId: ds.id,
    strategyId: strategy.meta.id,
    params,
    engine,
    seed,
    configHash: hash,
    metrics: out.metrics,
    stats: out.stats,
    trades: result.trades,
    openTrades: result.openTrades,
    equity: { startBar: s, values: result.equity },
    fromTime: all.time[s],
    toTime: all.time[e - 1],
    durationMs,
    note: input.note ?? null,
  };
  if (!input.save) {
    return {
      id: 0, kind: record.kind, datasetId: ds.id, datasetName: ds.name, strategyId: record.strategyId, params, engine, seed,
      configHash: hash, metrics: out.metrics, stats: out.stats, tradeCount: result.trades.length,
      fromTime: record.fromTime, toTime: record.toTime, createdAt: ctx.clock(), durationMs, note: record.note,
      trades: result.trades, openTrades: result.openTrades, jobId: job.id,
    };
  }
  const run = store.runs.insert(record);
  job.setResult({ kind: 'run', id: String(run.id) });
  ctx.events.emit('runs:did-change', { action: 'created', id: run.id, kind: run.kind });
  return { ...run, trades: result.trades, openTrades: result.openTrades, jobId: job.id };
}
