/**
 * `peak stress` — stress scenarios on a backtest's returns (one pool task per scenario):
 *   peak stress (--run <id> | --data <csv|id> --strategy <id>) [--scenario single_crash_bar …] [--severity 0.2]
 *               [--position start|middle|end] [--json]
 */
import type { Command } from 'commander';
import { STRESS_KINDS, type StressKind } from '../../core/research/stress';
import type { CliContext } from '../context';
import { fmt, table } from '../format';
import { num, oneOf } from '../parse';
import { addSourceFlags, sourceFromFlags } from './montecarlo';
import { followJob } from '../follow';
import { printReportRef } from './research';

const collectList = (v: string, prev: string[] = []): string[] => [...prev, v];

export function registerStress(program: Command, ctx: CliContext): void {
  addSourceFlags(program
    .command('stress')
    .description(`stress tests: ${STRESS_KINDS.join(', ')}; baseline vs stressed metrics`)
    .option('--scenario <kind>', 'scenario, repeatable (default: all)', collectList)
    .option('--severity <fraction>', 'severity in [0, 1] for every scenario (default: each scenario\'s own)')
    .option('--position <where>', 'start | middle | end', 'middle')
    .option('--seed <n>', 'seed (recorded)', '42')
    .option('--no-report', 'do not write the report')
    .option('--json', 'print ONE JSON document'))
    .action(async (o: Parameters<typeof sourceFromFlags>[1] & { scenario?: string[]; severity?: string; position: string; seed: string; report: boolean; json?: boolean }) => {
      const scenarios = (o.scenario ?? [...STRESS_KINDS]).map((k) => oneOf('--scenario', k, STRESS_KINDS) as StressKind);
      const severity = o.severity !== undefined ? num('--severity', o.severity, { min: 0, max: 1 }) : undefined;
      const position = oneOf('--position', o.position, ['start', 'middle', 'end'] as const);
      const source = await sourceFromFlags(ctx, o);
      const r = await followJob(ctx, 'stress', (jobId) => ctx.call('stress:run', {
        jobId,
        source, scenarios, position, seed: num('--seed', o.seed, { integer: true }), report: o.report, ...(severity !== undefined && { severity }),
      }));
      if (o.json) return ctx.json(r);
      const b = r.summary.baseline;
      ctx.out(table(['scenario', 'severity', 'return %', 'Δ return pp', 'max DD %', 'Δ max DD pp', 'sharpe', 'Δ sharpe'], [
        ['baseline', '—', fmt(b.totalReturn * 100), '', fmt(b.maxDrawdown * 100), '', fmt(b.sharpe), ''],
        ...r.summary.results.map((x) => [x.scenario.kind, fmt(x.scenario.severity, 3), fmt(x.stressed.totalReturn * 100), fmt(x.diff.totalReturn * 100),
          fmt(x.stressed.maxDrawdown * 100), fmt(x.diff.maxDrawdown * 100), fmt(x.stressed.sharpe), fmt(x.diff.sharpe)]),
      ], [false, true, true, true, true, true, true, true]));
      printReportRef(ctx, r);
    });
}
