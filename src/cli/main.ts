/**
 * `peak` — the same contract handlers as the app, headless. runCli is pure of process globals: argv, stdout,
 * stderr, env, cwd and the clock are injected, so tests call it in-process.
 * Exit codes: 0 success; 2 bad input (flags, files, parameters, unknown ids) with ONE line on stderr naming the
 * flag/file/row; 1 internal error; 130 cancelled (Ctrl-C).
 */
import { Command, CommanderError, Option } from 'commander';
import { isPeakError, type PeakErrorCode } from '../core/errors';
import { CliContext, type CliIo } from './context';
import { registrations } from './commands';
import pkg from '../../package.json';

export type { CliIo } from './context';

const EXIT: Record<PeakErrorCode, number> = {
  BAD_INPUT: 2,
  BAD_FILE: 2,
  NOT_FOUND: 2,
  CONFLICT: 2,
  UNSAFE: 2,
  FORBIDDEN: 2,
  CANCELLED: 130,
  INTERNAL: 1,
};

const firstLine = (s: string): string => s.split('\n').find((l) => l.trim() !== '')?.trim() ?? s.trim();

export function buildProgram(io: CliIo): { program: Command; ctx: CliContext } {
  const program = new Command('peak');
  const ctx = new CliContext(io, program);
  program
    .description('Peak Trade: backtest and research trading strategies from the command line (same engine as the app).')
    .version(pkg.version, '-V, --version')
    .addOption(new Option('--db <path>', 'SQLite database file (default: $PEAK_DB, else <data dir>/peak.db)'))
    .addOption(new Option('--data-dir <dir>', 'data directory (default: $PEAK_DATA_DIR, else the user data dir, e.g. ~/.config/peak-trade)'))
    .addOption(new Option('--config <file>', 'config TOML (default: the bundled config/config.toml)'))
    // Options typed after a subcommand belong to it (`peak sweep show 3 --json` gives --json to `show`, not to
    // `sweep`); global options go before the subcommand.
    .enablePositionalOptions()
    .showHelpAfterError(false)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
      outputError: (s, write) => write(`peak: ${firstLine(s).replace(/^error: /, '')}\n`),
    })
    .addHelpText('after', `
Examples:
  peak data import prices.csv --name "BTC 1h"
  peak backtest --data ../shared/data/goog.csv --strategy ma_crossover --param fast_window=10 \\
      --param slow_window=30 --param side=long_short --preset backtesting-py --finalize --json
  peak runs list --strategy ma_crossover --limit 10
  peak strategies`);
  for (const register of registrations) register(program, ctx);
  // subcommands inherit exitOverride/output settings
  for (const c of program.commands) inheritSettings(c, program);
  // With positional options the root stops parsing at the subcommand, so the global options are also declared
  // (hidden) on every subcommand and copied to the root before the action runs: `peak info --json --db x.db`
  // keeps working. The occurrence nearest the action (typed last) wins.
  for (const c of program.commands) addHiddenGlobals(c);
  program.hook('preAction', (_root, action) => {
    for (const [, key] of GLOBAL_OPTIONS) {
      for (let c: Command | null = action; c !== null && c !== program; c = c.parent) {
        const v: unknown = c.getOptionValue(key);
        if (v !== undefined) {
          program.setOptionValueWithSource(key, v, 'cli');
          break;
        }
      }
    }
  });
  return { program, ctx };
}

const GLOBAL_OPTIONS = [['--db <path>', 'db'], ['--data-dir <dir>', 'dataDir'], ['--config <file>', 'config']] as const;

function addHiddenGlobals(cmd: Command): void {
  for (const [flags, key] of GLOBAL_OPTIONS) {
    if (!cmd.options.some((o) => o.attributeName() === key)) cmd.addOption(new Option(flags).hideHelp());
  }
  for (const c of cmd.commands) addHiddenGlobals(c);
}

function inheritSettings(cmd: Command, from: Command): void {
  cmd.exitOverride();
  cmd.configureOutput(from.configureOutput());
  cmd.showSuggestionAfterError(true);
  for (const c of cmd.commands) inheritSettings(c, from);
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const { program, ctx } = buildProgram(io);
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return 0;
    }
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // help/version exit 0; parse errors (unknown option, missing argument …) are bad input
      if (e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2;
    }
    if (isPeakError(e)) {
      io.stderr.write(`peak: ${firstLine(e.message)}\n`);
      return EXIT[e.code] ?? 1;
    }
    const msg = e instanceof Error ? e.message : String(e);
    io.stderr.write(`peak: internal error: ${firstLine(msg)}\n`);
    if (io.env.PEAK_DEBUG && e instanceof Error && e.stack) io.stderr.write(`${e.stack}\n`);
    return 1;
  } finally {
    await ctx.close();
  }
}
