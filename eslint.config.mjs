// Layering (DESIGN.md): core ← {workers, node} ← {main, cli}; renderer ← core; preload ← core/api.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'crypto', 'http', 'url'];
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'dist/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: restrict([
      ...nodeBuiltins.map((g) => ({ group: [g], message: 'core is pure: no Node built-ins' })),
      { group: ['electron', 'better-sqlite3', 'piscina', 'react', 'react-dom', 'zustand', 'plotly.js-dist-min'], message: 'core is pure' },
      { group: ['**/node/**', '**/main/**', '**/renderer/**', '**/workers/**', '**/cli/**', '**/preload/**'], message: 'core imports nothing above it' },
    ]),
  },
  {
    files: ['src/node/**/*.ts', 'src/workers/**/*.ts'],
    rules: restrict([
      { group: ['electron'], message: 'node/ and workers/ are Electron-free' },
      { group: ['**/main/**', '**/renderer/**', '**/cli/**', '**/preload/**'], message: 'imports point down only' },
    ]),
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: restrict([
      ...nodeBuiltins.map((g) => ({ group: [g], message: 'renderer has no Node access' })),
      { group: ['electron', 'better-sqlite3', 'piscina'], message: 'renderer talks only through api/client.ts' },
      { group: ['**/node/**', '**/main/**', '**/workers/**', '**/cli/**', '**/preload/**'], message: 'renderer ← core only' },
    ]),
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: restrict([
      { group: ['**/node/**', '**/main/**', '**/renderer/**', '**/workers/**', '**/cli/**'], message: 'preload ← core/api only' },
    ]),
  },
);
