#!/usr/bin/env node
// `npm start`: runs the desktop app. On first run it obtains what Electron needs — the Electron binary
// (node_modules/electron/install.js downloads it) and a better-sqlite3 build for Electron's ABI (prebuild-install
// into node_modules/.cache/electron-sqlite/<electron version>/, loaded via better-sqlite3's nativeBinding, so the
// Node build the CLI and tests use stays untouched). Where that is impossible (no network), it says so in ONE
// line and exits 1. PEAK_DEBUG=1 prints the details of a failed download.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ensureBuild, projectRoot } from './e2e-setup/ensure-build.mjs';

const require = createRequire(import.meta.url);
const debug = !!process.env.PEAK_DEBUG;
const WEB_HINT = 'Use `npm run web` for the full workbench in your browser.';
const electronDir = join(projectRoot, 'node_modules', 'electron');
const electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
const sqliteDir = join(projectRoot, 'node_modules', '.cache', 'electron-sqlite', electronVersion);
const sqliteBinding = join(sqliteDir, 'build', 'Release', 'better_sqlite3.node');

function fail(line, details) {
  process.stderr.write(`peak: ${line}\n`);
  if (debug && details) process.stderr.write(`${details}\n`);
  process.exit(1);
}

function electronInstalled() {
  try {
    const v = readFileSync(join(electronDir, 'dist', 'version'), 'utf8').trim().replace(/^v/, '');
    const exe = readFileSync(join(electronDir, 'path.txt'), 'utf8');
    return v === electronVersion && existsSync(join(electronDir, 'dist', exe));
  } catch {
    return false;
  }
}

/** Can we reach the download host at all? A short probe, so an offline machine fails in seconds, not minutes. */
async function online() {
  const url = process.env.PEAK_DOWNLOAD_PROBE_URL ?? process.env.ELECTRON_MIRROR ?? 'https://github.com/';
  try {
    await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(5_000) });
    return true;
  } catch {
    return false;
  }
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 10 * 60_000, ...opts });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

const needElectron = !electronInstalled();
const needSqlite = !existsSync(sqliteBinding);
if (needElectron || needSqlite) {
  if (!(await online())) {
    fail(
      needElectron
        ? `the Electron binary is not installed and cannot be downloaded here (no network). ${WEB_HINT}`
        : `the Electron build of SQLite (better-sqlite3 for Electron ${electronVersion}) is missing and cannot be downloaded here (no network). ${WEB_HINT}`,
    );
  }
  if (needElectron) {
    process.stderr.write(`peak: downloading Electron ${electronVersion} (first run) …\n`);
    const r = run(process.execPath, [join(electronDir, 'install.js')], { cwd: electronDir });
    if (!r.ok || !electronInstalled()) fail(`downloading the Electron binary failed. ${WEB_HINT}`, r.out);
  }
  if (needSqlite) {
    process.stderr.write(`peak: downloading better-sqlite3 for Electron ${electronVersion} (first run) …\n`);
    mkdirSync(sqliteDir, { recursive: true });
    // prebuild-install works on "the package in --path": give it better-sqlite3's package.json (name, version,
    // repository) so it fetches the matching Electron-ABI prebuild into <sqliteDir>/build/Release.
    copyFileSync(require.resolve('better-sqlite3/package.json'), join(sqliteDir, 'package.json'));
    const prebuild = join(projectRoot, 'node_modules', 'prebuild-install', 'bin.js');
    const r = run(process.execPath, [prebuild, '--runtime', 'electron', '--target', electronVersion, '--path', sqliteDir], {
      cwd: sqliteDir,
    });
    if (!r.ok || !existsSync(sqliteBinding)) {
      fail(`downloading better-sqlite3 for Electron ${electronVersion} failed. ${WEB_HINT}`, r.out);
    }
  }
}

try {
  await ensureBuild();
} catch (e) {
  fail(e instanceof Error ? e.message.replace(/^peak: /, '') : String(e));
}

const electronExe = require('electron'); // resolves to the binary path once installed
const child = spawn(electronExe, [projectRoot, ...process.argv.slice(2)], {
  stdio: 'inherit',
  // `npm start` is never the dev command: a stray ELECTRON_RENDERER_URL must not make an http origin trusted (Trust #13)
  env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'ELECTRON_RENDERER_URL' && k !== 'PEAK_DEV_RENDERER')), PEAK_SQLITE_BINDING: sqliteBinding },
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
