/**
 * `peak settings [--workers N] [--json]`: shows the settings, or changes them. The worker count is stored in the
 * database and used by every later start (app, twin, CLI); a sweep's own `--workers` still overrides it per run.
 */
import type { Command } from 'commander';
import type { CliContext } from '../context';
import { isPeakError, PeakError } from '../../core/errors';
import { num } from '../parse';

export function registerSettings(program: Command, ctx: CliContext): void {
  program
    .command('settings')
    .description('show settings (worker threads, data directory, database); --workers N stores a new pool size')
    .option('--workers <n>', 'worker threads for the shared pool (1..max; stored, applies to later runs)')
    .option('--json', 'print JSON')
    .action(async (o: { workers?: string; json?: boolean }) => {
      // The range check (1..workersMax) is the handler's; here only "an integer ≥ 1", so the flag is named either way.
      const workers = o.workers !== undefined ? num('--workers', o.workers, { integer: true, min: 1 }) : undefined;
      const s = workers !== undefined
        ? await ctx.call('settings:set', { workers }).catch((e: unknown) => { throw reword(e); })
        : await ctx.call('settings:get', {});
      if (o.json) return ctx.json(s);
      if (workers !== undefined) ctx.out(`worker threads set to ${s.workers} (stored)`);
      ctx.out(`workers   ${s.workers} (default ${s.workersDefault} = cores, max ${s.workersMax})`);
      ctx.out(`data dir  ${s.dataDir}`);
      ctx.out(`database  ${s.dbPath}`);
    });
}

/** `settings:set: workers: …` → `--workers: …` (the flag the user typed). */
function reword(e: unknown): unknown {
  if (!isPeakError(e) || e.code !== 'BAD_INPUT') return e;
  return new PeakError('BAD_INPUT', e.message.replace(/^settings:set: workers: /, '--workers: '));
}
