/** `peak data import|synth|download|list|show|delete` over the data:* handlers. */
import type { Command } from 'commander';
import type { DatasetSummary } from '../../core/api/schemas';
import type { CliContext } from '../context';
import { followJob } from '../follow';
import { fmt, iso, table } from '../format';
import { num, oneOf, time } from '../parse';

const summaryLine = (d: DatasetSummary, created: boolean): string =>
  `${created ? 'stored' : 'already stored'} ${d.id}  "${d.name}"  ${d.bars} bars ${d.intervalLabel} (${d.calendar})  ` +
  `${iso(d.firstTime)} … ${iso(d.lastTime)}  gaps ${d.gapCount}`;

function listTable(ds: DatasetSummary[]): string {
  return table(
    ['id', 'name', 'symbol', 'source', 'bars', 'interval', 'from', 'to', 'gaps'],
    ds.map((d) => [d.id, d.name, d.symbol, d.source, d.bars, d.intervalLabel, iso(d.firstTime), iso(d.lastTime), d.gapCount]),
    [false, false, false, false, true, false, false, false, true],
  );
}

export function registerData(program: Command, ctx: CliContext): void {
  const data = program.command('data').description('import, generate, download and list data sets');

  data
    .command('import <file>')
    .description('import an OHLCV CSV (header aliases, ISO or epoch times, comma or semicolon); same content → same data set')
    .option('--name <name>', 'data set name (default: the file name)')
    .option('--symbol <symbol>', 'symbol, e.g. BTC/USD')
    .option('--json', 'print JSON')
    .action(async (file: string, o: { name?: string; symbol?: string; json?: boolean }) => {
      const r = await ctx.call('data:import', { path: ctx.path(file), ...(o.name && { name: o.name }), ...(o.symbol && { symbol: o.symbol }) });
      if (o.json) return ctx.json(r);
      ctx.out(summaryLine(r.dataset, r.created));
    });

  data
    .command('synth')
    .description('generate a seeded synthetic data set (SPEC §5: contiguous regimes, or Markov-switching GARCH)')
    .requiredOption('--kind <kind>', 'regime | garch')
    .requiredOption('--bars <n>', 'number of bars')
    .option('--seed <n>', 'seed', '42')
    .option('--name <name>', 'data set name')
    .option('--symbol <symbol>', 'symbol')
    .option('--interval <ms>', 'bar spacing in ms (default 60000)')
    .option('--start <date>', 'first bar time (default 2024-01-01)')
    .option('--json', 'print JSON')
    .action(async (o: { kind: string; bars: string; seed: string; name?: string; symbol?: string; interval?: string; start?: string; json?: boolean }) => {
      const r = await ctx.call('data:synth', {
        kind: oneOf('--kind', o.kind, ['regime', 'garch'] as const),
        bars: num('--bars', o.bars, { integer: true, min: 2 }),
        seed: num('--seed', o.seed, { integer: true }),
        ...(o.name && { name: o.name }),
        ...(o.symbol && { symbol: o.symbol }),
        ...(o.interval && { intervalMs: num('--interval', o.interval, { integer: true, positive: true }) }),
        ...(o.start && { startMs: time('--start', o.start) }),
      });
      if (o.json) return ctx.json(r);
      ctx.out(summaryLine(r.dataset, r.created));
    });

  data
    .command('download')
    .description('download candles with ccxt (paging, rate limits, gap report); --resume continues a stored data set')
    .option('--exchange <id>', 'ccxt exchange id', 'kraken')
    .requiredOption('--symbol <symbol>', 'e.g. BTC/USD')
    .option('--timeframe <tf>', 'e.g. 1m, 1h, 1d', '1h')
    .requiredOption('--since <date>', 'first candle time (ISO date or epoch s/ms)')
    .option('--until <date>', 'stop before this time')
    .option('--name <name>', 'data set name')
    .option('--resume <id>', 'continue after the last bar of this data set')
    .option('--rate-limit-ms <ms>', "ms between requests (default: the exchange's own limit)")
    .option('--json', 'print JSON')
    .action(async (o: { exchange: string; symbol: string; timeframe: string; since: string; until?: string; name?: string; resume?: string; rateLimitMs?: string; json?: boolean }) => {
      // progress only on a terminal (a pipe gets the result alone)
      const r = await followJob(ctx, 'download', (jobId) => ctx.call('data:download', {
        jobId,
        exchange: o.exchange,
        symbol: o.symbol,
        timeframe: o.timeframe,
        since: time('--since', o.since),
        ...(o.until && { until: time('--until', o.until) }),
        ...(o.name && { name: o.name }),
        ...(o.resume && { resumeDatasetId: o.resume }),
        ...(o.rateLimitMs && { rateLimitMs: num('--rate-limit-ms', o.rateLimitMs, { integer: true, min: 0 }) }),
      }), { show: ctx.io.stderr.isTTY === true });
      if (o.json) return ctx.json(r);
      ctx.out(`${summaryLine(r.dataset, r.created)}  (${r.fetchedBars} candles in ${r.pages} page(s))`);
    });

  data
    .command('list')
    .description('stored data sets, newest first')
    .option('--source <source>', 'csv | synthetic | download | seed')
    .option('--limit <n>', 'at most n', '100')
    .option('--json', 'print JSON')
    .action(async (o: { source?: string; limit: string; json?: boolean }) => {
      const r = await ctx.call('data:list', {
        ...(o.source && { source: oneOf('--source', o.source, ['csv', 'synthetic', 'download', 'seed'] as const) }),
        limit: num('--limit', o.limit, { integer: true, min: 1 }),
        offset: 0,
      });
      if (o.json) return ctx.json(r);
      ctx.out(r.datasets.length ? listTable(r.datasets) : 'no data sets (try `peak data import <file>` or `peak data synth`)');
      if (r.total > r.datasets.length) ctx.out(`… ${r.total - r.datasets.length} more (--limit)`);
    });

  data
    .command('show <id>')
    .description('a data set with its quality report')
    .option('--json', 'print JSON')
    .action(async (id: string, o: { json?: boolean }) => {
      const r = await ctx.call('data:get', { id });
      if (o.json) return ctx.json(r);
      const d = r.dataset, q = r.quality;
      ctx.out(summaryLine(d, false).replace(/^already stored /, ''));
      ctx.out(`source ${d.source}${d.sourceDetail ? ` (${d.sourceDetail})` : ''}, symbol ${d.symbol ?? '—'}, content hash ${d.contentHash.slice(0, 16)}…`);
      ctx.out(`gaps ${q.gaps.count}${q.gaps.count ? `, largest ${fmt(q.gaps.largestMs / 3_600_000, 1)} h` : ''}`);
      for (const g of q.gaps.first.slice(0, 5)) ctx.out(`  after ${iso(g.afterTime)}: ${g.missingBars} bar(s) missing`);
      for (const w of q.warnings) ctx.out(`warning: ${w}`);
    });

  data
    .command('delete <id>')
    .description('delete a data set (refused while runs use it, unless --force)')
    .option('--force', 'also delete its runs')
    .action(async (id: string, o: { force?: boolean }) => {
      const r = await ctx.call('data:delete', { id, force: !!o.force });
      ctx.out(r.deleted ? `deleted ${id}${r.runsDeleted ? ` and ${r.runsDeleted} run(s)` : ''}` : `no data set ${id}`);
    });
}
