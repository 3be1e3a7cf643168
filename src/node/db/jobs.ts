/**
 * The jobs table (migration 040): one row per long job, kept after it ends. Status and result columns are
 * validated on read (a hand-edited row reads as 'failed' rather than crashing a listing).
 */
import type Database from 'better-sqlite3';
import { JobStatusSchema, type JobResultRef, type JobStatus } from '../../core/api/commands/jobs';

export interface JobRecord {
  id: string;
  kind: string;
  status: JobStatus;
  owner: string;
  configHash: string | null;
  done: number;
  total: number | null;
  message: string | null;
  result: JobResultRef | null;
  error: string | null;
  startedAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

interface JobRow {
  id: string; kind: string; status: string; owner: string; config_hash: string | null; done: number; total: number | null;
  message: string | null; result_kind: string | null; result_id: string | null; error: string | null;
  started_at: number; updated_at: number; finished_at: number | null;
}

const toRecord = (r: JobRow): JobRecord => {
  const status = JobStatusSchema.safeParse(r.status);
  return {
    id: r.id, kind: r.kind, status: status.success ? status.data : 'failed', owner: r.owner, configHash: r.config_hash,
    done: r.done, total: r.total, message: r.message,
    result: r.result_kind !== null && r.result_id !== null ? { kind: r.result_kind, id: r.result_id } : null,
    error: r.error, startedAt: r.started_at, updatedAt: r.updated_at, finishedAt: r.finished_at,
  };
};

export interface JobListFilter {
  status?: JobStatus;
  kind?: string;
  result?: JobResultRef;
  limit: number;
}

export function createJobQueries(db: Database.Database, clock: () => number) {
  const ins = db.prepare(`INSERT INTO jobs (id, kind, status, owner, config_hash, done, total, started_at, updated_at)
    VALUES (?, ?, 'running', ?, ?, 0, ?, ?, ?)`);
  const restart = db.prepare(`UPDATE jobs SET status = 'running', owner = ?, error = NULL, message = NULL, updated_at = ?,
    finished_at = NULL WHERE id = ?`);
  const sel = db.prepare('SELECT * FROM jobs WHERE id = ?');
  const prog = db.prepare('UPDATE jobs SET done = ?, total = ?, message = ?, updated_at = ? WHERE id = ?');
  const res = db.prepare('UPDATE jobs SET result_kind = ?, result_id = ?, updated_at = ? WHERE id = ?');
  const hash = db.prepare('UPDATE jobs SET config_hash = ?, updated_at = ? WHERE id = ?');
  const fin = db.prepare('UPDATE jobs SET status = ?, error = ?, updated_at = ?, finished_at = ? WHERE id = ?');
  const interrupt = db.prepare(`UPDATE jobs SET status = 'interrupted', updated_at = ? WHERE status = 'running'`);
  const byResult = db.prepare('SELECT * FROM jobs WHERE result_kind = ? AND result_id = ? ORDER BY started_at DESC, rowid DESC LIMIT 1');

  return {
    get: (id: string): JobRecord | null => {
      const r = sel.get(id) as JobRow | undefined;
      return r ? toRecord(r) : null;
    },
    /** a new running job; false when the id is taken */
    insert(j: { id: string; kind: string; owner: string; configHash: string | null; total: number | null }): boolean {
      const now = clock();
      try {
        ins.run(j.id, j.kind, j.owner, j.configHash, j.total, now, now);
        return true;
      } catch (e) {
        if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return false;
        throw e;
      }
    },
    /** a stored job runs again (resume) */
    restart: (id: string, owner: string): void => void restart.run(owner, clock(), id),
    progress: (id: string, done: number, total: number | null, message: string | null): void =>
      void prog.run(done, total, message, clock(), id),
    setResult: (id: string, ref: JobResultRef): void => void res.run(ref.kind, ref.id, clock(), id),
    setConfigHash: (id: string, h: string): void => void hash.run(h, clock(), id),
    finish(id: string, status: Exclude<JobStatus, 'running'>, error: string | null): void {
      const now = clock();
      fin.run(status, error, now, now, id);
    },
    /** start-up: jobs a dead process left 'running' become 'interrupted' */
    markInterrupted: (): number => interrupt.run(clock()).changes,
    /** the latest job that produced `ref` */
    findByResult: (ref: JobResultRef): JobRecord | null => {
      const r = byResult.get(ref.kind, ref.id) as JobRow | undefined;
      return r ? toRecord(r) : null;
    },
    list(f: JobListFilter): JobRecord[] {
      const where: string[] = [];
      const args: (string | number)[] = [];
      if (f.status !== undefined) { where.push('status = ?'); args.push(f.status); }
      if (f.kind !== undefined) { where.push('kind = ?'); args.push(f.kind); }
      if (f.result !== undefined) { where.push('result_kind = ? AND result_id = ?'); args.push(f.result.kind, f.result.id); }
      const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const rows = db.prepare(`SELECT * FROM jobs ${w} ORDER BY started_at DESC, rowid DESC LIMIT ?`).all(...args, f.limit) as JobRow[];
      return rows.map(toRecord);
    },
  };
}

export type JobQueries = ReturnType<typeof createJobQueries>;
