/**
 * backtest:run — resolves the strategy parameters and the engine config (preset defaults + patch), runs
 * strategy → engine → metrics on the requested bar range, and stores the run with its config hash: sha256 of
 * canonical JSON { dataset content hash, strategy, params, engine, seed, range }. The same inputs give the same
 * hash and bit-identical results.
 */
import { sliceBars } from '../../core/data/bars';
import { engineDefaultsFromConfig } from '../../core/api/config';
import { resolveEngineConfig } from '../../core/api/engine-config';
import { runStrategyBacktest } from '../../core/api/run-backtest';
import type { RunDetail } from '../../core/api/schemas';
import { PeakError } from '../../core/errors';
import { timeRange } from '../../core/lod';
import { getStrategy, resolveParams } from '../../core/strategies/registry';
import { configHash } from '../db/hash';
import type { HandlerContext } from './context';
import type { Handlers } from './handlers';

export function createBacktestHandlers(ctx: HandlerContext) {
  const { store } = ctx;
  return {
    'backtest:run': (input): RunDetail => {
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
      const bars = s === 0 && e === all.time.length ? all : sliceBars(all, s, e);
      const range = { from: input.from ?? null, to: input.to ?? null };
      const hash = configHash({ dataset: ds.contentHash, strategy: strategy.meta.id, params, engine, seed, range });

      const t0 = ctx.clock();
      const out = runStrategyBacktest(bars, strategy, params, engine);
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
        fromTime: bars.time[0],
        toTime: bars.time[bars.time.length - 1],
        durationMs,
        note: input.note ?? null,
      };
      if (!input.save) {
        return {
          id: 0, kind: record.kind, datasetId: ds.id, datasetName: ds.name, strategyId: record.strategyId, params, engine, seed,
          configHash: hash, metrics: out.metrics, stats: out.stats, tradeCount: result.trades.length,
          fromTime: record.fromTime, toTime: record.toTime, createdAt: ctx.clock(), durationMs, note: record.note,
          trades: result.trades, openTrades: result.openTrades,
        };
      }
      const run = store.runs.insert(record);
      ctx.events.emit('runs:did-change', { action: 'created', id: run.id, kind: run.kind });
      return { ...run, trades: result.trades, openTrades: result.openTrades };
    },
  } satisfies Partial<Handlers>;
}
