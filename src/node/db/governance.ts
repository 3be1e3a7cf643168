/**
 * Repositories for the governance tables (migration 060). JSON columns are zod-parsed on read; every write is a
 * plain statement the caller wraps in store.tx together with its audit row.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import {
  ConfigPatchSchema,
  DecisionSchema,
  LearningSignalSchema,
  ModeSchema,
  PatchStatusSchema,
  PatchValueSchema,
  ProposalStatusSchema,
  RecommendedChangeSchema,
  ValidationSchema,
  type ConfigPatch,
  type Decision,
  type LearningSignal,
  type Mode,
  type PatchStatus,
  type ProposalStatus,
} from '../../core/governance/model';
import { OverridesSchema, type Overrides } from '../../core/governance/overrides';

const Meta = z.record(z.string(), z.unknown());
const json = <T>(schema: z.ZodType<T>, text: string | null): T => schema.parse(text === null ? null : JSON.parse(text));

interface SignalRow { id: string; source: string; evidence_kind: string; evidence_id: string; changes_json: string; confidence: number; reason: string; meta_json: string; snippet: string | null; created_at: number }
interface PatchRow { id: string; signal_id: string | null; target: string; old_json: string; new_json: string; status: string; reason: string; source_experiment: string | null; confidence: number | null; generated_at: number; applied_at: number | null; promoted_at: number | null; promoted_by: string | null; validation_json: string | null; meta_json: string }
interface ProposalRow { id: string; created_at: number; mode: string; status: string; title: string; description: string; dir: string; decided_at: number | null; decided_by: string | null; decided_note: string | null; overrides_version: number | null }
interface VersionRow { version: number; created_at: number; actor: string; action: string; reason: string; proposal_id: string | null; values_json: string; content: string; sha256: string }

export interface ProposalRecord {
  id: string;
  createdAt: number;
  mode: Mode;
  status: ProposalStatus;
  title: string;
  description: string;
  dir: string;
  decidedAt: number | null;
  decidedBy: string | null;
  decidedNote: string | null;
  overridesVersion: number | null;
}

export interface OverridesVersion {
  version: number;
  createdAt: number;
  actor: string;
  action: string;
  reason: string;
  proposalId: string | null;
  values: Overrides;
  content: string;
  sha256: string;
}

const toSignal = (r: SignalRow): LearningSignal =>
  LearningSignalSchema.parse({
    id: r.id, source: r.source, evidence: { kind: r.evidence_kind, id: r.evidence_id }, changes: json(z.array(RecommendedChangeSchema), r.changes_json),
    confidence: r.confidence, reason: r.reason, meta: json(Meta, r.meta_json), createdAt: r.created_at, snippet: r.snippet,
  });

const toPatch = (r: PatchRow): ConfigPatch =>
  ConfigPatchSchema.parse({
    id: r.id, signalId: r.signal_id, target: r.target, oldValue: json(PatchValueSchema, r.old_json), newValue: json(PatchValueSchema, r.new_json),
    status: r.status, reason: r.reason, sourceExperiment: r.source_experiment, confidence: r.confidence, generatedAt: r.generated_at,
    appliedAt: r.applied_at, promotedAt: r.promoted_at, promotedBy: r.promoted_by, validation: json(ValidationSchema.nullable(), r.validation_json),
    meta: json(Meta, r.meta_json),
  });

const toProposal = (r: ProposalRow): ProposalRecord => ({
  id: r.id, createdAt: r.created_at, mode: ModeSchema.parse(r.mode), status: ProposalStatusSchema.parse(r.status), title: r.title, description: r.description,
  dir: r.dir, decidedAt: r.decided_at, decidedBy: r.decided_by, decidedNote: r.decided_note, overridesVersion: r.overrides_version,
});

const toVersion = (r: VersionRow): OverridesVersion => ({
  version: r.version, createdAt: r.created_at, actor: r.actor, action: r.action, reason: r.reason, proposalId: r.proposal_id,
  values: json(OverridesSchema, r.values_json), content: r.content, sha256: r.sha256,
});

export function createGovernanceRepo(db: Database.Database) {
  const st = {
    insSignal: db.prepare(`INSERT INTO learning_signals (id, source, evidence_kind, evidence_id, changes_json, confidence, reason, meta_json, snippet, created_at)
      VALUES (@id, @source, @evidence_kind, @evidence_id, @changes_json, @confidence, @reason, @meta_json, @snippet, @created_at)`),
    insPatch: db.prepare(`INSERT INTO config_patches (id, signal_id, target, old_json, new_json, status, reason, source_experiment, confidence, generated_at, applied_at, promoted_at, promoted_by, validation_json, meta_json, updated_at)
      VALUES (@id, @signal_id, @target, @old_json, @new_json, @status, @reason, @source_experiment, @confidence, @generated_at, NULL, NULL, NULL, NULL, @meta_json, @generated_at)`),
    getPatch: db.prepare('SELECT * FROM config_patches WHERE id = ?'),
    insProposal: db.prepare(`INSERT INTO promotion_proposals (id, created_at, mode, status, title, description, dir) VALUES (@id, @created_at, @mode, @status, @title, @description, @dir)`),
    insDecision: db.prepare('INSERT INTO promotion_decisions (proposal_id, idx, patch_id, status, decision_json) VALUES (?, ?, ?, ?, ?)'),
    getProposal: db.prepare('SELECT * FROM promotion_proposals WHERE id = ?'),
    decisions: db.prepare('SELECT decision_json FROM promotion_decisions WHERE proposal_id = ? ORDER BY idx'),
    decideProposal: db.prepare('UPDATE promotion_proposals SET status = @status, decided_at = @at, decided_by = @by, decided_note = @note, overrides_version = @version WHERE id = @id'),
    insVersion: db.prepare(`INSERT INTO overrides_versions (version, created_at, actor, action, reason, proposal_id, values_json, content, sha256)
      VALUES (@version, @created_at, @actor, @action, @reason, @proposal_id, @values_json, @content, @sha256)`),
    lastVersion: db.prepare('SELECT * FROM overrides_versions ORDER BY version DESC LIMIT 1'),
    getVersion: db.prepare('SELECT * FROM overrides_versions WHERE version = ?'),
    versions: db.prepare('SELECT * FROM overrides_versions ORDER BY version DESC'),
    autoCount: db.prepare("SELECT COUNT(*) AS n FROM config_patches WHERE promoted_by = 'auto' AND promoted_at >= ? AND promoted_at < ?"),
    getState: db.prepare('SELECT value_json FROM governance_state WHERE key = ?'),
    setState: db.prepare('INSERT INTO governance_state (key, value_json, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at'),
  };

  return {
    insertSignal(s: LearningSignal): void {
      st.insSignal.run({ id: s.id, source: s.source, evidence_kind: s.evidence.kind, evidence_id: s.evidence.id, changes_json: JSON.stringify(s.changes),
        confidence: s.confidence, reason: s.reason, meta_json: JSON.stringify(s.meta), snippet: s.snippet, created_at: s.createdAt });
    },
    listSignals(limit = 200): LearningSignal[] {
      return (db.prepare('SELECT * FROM learning_signals ORDER BY created_at DESC, id DESC LIMIT ?').all(Math.max(1, Math.min(10_000, limit))) as SignalRow[]).map(toSignal);
    },
    getSignal(id: string): LearningSignal | undefined {
      const r = db.prepare('SELECT * FROM learning_signals WHERE id = ?').get(id) as SignalRow | undefined;
      return r && toSignal(r);
    },
    signalsFor(kind: string, id: string): LearningSignal[] {
      return (db.prepare('SELECT * FROM learning_signals WHERE evidence_kind = ? AND evidence_id = ?').all(kind, id) as SignalRow[]).map(toSignal);
    },
    insertPatch(p: { id: string; signalId: string | null; target: string; oldValue: unknown; newValue: unknown; reason: string; sourceExperiment: string | null; confidence: number | null; generatedAt: number; meta: Record<string, unknown> }): void {
      st.insPatch.run({ id: p.id, signal_id: p.signalId, target: p.target, old_json: JSON.stringify(p.oldValue ?? null), new_json: JSON.stringify(p.newValue ?? null),
        status: 'PROPOSED', reason: p.reason, source_experiment: p.sourceExperiment, confidence: p.confidence, generated_at: p.generatedAt, meta_json: JSON.stringify(p.meta) });
    },
    getPatch(id: string): ConfigPatch | undefined {
      const r = st.getPatch.get(id) as PatchRow | undefined;
      return r && toPatch(r);
    },
    listPatches(filter: { status?: PatchStatus; limit?: number } = {}): ConfigPatch[] {
      const limit = Math.max(1, Math.min(100_000, filter.limit ?? 500));
      const rows = filter.status
        ? db.prepare('SELECT * FROM config_patches WHERE status = ? ORDER BY generated_at, id LIMIT ?').all(PatchStatusSchema.parse(filter.status), limit)
        : db.prepare('SELECT * FROM config_patches ORDER BY generated_at DESC, id DESC LIMIT ?').all(limit);
      return (rows as PatchRow[]).map(toPatch);
    },
    /** raw status/column update; the service checks canTransition and audits */
    updatePatch(id: string, fields: { status: PatchStatus; at: number; appliedAt?: number; promotedAt?: number; promotedBy?: 'auto' | 'operator'; validation?: unknown; meta?: Record<string, unknown> }): void {
      const sets = ['status = @status', 'updated_at = @at'];
      const args: Record<string, unknown> = { id, status: fields.status, at: fields.at };
      if (fields.appliedAt !== undefined) { sets.push('applied_at = @applied'); args.applied = fields.appliedAt; }
      if (fields.promotedAt !== undefined) { sets.push('promoted_at = @promoted'); args.promoted = fields.promotedAt; }
      if (fields.promotedBy !== undefined) { sets.push('promoted_by = @by'); args.by = fields.promotedBy; }
      if (fields.validation !== undefined) { sets.push('validation_json = @val'); args.val = JSON.stringify(fields.validation); }
      if (fields.meta !== undefined) { sets.push('meta_json = @meta'); args.meta = JSON.stringify(fields.meta); }
      db.prepare(`UPDATE config_patches SET ${sets.join(', ')} WHERE id = @id`).run(args);
    },
    autoAppliesBetween: (from: number, to: number): number => (st.autoCount.get(from, to) as { n: number }).n,
    /** patch ids in proposals that are still open (not re-proposed by the next cycle) */
    openProposalPatchIds(): Set<string> {
      const rows = db.prepare("SELECT d.patch_id AS id FROM promotion_decisions d JOIN promotion_proposals p ON p.id = d.proposal_id WHERE p.status = 'open'").all() as { id: string }[];
      return new Set(rows.map((r) => r.id));
    },
    insertProposal(p: { id: string; createdAt: number; mode: Mode; status: ProposalStatus; title: string; description: string; dir: string }, decisions: Decision[]): void {
      st.insProposal.run({ id: p.id, created_at: p.createdAt, mode: p.mode, status: p.status, title: p.title, description: p.description, dir: p.dir });
      decisions.forEach((d, i) => st.insDecision.run(p.id, i, d.patchId, d.status, JSON.stringify(d)));
    },
    proposalExists: (id: string): boolean => st.getProposal.get(id) !== undefined,
    getProposal(id: string): ProposalRecord | undefined {
      const r = st.getProposal.get(id) as ProposalRow | undefined;
      return r && toProposal(r);
    },
    /** with per proposal: number of decisions, accepted ones, and decisions carrying a P0 flag; `id` picks one */
    listProposals(limit = 100, id?: string): (ProposalRecord & { patches: number; accepted: number; p0: number })[] {
      const rows = db.prepare(`SELECT p.*, COUNT(d.idx) AS n, SUM(d.status = 'ACCEPTED_FOR_PROPOSAL') AS acc, SUM(d.decision_json LIKE '%"P0\\_%' ESCAPE '\\') AS p0
        FROM promotion_proposals p LEFT JOIN promotion_decisions d ON d.proposal_id = p.id ${id === undefined ? '' : 'WHERE p.id = @id'}
        GROUP BY p.id ORDER BY p.created_at DESC, p.id DESC LIMIT @limit`).all({ limit: Math.max(1, Math.min(1000, limit)), ...(id !== undefined && { id }) }) as (ProposalRow & { n: number; acc: number | null; p0: number | null })[];
      return rows.map((r) => ({ ...toProposal(r), patches: r.n, accepted: r.acc ?? 0, p0: r.p0 ?? 0 }));
    },
    decisionsOf: (id: string): Decision[] => (st.decisions.all(id) as { decision_json: string }[]).map((r) => DecisionSchema.parse(JSON.parse(r.decision_json))),
    decideProposal(id: string, f: { status: ProposalStatus; at: number; by: string; note: string | null; version: number | null }): void {
      st.decideProposal.run({ id, status: f.status, at: f.at, by: f.by, note: f.note, version: f.version });
    },
    insertVersion(v: OverridesVersion): void {
      st.insVersion.run({ version: v.version, created_at: v.createdAt, actor: v.actor, action: v.action, reason: v.reason, proposal_id: v.proposalId,
        values_json: JSON.stringify(v.values), content: v.content, sha256: v.sha256 });
    },
    lastVersion(): OverridesVersion | undefined {
      const r = st.lastVersion.get() as VersionRow | undefined;
      return r && toVersion(r);
    },
    getVersion(v: number): OverridesVersion | undefined {
      const r = st.getVersion.get(v) as VersionRow | undefined;
      return r && toVersion(r);
    },
    versions: (): OverridesVersion[] => (st.versions.all() as VersionRow[]).map(toVersion),
    getState<T>(key: string, schema: z.ZodType<T>, fallback: T): T {
      const r = st.getState.get(key) as { value_json: string } | undefined;
      if (!r) return fallback;
      const p = schema.safeParse(JSON.parse(r.value_json));
      return p.success ? p.data : fallback;
    },
    setState: (key: string, value: unknown, at: number): void => void st.setState.run(key, JSON.stringify(value), at),
  };
}
export type GovernanceRepo = ReturnType<typeof createGovernanceRepo>;
