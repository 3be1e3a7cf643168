// Limits are loosened ONLY through the reviewed promotion loop: a manual learning signal for a live risk limit
// becomes a patch → proposal → reviewed apply; the live track then reads the promoted limit (source
// "config+reviewed-overrides") in a live-like environment, reads the config's limit again after a rollback, and
// never reads the override in paper mode.
import { afterEach, describe, expect, it } from 'vitest';
import { AppConfigSchema } from '../../src/core/api/config';
import { CHECKLIST_IDS } from '../../src/core/governance/checklist';
import { PolicyConfigSchema } from '../../src/core/governance/policy-config';
import { createGovernance, setGovernance } from '../../src/node/governance';
import { liveServices } from '../../src/node/live';
import { createTestServices, type TestServices } from '../support/services';

function ok<T>(r: { ok: boolean; value?: T; error?: { code: string; message: string } }): T {
  if (!r.ok) throw new Error(`${r.error?.code}: ${r.error?.message}`);
  return r.value as T;
}
const allTicked = Object.fromEntries(CHECKLIST_IDS.map((id) => [id, true]));

let s: TestServices | null = null;
afterEach(async () => {
  await s?.dispose();
  s = null;
});

async function promoteOrderLimit(t: TestServices, value: number): Promise<string> {
  setGovernance(t.ctx, createGovernance(t.ctx, { policy: PolicyConfigSchema.parse({ eligibility: { min_confidence: 0 } }) }));
  const datasetId = ok(await t.invoke('data:list', {})).datasets[0]!.id;
  ok(await t.invoke('learn:emit', { target: 'live_risk.max_order_notional', value, confidence: 0.9, reason: 'paper sessions never came near the cap', datasetId }));
  ok(await t.invoke('learn:validate', {}));
  const cyc = ok(await t.invoke('promote:cycle', { mode: 'manual_only' }));
  const decision = cyc.decisions.find((d) => d.target === 'live_risk.max_order_notional');
  expect(decision?.status, JSON.stringify(decision)).toBe('ACCEPTED_FOR_PROPOSAL');
  ok(await t.invoke('promote:apply', { proposalId: cyc.proposalId!, checklist: allTicked, confirmation: cyc.proposalId! }));
  return cyc.proposalId!;
}

describe('live risk limits follow the reviewed governance overrides', () => {
  it('a promoted limit reaches the live track in a live-like environment and a rollback takes it back', async () => {
    s = createTestServices({ config: AppConfigSchema.parse({ environment: { mode: 'shadow' } }) });
    const live = liveServices(s.ctx).sessions;
    expect(live.liveConfig().risk.max_order_notional).toBe(25);
    await promoteOrderLimit(s, 30);
    expect(live.liveConfig()).toMatchObject({ risk: { max_order_notional: 30 }, limitsSource: 'config+reviewed-overrides' });
    // a request may still only tighten: asking for 40 over the promoted 30 is refused
    expect(() => live.liveConfig({ max_order_notional: 40 })).toThrow(/would loosen/);
    ok(await s.invoke('overrides:rollback', { version: 0, reason: 'back to the config' }));
    expect(live.liveConfig()).toMatchObject({ risk: { max_order_notional: 25 }, limitsSource: 'config' });
  });

  it('paper mode never reads the overrides', async () => {
    s = createTestServices({ config: AppConfigSchema.parse({ environment: { mode: 'shadow' } }) });
    await promoteOrderLimit(s, 30);
    const paperCtx = { ...s.ctx, config: AppConfigSchema.parse({ environment: { mode: 'paper' } }) };
    setGovernance(paperCtx, createGovernance(paperCtx));
    expect(liveServices(paperCtx).sessions.liveConfig()).toMatchObject({ risk: { max_order_notional: 25 }, limitsSource: 'config' });
  });
});
