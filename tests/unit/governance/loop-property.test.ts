// Property test (issue 10): 10,000 random patches — random targets incl. blacklisted and non-existent ones,
// random values incl. NaN, ±Infinity, strings, booleans, huge numbers and out-of-bounds steps — through the whole
// loop (cycle in every mode, reviewed and forged applies, rejects, rollbacks) on a real SQLite store. Invariants:
// no override write outside the bounds / hard limit / blacklist / whitelist, no more auto-applies per UTC day than
// the cap, every decision audited, and the audit chain intact.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppConfigSchema } from '../../../src/core/api/config';
import { CHECKLIST_IDS } from '../../../src/core/governance/checklist';
import { MODES, utcDayStart, type Mode } from '../../../src/core/governance/model';
import { flattenConfig, type Overrides } from '../../../src/core/governance/overrides';
import { LEVERAGE_HARD_LIMIT } from '../../../src/core/governance/policy-config';
import { createRng } from '../../../src/core/rng';
import { createGovernance, type Governance } from '../../../src/node/governance';
import { liveBase } from '../../../src/node/governance/deps';
import { createServices, type Services } from '../../../src/node/services';

const TARGETS = [
  'portfolio.leverage', 'strategy.trigger_delay', 'macro.regime_weight', 'strategy.ma_crossover.fast_window', 'strategy.ma_crossover.slow_window',
  'live_risk.max_order_notional', 'backtest.fee_bps', 'risk.max_position_size', 'risk.stop_loss.pct', 'strategy.name', 'environment.enable_live_trading',
  'live.api_keys.main', 'live.max_order_size', 'live_risk.enabled', 'no_such.key', 'portfolio.leverage_cap', 'macro.trigger_level',
];

describe('governance loop property: 10,000 random patches', () => {
  let dir: string;
  let s: Services;
  let g: Governance;
  let now = Date.UTC(2026, 5, 1, 6);
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'peak-gov-prop-'));
    s = createServices({ dataDir: dir, dbPath: ':memory:', clock: () => now, seed: false, workers: 1, config: AppConfigSchema.parse({ environment: { mode: 'live_dry_run' } }) });
    g = createGovernance(s.ctx);
  });
  afterAll(async () => {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('never writes an override outside the policy and never exceeds the daily auto-apply cap', () => {
    const rng = createRng('governance-property');
    const pick = <T,>(xs: readonly T[]): T => xs[rng.int(xs.length)];
    const { policy } = g.deps;
    const base = flattenConfig(liveBase(g.deps));
    let decisions = 0, applies = 0, forged = 0, rejects = 0, rollbacks = 0, autoApplied = 0;
    let seq = 0;
    let capHits = 0;
    const modeCount: Record<Mode, number> = { disabled: 0, manual_only: 0, bounded_auto: 0 };

    const randomValue = (cur: unknown): unknown => {
      const c = typeof cur === 'number' ? cur : 1;
      switch (rng.int(12)) {
        case 0: return NaN;
        case 1: return pick([Infinity, -Infinity]);
        case 2: return pick(['1.5', 'abc', '', 'true']);
        case 3: return pick([true, false, null]);
        case 4: return pick([1e12, -1e15, Number.MAX_VALUE, 5e-324]);
        case 5: return c + (rng.uniform() - 0.5) * 10; // often out of bounds / step
        case 6: return rng.uniform() * 20 - 5;
        default: return +(c + (rng.uniform() - 0.5) * 0.4).toFixed(3); // small steps: many pass
      }
    };

    for (let cycle = 0; cycle < 100; cycle++) {
      const current = g.deps.overrides.current().values;
      const curOf = (k: string): unknown => (Object.hasOwn(current, k) ? current[k] : base[k]);
      for (let i = 0; i < 100; i++) {
        const target = rng.uniform() < 0.4 ? pick(TARGETS.slice(0, 3)) : pick(TARGETS); // lean on the whitelist: the cap must bind
        const cur = curOf(target);
        const id = `prop-${++seq}`;
        g.repo.insertPatch({ id, signalId: null, target, oldValue: rng.uniform() < 0.85 ? (cur ?? null) : randomValue(cur), newValue: (() => { const v = randomValue(cur); return typeof v === 'number' && !Number.isFinite(v) ? String(v) : v; })(),
          reason: 'property', sourceExperiment: null, confidence: rng.uniform() < 0.1 ? null : rng.uniform(), generatedAt: now, meta: rng.uniform() < 0.1 ? { tags: [pick(['r_and_d', 'experimental', 'untested', 'core'])] } : {} });
        if (rng.uniform() < 0.9) {
          g.repo.updatePatch(id, { status: 'APPLIED_OFFLINE', at: now, appliedAt: now, validation: { runId: 1, baselineRunId: 1, datasetId: 'x', strategyId: 'ma_crossover', sharpe: 1, baselineSharpe: 1, totalReturnPct: 0, maxDrawdownPct: 0, isLiveReady: rng.uniform() < 0.8 } });
        } else {
          g.repo.updatePatch(id, { status: 'APPLIED_OFFLINE', at: now, appliedAt: now });
        }
      }
      const mode = pick(MODES);
      modeCount[mode]++;
      const r = g.promotion.cycle({ mode, dryRun: false }, 'property');
      decisions += r.decisions.length;
      autoApplied += r.autoApplied;
      if (r.proposalId && g.repo.getProposal(r.proposalId)?.status === 'open') {
        const roll = rng.uniform();
        const ticked = Object.fromEntries(CHECKLIST_IDS.map((x) => [x, true]));
        if (roll < 0.15) {
          const partial = { ...ticked, [pick(CHECKLIST_IDS)]: rng.uniform() < 0.5 ? false : 'yes' };
          const bad = rng.uniform() < 0.5 ? { checklist: partial, confirmation: r.proposalId } : { checklist: ticked, confirmation: `${r.proposalId} ` };
          expect(() => g.promotion.apply({ proposalId: r.proposalId!, ...bad }, 'forger')).toThrow(/apply refused/);
          forged++;
        } else if (roll < 0.8) {
          try {
            g.promotion.apply({ proposalId: r.proposalId, checklist: ticked, confirmation: r.proposalId }, 'property');
            applies++;
          } catch (e) {
            expect((e as { code?: string }).code).toBe('CONFLICT');
          }
        } else {
          g.promotion.reject(r.proposalId, 'property reject', 'property');
          rejects++;
        }
      }
      if (rng.uniform() < 0.05) {
        g.promotion.rollback(rng.int(g.deps.overrides.current().version + 1), 'property rollback', 'property');
        rollbacks++;
      }
      capHits += r.decisions.filter((x) => x.autoReasons.some((a) => a.startsWith('daily cap'))).length;
      now += rng.int(6 * 3_600_000); // 0–6 h per cycle: several cycles per UTC day, many days
    }

    // ---- invariants over every overrides version ---------------------------------------------------------
    const versions = g.deps.overrides.history().reverse();
    const autoPerDay = new Map<number, number>();
    let prev: Overrides = {};
    for (const v of versions) {
      if (v.action === 'rollback') {
        const m = /rollback to v(\d+)/.exec(v.reason)!;
        expect(v.content).toBe(g.deps.overrides.get(Number(m[1])).content);
        prev = v.values;
        continue;
      }
      for (const [key, value] of Object.entries(v.values)) {
        if (Object.hasOwn(prev, key) && prev[key] === value) continue;
        const old = Object.hasOwn(prev, key) ? prev[key] : base[key];
        expect(typeof value, key).toBe('number');
        expect(typeof old, `${key} exists in the base as a number`).toBe('number');
        const x = value as number, o = old as number;
        expect(Number.isFinite(x)).toBe(true);
        expect(Math.abs(x)).toBeLessThanOrEqual(policy.sanity.max_abs_value);
        for (const prefix of policy.p0.blacklist_targets) expect(key.startsWith(prefix), `${key} blacklisted`).toBe(false);
        let bounded = false;
        for (const tag of ['leverage', 'risk', 'macro', 'trigger'] as const) {
          const b = policy.bounds[tag];
          if (!key.includes(tag) || !b) continue;
          bounded = true;
          expect(x).toBeGreaterThanOrEqual(b.min);
          expect(x).toBeLessThanOrEqual(b.max);
          expect(Math.abs(x - o)).toBeLessThanOrEqual(b.max_step + 1e-9);
        }
        if (key.includes('leverage')) expect(x).toBeLessThanOrEqual(LEVERAGE_HARD_LIMIT);
        if (!bounded) expect(Math.abs(x - o)).toBeLessThanOrEqual(policy.sanity.max_relative_change * (o === 0 ? 1 : Math.abs(o)) + 1e-9);
        if (v.action === 'auto-apply') {
          expect(policy.auto_apply.whitelist).toContain(key);
          const day = utcDayStart(v.createdAt);
          autoPerDay.set(day, (autoPerDay.get(day) ?? 0) + 1);
        }
      }
      prev = v.values;
    }
    for (const n of autoPerDay.values()) expect(n).toBeLessThanOrEqual(policy.auto_apply.max_auto_applies_per_day);
    const autoPromoted = g.repo.listPatches({ limit: 100_000 }).filter((p) => p.promotedBy === 'auto');
    const byDay = new Map<number, number>();
    for (const p of autoPromoted) byDay.set(utcDayStart(p.promotedAt!), (byDay.get(utcDayStart(p.promotedAt!)) ?? 0) + 1);
    for (const n of byDay.values()) expect(n).toBeLessThanOrEqual(policy.auto_apply.max_auto_applies_per_day);
    expect(autoPromoted.length).toBe(autoApplied);

    // every decision audited (one 'decision' row each), every forged apply refused and audited, chain intact
    const audit = s.store.audit.list({ category: 'promotion', limit: 10_000 });
    const all = s.store.audit.count();
    expect(all).toBeGreaterThan(decisions);
    const decisionRows = s.store.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE category = 'promotion' AND action = 'decision'").get() as { n: number };
    expect(decisionRows.n).toBe(decisions);
    const refused = s.store.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'apply-refused' AND actor = 'forger'").get() as { n: number };
    expect(refused.n).toBe(forged);
    expect(audit.length).toBeGreaterThan(0);
    expect(s.store.audit.verify().ok).toBe(true);

    // the loop really ran: every mode, applies, auto-applies, rejects and rollbacks all happened
    expect(seq).toBe(10_000);
    expect(Math.min(...Object.values(modeCount))).toBeGreaterThan(10);
    expect(applies).toBeGreaterThan(5);
    expect(autoApplied).toBeGreaterThan(3);
    expect(forged).toBeGreaterThan(3);
    expect(rejects).toBeGreaterThan(3);
    expect(rollbacks).toBeGreaterThan(0);
    // the cap really bound: some UTC days reached it and further eligible auto-applies were held back
    expect([...autoPerDay.values()].filter((n) => n === policy.auto_apply.max_auto_applies_per_day).length).toBeGreaterThan(0);
    expect(capHits).toBeGreaterThan(0);
    console.log(`property: ${seq} patches, ${decisions} decisions, ${applies} reviewed applies, ${autoApplied} auto-applies over ${autoPerDay.size} UTC days, ${forged} forged applies refused, ${rejects} rejects, ${rollbacks} rollbacks, ${capHits} held back by the daily cap, ${versions.length} overrides versions, ${all} audit rows`);
  }, 60_000);
});
