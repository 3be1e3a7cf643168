import { describe, expect, it } from 'vitest';
import { applyRefusals, CHECKLIST_IDS, renderChecklist } from '../../../src/core/governance/checklist';
import { canTransition, proposalId, type ConfigPatch } from '../../../src/core/governance/model';
import { applyLiveOverrides, diffOverrides, isLiveLikeEnvironment, renderOverridesToml } from '../../../src/core/governance/overrides';
import { buildCandidates, decide, planCycle, tagsFor } from '../../../src/core/governance/policy';
import { defaultPolicyConfig, PolicyConfigSchema } from '../../../src/core/governance/policy-config';
import { parse } from 'smol-toml';

const live: Record<string, number> = { 'portfolio.leverage': 1.0, 'strategy.trigger_delay': 10, 'macro.regime_weight': 0, 'strategy.ma_crossover.fast_window': 20, 'live_risk.max_order_notional': 25 };
const state = { policy: defaultPolicyConfig, currentValue: (k: string) => (Object.hasOwn(live, k) ? live[k] : undefined) };
let n = 0;
function patch(target: string, newValue: ConfigPatch['newValue'], over: Partial<ConfigPatch> = {}): ConfigPatch {
  return {
    id: `p${++n}`, signalId: null, target, oldValue: Object.hasOwn(live, target) ? live[target] : null, newValue, status: 'APPLIED_OFFLINE', reason: 't', sourceExperiment: null,
    confidence: 0.9, generatedAt: n, appliedAt: 1, promotedAt: null, promotedBy: null,
    validation: { runId: 1, baselineRunId: 2, datasetId: 'd', strategyId: 'ma_crossover', sharpe: 1, baselineSharpe: 0.5, totalReturnPct: 1, maxDrawdownPct: -1, isLiveReady: true },
    meta: {}, ...over,
  };
}
const one = (p: ConfigPatch) => decide(buildCandidates([p])[0], state);

describe('policy (SPEC §10 order, every reason)', () => {
  it('tags from the target text and known meta tags', () => {
    expect(tagsFor({ target: 'portfolio.leverage', meta: {} })).toEqual(['leverage']);
    expect(tagsFor({ target: 'macro.trigger_risk', meta: { tags: ['r_and_d', 'weird'] } })).toEqual(['risk', 'macro', 'trigger', 'r_and_d']);
  });
  it('candidates only from APPLIED_OFFLINE / PROMOTED, eligible_for_live false', () => {
    const c = buildCandidates([patch('portfolio.leverage', 1.25), patch('portfolio.leverage', 1.25, { status: 'PROPOSED' }), patch('portfolio.leverage', 1.25, { status: 'PROMOTED' })]);
    expect(c).toHaveLength(2);
    expect(c.every((x) => !x.eligibleForLive)).toBe(true);
  });
  it('accepts an in-bounds step', () => {
    const d = one(patch('portfolio.leverage', 1.25));
    expect(d.status).toBe('ACCEPTED_FOR_PROPOSAL');
    expect(d.eligibleForLive).toBe(true);
  });
  it('bounds by tag: min/max and max_step are P0 → REJECTED_BY_POLICY with each reason', () => {
    const d = one(patch('portfolio.leverage', 3.5));
    expect(d.status).toBe('REJECTED_BY_POLICY');
    expect(d.safetyFlags).toEqual(['P0_OUT_OF_BOUNDS_LEVERAGE', 'P0_STEP_TOO_LARGE_LEVERAGE']);
    expect(d.reasons.join('\n')).toMatch(/outside \[1, 2\][\s\S]*exceeds max_step 0.25[\s\S]*leverage 3.5 is not in \(0, 3\] \(hard limit\)/);
    expect(one(patch('strategy.trigger_delay', 12)).status).toBe('ACCEPTED_FOR_PROPOSAL');
    expect(one(patch('strategy.trigger_delay', 12.5)).safetyFlags).toEqual(['P0_STEP_TOO_LARGE_TRIGGER']);
    expect(one(patch('macro.regime_weight', 0.1)).status).toBe('ACCEPTED_FOR_PROPOSAL');
    expect(one(patch('macro.regime_weight', 0.11)).status).toBe('REJECTED_BY_POLICY');
  });
  it('blacklisted targets and tags are P0 in every mode', () => {
    expect(one(patch('risk.stop_loss.pct', 0.02)).safetyFlags).toContain('P0_BLACKLISTED_TARGET');
    expect(one(patch('strategy.name', 'x')).safetyFlags).toEqual(['P0_BLACKLISTED_TARGET', 'P0_NOT_NUMERIC']);
    const r = one(patch('strategy.ma_crossover.fast_window', 25, { meta: { tags: ['r_and_d'] } }));
    expect(r.status).toBe('REJECTED_BY_POLICY');
    expect(r.safetyFlags).toEqual(['P0_BLACKLISTED_TAG_R_AND_D']);
  });
  it('NaN, strings, booleans are not numeric; huge numbers fail sanity', () => {
    for (const v of ['NaN', 'Infinity', 'abc', true, null]) expect(one(patch('strategy.ma_crossover.fast_window', v)).safetyFlags).toContain('P0_NOT_NUMERIC');
    const huge = one(patch('strategy.ma_crossover.fast_window', 1e12));
    expect(huge.status).toBe('REJECTED_BY_SANITY_CHECK');
    expect(huge.reasons.join(' ')).toMatch(/exceeds 1000000000/);
  });
  it('leverage hard limit 3.0 (sanity) even when bounds would allow it', () => {
    const policy = PolicyConfigSchema.parse({ bounds: { leverage: { min: 1, max: 3, max_step: 5 } } });
    const d = decide(buildCandidates([patch('portfolio.leverage', 3.5)])[0], { ...state, policy });
    expect(d.safetyFlags).toEqual(['P0_OUT_OF_BOUNDS_LEVERAGE']);
    const d2 = decide(buildCandidates([patch('portfolio.leverage', 3)])[0], { ...state, policy });
    expect(d2.status).toBe('ACCEPTED_FOR_PROPOSAL');
    expect(() => PolicyConfigSchema.parse({ bounds: { leverage: { min: 1, max: 3.5, max_step: 1 } } })).toThrow(/hard limit 3/);
  });
  it('eligibility: no re-validation run or low confidence → REJECTED_BY_POLICY', () => {
    const d = one(patch('portfolio.leverage', 1.25, { validation: null, confidence: 0.2 }));
    expect(d.status).toBe('REJECTED_BY_POLICY');
    expect(d.eligibleForLive).toBe(false);
    expect(d.reasons).toEqual(expect.arrayContaining(['not eligible: no offline re-validation backtest recorded', 'not eligible: confidence 0.2 < 0.5']));
  });
  it('sanity: unknown key, stale old value, relative change of untagged targets', () => {
    expect(one(patch('no_such.key', 1)).reasons).toContain('sanity: no_such.key does not exist in the live config');
    expect(one(patch('strategy.ma_crossover.fast_window', 25, { oldValue: 30 })).status).toBe('REJECTED_BY_SANITY_CHECK');
    expect(one(patch('strategy.ma_crossover.fast_window', 40)).status).toBe('ACCEPTED_FOR_PROPOSAL'); // |40 − 20| = 1.0 × 20
    expect(one(patch('strategy.ma_crossover.fast_window', 41)).status).toBe('REJECTED_BY_SANITY_CHECK');
  });
  it('bounded_auto: whitelist, confidence ≥ 0.80, is_live_ready, tags and the daily cap', () => {
    const ps = [
      patch('portfolio.leverage', 1.25),
      patch('strategy.trigger_delay', 11, { confidence: 0.79 }),
      patch('macro.regime_weight', 0.1, { validation: { runId: 1, baselineRunId: 2, datasetId: 'd', strategyId: 's', sharpe: 0, baselineSharpe: 1, totalReturnPct: 0, maxDrawdownPct: 0, isLiveReady: false } }),
      patch('strategy.ma_crossover.fast_window', 25),
    ];
    const plan = planCycle(buildCandidates(ps), state, 'bounded_auto', 0);
    expect(plan.autoApply.map((a) => a.target)).toEqual(['portfolio.leverage']);
    expect(plan.decisions[1].autoReasons).toEqual(['confidence 0.79 < 0.8']);
    expect(plan.decisions[2].autoReasons[0]).toMatch(/is_live_ready is false/);
    expect(plan.decisions[3].autoReasons).toEqual(['strategy.ma_crossover.fast_window is not on the auto-apply whitelist']);
    // the cap: two already today, three eligible → one more
    const three = [patch('portfolio.leverage', 1.25), patch('strategy.trigger_delay', 11), patch('macro.regime_weight', 0.05)];
    const capped = planCycle(buildCandidates(three), state, 'bounded_auto', 2);
    expect(capped.autoApply).toHaveLength(1);
    expect(capped.decisions[2].autoReasons).toEqual(['daily cap of 3 auto-applies (UTC day) reached']);
    expect(planCycle(buildCandidates(three), state, 'manual_only', 0).autoApply).toHaveLength(0);
    const locked = PolicyConfigSchema.parse({ auto_apply: { global_lock: true } });
    expect(planCycle(buildCandidates(three), { ...state, policy: locked }, 'bounded_auto', 0).autoApply).toHaveLength(0);
  });
  it('two patches for one target in a cycle: the higher confidence wins', () => {
    const a = patch('portfolio.leverage', 1.25, { confidence: 0.85 });
    const b = patch('portfolio.leverage', 1.2, { confidence: 0.95 });
    const plan = planCycle(buildCandidates([a, b]), state, 'manual_only', 0);
    expect(plan.decisions.map((x) => x.status)).toEqual(['REJECTED_BY_POLICY', 'ACCEPTED_FOR_PROPOSAL']);
    expect(plan.decisions[0].reasons[0]).toBe(`superseded in this cycle by patch ${b.id} for the same target`);
  });
});

describe('lifecycle, proposal ids, apply confirmation, checklist', () => {
  it('transitions', () => {
    expect(canTransition('PROPOSED', 'APPLIED_OFFLINE')).toBe(true);
    expect(canTransition('APPLIED_OFFLINE', 'PROMOTED')).toBe(true);
    expect(canTransition('PROPOSED', 'PROMOTED')).toBe(false);
    expect(canTransition('REJECTED', 'PROMOTED')).toBe(false);
    expect(canTransition('PROMOTED', 'RETIRED')).toBe(true);
  });
  it('proposal id is live_promotion_<UTC %Y%m%dT%H%M%SZ>, suffixed when taken', () => {
    const t = Date.UTC(2026, 11, 2, 20, 41, 7, 999);
    expect(proposalId(t, () => false)).toBe('live_promotion_20261202T204107Z');
    expect(proposalId(t, (x) => x === 'live_promotion_20261202T204107Z')).toBe('live_promotion_20261202T204107Z_2');
  });
  it('apply needs every item ticked (true, not truthy) and the id typed exactly', () => {
    const all = Object.fromEntries(CHECKLIST_IDS.map((id) => [id, true]));
    expect(applyRefusals({ proposalId: 'x', checklist: all, confirmation: 'x' })).toEqual([]);
    expect(applyRefusals({ proposalId: 'x', checklist: { ...all, no_p0: 'yes' }, confirmation: 'x' })[0]).toMatch(/1 of 6 item\(s\) not ticked \(no_p0\)/);
    expect(applyRefusals({ proposalId: 'x', checklist: all, confirmation: 'x ' })).toEqual(['confirmation: type the proposal id exactly']);
    expect(applyRefusals({ proposalId: 'x', checklist: {}, confirmation: '' })).toHaveLength(2);
  });
  it('OPERATOR_CHECKLIST.md: header, P0 warning block, checkboxes, per patch with confidence .3f or N/A', () => {
    const d = one(patch('portfolio.leverage', 2.5));
    const ok = one(patch('portfolio.leverage', 1.25));
    const md = renderChecklist({ id: 'live_promotion_1', title: 'T', description: 'D', generatedAt: '2026-01-01T00:00:00.000Z', mode: 'manual_only',
      rows: [{ id: 'a', target: 'portfolio.leverage', oldValue: 1, newValue: 2.5, confidence: 0.91234, decision: d }, { id: 'b', target: 'portfolio.leverage', oldValue: 1, newValue: 1.25, confidence: null, decision: ok }] });
    expect(md).toContain('**⚠ P0 WARNING** — 1 candidate(s)');
    expect(md).toContain('- Candidates: 2 (accepted for proposal: 1)');
    expect(md.match(/^- \[ \] /gm)).toHaveLength(6);
    expect(md).toContain('- Confidence: 0.912');
    expect(md).toContain('- Confidence: N/A');
    expect(md).toContain('- Old → new: 1 → 2.5');
  });
});

describe('overrides', () => {
  const base = { portfolio: { leverage: 1 }, strategy: { name: 'ma', trigger_delay: 10 } };
  it('live-like environments (SPEC §10)', () => {
    for (const mode of ['live', 'testnet', 'shadow', 'paper_live', 'live_dry_run']) expect(isLiveLikeEnvironment({ mode, enable_live_trading: false })).toBe(true);
    expect(isLiveLikeEnvironment({ mode: 'paper', enable_live_trading: false })).toBe(false);
    expect(isLiveLikeEnvironment({ mode: 'paper', enable_live_trading: true })).toBe(true);
  });
  it('applies in live-like environments only, reports sources, ignores unknown paths and type mismatches, never mutates the base', () => {
    const o = { 'portfolio.leverage': 1.25, 'no.such': 1, 'strategy.name': 3 };
    const r = applyLiveOverrides(base, o, { mode: 'shadow', enable_live_trading: false });
    expect(r.effective.portfolio.leverage).toBe(1.25);
    expect(base.portfolio.leverage).toBe(1);
    expect(r.sources).toEqual({ 'portfolio.leverage': 'override', 'strategy.name': 'base', 'strategy.trigger_delay': 'base' });
    expect(r.ignored.map((i) => i.key)).toEqual(['no.such', 'strategy.name']);
    const p = applyLiveOverrides(base, o, { mode: 'paper', enable_live_trading: false });
    expect(p.effective).toBe(base);
    expect(p.sources['portfolio.leverage']).toBe('base');
  });
  it('deterministic TOML that round-trips; diff key by key', () => {
    const o = { 'strategy.trigger_delay': 8, 'portfolio.leverage': 1.75, 'macro.regime_weight': 0.35 };
    const text = renderOverridesToml(o);
    expect(text).toBe(renderOverridesToml({ 'macro.regime_weight': 0.35, 'portfolio.leverage': 1.75, 'strategy.trigger_delay': 8 }));
    expect(text).toContain('[auto_applied]\n"macro.regime_weight" = 0.35\n"portfolio.leverage" = 1.75\n"strategy.trigger_delay" = 8\n');
    expect((parse(text) as { auto_applied: unknown }).auto_applied).toEqual(o);
    expect(diffOverrides({ a: 1, b: 2 }, { b: 3, c: 4 })).toEqual([
      { key: 'a', from: 1, to: undefined, kind: 'removed' }, { key: 'b', from: 2, to: 3, kind: 'changed' }, { key: 'c', from: undefined, to: 4, kind: 'added' },
    ]);
  });
});
