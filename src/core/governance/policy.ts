/**
 * System 2's policy (SPEC §10 PromotionDecision order): 1. safety flags are added, 2. not eligible →
 * REJECTED_BY_POLICY, 3. any P0_ flag → REJECTED_BY_POLICY (every mode), 4. leverage > 3.0 →
 * REJECTED_BY_SANITY_CHECK, then the other sanity checks, 5. otherwise ACCEPTED_FOR_PROPOSAL. The status is the
 * first failing step's; `reasons` lists EVERY failed check, so the reviewer sees all of them at once.
 * bounded_auto adds its own gate (global lock, confidence, tags, is_live_ready, whitelist, daily cap).
 */
import type { Candidate, ConfigPatch, Decision, DecisionStatus, Mode, PatchValue } from './model';
import { LEVERAGE_HARD_LIMIT, type PolicyConfig } from './policy-config';

export const TARGET_TAGS = ['leverage', 'risk', 'macro', 'trigger'] as const;
/** tags a signal may carry in patch.meta.tags (e.g. the strategy's tier) that the policy knows about */
const META_TAGS = new Set(['r_and_d', 'experimental', 'untested', 'core', 'aux', 'legacy']);

/** Tags from the target's text (SPEC §10: substrings leverage/risk/macro/trigger) plus known meta tags. */
export function tagsFor(patch: Pick<ConfigPatch, 'target' | 'meta'>): string[] {
  const tags: string[] = TARGET_TAGS.filter((t) => patch.target.includes(t));
  const meta = patch.meta.tags;
  if (Array.isArray(meta)) for (const t of meta) if (typeof t === 'string' && META_TAGS.has(t) && !tags.includes(t)) tags.push(t);
  return tags;
}

/** Candidates are built only from APPLIED_OFFLINE or PROMOTED patches; eligible_for_live starts false. */
export function buildCandidates(patches: readonly ConfigPatch[]): Candidate[] {
  return patches
    .filter((p) => p.status === 'APPLIED_OFFLINE' || p.status === 'PROMOTED')
    .map((patch) => ({ patch, tags: tagsFor(patch), eligibleForLive: false, notes: [], safetyFlags: [] }));
}

const fmt = (v: PatchValue | undefined): string => (v === undefined ? 'absent' : typeof v === 'string' ? JSON.stringify(v) : String(v));

export interface PolicyState {
  policy: PolicyConfig;
  /** the live config's current value at a dotted key (base + current overrides), undefined when absent */
  currentValue(key: string): PatchValue | undefined;
}

/** P0 flags (step 1): blacklisted targets and tags, non-numeric values, tag bounds and max_step. */
export function safetyFlags(c: Candidate, state: PolicyState): { flags: string[]; reasons: string[] } {
  const { policy } = state;
  const flags: string[] = [];
  const reasons: string[] = [];
  const t = c.patch.target;
  for (const prefix of policy.p0.blacklist_targets) {
    if (t.startsWith(prefix)) {
      flags.push('P0_BLACKLISTED_TARGET');
      reasons.push(`P0: target ${t} is blacklisted (prefix "${prefix}")`);
      break;
    }
  }
  for (const tag of c.tags) {
    if (policy.p0.blacklist_tags.includes(tag)) {
      flags.push(`P0_BLACKLISTED_TAG_${tag.toUpperCase()}`);
      reasons.push(`P0: tag "${tag}" is blacklisted`);
    }
  }
  const v = c.patch.newValue;
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    flags.push('P0_NOT_NUMERIC');
    reasons.push(`P0: new value ${fmt(v)} is not a finite number (only numeric parameters are promotable)`);
    return { flags, reasons };
  }
  const cur = state.currentValue(t);
  for (const tag of c.tags) {
    const b = Object.hasOwn(policy.bounds, tag) ? policy.bounds[tag as keyof typeof policy.bounds] : undefined;
    if (!b) continue;
    if (v < b.min || v > b.max) {
      flags.push(`P0_OUT_OF_BOUNDS_${tag.toUpperCase()}`);
      reasons.push(`P0: ${tag} value ${v} is outside [${b.min}, ${b.max}]`);
    }
    if (typeof cur !== 'number' || !Number.isFinite(cur)) {
      flags.push(`P0_NO_STEP_BASE_${tag.toUpperCase()}`);
      reasons.push(`P0: ${tag} step cannot be measured: the live value of ${t} is ${fmt(cur)}`);
    } else if (Math.abs(v - cur) > b.max_step + 1e-12) {
      flags.push(`P0_STEP_TOO_LARGE_${tag.toUpperCase()}`);
      reasons.push(`P0: ${tag} step |${v} − ${cur}| = ${+Math.abs(v - cur).toPrecision(12)} exceeds max_step ${b.max_step}`);
    }
  }
  return { flags, reasons };
}

/** Sanity checks (step 4+): leverage hard limit, the key exists with a numeric value, magnitude, relative change, stale old value. */
export function sanityProblems(c: Candidate, state: PolicyState): string[] {
  const out: string[] = [];
  const { policy } = state;
  const t = c.patch.target;
  const v = c.patch.newValue;
  const cur = state.currentValue(t);
  if (c.tags.includes('leverage') && !(typeof v === 'number' && v <= LEVERAGE_HARD_LIMIT && v > 0)) {
    out.push(`sanity: leverage ${fmt(v)} is not in (0, ${LEVERAGE_HARD_LIMIT}] (hard limit)`);
  }
  if (cur === undefined) {
    out.push(`sanity: ${t} does not exist in the live config`);
    return out;
  }
  if (typeof cur !== 'number') out.push(`sanity: ${t} is a ${typeof cur} in the live config; only numbers are promotable`);
  if (typeof v === 'number' && Number.isFinite(v) && Math.abs(v) > policy.sanity.max_abs_value) {
    out.push(`sanity: |${v}| exceeds ${policy.sanity.max_abs_value}`);
  }
  if (c.patch.oldValue !== cur) out.push(`sanity: the patch's old value ${fmt(c.patch.oldValue)} is stale (the live config has ${fmt(cur)})`);
  const bounded = c.tags.some((tag) => Object.hasOwn(policy.bounds, tag));
  if (!bounded && typeof v === 'number' && Number.isFinite(v) && typeof cur === 'number') {
    const limit = policy.sanity.max_relative_change * (cur === 0 ? 1 : Math.abs(cur));
    if (Math.abs(v - cur) > limit + 1e-12) out.push(`sanity: change |${v} − ${cur}| exceeds ${policy.sanity.max_relative_change} × |old| = ${limit}`);
  }
  return out;
}

/** Eligibility (policy sets eligible_for_live): a recorded re-validation run and enough confidence. */
export function eligibilityProblems(c: Candidate, policy: PolicyConfig): string[] {
  const out: string[] = [];
  if (policy.eligibility.require_validation_run && !c.patch.validation) out.push('not eligible: no offline re-validation backtest recorded');
  const conf = c.patch.confidence;
  if (conf === null || !(conf >= policy.eligibility.min_confidence)) out.push(`not eligible: confidence ${conf ?? 'N/A'} < ${policy.eligibility.min_confidence}`);
  return out;
}

/** One candidate through SPEC §10's steps. Pure; the caller audits the result. */
export function decide(c: Candidate, state: PolicyState): Decision {
  const { flags, reasons: p0 } = safetyFlags(c, state);
  const elig = eligibilityProblems(c, state.policy);
  const sanity = sanityProblems(c, state);
  const eligible = elig.length === 0;
  let status: DecisionStatus;
  if (!eligible || flags.length > 0) status = 'REJECTED_BY_POLICY';
  else if (sanity.length > 0) status = 'REJECTED_BY_SANITY_CHECK';
  else status = 'ACCEPTED_FOR_PROPOSAL';
  const reasons = [...elig, ...p0, ...sanity];
  if (status === 'ACCEPTED_FOR_PROPOSAL') reasons.push('accepted: eligible, no P0 flag, within bounds and sanity checks');
  const cur = state.currentValue(c.patch.target);
  return {
    patchId: c.patch.id,
    target: c.patch.target,
    status,
    reasons,
    tags: c.tags,
    safetyFlags: flags,
    eligibleForLive: eligible,
    currentValue: cur === undefined ? null : cur,
    newValue: c.patch.newValue,
    confidence: c.patch.confidence,
    autoApplied: false,
    autoReasons: [],
  };
}

/** bounded_auto's extra gate for an ACCEPTED decision (the daily cap is checked by planCycle). */
export function autoApplyProblems(d: Decision, patch: ConfigPatch, policy: PolicyConfig): string[] {
  const a = policy.auto_apply;
  const out: string[] = [];
  if (d.status !== 'ACCEPTED_FOR_PROPOSAL') out.push(`not accepted (${d.status})`);
  if (a.global_lock) out.push('global lock is on');
  if (d.safetyFlags.some((f) => f.startsWith('P0_'))) out.push('has P0 flags');
  if (!(d.confidence !== null && d.confidence >= a.min_confidence)) out.push(`confidence ${d.confidence ?? 'N/A'} < ${a.min_confidence}`);
  for (const tag of ['r_and_d', 'experimental']) if (d.tags.includes(tag)) out.push(`tagged ${tag}`);
  if (patch.validation?.isLiveReady === false || patch.meta.is_live_ready === false) out.push('is_live_ready is false (the re-validation backtest was worse than the baseline)');
  if (!a.whitelist.includes(d.target)) out.push(`${d.target} is not on the auto-apply whitelist`);
  return out;
}

export interface CyclePlan {
  decisions: Decision[];
  /** bounded_auto: the overrides to write now (target → value), in decision order */
  autoApply: { patchId: string; target: string; value: number }[];
}

/**
 * Decides every candidate of one cycle. Two candidates for one target: the higher confidence (then the newer)
 * wins, the other is rejected by policy. The current value used for steps is the live config's at cycle start;
 * auto-applied targets are then unique, so each auto write is one bounded step. `autoAppliedToday` counts this
 * UTC day's earlier auto-applies toward max_auto_applies_per_day.
 */
export function planCycle(candidates: readonly Candidate[], state: PolicyState, mode: Mode, autoAppliedToday: number): CyclePlan {
  const winner = new Map<string, Candidate>();
  for (const c of candidates) {
    const w = winner.get(c.patch.target);
    const better = !w || (c.patch.confidence ?? -1) > (w.patch.confidence ?? -1) || ((c.patch.confidence ?? -1) === (w.patch.confidence ?? -1) && c.patch.generatedAt >= w.patch.generatedAt);
    if (better) winner.set(c.patch.target, c);
  }
  const decisions: Decision[] = [];
  const autoApply: CyclePlan['autoApply'] = [];
  let budget = Math.max(0, state.policy.auto_apply.max_auto_applies_per_day - autoAppliedToday);
  for (const c of candidates) {
    let d = decide(c, state);
    const w = winner.get(c.patch.target);
    if (w !== c && w) {
      d = { ...d, status: 'REJECTED_BY_POLICY', reasons: [`superseded in this cycle by patch ${w.patch.id} for the same target`, ...d.reasons.filter((r) => !r.startsWith('accepted'))] };
    }
    if (mode === 'bounded_auto') {
      const problems = autoApplyProblems(d, c.patch, state.policy);
      if (problems.length === 0 && budget <= 0) problems.push(`daily cap of ${state.policy.auto_apply.max_auto_applies_per_day} auto-applies (UTC day) reached`);
      if (problems.length === 0 && typeof c.patch.newValue === 'number') {
        budget--;
        d = { ...d, autoApplied: true };
        autoApply.push({ patchId: c.patch.id, target: c.patch.target, value: c.patch.newValue });
      } else d = { ...d, autoReasons: problems };
    }
    decisions.push(d);
  }
  return { decisions, autoApply };
}
