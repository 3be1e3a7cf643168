/** Runs `peak` in-process (runCli) against a temp data dir + db, capturing stdout/stderr. */
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import { fakeClock, smallSeedSpecs, tempDir } from './services';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliHarness {
  dir: string;
  db: string;
  run(...argv: string[]): Promise<CliResult>;
  /** parses stdout as JSON (fails the test with stderr if the command failed) */
  json<T = unknown>(...argv: string[]): Promise<T>;
  remove(): void;
}

export function createCliHarness(opts: { cwd?: string; seed?: boolean; env?: Record<string, string> } = {}): CliHarness {
  const { dir, remove } = tempDir('peak-cli-');
  const db = join(dir, 'peak.db');
  const clock = fakeClock();
  const run = async (...argv: string[]): Promise<CliResult> => {
    let stdout = '', stderr = '';
    const code = await runCli(argv, {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      env: { HOME: dir, PEAK_DB: db, ...opts.env },
      cwd: opts.cwd ?? process.cwd(),
      clock,
      services: { seed: opts.seed ?? true, seedSpecs: smallSeedSpecs, workers: 1 },
    });
    return { code, stdout, stderr };
  };
  return {
    dir,
    db,
    run,
    async json<T>(...argv: string[]): Promise<T> {
      const r = await run(...argv);
      if (r.code !== 0) throw new Error(`peak ${argv.join(' ')} exited ${r.code}: ${r.stderr}`);
      return JSON.parse(r.stdout) as T;
    },
    remove,
  };
}
