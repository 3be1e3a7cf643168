/**
 * The append-only audit log (migration 041). `append` redacts secrets, links the row to the previous one by hash
 * and writes it inside one transaction (so two appends can never share a predecessor). `verify` walks the whole
 * chain and names the first row that was changed, inserted out of order or deleted.
 */
import type Database from 'better-sqlite3';
import { canonicalJson } from '../../core/hash';
import {
  AuditCategorySchema,
  AuditEntryInputSchema,
  GENESIS_HASH,
  auditHashPayload,
  type AuditCategory,
  type AuditEntry,
  type AuditEntryInput,
  type AuditVerify,
} from '../../core/safety/audit';
import { redactSecrets } from '../../core/safety/redact';
import { sha256Hex } from './hash';

export interface AuditQueries {
  append(entry: AuditEntryInput): AuditEntry;
  /** newest first */
  list(filter?: { category?: AuditCategory; subject?: string; sinceMs?: number; limit?: number }): AuditEntry[];
  count(): number;
  verify(): AuditVerify;
}

interface Row {
  seq: number;
  ts: number;
  category: string;
  action: string;
  actor: string;
  subject: string | null;
  allowed: number | null;
  reason: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

function fromRow(r: Row): AuditEntry {
  let details: unknown = null;
  try {
    details = JSON.parse(r.details) as unknown;
  } catch {
    details = r.details; // verify() reports it; listing still shows the raw text
  }
  const cat = AuditCategorySchema.safeParse(r.category);
  return {
    seq: r.seq,
    ts: r.ts,
    category: cat.success ? cat.data : 'config',
    action: r.action,
    actor: r.actor,
    subject: r.subject,
    allowed: r.allowed === null ? null : r.allowed === 1,
    reason: r.reason,
    details,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export const auditRowHash = (e: Omit<AuditEntry, 'hash'>): string => sha256Hex(canonicalJson(auditHashPayload(e)));

export function createAuditQueries(db: Database.Database, clock: () => number): AuditQueries {
  const head = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  const ins = db.prepare(`INSERT INTO audit_log (seq, ts, category, action, actor, subject, allowed, reason, details, prev_hash, hash)
    VALUES (@seq, @ts, @category, @action, @actor, @subject, @allowed, @reason, @details, @prev_hash, @hash)`);
  const cnt = db.prepare('SELECT COUNT(*) AS n FROM audit_log');

  const appendTx = db.transaction((input: AuditEntryInput): AuditEntry => {
    const p = AuditEntryInputSchema.parse(input);
    const last = head.get() as { seq: number; hash: string } | undefined;
    // details go through JSON once so the stored text and the hashed value are the same thing
    const details = JSON.parse(JSON.stringify(redactSecrets(p.details ?? null)) ?? 'null') as unknown;
    const base: Omit<AuditEntry, 'hash'> = {
      seq: (last?.seq ?? 0) + 1,
      ts: clock(),
      category: p.category,
      action: p.action,
      actor: p.actor,
      subject: p.subject ?? null,
      allowed: p.allowed ?? null,
      reason: p.reason === undefined ? null : (redactSecrets(p.reason) as string),
      details,
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    const hash = auditRowHash(base);
    ins.run({
      seq: base.seq,
      ts: base.ts,
      category: base.category,
      action: base.action,
      actor: base.actor,
      subject: base.subject,
      allowed: base.allowed === null ? null : base.allowed ? 1 : 0,
      reason: base.reason,
      details: JSON.stringify(details),
      prev_hash: base.prevHash,
      hash,
    });
    return { ...base, hash };
  });

  return {
    append: (entry) => appendTx(entry),
    list(filter = {}) {
      const where: string[] = [];
      const args: Record<string, unknown> = {};
      if (filter.category) {
        where.push('category = @category');
        args.category = AuditCategorySchema.parse(filter.category);
      }
      if (filter.subject !== undefined) {
        where.push('subject = @subject');
        args.subject = filter.subject;
      }
      if (filter.sinceMs !== undefined) {
        where.push('ts >= @since');
        args.since = filter.sinceMs;
      }
      const limit = Math.max(1, Math.min(10_000, Math.floor(filter.limit ?? 500)));
      const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ${limit}`;
      return (db.prepare(sql).all(args) as Row[]).map(fromRow);
    },
    count: () => (cnt.get() as { n: number }).n,
    verify() {
      let prev = GENESIS_HASH;
      let expectSeq = 1;
      let checked = 0;
      for (const r of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<Row>) {
        const e = fromRow(r);
        const bad = (problem: string): AuditVerify => ({ ok: false, checked, firstBad: { seq: r.seq, problem }, headHash: prev });
        if (r.seq !== expectSeq) return bad(`row ${expectSeq} is missing (next row is ${r.seq})`);
        if (r.prev_hash !== prev) return bad(`row ${r.seq} does not link to row ${r.seq - 1} (a row before it was changed or removed)`);
        if (typeof e.details === 'string' && r.details !== JSON.stringify(e.details)) return bad(`row ${r.seq} has unreadable details`);
        if (r.category !== e.category) return bad(`row ${r.seq} has an unknown category "${r.category}"`);
        if (auditRowHash({ ...e, prevHash: r.prev_hash }) !== r.hash) return bad(`row ${r.seq} was changed after it was written`);
        prev = r.hash;
        expectSeq++;
        checked++;
      }
      return { ok: true, checked, firstBad: null, headHash: prev };
    },
  };
}
