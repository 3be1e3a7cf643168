/**
 * Numbered, append-only migrations. Files in ./migrations named `NNN-name.sql` (plain SQL) or `NNN-name.ts`
 * (exporting `up(db)` or a `sql` string) are discovered at build time (import.meta.glob, so they are bundled
 * into the app, the CLI and the workers). Each pending migration runs in its own transaction and is recorded in
 * schema_migrations; applied ones are never re-run, so running the migrator twice is a no-op.
 * Number ranges: 001–009 core store, 010–019 sweeps, 020–029 research, 030–039 desktop, 040 jobs (041+: the
 * operating half — audit, live, governance, automation).
 */
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up: (db: Database.Database) => void;
}

interface TsMigrationModule {
  up?: (db: Database.Database) => void;
  sql?: string;
}

const sqlFiles = import.meta.glob<string>('./migrations/*.sql', { query: '?raw', import: 'default', eager: true });
const tsFiles = import.meta.glob<TsMigrationModule>('./migrations/*.ts', { eager: true });

function parseName(path: string): { version: number; name: string } {
  const file = path.slice(path.lastIndexOf('/') + 1);
  const m = /^(\d{3})-([a-z0-9-]+)\.(sql|ts)$/.exec(file);
  if (!m) throw new Error(`migration file "${file}" must be named NNN-kebab-name.sql or .ts`);
  return { version: Number(m[1]), name: m[2] };
}

export function discoverMigrations(): Migration[] {
  const out: Migration[] = [];
  for (const [path, sql] of Object.entries(sqlFiles)) {
    out.push({ ...parseName(path), up: (db) => db.exec(sql) });
  }
  for (const [path, mod] of Object.entries(tsFiles)) {
    const { version, name } = parseName(path);
    const up = mod.up ?? (mod.sql !== undefined ? (db: Database.Database) => db.exec(mod.sql as string) : undefined);
    if (!up) throw new Error(`migration ${path} exports neither up(db) nor sql`);
    out.push({ version, name, up });
  }
  out.sort((a, b) => a.version - b.version);
  for (let i = 1; i < out.length; i++) {
    if (out[i].version === out[i - 1].version) {
      throw new Error(`two migrations share number ${String(out[i].version).padStart(3, '0')}: ${out[i - 1].name}, ${out[i].name}`);
    }
  }
  return out;
}

/** Applies pending migrations; returns the versions applied now. */
export function migrate(db: Database.Database, migrations: Migration[], now: number): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version),
  );
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const done: number[] = [];
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      m.up(db);
      record.run(m.version, m.name, now);
    })();
    done.push(m.version);
  }
  return done;
}

export function schemaVersion(db: Database.Database): number {
  const r = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null } | undefined;
  return r?.v ?? 0;
}
