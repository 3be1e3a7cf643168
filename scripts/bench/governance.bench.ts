/**
 * Governance policy throughput: planCycle (SPEC §10 decisions + bounded_auto gate) over 10,000 seeded random
 * candidates (targets incl. blacklisted ones, values incl. NaN/strings/huge numbers). Value: decisions/s, best of
 * 5 timed runs after 2 warm-ups (--quick: best of 2 after 1). The per-decision audit write is not included.
 */
import type { ConfigPatch } from '../../src/core/governance/model';
import { buildCandidates, planCycle } from '../../src/core/governance/policy';
import { defaultPolicyConfig } from '../../src/core/governance/policy-config';
import { createRng } from '../../src/core/rng';
import { bestMs, perSecond, wanted, type BenchOptions, type BenchResult } from './harness';

export const names = ['governance.plan_cycle.10k'];
const N = 10_000;
const live: Record<string, number> = { 'portfolio.leverage': 1, 'strategy.trigger_delay': 10, 'macro.regime_weight': 0, 'strategy.ma_crossover.fast_window': 20 };
const targets = [...Object.keys(live), 'risk.stop_loss', 'strategy.name', 'no.such_key'];

export async function run(opts: BenchOptions): Promise<BenchResult[]> {
  if (!wanted(names[0], opts)) return [];
  const rng = createRng('governance-bench');
  const patches: ConfigPatch[] = Array.from({ length: N }, (_, i) => {
    const target = targets[rng.int(targets.length)];
    const r = rng.uniform();
    const newValue = r < 0.1 ? 'NaN' : r < 0.15 ? 'abc' : r < 0.2 ? 1e12 : (live[target] ?? 1) + (rng.uniform() - 0.5);
    return { id: `b${i}`, signalId: null, target, oldValue: live[target] ?? null, newValue, status: 'APPLIED_OFFLINE', reason: '', sourceExperiment: null, confidence: rng.uniform(),
      generatedAt: i, appliedAt: i, promotedAt: null, promotedBy: null, validation: null, meta: {} };
  });
  const candidates = buildCandidates(patches);
  const state = { policy: defaultPolicyConfig, currentValue: (k: string) => (Object.hasOwn(live, k) ? live[k] : undefined) };
  const ms = bestMs(() => planCycle(candidates, state, 'bounded_auto', 0).decisions.length, opts.quick ? 2 : 5, opts.quick ? 1 : 2);
  return [{ name: names[0], value: perSecond(N, ms), unit: 'decisions/s' }];
}
