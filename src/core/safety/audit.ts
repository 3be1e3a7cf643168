/**
 * The audit record shape (pure). Rows live in the append-only `audit_log` table (node/db/audit.ts); each row's hash
 * covers its canonical content and the previous row's hash, so a changed or deleted row breaks the chain.
 */
import { z } from 'zod';

export const GENESIS_HASH = '0'.repeat(64);

/** Fixed list: a category never comes from a request string unchecked. */
export const AuditCategorySchema = z.enum([
  'gate', // SafetyGuard / isLiveExecutionAllowed decisions (allowed or not)
  'risk', // risk-limit evaluations that warned or blocked
  'trading-state', // ACTIVE / REDUCING / HALTED transitions and resets
  'kill-switch',
  'session', // live/paper session lifecycle
  'gate-drill', // drills A–G
  'incident-drill',
  'alert',
  'learning', // learning signals
  'patch', // config patch lifecycle
  'promotion', // policy decisions, proposals, reviewed apply/reject
  'overrides', // live overrides writes and rollbacks
  'config',
]);
export type AuditCategory = z.infer<typeof AuditCategorySchema>;

export const AuditEntryInputSchema = z.object({
  category: AuditCategorySchema,
  action: z.string().min(1).max(120),
  actor: z.string().min(1).max(120),
  subject: z.string().max(200).optional(),
  /** gate decisions: whether the action was allowed */
  allowed: z.boolean().optional(),
  reason: z.string().max(4000).optional(),
  details: z.unknown().optional(),
});
export type AuditEntryInput = z.input<typeof AuditEntryInputSchema>;

export const AuditEntrySchema = z.object({
  seq: z.number().int().positive(),
  ts: z.number(),
  category: AuditCategorySchema,
  action: z.string(),
  actor: z.string(),
  subject: z.string().nullable(),
  allowed: z.boolean().nullable(),
  reason: z.string().nullable(),
  details: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditVerifySchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  /** the first row that does not fit the chain, with what is wrong in words */
  firstBad: z.object({ seq: z.number().int(), problem: z.string() }).nullable(),
  headHash: z.string(),
});
export type AuditVerify = z.infer<typeof AuditVerifySchema>;

/** The content a row's hash covers (prevHash included), in a fixed shape for canonical JSON. */
export function auditHashPayload(e: Omit<AuditEntry, 'hash'>): Record<string, unknown> {
  return {
    seq: e.seq,
    ts: e.ts,
    category: e.category,
    action: e.action,
    actor: e.actor,
    subject: e.subject,
    allowed: e.allowed,
    reason: e.reason,
    details: e.details ?? null,
    prevHash: e.prevHash,
  };
}
