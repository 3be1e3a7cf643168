// The governance loop end to end from real evidence: a sweep + a walk-forward on a data set emit signals →
// patches → offline re-validation backtests → a promotion cycle → proposal files → a reviewed apply (a forged
// one refused first) → the live-like config shows the new value with source "override" → rollback restores
// the earlier overrides file byte for byte. Real pool, real temp SQLite, real files.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppConfigSchema } from '../../src/core/api/config';
import { CHECKLIST_IDS } from '../../src/core/governance/checklist';
import { PolicyConfigSchema } from '../../src/core/governance/policy-config';
import { setGovernance, createGovernance } from '../../src/node/governance';
import { createTestServices, type TestServices } from '../support/services';

function ok<T>(r: { ok: boolean; value?: T; error?: { code: string; message: string } }): T {
  if (!r.ok) throw new Error(`${r.error?.code}: ${r.error?.message}`);
  return r.value as T;
}
const allTicked = Object.fromEntries(CHECKLIST_IDS.map((id) => [id, true]));

describe('governance loop end to end (shadow environment, real evidence)', () => {
  let s: TestServices;
  let datasetId: string;
  beforeAll(async () => {
    s = createTestServices({ workers: 2, config: AppConfigSchema.parse({ environment: { mode: 'shadow' } }) });
    datasetId = ok(await s.invoke('data:list', {})).datasets.find((d) => d.bars === 2000)!.id;
    // policy: the shipped one, with the evidence thresholds opened so this small synthetic set qualifies
    const policy = PolicyConfigSchema.parse({ eligibility: { min_confidence: 0 }, learning: { min_dsr: 0, max_pbo: 1 } });
    setGovernance(s.ctx, createGovernance(s.ctx, { policy }));
  });
  afterAll(async () => { await s.dispose(); });

  it('sweep + walk-forward → signals → patches → proposal → reviewed apply → override → byte-exact rollback', async () => {
    const before = ok(await s.invoke('overrides:show', {}));
    expect(before.liveLike).toBe(true);
    const fastKey = before.keys.find((k) => k.key === 'strategy.ma_crossover.fast_window')!;
    expect(fastKey).toMatchObject({ base: 20, effective: 20, source: 'base', override: null });

    // evidence 1: a sweep (its best cell, DSR/PBO-qualified under this policy)
    const sw = ok(await s.invoke('sweeps:start', { datasetId, strategyId: 'ma_crossover', grid: { fast_window: '5:15:5', slow_window: '30,40' }, wait: true }));
    const fromSweep = ok(await s.invoke('learn:from-sweep', { sweepId: sw.sweepId }));
    // evidence 2: a walk-forward whose OOS-best parameters differ from the configured 20 / 50
    const wf = ok(await s.invoke('walkforward:run', { datasetId, strategyId: 'ma_crossover', grid: { fast_window: { kind: 'values', values: [10, 15] }, slow_window: { kind: 'values', values: [40] } },
      train: 600, test: 200, step: 200, mode: 'rolling', report: false }));
    // the stored walk-forward was examined as it was stored (automatic path); a second, explicit look emits nothing
    expect(ok(await s.invoke('learn:from-walkforward', { runId: wf.runId })).signal).toBeNull();
    const listed = ok(await s.invoke('learn:list', {}));
    const wfSignal = listed.signals.find((x) => x.evidence.kind === 'walkforward' && x.evidence.id === String(wf.runId))!;
    const fromWf = { signal: wfSignal, patches: listed.patches.filter((p) => p.signalId === wfSignal.id) };
    expect(fromWf.signal?.source).toBe('walkforward');
    expect(s.store.audit.list({ category: 'learning', subject: wfSignal.id })[0].actor).toBe('system');
    expect(fromWf.signal?.evidence).toEqual({ kind: 'walkforward', id: String(wf.runId) });
    const wfFast = fromWf.patches.find((p) => p.target === 'strategy.ma_crossover.fast_window')!;
    expect([10, 15]).toContain(wfFast.newValue);
    expect(wfFast).toMatchObject({ oldValue: 20, status: 'PROPOSED' });
    expect(fromSweep.signal?.source).toBe('sweep');
    // the learning snippets are files under the data dir
    for (const sig of [fromWf.signal!, fromSweep.signal!]) expect(JSON.parse(readFileSync(join(s.dir, sig.snippet!), 'utf8')).id).toBe(sig.id);

    // offline re-validation: one backtest per patch (+ baseline), run ids recorded
    const validated = ok(await s.invoke('learn:validate', {})).patches;
    const wfFastV = validated.find((p) => p.id === wfFast.id)!;
    expect(wfFastV.status).toBe('APPLIED_OFFLINE');
    const run = ok(await s.invoke('runs:get', { id: wfFastV.validation!.runId }));
    expect(run.params.fast_window).toBe(wfFast.newValue);
    expect(run.strategyId).toBe('ma_crossover');

    // promotion cycle (manual_only): one proposal with its three files
    const cyc = ok(await s.invoke('promote:cycle', { mode: 'manual_only' }));
    expect(cyc.proposalId).toMatch(/^live_promotion_\d{8}T\d{6}Z/);
    const dir = join(s.dir, 'live_promotion', cyc.proposalId!);
    for (const f of ['proposal_meta.json', 'config_patches.json', 'OPERATOR_CHECKLIST.md']) expect(existsSync(join(dir, f))).toBe(true);
    expect(readFileSync(join(dir, 'OPERATOR_CHECKLIST.md'), 'utf8')).toContain('- [ ] No R&D strategies are promoted');
    const fastDecision = cyc.decisions.find((x) => x.target === 'strategy.ma_crossover.fast_window' && x.status === 'ACCEPTED_FOR_PROPOSAL')!;
    expect(fastDecision).toBeDefined();
    const winner = ok(await s.invoke('learn:list', {})).patches.find((p) => p.id === fastDecision.patchId)!;
    const detail = ok(await s.invoke('promote:show', { id: cyc.proposalId! }));
    const item = detail.items.find((i) => i.patch.id === winner.id)!;
    expect(item.evidence.exists).toBe(true);
    expect(item.evidence.verdict?.source).toBe('computed');
    // once the re-validation run has a stored Go/No-Go verdict (gonogo:evaluate), the review shows that record
    const stored = ok(await s.invoke('gonogo:evaluate', { runId: winner.validation!.runId }));
    const reshown = ok(await s.invoke('promote:show', { id: cyc.proposalId! })).items.find((i) => i.patch.id === winner.id)!;
    expect(reshown.evidence.verdict).toEqual({ verdict: stored.verdict, reasons: stored.result.reasons, source: 'stored' });

    // a forged apply (no checklist, no typed id) is refused and audited; the overrides do not move
    const forged = await s.invoke('promote:apply', { proposalId: cyc.proposalId! });
    expect(forged.ok).toBe(false);
    expect(!forged.ok && forged.error.code).toBe('UNSAFE');
    const refusedRow = s.store.audit.list({ category: 'promotion', subject: cyc.proposalId! }).find((e) => e.action === 'apply-refused');
    expect(refusedRow?.allowed).toBe(false);
    expect(ok(await s.invoke('overrides:history', {})).current).toBe(0);

    // the reviewed apply
    const v0 = readFileSync(join(s.dir, 'live_overrides', 'auto.toml'));
    const applied = ok(await s.invoke('promote:apply', { proposalId: cyc.proposalId!, checklist: allTicked, confirmation: cyc.proposalId! }));
    expect(applied.overridesVersion).toBe(1);
    const after = ok(await s.invoke('overrides:show', {}));
    expect(after.keys.find((k) => k.key === 'strategy.ma_crossover.fast_window')).toMatchObject({ base: 20, override: winner.newValue, effective: winner.newValue, source: 'override' });
    expect(readFileSync(join(s.dir, 'live_overrides', 'auto.toml'), 'utf8')).toContain(`"strategy.ma_crossover.fast_window" = ${winner.newValue}`);
    expect(ok(await s.invoke('learn:list', {})).patches.find((p) => p.id === winner.id)?.status).toBe('PROMOTED');

    // rollback to v0: the file is byte for byte the earlier one, the effective value is the base again
    const rb = ok(await s.invoke('overrides:rollback', { version: 0, reason: 'test rollback' }));
    expect(rb.version).toBe(2);
    expect(readFileSync(join(s.dir, 'live_overrides', 'auto.toml')).equals(v0)).toBe(true);
    expect(readFileSync(join(s.dir, 'live_overrides', 'versions', 'v0002.toml')).equals(v0)).toBe(true);
    expect(ok(await s.invoke('overrides:show', {})).keys.find((k) => k.key === 'strategy.ma_crossover.fast_window')).toMatchObject({ effective: 20, source: 'base' });
    expect(ok(await s.invoke('learn:list', {})).patches.find((p) => p.id === winner.id)?.status).toBe('RETIRED');
    expect(s.store.audit.verify().ok).toBe(true);
  }, 120_000);

  it('paper reads the base; the kill switch disables the cycle and makes every environment ignore the overrides', async () => {
    const g = createGovernance(s.ctx);
    ok(await s.invoke('learn:emit', { target: 'portfolio.leverage', value: 1.25, confidence: 0.9, reason: 'test', datasetId }));
    // paper: overrides never apply
    expect(g.effective({ mode: 'paper', enable_live_trading: false }).applied).toBe(false);
    const ks = ok(await s.invoke('governance:kill-switch', { on: true, reason: 'drill' }));
    expect(ks.on).toBe(true);
    const cyc = ok(await s.invoke('promote:cycle', { mode: 'bounded_auto' }));
    expect(cyc).toMatchObject({ proposalId: null, mode: 'disabled' });
    expect(ok(await s.invoke('overrides:show', {})).applied).toBe(false);
    expect(s.store.audit.list({ category: 'kill-switch' })[0].action).toBe('governance-kill-switch-on');
    ok(await s.invoke('governance:kill-switch', { on: false, reason: 'drill over' }));
    expect(ok(await s.invoke('overrides:show', {})).applied).toBe(true);
  });
});

describe('the config loader fails closed on a tampered overrides file', () => {
  it('a hand edit is ignored (warning), the recorded version applies again once restored', async () => {
    const s = createTestServices({ workers: 1, config: AppConfigSchema.parse({ environment: { mode: 'live' } }) });
    try {
      const { writeFileSync } = await import('node:fs');
      const datasetId = ok(await s.invoke('data:list', {})).datasets[0].id;
      ok(await s.invoke('learn:emit', { target: 'portfolio.leverage', value: 1.25, confidence: 0.9, reason: 't', datasetId }));
      ok(await s.invoke('learn:validate', {}));
      const c = ok(await s.invoke('promote:cycle', { mode: 'manual_only' }));
      ok(await s.invoke('promote:apply', { proposalId: c.proposalId!, checklist: allTicked, confirmation: c.proposalId! }));
      const file = join(s.dir, 'live_overrides', 'auto.toml');
      const good = readFileSync(file);
      expect(ok(await s.invoke('overrides:show', {})).keys.find((k) => k.key === 'portfolio.leverage')?.source).toBe('override');
      writeFileSync(file, '[auto_applied]\n"portfolio.leverage" = 2.9\n');
      const t = ok(await s.invoke('overrides:show', {}));
      expect(t.applied).toBe(false);
      expect(t.keys.find((k) => k.key === 'portfolio.leverage')).toMatchObject({ effective: 1, source: 'base' });
      expect(t.warnings.join(' ')).toMatch(/not the recorded version v1/);
      writeFileSync(file, good);
      expect(ok(await s.invoke('overrides:show', {})).keys.find((k) => k.key === 'portfolio.leverage')).toMatchObject({ effective: 1.25, source: 'override' });
    } finally {
      await s.dispose();
    }
  }, 60_000);
});
