/**
 * `peak walkforward` — walk-forward analysis on the worker pool (one fold per task):
 *   peak walkforward --data <csv|id> --strategy <id> --train 180d --test 30d [--step 30d] [--mode rolling|anchored]
 *                    [--preset <sweep preset> | --grid k=a:b:step …] [--param k=v …] [--metric sharpe] [--seed 42] [--json]
 */
import { Option, type Command } from 'commander';
import type { SweepRange } from '../../core/strategies/types';
import { PeakError } from '../../core/errors';
import { parseGridOverride } from '../../core/research/grid';
import type { CliContext } from '../context';
import { fmt, isoDay, table } from '../format';
import { collectKv, num, oneOf, time } from '../parse';
import { engineFromFlags } from './backtest';
import { followJob } from '../follow';
import { printReportRef, windowLength } from './research';
import { resolveDataArg } from './shared';
import { ENGINE_PRESETS } from '../../core/engine/types';

interface Flags {
  data?: string; strategy?: string; preset?: string; grid?: Record<string, string>; param?: Record<string, string>; constraint?: string[];
  train?: string; test?: string; step?: string; mode: string; metric: string; seed: string; from?: string; to?: string; json?: boolean; report: boolean;
  enginePreset: string; finalize?: boolean; commission?: string; feeBps?: string; slippageBps?: string; cash?: string; sizing?: string; fill?: string; sl?: string; tp?: string; trail?: string;
}

/** '12' → 12, 'true' → true, 'none' → null, else the string */
export function scalar(v: string): number | string | boolean | null {
  const t = v.trim();
  if (/^(none|null)$/i.test(t)) return null;
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === 'true';
  const n = Number(t);
  return t !== '' && Number.isFinite(n) ? n : t;
}

/** engine flags shared with `peak backtest` (same names and meaning) */
export function addEngineFlags(c: Command): Command {
  return c
    .addOption(new Option('--engine-preset <name>', 'engine preset').choices([...ENGINE_PRESETS]).default('default'))
    .option('--finalize', 'close open trades at the end')
    .option('--no-finalize', 'leave open trades open at the end')
    .option('--commission <fraction>', 'fee per fill as a fraction of notional')
    .option('--fee-bps <bps>', 'fee per fill in basis points')
    .option('--slippage-bps <bps>', 'slippage per fill in basis points')
    .option('--cash <amount>', 'initial cash')
    .option('--sizing <mode>', 'fraction[:f] | all-in | notional:<q>')
    .option('--fill <when>', 'next-open (default) | close')
    .option('--sl <fraction>', 'engine stop-loss distance')
    .option('--tp <fraction>', 'engine take-profit distance')
    .option('--trail <fraction>', 'engine trailing-stop distance');
}

const collectList = (v: string, prev: string[] = []): string[] => [...prev, v];

export function registerWalkforward(program: Command, ctx: CliContext): void {
  addEngineFlags(program
    .command('walkforward')
    .description('walk-forward: optimise in-sample per window, evaluate out-of-sample, stitch; writes a report')
    .option('--data <csv|id>', 'CSV file to import, or a data set id or name')
    .option('--strategy <id>', 'strategy id')
    .option('--train <len>', 'train window: bars (600) or a duration (180d, 12h, 4w)')
    .option('--test <len>', 'test window: bars or a duration')
    .option('--step <len>', "step between windows (default: the test length, so OOS windows tile; the original's step is train+test)")
    .option('--mode <mode>', 'rolling | anchored (expanding)', 'rolling')
    .option('--preset <name>', 'sweep preset from config/sweeps as the in-sample grid')
    .option('--grid <k=spec>', 'in-sample grid, repeatable: k=a:b:step | k=v1,v2', collectKv('--grid'))
    .option('--param <k=v>', 'fixed strategy parameter, repeatable', collectKv('--param'))
    .option('--constraint <rule>', 'extra rule between parameters, repeatable', collectList)
    .option('--metric <name>', 'optimisation metric (any metric name)', 'sharpe')
    .option('--seed <n>', 'seed (recorded)', '42')
    .option('--from <time>', 'first bar (date or epoch)')
    .option('--to <time>', 'last bar (date or epoch)')
    .option('--no-report', 'do not write the HTML/Markdown/JSON report')
    .option('--cluster <url>', 'run the folds on the cluster behind this Redis URL (see `peak worker`)')
    .option('--json', 'print ONE JSON document'))
    .action(async (o: Flags & { cluster?: string }) => {
      if (o.cluster !== undefined) ctx.services().ctx.cluster.useForProcess(o.cluster);
      if (!o.data) throw new PeakError('BAD_INPUT', '--data: required (a CSV file or a data set id/name)');
      if (!o.strategy) throw new PeakError('BAD_INPUT', '--strategy: required');
      if (!o.train || !o.test) throw new PeakError('BAD_INPUT', '--train and --test: required (bars or durations like 180d / 30d)');
      const engine = engineFromFlags({ ...o, preset: o.enginePreset });
      const grid: Record<string, SweepRange> = {};
      for (const [k, v] of Object.entries(o.grid ?? {})) {
        const [name, range] = parseGridOverride(`${k}=${v}`);
        grid[name] = range;
      }
      const { dataset } = await resolveDataArg(ctx, o.data);
      const r = await followJob(ctx, 'walkforward', (jobId) => ctx.call('walkforward:run', {
        jobId,
        datasetId: dataset.id, strategyId: o.strategy as string,
        params: Object.fromEntries(Object.entries(o.param ?? {}).map(([k, v]) => [k, scalar(v)])),
        grid, constraints: o.constraint ?? [], ...(o.preset !== undefined && { sweepPreset: o.preset }),
        train: windowLength('--train', o.train as string), test: windowLength('--test', o.test as string),
        ...(o.step !== undefined && { step: windowLength('--step', o.step) }),
        mode: oneOf('--mode', o.mode, ['rolling', 'anchored'] as const), metric: o.metric, engine,
        seed: num('--seed', o.seed, { integer: true }),
        ...(o.from !== undefined && { from: time('--from', o.from) }), ...(o.to !== undefined && { to: time('--to', o.to) }),
        report: o.report,
      }));
      if (o.json) return ctx.json(r);
      const s = r.summary;
      ctx.out(table(['#', 'test from', 'test to', 'parameters', 'IS sharpe', 'OOS sharpe', 'OOS return %', 'OOS max DD %', 'trades'],
        s.folds.map((f) => [f.window.index, isoDay(f.testFrom), isoDay(f.testTo), Object.entries(f.params).map(([k, v]) => `${k}=${String(v)}`).join(' '),
          fmt(f.is.sharpe), fmt(f.oos.sharpe), fmt((f.oos.totalReturn ?? NaN) * 100), fmt((f.oos.maxDrawdown ?? NaN) * 100), fmt(f.oos.trades, 0)]),
        [true, false, false, false, true, true, true, true, true]));
      ctx.out();
      ctx.out(`windows ${s.aggregates.positiveWindows}/${s.aggregates.totalWindows} positive; OOS sharpe avg ${fmt(s.aggregates.avgSharpe)}; stitched OOS return ${fmt((s.stitchedTotalReturn ?? NaN) * 100)} %, max DD ${fmt((s.stitchedMaxDrawdown ?? NaN) * 100)} %, sharpe ${fmt(s.stitchedSharpe)}; WFE ${fmt(s.efficiency)}`);
      printReportRef(ctx, r);
    });
}
