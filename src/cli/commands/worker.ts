// `peak worker --redis <url> [--concurrency N]`: a headless cluster worker node. Pulls tasks from the BullMQ queue
// on that Redis and runs them on this machine's own worker pool; runs until Ctrl-C (SIGINT). Needs no database.
import type { Command } from 'commander';
import pkg from '../../../package.json';
import { redactSecrets } from '../../core/safety/redact';
import { parseRedisUrl, redactRedisUrl } from '../../node/cluster/connection';
import { CLUSTER_PROTOCOL } from '../../node/cluster/protocol';
import { startWorkerNode } from '../../node/cluster/worker-node';
import type { Logger } from '../../node/api/context';
import { PeakError } from '../../core/errors';
import type { CliContext } from '../context';
import { num } from '../parse';

/** Log lines on stderr, credentials masked (a URL in an error message never shows its password). */
function stderrLogger(ctx: CliContext, json: boolean, verbose: boolean): Logger {
  const line = (level: string, msg: string, fields?: Record<string, unknown>) => {
    const f = fields === undefined ? {} : redactSecrets(fields);
    const at = new Date(ctx.io.clock()).toISOString();
    const text = json
      ? `${JSON.stringify({ at, level, msg, ...f })}\n`
      : `${at} ${level} ${msg}${Object.keys(f).length > 0 ? ` ${JSON.stringify(f)}` : ''}\n`;
    ctx.io.stderr.write(redactRedisUrl(text));
  };
  return {
    debug: (m, f) => { if (verbose) line('debug', m, f); },
    info: (m, f) => line('info', m, f),
    warn: (m, f) => line('warn', m, f),
    error: (m, f) => line('error', m, f),
  };
}

export function registerWorker(program: Command, ctx: CliContext): void {
  program
    .command('worker')
    .description('run as a cluster worker node: take sweep chunks (and other tasks) from a Redis queue; Ctrl-C stops')
    .option('--redis <url>', 'redis://[user:password@]host:port[/db] or rediss:// (TLS); default: $PEAK_REDIS_URL (keeps the password out of `ps`)')
    .option('--concurrency <n>', 'tasks at once = worker threads (default: all cores)')
    .option('--lock-ms <ms>', 'how long a task stays claimed after this node vanishes before another node retries it', '15000')
    .option('--json', 'log lines as JSON')
    .option('--verbose', 'also log every failed job')
    .action(async (o: { redis?: string; concurrency?: string; lockMs: string; json?: boolean; verbose?: boolean }) => {
      const raw = o.redis ?? ctx.io.env.PEAK_REDIS_URL;
      if (raw === undefined || raw.trim() === '') throw new PeakError('BAD_INPUT', '--redis: required (a redis:// or rediss:// URL), or set PEAK_REDIS_URL');
      const url = parseRedisUrl(raw, o.redis !== undefined ? '--redis' : 'PEAK_REDIS_URL').url;
      const concurrency = o.concurrency !== undefined ? num('--concurrency', o.concurrency, { integer: true, min: 1, max: 256 }) : undefined;
      const lockMs = num('--lock-ms', o.lockMs, { integer: true, min: 1000, max: 600_000 });
      const logger = stderrLogger(ctx, o.json === true, o.verbose === true);
      logger.info('connecting', { redis: redactRedisUrl(url) });
      const node = await startWorkerNode({
        url, concurrency, logger, version: { app: pkg.version, protocol: CLUSTER_PROTOCOL },
        lockDurationMs: lockMs, stalledIntervalMs: Math.max(500, Math.round(lockMs / 3)),
      }).catch((e: unknown) => {
        throw new PeakError('INTERNAL', `worker: cannot start on ${redactRedisUrl(url)}: ${e instanceof Error ? redactRedisUrl(e.message) : String(e)}`);
      });
      ctx.out(o.json ? JSON.stringify({ event: 'ready', ...node.info() }) : `peak worker ${node.id} ready (${node.info().concurrency} threads); Ctrl-C to stop`);
      await (ctx.io.interrupted ?? new Promise<void>(() => {}));
      logger.info('stopping', { tasksDone: node.info().tasksDone });
      await node.close();
    });
}
