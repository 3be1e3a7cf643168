// Builds the app (electron-vite: main + CLI, preload, renderer) when out/ is missing or older than its sources.
// Shared by `npm run web`, `npm start` and the e2e harness; a lock directory keeps parallel callers (vitest
// forks, two terminals) from building at the same time — the second one waits and then finds out/ fresh.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The files a complete build leaves behind. */
export const buildOutputs = (root = projectRoot) => [
  join(root, 'out', 'main', 'index.js'),
  join(root, 'out', 'main', 'cli.js'),
  join(root, 'out', 'preload', 'index.cjs'),
  join(root, 'out', 'renderer', 'index.html'),
];

function newestMtime(path) {
  let st;
  try {
    st = statSync(path);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of readdirSync(path)) max = Math.max(max, newestMtime(join(path, name)));
  return max;
}

/** Everything a build reads. */
export const buildSources = (root = projectRoot) => [
  join(root, 'src'),
  join(root, 'package.json'),
  join(root, 'electron.vite.config.ts'),
];

/**
 * Why a build is needed ('missing …' / 'sources changed'), or null when the given outputs are newer than the
 * given sources (defaults: the whole app; the e2e harness narrows both to the renderer).
 */
export function buildReason(root = projectRoot, outputs = buildOutputs(root), sources = buildSources(root)) {
  const missing = outputs.find((f) => !existsSync(f));
  if (missing) return `missing ${missing.slice(root.length + 1)}`;
  const oldestOut = Math.min(...outputs.map((f) => statSync(f).mtimeMs));
  const newestSrc = Math.max(...sources.map(newestMtime));
  return newestSrc > oldestOut ? 'sources changed since the last build' : null;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function withLock(root, fn) {
  const lock = join(root, 'node_modules', '.cache', 'peak-build.lock');
  mkdirSync(dirname(lock), { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than 10 minutes belongs to a build that died; take it over.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 10 * 60_000) rmdirSync(lock);
      } catch {
        /* gone meanwhile */
      }
      if (Date.now() - started > 15 * 60_000) throw new Error(`peak: timed out waiting for the build lock ${lock}`);
      await sleep(250);
    }
  }
  try {
    return await fn();
  } finally {
    try {
      rmdirSync(lock);
    } catch {
      /* already removed */
    }
  }
}

/**
 * Ensures a fresh build. `log` receives one line when a build starts; build output goes to stderr only if
 * `verbose` (or the build fails). Throws with the build's output on failure.
 */
export async function ensureBuild({
  root = projectRoot,
  force = false,
  outputs = buildOutputs(root),
  sources = buildSources(root),
  log = (m) => process.stderr.write(`${m}\n`),
  verbose = false,
} = {}) {
  if (!force && buildReason(root, outputs, sources) === null) return false;
  return withLock(root, async () => {
    const reason = force ? 'forced' : buildReason(root, outputs, sources);
    if (reason === null) return false; // another process built while we waited
    log(`peak: building the app (${reason}) …`);
    const bin = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
    const r = spawnSync(process.execPath, [bin, 'build'], {
      cwd: root,
      encoding: 'utf8',
      stdio: verbose ? 'inherit' : 'pipe',
      env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.status !== 0) {
      const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
      throw new Error(`peak: the build failed (electron-vite build exited ${r.status})${out ? `\n${out.slice(-4000)}` : ''}`);
    }
    return true;
  });
}
