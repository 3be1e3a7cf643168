import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { build, type Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * `import p from './x.worker?modulePath'` (electron-vite's convention) under vitest: bundle the module with Vite
 * (SSR/lib build, deps external) to node_modules/.cache/peak-workers/<name>-<hash>.mjs and resolve the import to
 * that absolute path, so tests run the REAL worker file in piscina threads. Content-hashed names make concurrent
 * test processes safe (same content → same file, written via rename).
 */
function modulePathPlugin(): Plugin {
  const outDir = resolve(__dirname, 'node_modules/.cache/peak-workers');
  const built = new Map<string, Promise<string>>();
  async function bundle(entry: string): Promise<string> {
    const name = entry.replace(/^.*[\\/]/, '').replace(/\.[cm]?[jt]s$/, '');
    const out = await build({
      configFile: false,
      logLevel: 'error',
      build: {
        ssr: entry,
        write: false,
        minify: false,
        sourcemap: 'inline',
        target: 'node20',
        rollupOptions: { output: { format: 'es', codeSplitting: false } },
      },
    });
    const outputs = Array.isArray(out) ? out : [out];
    const code = outputs.flatMap((o) => ('output' in o ? o.output : [])).find((c) => c.type === 'chunk');
    if (code === undefined || code.type !== 'chunk') throw new Error(`modulePath: no chunk built for ${entry}`);
    const hash = createHash('sha256').update(code.code).digest('hex').slice(0, 16);
    const file = resolve(outDir, `${name}-${hash}.mjs`);
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, code.code);
      renameSync(tmp, file);
    }
    return file;
  }
  return {
    name: 'peak:module-path',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!source.endsWith('?modulePath')) return null;
      const bare = source.slice(0, -'?modulePath'.length);
      const r = await this.resolve(bare, importer, { skipSelf: true });
      if (r === null) throw new Error(`modulePath: cannot resolve ${bare} from ${importer ?? '?'}`);
      return `\0peak-module-path:${r.id}`;
    },
    async load(id) {
      if (!id.startsWith('\0peak-module-path:')) return null;
      const entry = id.slice('\0peak-module-path:'.length);
      let p = built.get(entry);
      if (p === undefined) {
        p = bundle(entry);
        built.set(entry, p);
      }
      return `export default ${JSON.stringify(await p)};`;
    },
  };
}

export default defineConfig({
  plugins: [modulePathPlugin()],
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Node 20's require(esm) facade has aborted a test fork now and then (a C++ assertion in
    // CreateRequiredModuleFacade, "Worker exited unexpectedly"); nothing in the tests needs require() of an ES
    // module, so the forks run without it — a real need would fail loudly with ERR_REQUIRE_ESM instead.
    execArgv: ['--no-experimental-require-module'],
  },
});
