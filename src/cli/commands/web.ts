// `peak web`: the browser twin — the full workbench served on 127.0.0.1 with a per-launch token, for machines
// without the Electron binary (and for the end-to-end tests). Runs until Ctrl-C.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { PeakError } from '../../core/errors';
import { startWebTwin } from '../../node/web/twin';
import type { CliContext } from '../context';
import { startAppScheduler } from '../../node/automation/service';

/**
 * Where the built renderer is: $PEAK_RENDERER_DIR, else next to the built CLI (out/main/cli.js → out/renderer),
 * else the project's out/renderer when running from source (tests).
 */
export function findRendererDir(env: Record<string, string | undefined>, cwd: string, here: string = __dirname): string | null {
  const candidates = [
    env.PEAK_RENDERER_DIR ? resolve(cwd, env.PEAK_RENDERER_DIR) : null,
    join(here, '../renderer'),
    join(here, '../../../out/renderer'),
  ].filter((c): c is string => c !== null);
  return candidates.find((c) => existsSync(join(c, 'index.html'))) ?? null;
}

function parsePort(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) {
    throw new PeakError('BAD_INPUT', `--port: expected an integer 0–65535, got "${v}"`);
  }
  return n;
}

/** Best effort: hands the URL to the desktop's default browser (the token is in it, so only for --open). */
function openInBrowser(url: string, platform: NodeJS.Platform): void {
  const [cmd, args] =
    platform === 'darwin' ? ['open', [url]] : platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    /* the URL is printed anyway */
  }
}

export function registerWeb(program: Command, ctx: CliContext): void {
  program
    .command('web')
    .description('serve the full workbench in your browser on 127.0.0.1 (random port, per-launch token)')
    .addOption(new Option('--port <n>', 'port to listen on (default: a random free port)').argParser(parsePort))
    .option('--open', 'open the page in the default browser')
    .action(async (opts: { port?: number; open?: boolean }) => {
      const rendererDir = findRendererDir(ctx.io.env, ctx.io.cwd);
      if (!rendererDir) {
        throw new PeakError('NOT_FOUND', 'the built renderer (out/renderer) is missing: run `npm run build` or `npm run web`');
      }
      const services = ctx.services();
      // a long-running door: start the long-lived services (stopped in reverse by ctx.close() at exit)
      await services.start();
      startAppScheduler(services.ctx);
      const twin = await startWebTwin({ services, rendererDir, port: opts.port ?? 0 }).catch((e: unknown) => {
        const code = (e as { code?: string }).code;
        if (code === 'EADDRINUSE') throw new PeakError('CONFLICT', `--port ${opts.port}: the port is already in use`);
        throw e;
      });
      ctx.out(`Peak Trade is running at ${twin.url}`);
      ctx.out(`(database: ${ctx.dbPath()}; press Ctrl-C to stop)`);
      if (opts.open) openInBrowser(twin.url, ctx.io.platform ?? process.platform);
      await (ctx.io.interrupted ?? new Promise<void>(() => {}));
      await twin.close();
    });
}
