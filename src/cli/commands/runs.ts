/** `peak runs list|show|delete` over the runs:* handlers. */
import type { Command } from 'commander';
import type { CliContext } from '../context';
import { fmt, iso, table } from '../format';
import { num } from '../parse';
import { printRun, runToJson } from './backtest';

export function registerRuns(program: Command, ctx: CliContext): void {
  const runs = program.command('runs').description('list and inspect stored runs');

  runs
    .command('list')
    .description('stored runs, newest first (or sorted by a metric)')
    .option('--strategy <id>', 'only this strategy')
    .option('--dataset <id>', 'only this data set')
    .option('--kind <kind>', 'only this kind (backtest, sweep, walkforward …)')
    .option('--text <text>', 'search strategy, data set, note; name=value filters a parameter (fast_window=22)')
    .option('--sort <metric>', 'createdAt (default) or a metric name, e.g. sharpe')
    .option('--asc', 'ascending order')
    .option('--limit <n>', 'at most n', '20')
    .option('--json', 'print JSON')
    .action(async (o: { strategy?: string; dataset?: string; kind?: string; text?: string; sort?: string; asc?: boolean; limit: string; json?: boolean }) => {
      const r = await ctx.call('runs:list', {
        ...(o.strategy && { strategyId: o.strategy }),
        ...(o.dataset && { datasetId: o.dataset }),
        ...(o.kind && { kind: o.kind }),
        ...(o.text && { text: o.text }),
        sortBy: o.sort ?? 'createdAt',
        desc: !o.asc,
        limit: num('--limit', o.limit, { integer: true, min: 1 }),
        offset: 0,
      });
      if (o.json) return ctx.json(r);
      if (!r.runs.length) return ctx.out('no runs (try `peak backtest --help`)');
      ctx.out(table(
        ['id', 'created', 'kind', 'strategy', 'data set', 'return %', 'sharpe', 'max DD %', 'trades'],
        r.runs.map((x) => [x.id, iso(x.createdAt), x.kind, x.strategyId, x.datasetName ?? x.datasetId, fmt(x.metrics.totalReturnPct),
          fmt(x.metrics.sharpe, 3), fmt(x.metrics.maxDrawdownPct), x.tradeCount]),
        [true, false, false, false, false, true, true, true, true],
      ));
      if (r.total > r.runs.length) ctx.out(`… ${r.total - r.runs.length} more (--limit)`);
    });

  runs
    .command('show <id>')
    .description('one run: parameters, engine, metrics, stats and trades')
    .option('--json', 'print ONE JSON document (same shape as `peak backtest --json`)')
    .action(async (id: string, o: { json?: boolean }) => {
      const run = await ctx.call('runs:get', { id: num('<id>', id, { integer: true, positive: true }) });
      if (o.json) {
        const ds = run.datasetId ? ctx.services().store.datasets.get(run.datasetId) : undefined;
        return ctx.json({ ...runToJson(run, ds ? { id: ds.id, name: ds.name, symbol: ds.symbol, bars: ds.bars, intervalLabel: ds.intervalLabel, firstTime: ds.firstTime, lastTime: ds.lastTime, contentHash: ds.contentHash } : null), kind: run.kind, createdAt: run.createdAt, durationMs: run.durationMs, note: run.note });
      }
      printRun(ctx, run, 50);
    });

  runs
    .command('delete <id>')
    .description('delete a run with its trades and equity')
    .action(async (id: string) => {
      const r = await ctx.call('runs:delete', { id: num('<id>', id, { integer: true, positive: true }) });
      ctx.out(r.deleted ? `deleted run ${id}` : `no run ${id}`);
    });
}
