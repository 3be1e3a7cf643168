// Layering (DESIGN.md, docs/architecture.md): core ← {workers, node} ← {main, cli}; renderer ← core; preload ← core/api.
// Packages are ALLOW-listed per layer: a new dependency is a deliberate decision recorded here, not a default.
import tseslint from 'typescript-eslint';

/** What each layer may import besides relative paths (exact package names; `node:*` = Node built-ins). */
const allowedPackages = {
  core: ['zod'],
  workers: ['zod', 'node:*'],
  node: ['zod', 'node:*', 'better-sqlite3', 'piscina', 'smol-toml', 'csv-parse', 'ccxt', 'ws', 'croner', 'bullmq', 'ioredis'],
  main: ['zod', 'node:*', 'electron'],
  cli: ['zod', 'node:*', 'commander'],
  preload: ['electron'],
  renderer: ['zod', 'react', 'react-dom', 'zustand', 'plotly.js-dist-min', 'plotly.js-finance-dist-min'],
};

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** One regex matching any bare import NOT in the allow-list (subpaths like csv-parse/sync count as the package). */
function notAllowed(list) {
  const alts = list.map((p) => (p === 'node:*' ? 'node:' : `${escape(p)}(?:/|$)`));
  return `^(?!\\.|${alts.join('|')})`;
}
const layer = (name, upward) => ({
  'no-restricted-imports': ['error', {
    patterns: [
      { regex: notAllowed(allowedPackages[name]), message: `${name}/ may import only: ${allowedPackages[name].join(', ')} (see eslint.config.mjs)` },
      ...(upward.length ? [{ group: upward, message: `${name}/ imports point down only (docs/architecture.md)` }] : []),
    ],
  }],
});

// Only node/db owns the raw SQLite connection: everything else goes through a repository (store.<table>).
const noRawDb = {
  'no-restricted-syntax': ['error', {
    selector: "MemberExpression[property.name='db'][object.type='MemberExpression'][object.property.name='store']",
    message: 'raw SQL lives in node/db: add a repository method there (store.<table>.…)',
  }, {
    selector: "MemberExpression[property.name='db'][object.type='Identifier'][object.name='store']",
    message: 'raw SQL lives in node/db: add a repository method there (store.<table>.…)',
  }],
};

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'dist/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['src/core/**/*.ts'], rules: layer('core', ['**/node/**', '**/main/**', '**/renderer/**', '**/workers/**', '**/cli/**', '**/preload/**']) },
  { files: ['src/workers/**/*.ts'], rules: layer('workers', ['**/node/**', '**/main/**', '**/renderer/**', '**/cli/**', '**/preload/**']) },
  { files: ['src/node/**/*.ts'], rules: layer('node', ['**/main/**', '**/renderer/**', '**/cli/**', '**/preload/**']) },
  { files: ['src/node/**/*.ts'], ignores: ['src/node/db/**'], rules: noRawDb },
  { files: ['src/main/**/*.ts'], rules: layer('main', ['**/renderer/**', '**/cli/**', '**/preload/**']) },
  { files: ['src/cli/**/*.ts'], rules: layer('cli', ['**/main/**', '**/renderer/**', '**/preload/**']) },
  { files: ['src/preload/**/*.ts'], rules: layer('preload', ['**/node/**', '**/main/**', '**/renderer/**', '**/workers/**', '**/cli/**']) },
  { files: ['src/renderer/**/*.{ts,tsx}'], rules: layer('renderer', ['**/node/**', '**/main/**', '**/workers/**', '**/cli/**', '**/preload/**']) },
);
