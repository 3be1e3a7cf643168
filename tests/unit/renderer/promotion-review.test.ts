import { describe, expect, it } from 'vitest';
import { CHECKLIST_IDS } from '../../../src/core/governance/checklist';
import { applyGate, changeOf, changeText, notGoCandidates, proposalTime, showValue, statusClass } from '../../../src/renderer/src/features/promotion/review';
import { loadLiveParams, loadPolicyConfig, parsePolicyText } from '../../../src/node/governance/config';

const all = Object.fromEntries(CHECKLIST_IDS.map((id) => [id, true]));

describe('promotion review helpers', () => {
  it('Apply gate: every item AND the exact id', () => {
    expect(applyGate(all, 'live_promotion_1', 'live_promotion_1')).toEqual({ enabled: true, missing: 0, typedOk: true });
    expect(applyGate({ ...all, go_no_go: false }, 'live_promotion_1', 'live_promotion_1')).toEqual({ enabled: false, missing: 1, typedOk: true });
    expect(applyGate(all, 'live_promotion_1 ', 'live_promotion_1').enabled).toBe(false);
    expect(applyGate(all, 'LIVE_PROMOTION_1', 'live_promotion_1').enabled).toBe(false);
    expect(applyGate({}, '', '')).toEqual({ enabled: false, missing: 6, typedOk: false });
  });
  it('values and changes (hand-computed)', () => {
    expect(showValue(1.25)).toBe('1.25');
    expect(showValue(0.1 + 0.2)).toBe('0.3');
    expect(showValue('x')).toBe('"x"');
    expect(showValue(null)).toBe('null');
    expect(showValue(undefined)).toBe('—');
    expect(changeOf(1, 1.25)).toEqual({ delta: 0.25, pct: 25 });
    expect(changeOf(20, 15)).toEqual({ delta: -5, pct: -25 });
    expect(changeOf(0, 0.5)).toEqual({ delta: 0.5, pct: null });
    expect(changeOf('a', 1)).toBeNull();
    expect(changeText(10, 12)).toBe('+2 (+20 %)');
    expect(changeText(0, 0.5)).toBe('+0.5');
  });
  it('badges and proposal time', () => {
    expect(statusClass('ACCEPTED_FOR_PROPOSAL')).toBe('good');
    expect(statusClass('REJECTED_BY_SANITY_CHECK')).toBe('bad');
    expect(statusClass('open')).toBe('warn');
    expect(proposalTime('live_promotion_20261202T204107Z_2')).toBe('2026-12-02 20:41:07 UTC');
  });
});

describe('config/promotion_loop.toml validation', () => {
  it('the shipped file is valid: manual_only, SPEC §10 bounds and whitelist', () => {
    const p = loadPolicyConfig();
    expect(p.auto_apply).toMatchObject({ mode: 'manual_only', global_lock: false, min_confidence: 0.8, max_auto_applies_per_day: 3, whitelist: ['portfolio.leverage', 'strategy.trigger_delay', 'macro.regime_weight'] });
    expect(p.bounds).toEqual({ leverage: { min: 1, max: 2, max_step: 0.25 }, trigger: { min: 3, max: 15, max_step: 2 }, macro: { min: 0, max: 0.8, max_step: 0.1 } });
    expect(p.p0.blacklist_targets).toEqual(expect.arrayContaining(['risk.stop_loss', 'live.api_keys', 'live.max_order_size', 'strategy.name', 'environment']));
    expect(loadLiveParams()).toMatchObject({ portfolio: { leverage: 1 }, strategy: { name: 'ma_crossover', trigger_delay: 10, ma_crossover: { fast_window: 20, slow_window: 50 } }, macro: { regime_weight: 0 } });
  });
  it('a bad file is rejected naming the key', () => {
    expect(() => parsePolicyText('[auto_apply]\nmode = "yolo"\n', 'promotion_loop.toml')).toThrow(/promotion_loop.toml: \[auto_apply\] mode/);
    expect(() => parsePolicyText('[auto_apply]\nmax_auto = 3\n', 'promotion_loop.toml')).toThrow(/unknown key\(s\) "max_auto"/);
    expect(() => parsePolicyText('[bounds.leverage]\nmin = 1\nmax = 4\nmax_step = 1\n', 'p.toml')).toThrow(/\[bounds\] leverage.max: must be ≤ the leverage hard limit 3/);
  });
});

describe('review warning', () => {
  const item = (target: string, status: string, verdict: string | null, autoApplied = false) => ({
    decision: { status, autoApplied }, patch: { target }, evidence: { verdict: verdict === null ? null : { verdict } },
  });
  it('names the accepted, not yet applied candidates whose re-validation was not Go', () => {
    expect(notGoCandidates([
      item('strategy.a', 'ACCEPTED_FOR_PROPOSAL', 'NO_GO'),
      item('strategy.b', 'ACCEPTED_FOR_PROPOSAL', 'GO'),
      item('strategy.c', 'ACCEPTED_FOR_PROPOSAL', 'INCONCLUSIVE'),
      item('risk.stop_loss', 'REJECTED_BY_POLICY', 'NO_GO'), // never applied: no warning
      item('macro.w', 'ACCEPTED_FOR_PROPOSAL', 'NO_GO', true), // already auto-applied
      item('portfolio.leverage', 'ACCEPTED_FOR_PROPOSAL', null), // not re-validated
    ])).toEqual([{ target: 'strategy.a', verdict: 'NO_GO' }, { target: 'strategy.c', verdict: 'INCONCLUSIVE' }]);
  });
});
