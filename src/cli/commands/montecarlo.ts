/**
 * `peak montecarlo` — Monte-Carlo of a backtest on the worker pool:
 *   peak montecarlo (--run <id> | --data <csv|id> --strategy <id> [--param k=v …]) [--method iid|block|trade-shuffle]
 *                   [--paths 1000] [--block 20] [--seed 42] [--json]
 */
import type { Command } from 'commander';
import { PeakError } from '../../core/errors';
import type { CliContext } from '../context';
import { fmt, table } from '../format';
import { collectKv, num, oneOf } from '../parse';
import { engineFromFlags } from './backtest';
import { followJob } from '../follow';
import { printReportRef } from './research';
import { resolveDataArg } from './shared';
import { addEngineFlags, scalar } from './walkforward';

interface SourceFlags { run?: string; data?: string; strategy?: string; param?: Record<string, string>; enginePreset: string }

/** --run <id> or --data + --strategy (+ --param, engine flags) → the contract's return source */
export async function sourceFromFlags(ctx: CliContext, o: SourceFlags) {
  if (o.run !== undefined) {
    if (o.data !== undefined || o.strategy !== undefined) throw new PeakError('BAD_INPUT', '--run: give either --run or --data/--strategy, not both');
    return { runId: num('--run', o.run, { integer: true, min: 1 }) };
  }
  if (!o.data || !o.strategy) throw new PeakError('BAD_INPUT', '--run <id> or --data <csv|id> with --strategy <id>: required');
  const { dataset } = await resolveDataArg(ctx, o.data);
  const engine = engineFromFlags({ ...o, preset: o.enginePreset });
  return { datasetId: dataset.id, strategyId: o.strategy, params: Object.fromEntries(Object.entries(o.param ?? {}).map(([k, v]) => [k, scalar(v)])), engine };
}

export function addSourceFlags(c: Command): Command {
  return addEngineFlags(c
    .option('--run <id>', 'a stored backtest run')
    .option('--data <csv|id>', 'CSV file to import, or a data set id or name (runs the backtest)')
    .option('--strategy <id>', 'strategy id (with --data)')
    .option('--param <k=v>', 'strategy parameter, repeatable', collectKv('--param')));
}

export function registerMontecarlo(program: Command, ctx: CliContext): void {
  addSourceFlags(program
    .command('montecarlo')
    .description('Monte-Carlo: bootstrap per-bar returns (iid/block) or shuffle the trade order; percentiles, P(loss), fan chart')
    .option('--method <m>', 'iid | block | trade-shuffle', 'iid')
    .option('--paths <n>', 'number of paths', '1000')
    .option('--block <n>', 'block length (block bootstrap)', '20')
    .option('--seed <n>', 'seed', '42')
    .option('--no-report', 'do not write the report')
    .option('--cluster <url>', 'run the batches on the cluster behind this Redis URL (see `peak worker`)')
    .option('--json', 'print ONE JSON document'))
    .action(async (o: SourceFlags & { method: string; paths: string; block: string; seed: string; report: boolean; json?: boolean; cluster?: string }) => {
      if (o.cluster !== undefined) ctx.services().ctx.cluster.useForProcess(o.cluster);
      const method = oneOf('--method', o.method, ['iid', 'block', 'trade-shuffle'] as const);
      const nPaths = num('--paths', o.paths, { integer: true, min: 1, max: 1_000_000 });
      const blockSize = num('--block', o.block, { integer: true, min: 1 });
      const seed = num('--seed', o.seed, { integer: true });
      const source = await sourceFromFlags(ctx, o);
      const r = await followJob(ctx, 'montecarlo', (jobId) => ctx.call('montecarlo:run', {
        jobId,
        source, method: method === 'trade-shuffle' ? 'trade_shuffle' : method, nPaths, blockSize, seed, report: o.report,
      }));
      if (o.json) return ctx.json(r);
      const s = r.summary;
      const row = (name: string, d: typeof s.finalEquity, k = 1, digits = 2) => [name, ...[d.p5, d.p25, d.p50, d.p75, d.p95, d.mean, d.std].map((x) => fmt(x * k, digits))];
      ctx.out(`${s.method}: ${s.nPaths} paths × ${s.length} returns, annualised with ${fmt(s.periodsPerYear, 1)} periods/year`);
      ctx.out(table(['statistic', 'p5', 'p25', 'p50', 'p75', 'p95', 'mean', 'std'], [
        row('final equity', s.finalEquity), row('total return %', s.totalReturn, 100), row('max drawdown %', s.maxDrawdown, 100),
        row('sharpe', s.sharpe, 1, 3), row('CAGR %', s.cagr, 100),
      ], [false, true, true, true, true, true, true, true]));
      ctx.out(`probability of loss: ${fmt(s.probLoss * 100, 2)} %`);
      printReportRef(ctx, r);
    });
}
