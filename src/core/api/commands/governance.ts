/**
 * The governance loop (issue 10, SPEC §10): learning signals and config patches (System 1), promotion cycles,
 * proposals, the reviewed apply / reject (System 2), the live overrides with their versions, rollback and the
 * effective config, and the kill switch. Every action is audited server-side.
 */
import { z } from 'zod';
import { defineDomain } from '../define';
import {
  ConfigPatchSchema,
  DecisionSchema,
  DottedKeySchema,
  EvidenceRefSchema,
  LearningSignalSchema,
  ModeSchema,
  PatchValueSchema,
  ProposalStatusSchema,
} from '../../governance/model';

const SignalResult = z.object({ signal: LearningSignalSchema.nullable(), patches: z.array(ConfigPatchSchema), note: z.string() });

export const ProposalSummarySchema = z.object({
  id: z.string(),
  createdAt: z.number(),
  mode: ModeSchema,
  status: ProposalStatusSchema,
  title: z.string(),
  dir: z.string(),
  patches: z.number().int(),
  accepted: z.number().int(),
  /** decisions carrying a P0 flag */
  p0: z.number().int(),
  decidedAt: z.number().nullable(),
  decidedBy: z.string().nullable(),
  decidedNote: z.string().nullable(),
  overridesVersion: z.number().int().nullable(),
});

export const EvidenceViewSchema = z.object({
  kind: z.string(),
  id: z.string(),
  exists: z.boolean(),
  title: z.string(),
  metrics: z.array(z.object({ name: z.string(), value: z.number().nullable() })),
  verdict: z.object({ verdict: z.enum(['GO', 'NO_GO', 'INCONCLUSIVE']), reasons: z.array(z.string()), source: z.enum(['computed', 'stored']) }).nullable(),
  link: z.object({ screen: z.enum(['experiments', 'sweep', 'research']), params: z.record(z.string(), z.string()) }).nullable(),
  validation: z.object({ runId: z.number().int(), baselineRunId: z.number().int() }).nullable(),
});

export const ProposalDetailSchema = z.object({
  proposal: ProposalSummarySchema.extend({ description: z.string() }),
  items: z.array(z.object({ decision: DecisionSchema, patch: ConfigPatchSchema, evidence: EvidenceViewSchema })),
  checklist: z.array(z.object({ id: z.string(), text: z.string() })),
  /** what the operator types to confirm an apply (the proposal id) */
  confirmPhrase: z.string(),
  checklistMarkdown: z.string(),
});

const OverrideValue = z.union([z.number(), z.string(), z.boolean()]);
export const OverridesVersionSchema = z.object({
  version: z.number().int(),
  createdAt: z.number(),
  actor: z.string(),
  action: z.string(),
  reason: z.string(),
  proposalId: z.string().nullable(),
  values: z.record(z.string(), OverrideValue),
  sha256: z.string(),
});
export const OverrideChangeSchema = z.object({ key: z.string(), from: PatchValueSchema.optional(), to: PatchValueSchema.optional(), kind: z.enum(['added', 'removed', 'changed']) });

export const EffectiveConfigSchema = z.object({
  environment: z.object({ mode: z.string(), enable_live_trading: z.boolean() }),
  liveLike: z.boolean(),
  killSwitch: z.boolean(),
  applied: z.boolean(),
  version: z.number().int(),
  file: z.string(),
  warnings: z.array(z.string()),
  keys: z.array(z.object({ key: z.string(), base: PatchValueSchema, override: PatchValueSchema, effective: PatchValueSchema, source: z.enum(['base', 'override']) })),
});

const ReasonSchema = z.string().trim().min(1, 'give a reason').max(2000);
const Limit = z.number().int().min(1).max(1000).default(100);

export const governanceDomain = defineDomain({
  commands: {
    'learn:list': {
      doc: 'Learning signals and config patches, newest first.',
      input: z.object({ limit: Limit }).default({ limit: 100 }),
      output: z.object({ signals: z.array(LearningSignalSchema), patches: z.array(ConfigPatchSchema) }),
    },
    'learn:emit': {
      doc: 'A manual learning signal (operators, tests): one recommended change → one PROPOSED patch.',
      input: z.object({
        target: DottedKeySchema,
        value: PatchValueSchema,
        confidence: z.number().min(0).max(1),
        reason: ReasonSchema,
        /** data set of the re-validation backtest */
        datasetId: z.string().min(1).max(200).optional(),
        evidence: EvidenceRefSchema.optional(),
      }),
      output: SignalResult,
    },
    'learn:from-walkforward': {
      doc: 'A signal from a stored walk-forward run whose OOS-best parameters differ from the configured ones.',
      input: z.object({ runId: z.number().int().positive() }),
      output: SignalResult,
    },
    'learn:from-sweep': {
      doc: "A signal from a finished sweep's best cell when it passes DSR ≥ min_dsr and PBO ≤ max_pbo.",
      input: z.object({ sweepId: z.number().int().positive() }),
      output: SignalResult,
    },
    'learn:validate': {
      doc: 'Offline re-validation: backtest each PROPOSED patch (or one) with the patched offline config → APPLIED_OFFLINE with its run id.',
      input: z.object({ patchId: z.string().min(1).max(200).optional(), datasetId: z.string().min(1).max(200).optional() }).default({}),
      output: z.object({ patches: z.array(ConfigPatchSchema) }),
    },
    'promote:cycle': {
      doc: 'One promotion cycle: candidates → policy decisions (audited) → a proposal in live_promotion/<id>/; bounded_auto also auto-applies within bounds.',
      input: z.object({ mode: ModeSchema.optional(), dryRun: z.boolean().default(false) }).default({ dryRun: false }),
      output: z.object({ proposalId: z.string().nullable(), mode: ModeSchema, dryRun: z.boolean(), decisions: z.array(DecisionSchema), autoApplied: z.number().int(), overridesVersion: z.number().int().nullable(), note: z.string() }),
    },
    'promote:list': {
      doc: 'Promotion proposals, newest first, with their status, number of patches and P0 flags.',
      input: z.object({ limit: Limit }).default({ limit: 100 }),
      output: z.object({ proposals: z.array(ProposalSummarySchema) }),
    },
    'promote:show': {
      doc: 'One proposal: per patch the decision, the evidence and its verdict; the operator checklist.',
      input: z.object({ id: z.string().min(1).max(200) }),
      output: ProposalDetailSchema,
    },
    'promote:apply': {
      doc: 'Reviewed apply: every checklist item ticked AND the proposal id typed exactly (checked here; refused and audited otherwise).',
      input: z.object({
        proposalId: z.string().min(1).max(200),
        checklist: z.record(z.string().max(100), z.boolean()).default({}),
        confirmation: z.string().max(200).default(''),
      }),
      output: z.object({ proposalId: z.string(), overridesVersion: z.number().int(), applied: z.array(z.object({ target: z.string(), from: z.unknown(), to: z.unknown() })) }),
    },
    'promote:reject': {
      doc: 'Reject an open proposal with a reason (its accepted patches become REJECTED).',
      input: z.object({ proposalId: z.string().min(1).max(200), reason: ReasonSchema }),
      output: z.object({ proposalId: z.string(), rejectedPatches: z.number().int() }),
    },
    'overrides:show': {
      doc: 'The effective live-like config: per key base, override, effective value and source; the environment and whether overrides apply.',
      input: z.object({}).default({}),
      output: EffectiveConfigSchema,
    },
    'overrides:history': {
      doc: 'Every live overrides version, newest first.',
      input: z.object({}).default({}),
      output: z.object({ versions: z.array(OverridesVersionSchema), current: z.number().int() }),
    },
    'overrides:diff': {
      doc: 'Key by key: what changes from one overrides version to another (default: to the current one).',
      input: z.object({ from: z.number().int().min(0), to: z.number().int().min(0).optional() }),
      output: z.object({ from: z.number().int(), to: z.number().int(), changes: z.array(OverrideChangeSchema) }),
    },
    'overrides:rollback': {
      doc: 'Write an earlier overrides version again (byte for byte) as the newest version; audited.',
      input: z.object({ version: z.number().int().min(0), reason: ReasonSchema }),
      output: z.object({ version: z.number().int(), restored: z.number().int(), sha256: z.string(), changes: z.array(OverrideChangeSchema) }),
    },
    'governance:status': {
      doc: 'Policy mode, kill switch, environment and the current overrides version.',
      input: z.object({}).default({}),
      output: z.object({ mode: ModeSchema, killSwitch: z.object({ on: z.boolean(), reason: z.string(), at: z.number(), actor: z.string() }), environment: z.object({ mode: z.string(), enable_live_trading: z.boolean() }), liveLike: z.boolean(), overridesVersion: z.number().int(), autoAppliesToday: z.number().int(), maxAutoAppliesPerDay: z.number().int() }),
    },
    'governance:kill-switch': {
      doc: 'Governance kill switch: on → promotion mode disabled and live overrides ignored; audited.',
      input: z.object({ on: z.boolean(), reason: ReasonSchema }),
      output: z.object({ on: z.boolean(), reason: z.string(), at: z.number(), actor: z.string() }),
    },
  },
  events: {
    'governance:did-change': z.object({ what: z.enum(['signal', 'patch', 'proposal', 'overrides', 'kill-switch']), id: z.string().optional() }),
  },
});
