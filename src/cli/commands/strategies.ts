/** `peak strategies`: the registry with tiers and parameters (defaults, bounds). */
import type { Command } from 'commander';
import type { CliContext } from '../context';
import { table } from '../format';

export function registerStrategies(program: Command, ctx: CliContext): void {
  program
    .command('strategies')
    .description('list strategies with tier, style and parameters (name=default [min..max])')
    .option('--no-rnd', 'hide the R&D tier')
    .option('--json', 'print JSON')
    .action(async (o: { rnd: boolean; json?: boolean }) => {
      const r = await ctx.call('strategies:list', { includeRnd: o.rnd });
      if (o.json) return ctx.json(r);
      ctx.out(table(
        ['id', 'tier', 'style', 'parameters'],
        r.strategies.map((s) => [s.id, s.tier, s.style, s.params.map((p) => {
          const range = p.values ? `{${p.values.join('|')}}` : p.min !== undefined || p.max !== undefined ? `[${p.min ?? ''}..${p.max ?? ''}]` : '';
          return `${p.name}=${JSON.stringify(p.default)}${range}`;
        }).join(' ')]),
      ));
    });
}
