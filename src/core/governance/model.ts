/**
 * The governance loop's records (SPEC §10, seed 004): learning signals (System 1), config patches and their
 * lifecycle, promotion candidates, decisions and proposals (System 2). Pure zod schemas + the transition rule.
 */
import { z } from 'zod';

/** A dotted config key: lower-case segments of [a-z0-9_], e.g. `portfolio.leverage`, `strategy.ma_crossover.fast_window`. */
export const DottedKeySchema = z
  .string()
  .min(3)
  .max(160)
  .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/, 'a dotted key like portfolio.leverage (lower-case segments of a-z, 0-9, _)');

/**
 * A recommended or patched value. Non-finite numbers cannot be stored as JSON; they arrive as the strings
 * "NaN" / "Infinity" / "-Infinity" (encodeValue) and the policy rejects them as non-numeric.
 */
export const PatchValueSchema = z.union([z.number(), z.string().max(1000), z.boolean(), z.null()]);
export type PatchValue = z.infer<typeof PatchValueSchema>;

export function encodeValue(v: unknown): PatchValue {
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'string') return v.slice(0, 1000);
  if (typeof v === 'boolean' || v === null) return v;
  return v === undefined ? null : String(v).slice(0, 1000);
}

/** Where the evidence came from. Drill and automation-run ids come from other features (accepted as given). */
export const EVIDENCE_KINDS = ['run', 'sweep', 'walkforward', 'drill', 'automation-run', 'manual'] as const;
export const EvidenceKindSchema = z.enum(EVIDENCE_KINDS);
export type EvidenceKind = z.infer<typeof EvidenceKindSchema>;
export const EvidenceRefSchema = z.object({ kind: EvidenceKindSchema, id: z.string().max(200) });
export type EvidenceRef = z.infer<typeof EvidenceRefSchema>;

export const SIGNAL_SOURCES = ['walkforward', 'sweep', 'drill', 'automation', 'manual'] as const;

export const RecommendedChangeSchema = z.object({
  target: DottedKeySchema,
  value: PatchValueSchema,
  reason: z.string().max(2000).default(''),
});
export type RecommendedChange = z.infer<typeof RecommendedChangeSchema>;

export const LearningSignalSchema = z.object({
  id: z.string(),
  source: z.enum(SIGNAL_SOURCES),
  evidence: EvidenceRefSchema,
  changes: z.array(RecommendedChangeSchema).min(1),
  /** [0, 1]; how strongly the evidence supports the change (see the emitting code path for its definition) */
  confidence: z.number().min(0).max(1),
  reason: z.string().max(4000),
  /** e.g. { tags: ['r_and_d'], datasetId, strategyId, metrics } */
  meta: z.record(z.string(), z.unknown()).default({}),
  createdAt: z.number(),
  /** the JSON learning snippet written for it, relative to the data dir */
  snippet: z.string().nullable(),
});
export type LearningSignal = z.infer<typeof LearningSignalSchema>;

export const PATCH_STATUSES = ['PROPOSED', 'APPLIED_OFFLINE', 'PROMOTED', 'REJECTED', 'RETIRED'] as const;
export const PatchStatusSchema = z.enum(PATCH_STATUSES);
export type PatchStatus = z.infer<typeof PatchStatusSchema>;

/** PROPOSED → APPLIED_OFFLINE → PROMOTED | REJECTED | RETIRED (a proposed patch may also be rejected or retired). */
const NEXT: Record<PatchStatus, readonly PatchStatus[]> = {
  PROPOSED: ['APPLIED_OFFLINE', 'REJECTED', 'RETIRED'],
  APPLIED_OFFLINE: ['PROMOTED', 'REJECTED', 'RETIRED'],
  PROMOTED: ['RETIRED'],
  REJECTED: [],
  RETIRED: [],
};
export const canTransition = (from: PatchStatus, to: PatchStatus): boolean => NEXT[from].includes(to);

/** The offline re-validation: a backtest with the patched offline config (and the baseline without it). */
export const ValidationSchema = z.object({
  runId: z.number().int().positive(),
  baselineRunId: z.number().int().positive(),
  datasetId: z.string(),
  strategyId: z.string(),
  sharpe: z.number().nullable(),
  baselineSharpe: z.number().nullable(),
  totalReturnPct: z.number().nullable(),
  maxDrawdownPct: z.number().nullable(),
  /** false when the patched backtest is worse than the baseline by Sharpe (bounded_auto refuses it) */
  isLiveReady: z.boolean(),
});
export type Validation = z.infer<typeof ValidationSchema>;

export const ConfigPatchSchema = z.object({
  id: z.string(),
  signalId: z.string().nullable(),
  target: DottedKeySchema,
  oldValue: PatchValueSchema,
  newValue: PatchValueSchema,
  status: PatchStatusSchema,
  reason: z.string(),
  sourceExperiment: z.string().nullable(),
  confidence: z.number().nullable(),
  generatedAt: z.number(),
  appliedAt: z.number().nullable(),
  promotedAt: z.number().nullable(),
  /** 'auto' (bounded_auto) or 'operator' (a reviewed apply) once promoted */
  promotedBy: z.enum(['auto', 'operator']).nullable(),
  validation: ValidationSchema.nullable(),
  meta: z.record(z.string(), z.unknown()),
});
export type ConfigPatch = z.infer<typeof ConfigPatchSchema>;

export const DECISION_STATUSES = ['PENDING', 'REJECTED_BY_POLICY', 'REJECTED_BY_SANITY_CHECK', 'ACCEPTED_FOR_PROPOSAL'] as const;
export const DecisionStatusSchema = z.enum(DECISION_STATUSES);
export type DecisionStatus = z.infer<typeof DecisionStatusSchema>;

export const CandidateSchema = z.object({
  patch: ConfigPatchSchema,
  tags: z.array(z.string()),
  eligibleForLive: z.boolean(),
  notes: z.array(z.string()),
  safetyFlags: z.array(z.string()),
});
export type Candidate = z.infer<typeof CandidateSchema>;

export const DecisionSchema = z.object({
  patchId: z.string(),
  target: z.string(),
  status: DecisionStatusSchema,
  reasons: z.array(z.string()),
  tags: z.array(z.string()),
  safetyFlags: z.array(z.string()),
  eligibleForLive: z.boolean(),
  /** the live config value the decision was measured against */
  currentValue: PatchValueSchema,
  newValue: PatchValueSchema,
  confidence: z.number().nullable(),
  /** bounded_auto: written to the overrides by the cycle */
  autoApplied: z.boolean(),
  /** why it was not auto-applied (bounded_auto only) */
  autoReasons: z.array(z.string()),
});
export type Decision = z.infer<typeof DecisionSchema>;

export const MODES = ['disabled', 'manual_only', 'bounded_auto'] as const;
export const ModeSchema = z.enum(MODES);
export type Mode = z.infer<typeof ModeSchema>;

export const PROPOSAL_STATUSES = ['open', 'applied', 'rejected', 'auto_applied', 'empty'] as const;
export const ProposalStatusSchema = z.enum(PROPOSAL_STATUSES);
export type ProposalStatus = z.infer<typeof ProposalStatusSchema>;

/** `live_promotion_<UTC %Y%m%dT%H%M%SZ>` (SPEC §10); `_2`, `_3` … when a cycle ran in the same second. */
export function proposalId(nowMs: number, taken: (id: string) => boolean): string {
  const iso = new Date(nowMs).toISOString(); // 2026-12-02T20:41:07.123Z
  const base = `live_promotion_${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  if (!taken(base)) return base;
  for (let i = 2; ; i++) if (!taken(`${base}_${i}`)) return `${base}_${i}`;
}
export const ProposalIdSchema = z.string().regex(/^live_promotion_\d{8}T\d{6}Z(_\d{1,4})?$/, 'a proposal id like live_promotion_20261202T204107Z');

/** Start of the UTC day of t (epoch ms): the auto-apply cap counts per UTC day. */
export const utcDayStart = (t: number): number => Math.floor(t / 86_400_000) * 86_400_000;
