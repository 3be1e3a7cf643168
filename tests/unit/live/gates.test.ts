/**
 * Gate matrix: every environment × every gate value × token right/wrong/missing. ensureMayPlaceOrder never lets
 * an order through in this version and always names the reason (the first blocking gate, and every reason);
 * isLiveExecutionAllowed is true exactly when all five gates pass.
 */
import { describe, expect, it } from 'vitest';
import { CONFIRM_TOKEN, ENVIRONMENTS, effectiveMode, isLiveExecutionAllowed, type EnvironmentConfig } from '../../../src/core/live/environment';
import { OrderBlockedError, SafetyGuard, type GateAuditRecord } from '../../../src/core/live/guard';
import { runAllGateDrills } from '../../../src/core/live/drills';

const tokens = { right: CONFIRM_TOKEN, wrong: 'i know what i am doing', missing: undefined } as const;
const bools = [false, true];

function* matrix(): Generator<EnvironmentConfig> {
  for (const mode of ENVIRONMENTS)
    for (const enable_live_trading of bools)
      for (const live_mode_armed of bools)
        for (const live_dry_run_mode of bools)
          for (const require_confirm_token of bools)
            for (const bounded_pilot_mode of bools)
              for (const tok of Object.values(tokens))
                yield { mode, enable_live_trading, live_mode_armed, live_dry_run_mode, require_confirm_token, bounded_pilot_mode,
                  confirm_token: tok, testnet_dry_run: true, log_all_orders: true };
}

describe('gate matrix', () => {
  it('ensureMayPlaceOrder never allows an order and always names the gate and reason', () => {
    const audited: GateAuditRecord[] = [];
    const guard = new SafetyGuard((r) => audited.push(r));
    let cases = 0, allowedByGates = 0;
    for (const env of matrix()) {
      cases++;
      const d = isLiveExecutionAllowed(env);
      const expectAllowed = env.mode === 'live' && env.enable_live_trading && env.live_mode_armed && !env.live_dry_run_mode &&
        (!env.require_confirm_token || env.confirm_token === CONFIRM_TOKEN);
      expect(d.allowed).toBe(expectAllowed);
      expect(d.reasons.length === 0).toBe(expectAllowed);
      if (d.allowed) allowedByGates++;
      let thrown: unknown = null;
      try {
        guard.ensureMayPlaceOrder(env, { symbol: 'BTC/EUR', side: 'buy', qty: 1, price: 10 });
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(OrderBlockedError);
      const err = thrown as OrderBlockedError;
      expect(err.code).toBe('UNSAFE');
      expect(err.reasons.length).toBeGreaterThan(0);
      expect(err.message).toContain(err.gate);
      if (env.mode === 'paper') expect(err.gate).toBe('paper_mode');
      else if (!d.allowed) {
        expect(err.gate).toBe(d.gates.find((g) => !g.pass)?.gate);
        for (const r of d.reasons) expect(err.message).toContain(r);
      } else expect(err.gate).toBe('live_executor_locked');
      // the token value never appears in a reason
      expect(err.message).not.toContain(CONFIRM_TOKEN);
    }
    expect(cases).toBe(5 * 32 * 3);
    expect(allowedByGates).toBeGreaterThan(0); // the fully armed cases exist and are still refused
    expect(audited).toHaveLength(cases);
    expect(audited.every((a) => a.allowed === false)).toBe(true);
  });

  it('names each failing gate in order', () => {
    const env: EnvironmentConfig = { mode: 'testnet', enable_live_trading: false, live_mode_armed: false, live_dry_run_mode: true,
      require_confirm_token: true, bounded_pilot_mode: false, testnet_dry_run: true, log_all_orders: true };
    const d = isLiveExecutionAllowed(env);
    expect(d.reasons).toEqual([
      'environment is not LIVE (mode=testnet)', 'Gate 1 closed: enable_live_trading=False', 'Gate 2 closed: live_mode_armed=False',
      'dry-run enforced: live_dry_run_mode=True', 'confirm_token missing: set it to the documented confirmation phrase',
    ]);
  });

  it('effective mode follows SPEC §6', () => {
    const b: EnvironmentConfig = { mode: 'live', enable_live_trading: true, live_mode_armed: true, live_dry_run_mode: true,
      require_confirm_token: true, bounded_pilot_mode: false, testnet_dry_run: true, log_all_orders: true };
    expect(effectiveMode({ ...b, mode: 'paper' })).toBe('paper');
    expect(effectiveMode({ ...b, mode: 'testnet' })).toBe('dry_run');
    expect(effectiveMode({ ...b, mode: 'shadow' })).toBe('shadow');
    expect(effectiveMode(b)).toBe('live_dry_run');
    expect(effectiveMode({ ...b, live_dry_run_mode: false })).toBe('blocked');
    expect(effectiveMode({ ...b, live_dry_run_mode: false, bounded_pilot_mode: true })).toBe('live');
  });

  it('drills A–G pass', () => {
    const r = runAllGateDrills();
    expect(r.map((x) => x.id)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G']);
    for (const d of r) expect(d.passed, `drill ${d.id}: ${d.reason}`).toBe(true);
    expect(r.find((d) => d.id === 'E')?.isLiveExecutionAllowed).toBe(true);
    expect(r.find((d) => d.id === 'E')?.guardGate).toBe('live_executor_locked');
    expect(r.find((d) => d.id === 'A')?.reason).toContain('enable_live_trading=False');
  });
});
