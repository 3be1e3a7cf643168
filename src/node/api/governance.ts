/**
 * governance:* / learn:* / promote:* / overrides:* — thin adapters from the contract to the governance services
 * (src/node/governance). The reviewed apply's checks live in the service, not here, so no door can skip them.
 */
import { CHECKLIST_ITEMS } from '../../core/governance/checklist';
import { utcDayStart } from '../../core/governance/model';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PeakError } from '../../core/errors';
import { lookupEvidence } from '../governance/evidence';
import { governanceOf } from '../governance';
import { killSwitchOf } from '../governance/deps';
import type { HandlerContext } from './context';
import type { Handlers } from './handlers';

const ACTOR = 'operator';

export function createGovernanceHandlers(ctx: HandlerContext) {
  const g = () => governanceOf(ctx);
  const changed = (what: 'signal' | 'patch' | 'proposal' | 'overrides' | 'kill-switch', id?: string) => ctx.events.emit('governance:did-change', { what, ...(id && { id }) });
  const summary = (id: string) => {
    const p = g().repo.listProposals(1, id)[0];
    if (!p) throw new PeakError('NOT_FOUND', `proposal ${id} does not exist (see \`peak promote list\`)`);
    return p;
  };
  // System 1's automatic path: every walk-forward run, as it is stored, is examined for OOS-best parameters that
  // differ from the configured ones (runs:did-change carries the new run's id and kind).
  ctx.events.on('runs:did-change', (e) => {
    if (e.action !== 'created' || e.kind !== 'walkforward') return;
    try {
      const gov = g();
      if (!gov.deps.policy.learning.auto_from_walkforward) return;
      const r = gov.learning.fromWalkforward(e.id, 'system');
      if (r.signal) changed('signal', r.signal.id);
    } catch (err) {
      ctx.logger.warn('governance: walk-forward learning failed', { runId: e.id, error: String(err) });
    }
  });
  return {
    'learn:list': ({ limit }) => ({ signals: g().repo.listSignals(limit), patches: g().repo.listPatches({ limit }) }),
    'learn:emit': (input) => {
      const r = g().learning.emit({ source: 'manual', evidence: input.evidence ?? { kind: 'manual', id: '' }, changes: [{ target: input.target, value: input.value, reason: input.reason }],
        confidence: input.confidence, reason: input.reason, meta: input.datasetId ? { datasetId: input.datasetId } : {} }, ACTOR);
      changed('signal', r.signal.id);
      return { ...r, note: `signal ${r.signal.id} with ${r.patches.length} patch(es)` };
    },
    'learn:from-walkforward': ({ runId }) => {
      const r = g().learning.fromWalkforward(runId, ACTOR);
      if (r.signal) changed('signal', r.signal.id);
      return r;
    },
    'learn:from-sweep': async ({ sweepId }) => {
      const r = await g().learning.fromSweep(sweepId, ACTOR);
      if (r.signal) changed('signal', r.signal.id);
      return r;
    },
    'learn:validate': async ({ patchId, datasetId }) => ctx.jobs.run('governance-validate', async (job) => {
      const ids = patchId ? [patchId] : g().repo.listPatches({ status: 'PROPOSED', limit: 1000 }).map((p) => p.id);
      const out = [];
      const baselines = new Map<string, { id: number; metrics: Record<string, number | null> }>();
      for (const [i, id] of ids.entries()) {
        job.throwIfCancelled();
        out.push(await g().learning.validate(id, datasetId, ACTOR, baselines));
        job.progress(i + 1, ids.length, 're-validation backtests');
      }
      if (out.length) changed('patch');
      return { patches: out };
    }),
    'promote:cycle': ({ mode, dryRun }) => {
      const r = g().promotion.cycle({ mode: mode ?? g().deps.policy.auto_apply.mode, dryRun }, ACTOR);
      if (r.proposalId) changed('proposal', r.proposalId);
      return r;
    },
    'promote:list': ({ limit }) => ({ proposals: g().repo.listProposals(limit) }),
    'promote:show': ({ id }) => {
      const s = summary(id);
      const rec = g().repo.getProposal(id);
      const items = g().repo.decisionsOf(id).map((decision) => {
        const patch = g().repo.getPatch(decision.patchId);
        if (!patch) throw new PeakError('INTERNAL', `proposal ${id} names missing patch ${decision.patchId}`);
        return { decision, patch, evidence: lookupEvidence(ctx.store, g().repo, patch) };
      });
      let md = '';
      try {
        md = readFileSync(join(ctx.dataDir, s.dir, 'OPERATOR_CHECKLIST.md'), 'utf8');
      } catch {
        md = '(OPERATOR_CHECKLIST.md is missing from the data dir)';
      }
      return { proposal: { ...s, description: rec?.description ?? '' }, items, checklist: CHECKLIST_ITEMS.map((i) => ({ id: i.id, text: i.text })), confirmPhrase: id, checklistMarkdown: md };
    },
    'promote:apply': (input) => {
      const r = g().promotion.apply(input, ACTOR);
      changed('proposal', input.proposalId);
      changed('overrides', String(r.overridesVersion));
      return r;
    },
    'promote:reject': ({ proposalId, reason }) => {
      const r = g().promotion.reject(proposalId, reason, ACTOR);
      changed('proposal', proposalId);
      return r;
    },
    'overrides:show': () => {
      const { effective: _ignored, ...view } = g().effective();
      return view;
    },
    'overrides:history': () => {
      const versions = g().overrides.history();
      return { versions: versions.map(({ content: _c, ...v }) => v), current: versions[0]?.version ?? 0 };
    },
    'overrides:diff': ({ from, to }) => {
      const t = to ?? g().overrides.current().version;
      return { from, to: t, changes: g().overrides.diff(from, t) };
    },
    'overrides:rollback': ({ version, reason }) => {
      const before = g().overrides.current();
      const v = g().promotion.rollback(version, reason, ACTOR);
      changed('overrides', String(v.version));
      return { version: v.version, restored: version, sha256: v.sha256, changes: g().overrides.diff(before.version, v.version) };
    },
    'governance:status': () => {
      const d = g().deps;
      const eff = g().effective();
      const today = utcDayStart(ctx.clock());
      return { mode: killSwitchOf(d.repo).on ? 'disabled' as const : d.policy.auto_apply.mode, killSwitch: killSwitchOf(d.repo), environment: eff.environment, liveLike: eff.liveLike,
        overridesVersion: eff.version, autoAppliesToday: d.repo.autoAppliesBetween(today, today + 86_400_000), maxAutoAppliesPerDay: d.policy.auto_apply.max_auto_applies_per_day };
    },
    'governance:kill-switch': ({ on, reason }) => {
      const r = g().promotion.setKillSwitch(on, reason, ACTOR);
      changed('kill-switch');
      return r;
    },
  } satisfies Partial<Handlers>;
}
