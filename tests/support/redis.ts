/**
 * A throw-away redis-server for tests: 127.0.0.1, a random free port, no persistence, its own temp dir.
 * `redisAvailable()` says whether Debian's redis-server is installed (tests skip with a reason when not).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { tempDir } from './services';

export const redisServerPath = (): string | null => {
  const r = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const p = r.stdout.trim();
  return r.status === 0 && p !== '' ? p : null;
};

export const redisAvailable = (): boolean => redisServerPath() !== null;

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a !== null ? a.port : 0;
      s.close(() => res(port));
    });
  });
}

export interface TestRedis {
  url: string;
  port: number;
  /** stops the server (SIGTERM) and waits for it */
  stop(): Promise<void>;
  /** stop + start on the same port (all data lost: no persistence) */
  restart(): Promise<void>;
  remove(): Promise<void>;
}

export async function startRedis(opts: { password?: string } = {}): Promise<TestRedis> {
  const bin = redisServerPath();
  if (bin === null) throw new Error('redis-server is not installed');
  const t = tempDir('peak-redis-');
  const port = await freePort();
  let proc: ChildProcess | null = null;
  const launch = async () => {
    const args = ['--port', String(port), '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1', '--dir', t.dir,
      ...(opts.password !== undefined ? ['--requirepass', opts.password] : [])];
    const p = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    proc = p;
    await new Promise<void>((res, rej) => {
      let out = '';
      const timer = setTimeout(() => rej(new Error(`redis-server did not start: ${out}`)), 10_000);
      p.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('Ready to accept connections')) {
          clearTimeout(timer);
          res();
        }
      });
      p.once('exit', (c) => {
        clearTimeout(timer);
        rej(new Error(`redis-server exited ${c}: ${out}`));
      });
    });
  };
  const stop = async () => {
    const p = proc;
    if (p === null || p.exitCode !== null) return;
    await new Promise<void>((res) => {
      p.once('exit', () => res());
      p.kill('SIGTERM');
    });
    proc = null;
  };
  await launch();
  const auth = opts.password !== undefined ? `:${encodeURIComponent(opts.password)}@` : '';
  return {
    url: `redis://${auth}127.0.0.1:${port}`,
    port,
    stop,
    async restart() {
      await stop();
      await launch();
    },
    async remove() {
      await stop();
      t.remove();
    },
  };
}
