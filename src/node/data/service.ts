import { basename, extname } from 'node:path';
import { sliceBars, type Bars } from '../../core/data/bars';
import { concatBars } from '../../core/data/combine';
import { garchRegimesForInterval, synthGarchMarkov, synthRegimeSession } from '../../core/data/synthetic';
import { qualityReport } from '../../core/data/validate';
import { PeakError } from '../../core/errors';
import { lodOhlcv, timeRange } from '../../core/lod';
import { importOhlcvCsvFile, parseOhlcvCsv } from '../files/csv-import';
import type { NewDataset } from '../db/datasets';
import type { CommandOutput, CommandParsedInput } from '../../core/api/contract';
import type { HandlerContext } from '../api/context';
import type { Job } from '../jobs/registry';

const arr = (a: Float64Array): number[] => Array.from(a);

/** Bars of `a` followed by the bars of `b` strictly after a's last time (a resumed download). */
function appendAfter(a: Bars, b: Bars): Bars {
  const last = a.time[a.time.length - 1];
  let k = 0;
  while (k < b.time.length && b.time[k] <= last) k++;
  return concatBars(a, sliceBars(b, k, b.time.length));
}

export type DataDeps = Pick<HandlerContext, 'store' | 'events' | 'bars' | 'dropBars' | 'exchangeApiUrl'>;

/**
 * The data service: import (CSV path or text), synthetic generation, ccxt download (as a job), paged bars and
 * delete. Every stored data set announces itself with data:did-change.
 */
export function createDataService(ctx: DataDeps) {
  const { store } = ctx;
  const save = (d: NewDataset) => {
    const r = store.datasets.insert(d);
    if (r.created) ctx.events.emit('data:did-change', { action: 'created', id: r.dataset.id });
    return r;
  };

  return {
    async importCsv(input: CommandParsedInput<'data:import'>) {
      if ('path' in input) {
        const { bars, report, fileName } = await importOhlcvCsvFile(input.path);
        return save({
          name: input.name ?? basename(fileName, extname(fileName)),
          symbol: input.symbol ?? null,
          source: 'csv',
          sourceDetail: input.path,
          bars,
          quality: report,
        });
      }
      const { bars, report } = parseOhlcvCsv(input.csvText, input.name);
      return save({ name: input.name, symbol: input.symbol ?? null, source: 'csv', sourceDetail: input.name, bars, quality: report });
    },

    synth(input: CommandParsedInput<'data:synth'>) {
      let bars: Bars;
      let params: Record<string, unknown>;
      if (input.kind === 'regime') {
        params = {
          nSteps: input.bars, seed: input.seed,
          ...(input.regimes !== undefined && { nRegimes: input.regimes }),
          ...(input.base !== undefined && { base: input.base }),
          ...(input.volatility !== undefined && { volatility: input.volatility }),
          ...(input.startMs !== undefined && { startMs: input.startMs }),
          ...(input.intervalMs !== undefined && { intervalMs: input.intervalMs }),
        };
        bars = synthRegimeSession(params).bars;
      } else {
        params = {
          n: input.bars, seed: input.seed,
          // volatility scaled to the bar spacing (SPEC's example regimes are per tick: ~1,500 %/yr on 1m bars)
          regimes: garchRegimesForInterval((input.intervalMs ?? 60_000) / (input.ticksPerBar ?? 1)), // one step = one tick
          ...(input.startPrice !== undefined && { startPrice: input.startPrice }),
          ...(input.ticksPerBar !== undefined && { ticksPerBar: input.ticksPerBar }),
          ...(input.startMs !== undefined && { startMs: input.startMs }),
          ...(input.intervalMs !== undefined && { intervalMs: input.intervalMs }),
        };
        bars = synthGarchMarkov(params).bars;
      }
      return save({
        name: input.name ?? `Synthetic ${input.kind} ${input.bars} bars (seed ${input.seed})`,
        symbol: input.symbol ?? null,
        source: 'synthetic',
        sourceDetail: input.kind === 'regime' ? 'regime_session' : 'garch_markov',
        bars,
        quality: qualityReport(bars),
        meta: { generator: input.kind, params },
      });
    },

    /** the download itself; the caller runs it as a job (the data set's bars are read before the job starts) */
    async prepareDownload(input: CommandParsedInput<'data:download'>) {
      // ccxt is large: load it only when a download is asked for.
      const { downloadOhlcv } = await import('./download');
      const prev = input.resumeDatasetId !== undefined ? store.datasets.require(input.resumeDatasetId) : undefined;
      const prevBars = prev ? ctx.bars(prev.id) : undefined;
      return async (job: Job): Promise<CommandOutput<'data:download'>> => {
        const got = await downloadOhlcv({
          exchangeId: input.exchange,
          symbol: input.symbol,
          timeframe: input.timeframe,
          sinceMs: input.since,
          ...(input.until !== undefined && { untilMs: input.until }),
          ...(prev && { resumeFromMs: prev.lastTime }),
          // never from the request: only an injected test configuration may point the exchange elsewhere
          ...(ctx.exchangeApiUrl !== undefined && { apiUrlOverride: ctx.exchangeApiUrl }),
          ...(input.rateLimitMs !== undefined && { rateLimitMs: input.rateLimitMs }),
          signal: job.signal,
          onProgress: (p) => job.progress(p.fetched, p.total ?? null, `${p.fetched} candles`),
        });
        const fetchedBars = got.bars.close.length;
        if (fetchedBars === 0 && !prevBars) {
          throw new PeakError('NOT_FOUND', `${input.exchange} returned no ${input.timeframe} candles for ${input.symbol} since ${new Date(input.since).toISOString()}`);
        }
        const bars = prevBars && fetchedBars > 0 ? appendAfter(prevBars, got.bars) : prevBars ?? got.bars;
        const r = save({
          name: input.name ?? prev?.name ?? `${input.symbol} ${input.timeframe} (${input.exchange})`,
          symbol: input.symbol,
          source: 'download',
          sourceDetail: input.exchange,
          bars,
          quality: prevBars ? qualityReport(bars) : got.report,
          meta: { exchange: input.exchange, timeframe: input.timeframe, since: input.since, until: input.until ?? null },
        });
        job.setResult({ kind: 'dataset', id: r.dataset.id });
        return { ...r, pages: got.pages, fetchedBars, jobId: job.id };
      };
    },

    bars({ id, from, to, maxPoints }: CommandParsedInput<'data:bars'>): CommandOutput<'data:bars'> {
      store.datasets.require(id);
      const b = ctx.bars(id);
      const [s, e] = timeRange(b.time, from, to);
      const o = lodOhlcv(b, s, e, maxPoints);
      return {
        time: arr(o.time), open: arr(o.open), high: arr(o.high), low: arr(o.low), close: arr(o.close), volume: arr(o.volume),
        totalBars: e - s,
        barsPerPoint: o.barsPerPoint,
      };
    },

    delete({ id, force }: CommandParsedInput<'data:delete'>) {
      const r = store.datasets.delete(id, force);
      ctx.dropBars(id);
      if (r.deleted) ctx.events.emit('data:did-change', { action: 'deleted', id });
      return r;
    },
  };
}

export type DataService = ReturnType<typeof createDataService>;
