/**
 * Automation tables (migration 080) behind one module: suite runs, decisions, the scheduler's memory. JSON columns
 * are zod-parsed on read; a row that does not parse is reported as unreadable, never passed on.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { AutomationLogSchema, type AutomationLog, type SuiteName } from '../../core/automation/schemas';
import { PeakError } from '../../core/errors';

export interface AutomationRunRow {
  id: string;
  suite: SuiteName;
  status: AutomationLog['status'];
  startedAt: number;
  finishedAt: number | null;
  dir: string;
  trigger: string;
  log: AutomationLog;
}

export const DecisionOutcomeSchema = z.record(z.string(), z.unknown());
export interface DecisionRow {
  id: number;
  createdAt: number;
  workflowType: string;
  action: string;
  confidence: number;
  dryRun: boolean;
  trigger: string;
  outcome: Record<string, unknown>;
}

export interface AutomationRepository {
  upsertRun(r: Omit<AutomationRunRow, 'status'>): void;
  getRun(id: string): AutomationRunRow | undefined;
  /** newest first */
  listRuns(f?: { suite?: SuiteName; from?: number; to?: number; limit?: number }): AutomationRunRow[];
  insertDecision(d: Omit<DecisionRow, 'id'>): number;
  listDecisions(limit: number): DecisionRow[];
  scheduleState(): Map<string, { lastCheckedAt: number; lastFiredAt: number | null; lastStatus: string | null }>;
  touchSchedule(jobName: string, checkedAt: number, fired?: { at: number; status: string }): void;
}

interface RunDbRow { id: string; suite: string; status: string; started_at: number; finished_at: number | null; dir: string; trigger: string; log: string }

function parseRun(r: RunDbRow): AutomationRunRow {
  let log: AutomationLog;
  try {
    log = AutomationLogSchema.parse(JSON.parse(r.log));
  } catch (e) {
    throw new PeakError('BAD_FILE', `automation run ${r.id}: stored log does not match the schema (${(e as Error).message.slice(0, 200)})`);
  }
  return { id: r.id, suite: r.suite === 'weekly' ? 'weekly' : 'daily', status: log.status, startedAt: r.started_at, finishedAt: r.finished_at, dir: r.dir, trigger: r.trigger, log };
}

export function createAutomationRepository(db: Database.Database): AutomationRepository {
  const upsert = db.prepare(`INSERT INTO automation_runs (id, suite, status, started_at, finished_at, dir, trigger, log)
    VALUES (@id, @suite, @status, @startedAt, @finishedAt, @dir, @trigger, @log)
    ON CONFLICT(id) DO UPDATE SET status = excluded.status, finished_at = excluded.finished_at, log = excluded.log`);
  const get = db.prepare('SELECT * FROM automation_runs WHERE id = ?');
  return {
    upsertRun(r) {
      upsert.run({ id: r.id, suite: r.suite, status: r.log.status, startedAt: r.startedAt, finishedAt: r.finishedAt, dir: r.dir, trigger: r.trigger, log: JSON.stringify(r.log) });
    },
    getRun(id) {
      const r = get.get(id) as RunDbRow | undefined;
      return r ? parseRun(r) : undefined;
    },
    listRuns(f = {}) {
      const where: string[] = [];
      const args: (string | number)[] = [];
      if (f.suite) { where.push('suite = ?'); args.push(f.suite); }
      if (f.from !== undefined) { where.push('started_at >= ?'); args.push(f.from); }
      if (f.to !== undefined) { where.push('started_at <= ?'); args.push(f.to); }
      const sql = `SELECT * FROM automation_runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY started_at DESC, id DESC LIMIT ?`;
      const rows = db.prepare(sql).all(...args, f.limit ?? 500) as RunDbRow[];
      const out: AutomationRunRow[] = [];
      for (const r of rows) {
        try { out.push(parseRun(r)); } catch { /* unreadable rows are skipped in lists; getRun reports them */ }
      }
      return out;
    },
    insertDecision(d) {
      const info = db.prepare(`INSERT INTO automation_decisions (created_at, workflow_type, action, confidence, dry_run, outcome, trigger)
        VALUES (?, ?, ?, ?, ?, ?, ?)`).run(d.createdAt, d.workflowType, d.action, d.confidence, d.dryRun ? 1 : 0, JSON.stringify(d.outcome), d.trigger);
      return Number(info.lastInsertRowid);
    },
    listDecisions(limit) {
      const rows = db.prepare('SELECT * FROM automation_decisions ORDER BY id DESC LIMIT ?').all(limit) as
        { id: number; created_at: number; workflow_type: string; action: string; confidence: number; dry_run: number; outcome: string; trigger: string }[];
      return rows.map((r) => ({
        id: r.id, createdAt: r.created_at, workflowType: r.workflow_type, action: r.action, confidence: r.confidence, dryRun: r.dry_run === 1,
        trigger: r.trigger, outcome: DecisionOutcomeSchema.catch({}).parse(JSON.parse(r.outcome)),
      }));
    },
    scheduleState() {
      const rows = db.prepare('SELECT * FROM automation_schedule').all() as { job_name: string; last_checked_at: number; last_fired_at: number | null; last_status: string | null }[];
      return new Map(rows.map((r) => [r.job_name, { lastCheckedAt: r.last_checked_at, lastFiredAt: r.last_fired_at, lastStatus: r.last_status }]));
    },
    touchSchedule(jobName, checkedAt, fired) {
      db.prepare(`INSERT INTO automation_schedule (job_name, last_checked_at, last_fired_at, last_status) VALUES (?, ?, ?, ?)
        ON CONFLICT(job_name) DO UPDATE SET last_checked_at = excluded.last_checked_at,
          last_fired_at = COALESCE(excluded.last_fired_at, automation_schedule.last_fired_at),
          last_status = COALESCE(excluded.last_status, automation_schedule.last_status)`)
        .run(jobName, checkedAt, fired?.at ?? null, fired?.status ?? null);
    },
  };
}
