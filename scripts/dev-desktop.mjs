#!/usr/bin/env node
// `npm run dev`: the ONE command that may load the renderer from electron-vite's dev server (loopback only).
// It marks the child with PEAK_DEV_RENDERER=1; src/main/dev-renderer.ts honours ELECTRON_RENDERER_URL only then.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const bin = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
const child = spawn(process.execPath, [bin, 'dev', ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, PEAK_DEV_RENDERER: '1' } });
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
