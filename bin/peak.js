#!/usr/bin/env node
// `peak` launcher (CommonJS so it runs without a build step): runs the built CLI out/main/cli.js; if it is
// missing, builds the app once with `npx electron-vite build` (progress on stderr) and then runs it.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS launcher by design (runs without a build) */
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');
const { pathToFileURL } = require('node:url');

const root = join(__dirname, '..');
const cli = join(root, 'out', 'main', 'cli.js');

if (!existsSync(cli)) {
  process.stderr.write('peak: first run: building the CLI (npx electron-vite build) …\n');
  const r = spawnSync('npx', ['electron-vite', 'build'], {
    cwd: root,
    stdio: ['ignore', process.stderr, process.stderr],
    shell: process.platform === 'win32',
  });
  if (r.status !== 0 || !existsSync(cli)) {
    process.stderr.write(`peak: build failed (exit ${r.status ?? r.signal}); run \`npm run build\` in ${root} to see why\n`);
    process.exit(1);
  }
}

// out/main is ESM or CJS depending on the build config; import() handles both.
import(pathToFileURL(cli).href).catch((e) => {
  process.stderr.write(`peak: cannot start ${cli}: ${e && e.message ? e.message : e}\n`);
  process.exit(1);
});
