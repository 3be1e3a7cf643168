/**
 * What every `peak` subcommand gets: the injected io (stdout/stderr/env/cwd/clock), lazy services opened on the
 * db chosen by --db / PEAK_DB / the user data dir, `call()` (contract command → value, or throws PeakError), and
 * output helpers. Only src/cli reads env and cwd — from io, never from process.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { CommandInput, CommandName, CommandOutput } from '../core/api/contract';
import { PeakError } from '../core/errors';
import { CLI_CONNECTION } from '../core/api/wire';
import { createServices, type Services, type ServicesOptions } from '../node/services';
import { loadConfig } from '../node/config/load';
import { requireParentDir } from './db-path';

export interface Writable {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  env: Record<string, string | undefined>;
  cwd: string;
  /** epoch ms */
  clock: () => number;
  /** platform for the default data dir (default: process.platform) */
  platform?: NodeJS.Platform;
  /** extra createServices options (tests: small seed specs, a fixed worker count) */
  services?: Partial<ServicesOptions>;
  /** resolves when the user interrupts (SIGINT); long commands (web, sweeps) wait on it */
  interrupted?: Promise<void>;
}

export interface GlobalOptions {
  db?: string;
  dataDir?: string;
  config?: string;
}

/** The user data dir, as Electron's app.getPath('userData') would give it for "peak-trade". */
export function defaultDataDir(env: CliIo['env'], platform: NodeJS.Platform = process.platform): string {
  const home = env.HOME ?? env.USERPROFILE ?? homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'peak-trade');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'peak-trade');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'peak-trade');
}

export class CliContext {
  private opened: Services | undefined;
  constructor(readonly io: CliIo, private readonly program: Command) {}

  globals(): GlobalOptions {
    return this.program.opts<GlobalOptions>();
  }

  /** a path given on the command line, resolved against the caller's cwd */
  path(p: string): string {
    return resolve(this.io.cwd, p);
  }

  dataDir(): string {
    const g = this.globals();
    return g.dataDir ? this.path(g.dataDir) : this.io.env.PEAK_DATA_DIR ? this.path(this.io.env.PEAK_DATA_DIR) : defaultDataDir(this.io.env, this.io.platform);
  }

  dbPath(): string {
    const g = this.globals();
    if (g.db) return g.db === ':memory:' ? g.db : requireParentDir(this.path(g.db), '--db');
    if (this.io.env.PEAK_DB) return requireParentDir(this.path(this.io.env.PEAK_DB), 'PEAK_DB');
    return join(this.dataDir(), 'peak.db');
  }

  services(): Services {
    if (!this.opened) {
      const g = this.globals();
      this.opened = createServices({
        dataDir: this.dataDir(),
        dbPath: this.dbPath(),
        clock: this.io.clock,
        ...(g.config && { config: loadConfig(this.path(g.config)) }),
        ...(this.io.env.PEAK_SQLITE_BINDING && { nativeBinding: this.io.env.PEAK_SQLITE_BINDING }),
        // replay servers in tests: configuration, never a request field (loopback only, checked by createServices)
        ...(this.io.env.PEAK_EXCHANGE_API_URL && { exchangeApiUrl: this.io.env.PEAK_EXCHANGE_API_URL }),
        ...this.io.services,
      });
    }
    return this.opened;
  }

  /** the CLI's connection: jobs it starts are its own (cancel, resume) */
  readonly callContext = { connectionId: CLI_CONNECTION };

  async call<K extends CommandName>(name: K, input: CommandInput<K>): Promise<CommandOutput<K>> {
    const r = await this.services().invoke(name, input, this.callContext);
    if (!r.ok) throw new PeakError(r.error.code, r.error.message);
    return r.value;
  }

  out(line = ''): void {
    this.io.stdout.write(`${line}\n`);
  }

  /** ONE JSON document on stdout (NaN/Infinity → null) */
  json(value: unknown): void {
    this.io.stdout.write(`${JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`);
  }

  async close(): Promise<void> {
    const s = this.opened;
    this.opened = undefined;
    await s?.close();
  }
}
