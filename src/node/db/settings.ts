/**
 * The settings table (migration 030): key → JSON value. Readers parse values with zod and treat a malformed or
 * out-of-range value as absent (the default applies), so a hand-edited row can never stop the app from starting.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';

export interface SettingsQueries {
  /** the stored JSON value, or undefined when absent or not valid JSON */
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

export function createSettingsQueries(db: Database.Database, clock: () => number): SettingsQueries {
  const sel = db.prepare('SELECT value FROM settings WHERE key = ?');
  const up = db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
    ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`);
  const del = db.prepare('DELETE FROM settings WHERE key = ?');
  return {
    get(key) {
      const r = sel.get(key) as { value: string } | undefined;
      if (!r) return undefined;
      try {
        return JSON.parse(r.value) as unknown;
      } catch {
        return undefined;
      }
    },
    set(key, value) {
      up.run(key, JSON.stringify(value), clock());
    },
    delete(key) {
      del.run(key);
    },
  };
}

export const WORKERS_KEY = 'workers';

/** Hard ceiling on the pool size whatever the machine (threads beyond this only add contention and memory). */
export const WORKERS_CEILING = 64;

/**
 * The largest pool size settings:set accepts: twice the cores (a little over-subscription can help when tasks
 * wait on I/O or the OS schedules unevenly), at least 4 so small machines can still experiment, at most 64.
 */
export const maxWorkersFor = (cores: number): number => Math.min(WORKERS_CEILING, Math.max(4, 2 * Math.max(1, cores)));

/** The stored pool size if it is a valid integer in 1..max, else undefined (→ the default: the cores). */
export function storedWorkers(q: SettingsQueries, max: number): number | undefined {
  const r = z.number().int().min(1).max(max).safeParse(q.get(WORKERS_KEY));
  return r.success ? r.data : undefined;
}
