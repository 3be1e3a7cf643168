/**
 * `peak sweep` — parameter sweeps on the worker pool, through the sweeps:* handlers.
 *   peak sweep --data <csv|id> --strategy <id> [--preset <name> | --grid k=a:b:step … | --random N] [--metric sharpe]
 *              [--top 20] [--seed 42] [--workers N] [--json]
 *   peak sweep resume <id> · peak sweep list · peak sweep show <id> · peak sweep presets
 * Progress goes to stderr (a bar with rate/ETA on a TTY, plain lines otherwise) so --json stdout stays one document.
 * Ctrl-C cancels cleanly: finished chunks are already stored; prints how to resume; exit 130.
 */
import type { Command } from 'commander';
import type { CommandOutput } from '../../core/api/contract';
import { PeakError } from '../../core/errors';
import type { CliContext } from '../context';
import { followJob, sweepProgress } from '../follow';
import { fmt, iso, table } from '../format';
import { collectKv, num } from '../parse';
import { engineFromFlags, type EngineFlags } from './backtest';
import { addEngineFlags } from './walkforward';
import { resolveDataArg } from './shared';

interface SweepFlags extends Omit<EngineFlags, 'preset'> {
  data: string;
  strategy?: string;
  preset?: string;
  grid?: Record<string, string>;
  param?: Record<string, string>;
  constraint?: string[];
  random?: string;
  metric: string;
  top: string;
  seed: string;
  workers?: string;
  cluster?: string;
  json?: boolean;
  enginePreset: string;
}

type Summary = CommandOutput<'sweeps:get'>;

const collectList = (v: string, prev: string[] = []): string[] => [...prev, v];

/** '12' → 12, 'true' → true, 'none' → null, else the string (strategy enums) */
function scalar(v: string): number | string | boolean | null {
  const t = v.trim();
  if (/^(none|null)$/i.test(t)) return null;
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === 'true';
  const n = Number(t);
  return t !== '' && Number.isFinite(n) ? n : t;
}

/**
 * Runs a sweep session (start, or resume of job `jobId`) through the CLI's job follower; Ctrl-C cancels the job
 * (finished chunks stay stored). Returns the final summary.
 */
async function follow(ctx: CliContext, begin: (jobId: string) => Promise<{ sweepId: number }>, jobId?: string): Promise<Summary> {
  let interrupted = false;
  void ctx.io.interrupted?.then(() => { interrupted = true; });
  const { sweepId: id } = await followJob(ctx, 'sweep', begin, { ...sweepProgress, ...(jobId !== undefined && { jobId }) });
  const s = await ctx.call('sweeps:get', { id });
  if (s.status === 'cancelled' || interrupted) {
    throw new PeakError('CANCELLED', `sweep ${id} cancelled after ${s.done}/${s.total} combinations (${s.chunksDone}/${s.chunks} chunks stored); resume with: peak sweep resume ${id}`);
  }
  return s;
}

async function report(ctx: CliContext, s: Summary, top: number, json: boolean): Promise<void> {
  const res = await ctx.call('sweeps:results', { id: s.id, limit: top });
  if (json) {
    ctx.json({
      sweepId: s.id, status: s.status, strategy: s.strategyId, dataset: s.datasetId, preset: s.preset, metric: s.metric,
      seed: s.seed, configHash: s.configHash, resultsHash: s.resultsHash, total: s.total, done: s.done, elapsedMs: s.elapsedMs,
      config: s.config, top: res.rows,
    });
    return;
  }
  ctx.out(`Sweep ${s.id}  ${s.strategyId}${s.preset ? ` (preset ${s.preset})` : ''}  on ${s.datasetId}  — ${s.status}, ${s.done}/${s.total} combinations`);
  ctx.out(`seed ${s.seed}  config hash ${s.configHash.slice(0, 16)}…${s.resultsHash ? `  results hash ${s.resultsHash.slice(0, 16)}…` : ''}  compute ${fmt(s.elapsedMs / 1000, 2)} s`);
  if (s.error) ctx.out(`error: ${s.error}`);
  if (res.rows.length === 0) return;
  const keys = Object.keys(res.rows[0].params);
  const cols: [string, string, number][] = [[res.sortBy, res.sortBy, 3], ['sharpe', 'sharpe', 3], ['totalReturnPct', 'return %', 2], ['maxDrawdownPct', 'max DD %', 2], ['trades', 'trades', 0]];
  const shown = cols.filter(([k], i) => i === 0 || k !== res.sortBy);
  ctx.out();
  ctx.out(`top ${res.rows.length} of ${res.total} by ${res.sortBy}`);
  ctx.out(table(['#', ...keys, ...shown.map((c) => c[1])],
    res.rows.map((r, i) => [i + 1, ...keys.map((k) => String(r.params[k])), ...shown.map(([k, , d]) => fmt(r.metrics[k], d))]),
    [true, ...keys.map(() => true), ...shown.map(() => true)]));
}

export function registerSweep(program: Command, ctx: CliContext): void {
  // engine flags: the same names and meaning as `peak backtest` / `peak walkforward`
  const sweep = addEngineFlags(program
    .command('sweep')
    .description('parameter sweep (grid, preset or seeded random search) on all cores; resumable')
    // `sweep show 3 --json`: options after a subcommand belong to the subcommand
    .enablePositionalOptions()
    .option('--data <csv|id>', 'CSV file to import (dedup by content), or a data set id or name')
    .option('--strategy <id>', 'strategy id (optional with --preset)')
    .option('--preset <name>', 'sweep preset from config/sweeps (see `peak sweep presets`)')
    .option('--grid <k=spec>', 'swept parameter, repeatable: k=a:b:step | k=a:b | k=v1,v2', collectKv('--grid'))
    .option('--param <k=v>', 'fixed strategy parameter, repeatable', collectKv('--param'))
    .option('--constraint <rule>', 'extra rule between parameters, repeatable (e.g. "stop_loss_pct < take_profit_pct")', collectList)
    .option('--random <N>', 'seeded random search: N distinct combinations of the grid')
    .option('--metric <name>', 'ranking metric (any metric name)', 'sharpe')
    .option('--top <n>', 'rows to print', '20')
    .option('--seed <n>', 'seed (random search; recorded)', '42')
    .option('--workers <n>', 'worker threads (default: all cores)')
    .option('--cluster <url>', 'run the chunks on the cluster behind this Redis URL (redis:// or rediss://; see `peak worker`)'))
    .option('--json', 'print ONE JSON document')
    .action(async (o: SweepFlags) => {
      if (o.data === undefined) throw new PeakError('BAD_INPUT', '--data: required (a CSV file or a data set id/name)');
      if (o.strategy === undefined && o.preset === undefined) throw new PeakError('BAD_INPUT', '--strategy: required unless --preset names it');
      const engine = engineFromFlags({ ...o, preset: o.enginePreset });
      const top = num('--top', o.top, { integer: true, min: 1, max: 100_000 });
      const seed = num('--seed', o.seed, { integer: true });
      const random = o.random !== undefined ? num('--random', o.random, { integer: true, min: 1 }) : undefined;
      const workers = o.workers !== undefined ? num('--workers', o.workers, { integer: true, min: 1, max: 256 }) : undefined;
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(o.metric)) throw new PeakError('BAD_INPUT', `--metric: expected a metric name, got "${o.metric}"`);
      if (o.cluster !== undefined) ctx.services().ctx.cluster.useForProcess(o.cluster);
      const { dataset } = await resolveDataArg(ctx, o.data);
      const params = Object.fromEntries(Object.entries(o.param ?? {}).map(([k, v]) => [k, scalar(v)]));
      const s = await follow(ctx, (jobId) => ctx.call('sweeps:start', {
        jobId,
        datasetId: dataset.id,
        ...(o.strategy !== undefined && { strategyId: o.strategy }),
        ...(o.preset !== undefined && { preset: o.preset }),
        ...(o.grid !== undefined && { grid: o.grid }),
        constraints: o.constraint ?? [],
        params,
        ...(random !== undefined && { random }),
        engine,
        metric: o.metric,
        seed,
        ...(workers !== undefined && { workers }),
        wait: true,
      }).catch((e: unknown) => {
        throw rewordGridError(e);
      }));
      await report(ctx, s, top, o.json === true);
    });

  const sub = (c: Command) => {
    c.exitOverride();
    c.configureOutput(program.configureOutput());
    return c;
  };
  // Unless the root program enables positional options, commander gives options typed after a subcommand
  // (`peak sweep show 3 --json`) to `sweep` when it declares the same names: merge both, the subcommand's first.
  const merged = <T extends object>(o: T): T => {
    const own = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
    const parent = sweep.opts<Record<string, unknown>>();
    return { ...Object.fromEntries(Object.keys(parent).filter((k) => ['json', 'top', 'workers'].includes(k)).map((k) => [k, parent[k]])), ...own } as T;
  };

  sub(sweep.command('resume <id>'))
    .description('continue an interrupted or cancelled sweep where it stopped')
    .option('--workers <n>', 'worker threads (default: all cores)')
    .option('--cluster <url>', 'continue on the cluster behind this Redis URL')
    .option('--top <n>', 'rows to print (default 20)')
    .option('--json', 'print ONE JSON document')
    .action(async (idArg: string, own: { workers?: string; top: string; json?: boolean; cluster?: string }) => {
      const o = merged(own);
      if (o.cluster !== undefined) ctx.services().ctx.cluster.useForProcess(o.cluster);
      const id = num('sweep id', idArg, { integer: true, min: 1 });
      const workers = o.workers !== undefined ? num('--workers', o.workers, { integer: true, min: 1, max: 256 }) : undefined;
      const top = num('--top', o.top, { integer: true, min: 1, max: 100_000 });
      const sw = await ctx.call('sweeps:get', { id });
      if (sw.jobId === null) throw new PeakError('NOT_FOUND', `sweep ${id} has no job to resume`);
      const jobId = sw.jobId;
      const s = await follow(ctx, async () => {
        await ctx.call('jobs:resume', { jobId, wait: true, ...(workers !== undefined && { workers }) });
        return { sweepId: id };
      }, jobId);
      await report(ctx, s, top, o.json === true);
    });

  sub(sweep.command('show <id>'))
    .description('a sweep: status, configuration, hashes and its top results')
    .option('--top <n>', 'rows to print (default 20)')
    .option('--sort <metric>', 'rank by this metric (default: the sweep\'s)')
    .option('--json', 'print ONE JSON document')
    .action(async (idArg: string, own: { top: string; json?: boolean; sort?: string }) => {
      const o = merged(own);
      const id = num('sweep id', idArg, { integer: true, min: 1 });
      const s = await ctx.call('sweeps:get', { id });
      await report(ctx, o.sort ? { ...s, metric: o.sort } : s, num('--top', o.top, { integer: true, min: 1, max: 100_000 }), o.json === true);
    });

  sub(sweep.command('list'))
    .description('stored sweeps, newest first')
    .option('--limit <n>', 'rows', '50')
    .option('--json', 'print ONE JSON document')
    .action(async (own: { limit: string; json?: boolean }) => {
      const o = merged(own);
      const r = await ctx.call('sweeps:list', { limit: num('--limit', o.limit, { integer: true, min: 1, max: 1000 }), offset: 0 });
      if (o.json) return ctx.json(r);
      ctx.out(table(['id', 'strategy', 'preset', 'data set', 'status', 'done', 'total', 'metric', 'created'],
        r.sweeps.map((s) => [s.id, s.strategyId, s.preset, s.datasetId, s.status, s.done, s.total, s.metric, iso(s.createdAt)]),
        [true, false, false, false, false, true, true, false, false]));
    });

  sub(sweep.command('presets'))
    .description('sweep presets shipped in config/sweeps (SPEC §4)')
    .option('--json', 'print ONE JSON document')
    .action(async (own: { json?: boolean }) => {
      const o = merged(own);
      const r = await ctx.call('sweeps:presets', {});
      if (o.json) return ctx.json(r);
      ctx.out(table(['preset', 'strategy', 'grid', 'description'], r.presets.map((p) => [p.name, p.strategyId,
        Object.entries(p.grid).map(([k, v]) => `${k}=${v.kind === 'values' ? v.values.join(',') : `${v.min}:${v.max}:${v.step}`}`).join(' '), p.description])));
    });
}

/** Grid/param errors are reported against the flag the user typed. */
function rewordGridError(e: unknown): unknown {
  if (!(e instanceof PeakError) || e.code !== 'BAD_INPUT') return e;
  const m = /^sweep \S+: grid (\w+)(=[^:]*)?: (.*)$/s.exec(e.message);
  if (m && !e.message.startsWith('--grid')) return new PeakError('BAD_INPUT', `--grid ${m[1]}${m[2] ?? ''}: ${m[3]}`);
  return e;
}
