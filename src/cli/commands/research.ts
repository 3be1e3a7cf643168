/**
 * `peak research …` — portfolio recipes and overfitting statistics:
 *   peak research portfolio --preset multi_style_moderate --data <csv|id> [--paths N] [--seed 42] [--json]
 *   peak research recipes · peak research overfitting <sweepId> · peak research report <runId>
 * Progress goes to stderr through the CLI's one job follower (../follow.ts); Ctrl-C cancels the job, exit 130.
 */
import type { Command } from 'commander';
import type { CommandOutput } from '../../core/api/contract';
import { PeakError } from '../../core/errors';
import type { CliContext } from '../context';
import { followJob } from '../follow';
import { fmt, table } from '../format';
import { num, oneOf } from '../parse';
import { resolveDataArg } from './shared';

export function printReportRef(ctx: CliContext, r: { runId: number; seed: number; configHash: string; report: { html: string | null; md: string | null; json: string | null } | null }): void {
  ctx.out(`run ${r.runId || '(not stored)'}  seed ${r.seed}  config hash ${r.configHash.slice(0, 16)}…`);
  if (r.report) ctx.out(`report: ${r.report.html ?? r.report.md ?? r.report.json}`);
}

type Portfolio = CommandOutput<'research:portfolio'>;

function printPortfolio(ctx: CliContext, r: Portfolio): void {
  ctx.out(`Portfolio ${r.recipe}: ${r.gonogo.verdict.replace('_', '-')}`);
  ctx.out(table(['member', 'strategy', 'weight', 'sharpe', 'return %', 'max DD %', 'trades'],
    r.members.map((m) => [m.name, m.strategyId, fmt(m.weight, 3), fmt(m.metrics.sharpe), fmt(m.metrics.totalReturnPct), fmt(m.metrics.maxDrawdownPct), fmt(m.metrics.trades, 0)]),
    [false, false, true, true, true, true, true]));
  ctx.out();
  ctx.out(`portfolio: sharpe ${fmt(r.metrics.sharpe)}  return ${fmt(r.metrics.totalReturnPct)} %  max DD ${fmt(r.metrics.maxDrawdownPct)} %  trades ${fmt(r.metrics.trades, 0)}  PF ${fmt(r.metrics.profitFactor)}`);
  if (r.walkforward) ctx.out(`walk-forward: ${r.walkforward.folds.length} windows, stitched OOS sharpe ${fmt(r.walkforward.stitchedSharpe)}, return ${fmt((r.walkforward.stitchedTotalReturn ?? NaN) * 100)} %`);
  if (r.montecarlo) ctx.out(`Monte-Carlo: ${r.montecarlo.nPaths} paths, P(loss) ${fmt(r.montecarlo.probLoss * 100, 1)} %, max DD p5 ${fmt(r.montecarlo.maxDrawdown.p5 * 100)} %`);
  if (r.stress) ctx.out(`stress: ${r.stress.results.map((x) => `${x.scenario.kind} max DD ${fmt(x.stressed.maxDrawdown * 100)} %`).join(', ')}`);
  ctx.out();
  for (const reason of r.gonogo.reasons) ctx.out(`  - ${reason}`);
  for (const w of r.warnings) ctx.out(`note: ${w}`);
  printReportRef(ctx, r);
}

export function registerResearch(program: Command, ctx: CliContext): void {
  const research = program.command('research').description('portfolio recipes, overfitting statistics (PSR/DSR/PBO) and reports').enablePositionalOptions();
  const sub = (c: Command) => {
    c.exitOverride();
    c.configureOutput(program.configureOutput());
    return c;
  };

  sub(research.command('portfolio'))
    .description('run a portfolio recipe: backtest → walk-forward → Monte-Carlo → stress → Go/No-Go, and write the report')
    .requiredOption('--preset <id>', 'recipe id from config/portfolio_recipes.toml (see `peak research recipes`)')
    .requiredOption('--data <csv|id>', 'CSV file to import, or a data set id or name')
    .option('--paths <n>', 'Monte-Carlo paths (default: the recipe\'s mc_num_runs)')
    .option('--seed <n>', 'seed (recorded)', '42')
    .option('--train <len>', 'walk-forward train length (bars or 180d); default 40 % of the data')
    .option('--test <len>', 'walk-forward test length (bars or 30d); default 12 % of the data')
    .option('--mode <mode>', 'walk-forward mode rolling | anchored', 'anchored')
    .option('--json', 'print ONE JSON document')
    .action(async (o: { preset: string; data: string; paths?: string; seed: string; train?: string; test?: string; mode: string; json?: boolean }) => {
      const seed = num('--seed', o.seed, { integer: true });
      const nPaths = o.paths !== undefined ? num('--paths', o.paths, { integer: true, min: 1, max: 1_000_000 }) : undefined;
      if ((o.train === undefined) !== (o.test === undefined)) throw new PeakError('BAD_INPUT', '--train and --test go together');
      const mode = oneOf('--mode', o.mode, ['rolling', 'anchored'] as const);
      const { dataset } = await resolveDataArg(ctx, o.data);
      const r = await followJob(ctx, 'portfolio', (jobId) => ctx.call('research:portfolio', {
        jobId,
        preset: o.preset, datasetId: dataset.id, seed, ...(nPaths !== undefined && { nPaths }),
        ...(o.train !== undefined && o.test !== undefined && { walkforward: { train: windowLength('--train', o.train), test: windowLength('--test', o.test), mode } }),
      }));
      if (o.json) return ctx.json(r);
      printPortfolio(ctx, r);
    });

  sub(research.command('recipes'))
    .description('portfolio recipes shipped in config/portfolio_recipes.toml (SPEC §3)')
    .option('--json', 'print ONE JSON document')
    .action(async (o: { json?: boolean }) => {
      const r = await ctx.call('research:recipes', {});
      if (o.json) return ctx.json(r);
      ctx.out(table(['recipe', 'risk', 'members → weights'], r.recipes.map((x) => [x.id, x.riskProfile, x.members.map((m, i) => `${m} ${x.weights[i] ?? ''}`).join(', ')])));
      for (const w of r.warnings) ctx.out(`warning: ${w}`);
    });

  sub(research.command('overfitting <sweepId>'))
    .description('PSR, Deflated Sharpe (N = the sweep\'s size) and PBO (CSCV, S = 16) of a finished sweep')
    .option('--json', 'print ONE JSON document')
    .action(async (idArg: string, o: { json?: boolean }) => {
      const r = await ctx.call('research:overfitting', { sweepId: num('sweep id', idArg, { integer: true, min: 1 }) });
      if (o.json) return ctx.json(r);
      ctx.out(`sweep ${r.sweepId}: ${r.nTrials} trials, best #${r.best.index} ${JSON.stringify(r.best.params)} (sharpe ${fmt(r.best.sharpe)})`);
      ctx.out(`PSR ${fmt(r.psr, 4)}  DSR ${fmt(r.dsr, 4)} (sr* ${fmt(r.srStarAnnual, 3)} annualised; per-period sr ${fmt(r.perPeriodSharpe, 5)}, skew ${fmt(r.skew, 3)}, kurtosis ${fmt(r.kurtosis, 3)})`);
      ctx.out(`PBO ${fmt(r.pbo, 4)} over ${r.nSplits} CSCV splits (S = ${r.blocks}); P(OOS loss of the IS-best) ${fmt(r.probOosLoss, 3)}; degradation slope ${fmt(r.degradation.slope, 3)}`);
    });

  sub(research.command('report <runId>'))
    .description('the report files written for a run')
    .option('--json', 'print ONE JSON document')
    .action(async (idArg: string, o: { json?: boolean }) => {
      const r = await ctx.call('reports:get', { runId: num('run id', idArg, { integer: true, min: 1 }) });
      if (o.json) return ctx.json(r);
      if (!r.report) return ctx.out(`run ${r.runId} has no report`);
      for (const p of [r.report.html, r.report.md, r.report.json]) if (p) ctx.out(p);
    });
}

/** '600' → 600 bars; '180d' / '12h' / '4w' / '90m' → a duration string */
export function windowLength(flag: string, v: string): number | string {
  const s = v.trim();
  if (/^\d+$/.test(s)) return num(flag, s, { integer: true, min: 1 });
  if (/^\d+(\.\d+)?[mhdw]$/.test(s)) return s;
  throw new PeakError('BAD_INPUT', `${flag}: expected a bar count or a duration like 180d, 12h, 4w, 90m, got "${v}"`);
}
