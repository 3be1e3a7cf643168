/**
 * System 2, the promotion loop: a cycle turns APPLIED_OFFLINE patches into candidates, decides each by the
 * policy (every decision audited), materialises one proposal (proposal_meta.json, config_patches.json,
 * OPERATOR_CHECKLIST.md under <dataDir>/live_promotion/<id>/) and, in bounded_auto, writes the bounded
 * auto-applies. A reviewed apply needs every checklist item and the typed proposal id — checked HERE again, so a
 * forged request without them is refused and audited. Reject, rollback and the kill switch are audited too.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PeakError } from '../../core/errors';
import { applyRefusals, CHECKLIST_ITEMS, renderChecklist, type ApplyRequest } from '../../core/governance/checklist';
import { proposalId as makeProposalId, utcDayStart, type ConfigPatch, type Decision, type Mode } from '../../core/governance/model';
import type { Overrides } from '../../core/governance/overrides';
import { buildCandidates, decide, planCycle } from '../../core/governance/policy';
import { currentValueFn, killSwitchOf, notFound, type GovernanceDeps } from './deps';
import type { Learning } from './learning';

export const PROPOSALS_DIR = 'live_promotion';

export interface CycleResult {
  proposalId: string | null;
  mode: Mode;
  dryRun: boolean;
  decisions: Decision[];
  autoApplied: number;
  overridesVersion: number | null;
  note: string;
}

export function createPromotion(d: GovernanceDeps, learning: Learning) {
  const { store, repo } = d;
  const DAY = 86_400_000;
  const state = () => ({ policy: d.policy, currentValue: currentValueFn(d) });

  /** PROMOTED patches whose value is no longer the override's value → RETIRED */
  function retireSuperseded(values: Overrides, actor: string, reason: string): void {
    for (const p of repo.listPatches({ status: 'PROMOTED', limit: 100_000 })) {
      if (!Object.hasOwn(values, p.target) || values[p.target] !== p.newValue) learning.transition(p, 'RETIRED', actor, reason);
    }
  }

  function auditDecision(proposalId: string | null, mode: Mode, d0: Decision, patch: ConfigPatch, actor: string, dryRun: boolean): void {
    store.audit.append({
      category: 'promotion', action: dryRun ? 'decision-dry-run' : 'decision', actor, subject: patch.id, allowed: d0.status === 'ACCEPTED_FOR_PROPOSAL',
      reason: d0.reasons.join('; ').slice(0, 4000),
      details: { proposalId, mode, target: patch.target, oldValue: patch.oldValue, newValue: patch.newValue, confidence: patch.confidence, status: d0.status,
        reasons: d0.reasons, safetyFlags: d0.safetyFlags, tags: d0.tags, eligibleForLive: d0.eligibleForLive, autoApplied: d0.autoApplied, autoReasons: d0.autoReasons, meta: patch.meta },
    });
  }

  function materialise(id: string, meta: Record<string, unknown>, rows: { patch: ConfigPatch; decision: Decision }[], title: string, description: string, mode: Mode): string {
    const rel = `${PROPOSALS_DIR}/${id}`;
    const dir = join(d.dataDir, rel);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'proposal_meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
    writeFileSync(join(dir, 'config_patches.json'), `${JSON.stringify(rows.map((r) => ({ ...r.patch, decision: r.decision })), null, 2)}\n`);
    writeFileSync(join(dir, 'OPERATOR_CHECKLIST.md'), renderChecklist({ id, title, description, generatedAt: new Date(meta.createdAt as number).toISOString(), mode,
      rows: rows.map((r) => ({ id: r.patch.id, target: r.patch.target, oldValue: r.patch.oldValue, newValue: r.patch.newValue, confidence: r.patch.confidence, decision: r.decision })) }));
    return rel;
  }

  function cycle(input: { mode: Mode; dryRun: boolean }, actor: string): CycleResult {
    const kill = killSwitchOf(repo);
    const mode: Mode = kill.on ? 'disabled' : input.mode;
    if (mode === 'disabled') {
      const note = kill.on ? `kill switch is on (${kill.reason}): no proposals, no auto-apply` : 'mode disabled: no proposals, no auto-apply';
      store.audit.append({ category: 'promotion', action: 'cycle-skipped', actor, allowed: false, reason: note, details: { requestedMode: input.mode, dryRun: input.dryRun } });
      return { proposalId: null, mode, dryRun: input.dryRun, decisions: [], autoApplied: 0, overridesVersion: null, note };
    }
    const open = repo.openProposalPatchIds();
    const patches = repo.listPatches({ status: 'APPLIED_OFFLINE', limit: 100_000 }).filter((p) => !open.has(p.id));
    const byId = new Map(patches.map((p) => [p.id, p]));
    const now = d.clock();
    const today = utcDayStart(now);
    const plan = planCycle(buildCandidates(patches), state(), mode, repo.autoAppliesBetween(today, today + DAY));
    if (input.dryRun) {
      store.tx(() => { for (const x of plan.decisions) auditDecision(null, mode, x, byId.get(x.patchId) as ConfigPatch, actor, true); });
      return { proposalId: null, mode, dryRun: true, decisions: plan.decisions, autoApplied: 0, overridesVersion: null, note: `dry run: ${plan.decisions.length} decision(s), ${plan.autoApply.length} would be auto-applied; nothing written` };
    }
    return store.tx(() => {
      const id = makeProposalId(now, (x) => repo.proposalExists(x));
      const accepted = plan.decisions.filter((x) => x.status === 'ACCEPTED_FOR_PROPOSAL');
      const pendingReview = accepted.filter((x) => !x.autoApplied).length;
      const status = pendingReview > 0 ? 'open' : plan.autoApply.length > 0 ? 'auto_applied' : 'empty';
      const title = `Promotion proposal ${id}`;
      const n = plan.decisions.length;
      // read on the review screen and in the proposal's Markdown: words, not status codes
      const description = `${n} ${n === 1 ? 'candidate' : 'candidates'} from patches applied offline; ${accepted.length} accepted for proposal, ${plan.autoApply.length} auto-applied (mode: ${mode.replace(/_/g, ' ')}).`;
      const rows = plan.decisions.map((x) => ({ patch: byId.get(x.patchId) as ConfigPatch, decision: x }));
      const dir = materialise(id, { id, title, description, mode, createdAt: now, status, candidates: plan.decisions.length, accepted: accepted.length,
        autoApplied: plan.autoApply.length, p0Flagged: plan.decisions.filter((x) => x.safetyFlags.length > 0).length, checklist: CHECKLIST_ITEMS }, rows, title, description, mode);
      repo.insertProposal({ id, createdAt: now, mode, status, title, description, dir }, plan.decisions);
      for (const r of rows) {
        auditDecision(id, mode, r.decision, r.patch, actor, false);
        if (r.decision.status !== 'ACCEPTED_FOR_PROPOSAL') learning.transition(r.patch, 'REJECTED', actor, `${r.decision.status}: ${r.decision.reasons.join('; ')}`.slice(0, 4000));
      }
      store.audit.append({ category: 'promotion', action: 'proposal-created', actor, subject: id, reason: description, details: { mode, status, dir } });
      let version: number | null = null;
      if (plan.autoApply.length) {
        const values = { ...d.overrides.current().values };
        for (const a of plan.autoApply) values[a.target] = a.value;
        version = d.overrides.write(values, { actor, action: 'auto-apply', reason: `bounded_auto in ${id}: ${plan.autoApply.map((a) => `${a.target} = ${a.value}`).join(', ')}`, proposalId: id }).version;
        for (const a of plan.autoApply) learning.transition(byId.get(a.patchId) as ConfigPatch, 'PROMOTED', actor, `auto-applied in ${id} (overrides v${version})`, { promotedAt: now, promotedBy: 'auto' });
        retireSuperseded(values, actor, `superseded by overrides v${version}`);
        if (status === 'auto_applied') repo.decideProposal(id, { status, at: now, by: actor, note: 'bounded_auto', version });
      }
      return { proposalId: id, mode, dryRun: false, decisions: plan.decisions, autoApplied: plan.autoApply.length, overridesVersion: version, note: `proposal ${id}: ${status}` };
    });
  }

  function refuse(id: string, actor: string, action: string, reasons: string[], code: 'UNSAFE' | 'CONFLICT', details: Record<string, unknown> = {}): never {
    store.audit.append({ category: 'promotion', action, actor, subject: id, allowed: false, reason: reasons.join('; ').slice(0, 4000), details: { ...details, reasons } });
    throw new PeakError(code, `${id}: apply refused: ${reasons.join('; ').slice(0, 4000)}`);
  }

  function apply(req: ApplyRequest, actor: string): { proposalId: string; overridesVersion: number; applied: { target: string; from: unknown; to: unknown }[] } {
    const p = repo.getProposal(req.proposalId);
    if (!p) {
      store.audit.append({ category: 'promotion', action: 'apply-refused', actor, subject: req.proposalId.slice(0, 200), allowed: false, reason: 'no such proposal' });
      throw notFound('proposal', req.proposalId);
    }
    const ticked = Object.keys(req.checklist).filter((k) => req.checklist[k] === true);
    const refusals = applyRefusals(req);
    if (refusals.length) refuse(p.id, actor, 'apply-refused', refusals, 'UNSAFE', { ticked, confirmationMatches: req.confirmation === p.id });
    if (p.status !== 'open') refuse(p.id, actor, 'apply-refused', [`proposal is ${p.status}, not open`], 'CONFLICT');
    const kill = killSwitchOf(repo);
    if (kill.on) refuse(p.id, actor, 'apply-refused', [`governance kill switch is on (${kill.reason})`], 'UNSAFE');
    const todo = repo.decisionsOf(p.id).filter((x) => x.status === 'ACCEPTED_FOR_PROPOSAL' && !x.autoApplied);
    if (!todo.length) refuse(p.id, actor, 'apply-refused', ['no accepted patch left to apply'], 'CONFLICT');
    // the live config may have moved since the cycle: decide again against it
    const st = state();
    const problems: string[] = [];
    const patches = todo.map((x) => repo.getPatch(x.patchId) as ConfigPatch);
    for (const patch of patches) {
      if (patch.status !== 'APPLIED_OFFLINE') problems.push(`${patch.id} is ${patch.status}`);
      const again = decide(buildCandidates([patch])[0] ?? { patch, tags: [], eligibleForLive: false, notes: [], safetyFlags: [] }, st);
      if (again.status !== 'ACCEPTED_FOR_PROPOSAL') problems.push(`${patch.target}: ${again.status}: ${again.reasons.join('; ')}`);
    }
    if (new Set(patches.map((x) => x.target)).size !== patches.length) problems.push('two accepted patches share a target');
    if (problems.length) refuse(p.id, actor, 'apply-refused', problems, 'CONFLICT');
    return store.tx(() => {
      const now = d.clock();
      const before = d.overrides.current().values;
      const values = { ...before };
      for (const patch of patches) values[patch.target] = patch.newValue as number;
      const v = d.overrides.write(values, { actor, action: 'apply', reason: `reviewed apply of ${p.id}`, proposalId: p.id });
      for (const patch of patches) learning.transition(patch, 'PROMOTED', actor, `applied by review of ${p.id} (overrides v${v.version})`, { promotedAt: now, promotedBy: 'operator' });
      retireSuperseded(values, actor, `superseded by overrides v${v.version}`);
      repo.decideProposal(p.id, { status: 'applied', at: now, by: actor, note: 'checklist complete, id typed', version: v.version });
      store.audit.append({ category: 'promotion', action: 'apply', actor, subject: p.id, allowed: true, reason: 'every checklist item ticked and the proposal id typed', details: { ticked, overridesVersion: v.version, targets: patches.map((x) => x.target) } });
      return { proposalId: p.id, overridesVersion: v.version, applied: patches.map((x) => ({ target: x.target, from: Object.hasOwn(before, x.target) ? before[x.target] : x.oldValue, to: x.newValue })) };
    });
  }

  function reject(id: string, reason: string, actor: string): { proposalId: string; rejectedPatches: number } {
    const p = repo.getProposal(id);
    if (!p) throw notFound('proposal', id);
    if (p.status !== 'open') throw new PeakError('CONFLICT', `${id}: proposal is ${p.status}, not open`);
    if (!reason.trim()) throw new PeakError('BAD_INPUT', 'reject: reason: give a reason');
    return store.tx(() => {
      let n = 0;
      for (const x of repo.decisionsOf(id)) {
        const patch = repo.getPatch(x.patchId);
        if (patch && patch.status === 'APPLIED_OFFLINE') {
          learning.transition(patch, 'REJECTED', actor, `proposal ${id} rejected: ${reason}`);
          n++;
        }
      }
      repo.decideProposal(id, { status: 'rejected', at: d.clock(), by: actor, note: reason, version: null });
      store.audit.append({ category: 'promotion', action: 'reject', actor, subject: id, allowed: true, reason, details: { rejectedPatches: n } });
      return { proposalId: id, rejectedPatches: n };
    });
  }

  function rollback(version: number, reason: string, actor: string) {
    return store.tx(() => {
      const v = d.overrides.rollback(version, actor, reason);
      retireSuperseded(v.values, actor, `rolled back to v${version}`);
      return v;
    });
  }

  function setKillSwitch(on: boolean, reason: string, actor: string) {
    const value = { on, reason, at: d.clock(), actor };
    store.tx(() => {
      repo.setState('kill_switch', value, value.at);
      store.audit.append({ category: 'kill-switch', action: on ? 'governance-kill-switch-on' : 'governance-kill-switch-off', actor, subject: 'governance', allowed: true, reason,
        details: { effect: on ? 'promotion mode → disabled; live overrides ignored by the config loader' : 'governance resumes; overrides apply in live-like environments' } });
    });
    return value;
  }

  return { cycle, apply, reject, rollback, setKillSwitch };
}
export type Promotion = ReturnType<typeof createPromotion>;
