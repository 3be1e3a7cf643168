#!/usr/bin/env node
/**
 * Benchmark harness: `npm run bench [-- --json] [-- --filter <substr>] [-- --quick]`.
 * Bundles every scripts/bench/*.bench.ts with Vite (SSR build, ES modules, Node target; dependencies stay
 * external) into node_modules/.cache/peak-bench/, then runs each bundle in its own child Node process (a clean
 * heap: the Vite build's garbage and one bench's memory do not slow the next one) and calls its `run(opts)`,
 * which returns `[{ name, value, unit }]`. Prints a table, or with --json exactly `{ "results": [...] }` on
 * stdout (whatever a bench prints goes to stderr). Exit code 0 on success, 2 on bad flags, 1 if a bench throws.
 */
import { fork } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, 'scripts', 'bench');
const outDir = join(root, 'node_modules', '.cache', 'peak-bench');

function parseArgs(argv) {
  const opts = { json: false, quick: false, filter: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') opts.json = true;
    else if (a === '--quick') opts.quick = true;
    else if (a === '--filter') {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) fail('--filter needs a substring, e.g. --filter backtest');
      opts.filter = v;
    } else if (a.startsWith('--filter=')) opts.filter = a.slice('--filter='.length);
    else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: npm run bench -- [--json] [--filter <substr>] [--quick]\n');
      process.exit(0);
    } else fail(`unknown flag ${a} (known: --json, --filter <substr>, --quick)`);
  }
  return opts;
}

function fail(msg) {
  process.stderr.write(`bench: ${msg}\n`);
  process.exit(2);
}

async function bundle(files) {
  const { build } = await import('vite');
  const input = Object.fromEntries(files.map((f) => [f.replace(/\.ts$/, ''), join(benchDir, f)]));
  await build({
    configFile: false,
    root,
    logLevel: 'silent',
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      sourcemap: false,
      rollupOptions: { input, output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name]-[hash].mjs' } },
    },
  });
  return files.map((f) => join(outDir, f.replace(/\.ts$/, '.mjs')));
}

function table(results) {
  const fmt = (v) => (Math.abs(v) >= 1e5 ? v.toExponential(3) : String(Math.round(v * 1000) / 1000));
  const w = Math.max(4, ...results.map((r) => r.name.length));
  const lines = [`${'name'.padEnd(w)}  ${'value'.padStart(12)}  unit`, `${'-'.repeat(w)}  ${'-'.repeat(12)}  ----`];
  for (const r of results) lines.push(`${r.name.padEnd(w)}  ${fmt(r.value).padStart(12)}  ${r.unit}`);
  return lines.join('\n') + '\n';
}

/** Child side: import one bundle, run it, send the results back over IPC. */
async function child(bundlePath, optsJson) {
  const send = (msg) => new Promise((res) => process.send(msg, () => res()));
  try {
    const mod = await import(pathToFileURL(bundlePath).href);
    if (typeof mod.run !== 'function') throw new Error('does not export run(opts)');
    const opts = JSON.parse(optsJson);
    if (opts.filter && Array.isArray(mod.names) && !mod.names.some((n) => n.includes(opts.filter))) {
      await send({ ok: true, results: [], skipped: true });
    } else {
      const out = await mod.run(opts);
      await send({ ok: true, results: out.map((r) => ({ name: String(r.name), value: Number(r.value), unit: String(r.unit) })) });
    }
  } catch (e) {
    await send({ ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
  process.exit(0);
}

/** Parent side: run one bundle in a child process; its stdout is sent to our stderr. */
function runBundle(bundlePath, opts) {
  return new Promise((resolvePromise) => {
    let reply = null;
    const cp = fork(fileURLToPath(import.meta.url), ['--child', bundlePath, JSON.stringify(opts)], {
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    cp.stdout.on('data', (d) => process.stderr.write(d));
    cp.on('message', (m) => { reply = m; });
    cp.on('exit', (code, signal) => {
      resolvePromise(reply ?? { ok: false, error: `child exited with ${signal ?? code} before reporting` });
    });
  });
}

async function main() {
  if (process.argv[2] === '--child') return child(process.argv[3], process.argv[4]);
  const opts = parseArgs(process.argv.slice(2));
  const files = readdirSync(benchDir).filter((f) => f.endsWith('.bench.ts')).sort();
  if (files.length === 0) fail(`no *.bench.ts files in ${benchDir}`);
  const bundles = await bundle(files);
  const results = [];
  let failed = false;
  for (let i = 0; i < bundles.length; i++) {
    if (!opts.json) process.stderr.write(`running ${files[i]} …\n`);
    const r = await runBundle(bundles[i], { filter: opts.filter, quick: opts.quick });
    if (!r.ok) {
      process.stderr.write(`bench: ${files[i]} failed: ${r.error}\n`);
      failed = true;
      continue;
    }
    for (const x of r.results) if (!opts.filter || x.name.includes(opts.filter)) results.push(x);
  }
  if (opts.json) process.stdout.write(JSON.stringify({ results }) + '\n');
  else process.stdout.write(table(results));
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
