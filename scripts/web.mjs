#!/usr/bin/env node
// `npm run web [-- --port 8080 --open …]`: builds the app if out/ is missing or stale, then runs `peak web`,
// which serves the full workbench on 127.0.0.1 and prints the URL (with its per-launch token).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureBuild, projectRoot } from './e2e-setup/ensure-build.mjs';

try {
  await ensureBuild();
} catch (e) {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}

const child = spawn(process.execPath, [join(projectRoot, 'bin', 'peak.js'), 'web', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
// Ctrl-C reaches the child through the terminal's process group; also pass on a plain kill.
for (const sig of ['SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
process.on('SIGINT', () => {
  /* the child handles it and exits; we exit with its code */
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
