/** The run_reports table (migration 020): where a run's report files were written. */
import type Database from 'better-sqlite3';
import type { ReportRef } from '../../core/api/commands/research';

interface ReportRow { dir: string; html_path: string | null; md_path: string | null; json_path: string | null }

export function createReportQueries(db: Database.Database) {
  const up = db.prepare(`INSERT INTO run_reports (run_id, dir, html_path, md_path, json_path, created_at) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT(run_id) DO UPDATE SET dir = excluded.dir, html_path = excluded.html_path, md_path = excluded.md_path, json_path = excluded.json_path, created_at = excluded.created_at`);
  const sel = db.prepare('SELECT dir, html_path, md_path, json_path FROM run_reports WHERE run_id = ?');
  return {
    save(runId: number, ref: ReportRef, at: number): void {
      up.run(runId, ref.dir, ref.html, ref.md, ref.json, at);
    },
    get(runId: number): ReportRef | null {
      const r = sel.get(runId) as ReportRow | undefined;
      return r ? { dir: r.dir, html: r.html_path, md: r.md_path, json: r.json_path } : null;
    },
  };
}

export type ReportQueries = ReturnType<typeof createReportQueries>;
