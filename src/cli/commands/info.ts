/** `peak info`: version, environment badge, database and data directory. */
import type { Command } from 'commander';
import type { CliContext } from '../context';

export function registerInfo(program: Command, ctx: CliContext): void {
  program
    .command('info')
    .description('version, environment (LIVE LOCKED), database path, counts')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const i = await ctx.call('app:info', {});
      if (o.json) return ctx.json(i);
      ctx.out(`${i.name} ${i.version}  [${i.environment.badge}]  mode ${i.environment.mode}`);
      ctx.out(`database ${i.dbPath} (schema ${i.schemaVersion})`);
      ctx.out(`data dir ${i.dataDir}`);
      ctx.out(`${i.counts.datasets} data set(s), ${i.counts.runs} run(s), ${i.workers} worker(s)`);
    });
}
