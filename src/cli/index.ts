// `peak` CLI entry (built as a second main input → out/main/cli.js). The only place that reads process globals.
import { runCli } from './main';

let interrupt: () => void = () => {};
const interrupted = new Promise<void>((res) => (interrupt = res));
process.once('SIGINT', () => interrupt());
// `peak scheduler run` / `peak auto run --continuous` under a service manager stop on SIGTERM the same way
process.once('SIGTERM', () => interrupt());

runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  clock: () => Date.now(),
  interrupted,
}).then(
  (code) => {
    process.exitCode = code;
    // Long-lived handles (a SIGINT listener, pools) must not keep a finished command alive; exit once
    // stdout and stderr are flushed (pipes are asynchronous).
    process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
  },
  (e: unknown) => {
    process.stderr.write(`peak: internal error: ${String(e)}\n`);
    process.exit(1);
  },
);
