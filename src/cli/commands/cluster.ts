/**
 * `peak cluster status | set <redis-url|local> | test [redis-url]`: the compute setting (this machine or a cluster
 * of `peak worker` nodes behind a Redis URL). The browser twin refuses a URL from a page (a page must not make the
 * server connect to an address it picks), so the URL is set here or in the desktop app; the twin only shows and
 * tests the stored setting. Passwords are never printed (the handler masks them).
 */
import type { Command } from 'commander';
import type { CliContext } from '../context';
import type { CommandOutput } from '../../core/api/contract';
import { isPeakError, PeakError } from '../../core/errors';

type Status = CommandOutput<'cluster:test'>;

export function registerCluster(program: Command, ctx: CliContext): void {
  const cluster = program.command('cluster').description('the compute setting: this machine or a cluster of `peak worker` nodes behind Redis');
  cluster.command('status').description('the stored compute setting (Redis URL masked) and, for a cluster, its connection test')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const settings = await ctx.call('cluster:get', {});
      const status = settings.compute === 'cluster' ? await ctx.call('cluster:test', {}) : null;
      if (o.json) return ctx.json({ settings, status });
      ctx.out(`compute   ${settings.compute === 'local' ? 'this machine' : `cluster at ${settings.url ?? '?'}`}`);
      ctx.out(`workers must run Peak Trade ${settings.version} (protocol ${settings.protocol})`);
      if (status) printStatus(ctx, status);
    });
  cluster.command('set').description('new sweeps run on the cluster at <redis-url> (redis:// or rediss://), or on this machine with "local"')
    .argument('<redis-url|local>', 'a redis:// or rediss:// URL, or "local"')
    .option('--json', 'print JSON')
    .action(async (target: string, o: { json?: boolean }) => {
      const input = target === 'local' ? { compute: 'local' as const } : { compute: 'cluster' as const, url: target };
      const s = await ctx.call('cluster:set', input).catch((e: unknown) => { throw reword(e, '<redis-url>'); });
      if (o.json) return ctx.json(s);
      ctx.out(s.compute === 'local' ? 'new sweeps run on this machine' : `new sweeps run on the cluster at ${s.url ?? '?'}`);
    });
  cluster.command('test').description('connect to <redis-url> (default: the stored setting): Redis version, PING, live workers, queue')
    .argument('[redis-url]', 'a redis:// or rediss:// URL (default: the stored one)')
    .option('--json', 'print JSON')
    .action(async (url: string | undefined, o: { json?: boolean }) => {
      const s = await ctx.call('cluster:test', url !== undefined ? { url } : {}).catch((e: unknown) => { throw reword(e, '[redis-url]'); });
      if (o.json) return ctx.json(s);
      printStatus(ctx, s);
      // exit 1 like a broken audit chain: the command ran, the cluster is not reachable
      if (!s.ok) throw new PeakError('INTERNAL', `cannot reach Redis: ${s.error ?? 'unknown error'}`);
    });
}

function printStatus(ctx: CliContext, s: Status): void {
  if (!s.ok) {
    ctx.out(`not connected: ${s.error ?? 'unknown error'}`);
    return;
  }
  ctx.out(`connected  Redis ${s.redisVersion ?? '?'} · PING ${s.latencyMs?.toFixed(1) ?? '?'} ms · queue ${s.waiting ?? 0} waiting, ${s.active ?? 0} running`);
  for (const w of s.workers) {
    ctx.out(`  ${w.host} pid ${w.pid}  ${w.cores} cores, ${w.concurrency} threads  ${w.version}${w.compatible ? '' : ' (MISMATCH)'}  ${w.tasksDone} done${w.live ? '' : '  (gone)'}`);
  }
  if (s.workers.length === 0) ctx.out('  no worker has connected yet (start one with `peak worker --redis <url>`)');
  for (const r of s.rejected.slice(0, 3)) ctx.out(`  rejected: job ${r.jobId} from ${r.worker}: ${r.reason}`);
}

/** `cluster:set: url: …` → `<redis-url>: …` (the argument the user typed). */
function reword(e: unknown, arg: string): unknown {
  if (!isPeakError(e) || e.code !== 'BAD_INPUT') return e;
  return new PeakError('BAD_INPUT', e.message.replace(/^(cluster:(set|test): )?url: /, `${arg}: `));
}
