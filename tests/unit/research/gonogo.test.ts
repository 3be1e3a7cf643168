import { readFileSync } from 'node:fs';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { evaluateGoNoGo, formatCheckValue, GoNoGoConfigSchema, type GoNoGoInput } from '../../../src/core/research/gonogo';

const cfg = GoNoGoConfigSchema.parse(parse(readFileSync(new URL('../../../config/gonogo.toml', import.meta.url), 'utf8')));
const good: GoNoGoInput = {
  tier: 'core', riskProfile: 'moderate',
  metrics: { sharpe: 1.8, maxDrawdownPct: -12, trades: 80, profitFactor: 1.6 },
  oosSharpe: 1.2, dsr: 0.97, pbo: 0.2, crashDrawdown: -0.3, mc: { maxDrawdownP5: -0.25, probLoss: 0.05 },
};

describe('Go/No-Go', () => {
  it('shipped config validates with the SPEC thresholds', () => {
    expect(cfg.tiers.core).toEqual({ min_sharpe: 1.5, max_drawdown: -0.15, min_trades: 50, min_profit_factor: 1.3 });
    expect(cfg.tiers.aux.min_sharpe).toBe(1.0);
    expect(cfg.tiers.aux.max_drawdown).toBe(-0.2);
    expect(cfg.research).toMatchObject({ min_dsr: 0.95, max_pbo: 0.5 });
  });
  it('GO when every criterion passes', () => {
    const r = evaluateGoNoGo(good, cfg);
    expect(r.verdict).toBe('GO');
    expect(r.reasons).toEqual([]);
    expect(r.checks.every((c) => c.status === 'pass')).toBe(true);
  });
  it('NO_GO with one reason per failed criterion, naming value, threshold and unit', () => {
    const r = evaluateGoNoGo({ ...good, metrics: { sharpe: 1.2, maxDrawdownPct: -18, trades: 80, profitFactor: 1.6 }, pbo: 0.7 }, cfg);
    expect(r.verdict).toBe('NO_GO');
    expect(r.reasons).toEqual([
      'Sharpe 1.2 fails ≥ 1.5',
      'max drawdown -18.00 % fails ≥ -15.00 %',
      'PBO 0.7 fails ≤ 0.5',
    ]);
  });
  it('aux uses its own thresholds (Sharpe ≥ 1.0, max DD ≥ −20 %)', () => {
    const r = evaluateGoNoGo({ ...good, tier: 'aux', metrics: { sharpe: 1.2, maxDrawdownPct: -18, trades: 80, profitFactor: 1.6 } }, cfg);
    expect(r.verdict).toBe('GO');
  });
  it('R&D and legacy tiers are NO_GO', () => {
    const r = evaluateGoNoGo({ ...good, tier: 'r_and_d' }, cfg);
    expect(r.verdict).toBe('NO_GO');
    expect(r.reasons[0]).toMatch(/tier r_and_d is not allowed live/);
  });
  it('INCONCLUSIVE when a required input is missing; optional inputs are skipped', () => {
    const r = evaluateGoNoGo({ ...good, dsr: undefined, oosSharpe: null, mc: undefined, crashDrawdown: undefined }, cfg);
    expect(r.verdict).toBe('INCONCLUSIVE');
    expect(r.reasons).toEqual(['walk-forward OOS Sharpe: missing (needs ≥ 1)', 'Deflated Sharpe: missing (needs ≥ 0.95)']);
    expect(r.checks.find((c) => c.criterion === 'mc_prob_loss')?.status).toBe('skipped');
  });
  it('a failure outranks a missing input (NO_GO), and profile guardrails apply', () => {
    const r = evaluateGoNoGo({ ...good, riskProfile: 'conservative', dsr: undefined, crashDrawdown: -0.35 }, cfg);
    expect(r.verdict).toBe('NO_GO');
    expect(r.reasons).toContain('crash-stress max drawdown -35.00 % fails ≥ -30.00 %');
    expect(r.reasons).toContain('Deflated Sharpe: missing (needs ≥ 0.95)');
  });
  it('no losing trades (profit factor null) passes the profit-factor criterion', () => {
    const r = evaluateGoNoGo({ ...good, metrics: { ...good.metrics, profitFactor: null } }, cfg);
    expect(r.checks.find((c) => c.criterion === 'profit_factor')?.status).toBe('pass');
  });
  it('rejects an invalid config naming the key', () => {
    const bad = GoNoGoConfigSchema.safeParse({ ...cfg, tiers: { ...cfg.tiers, core: { ...cfg.tiers.core, max_drawdown: 0.15 } } });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error?.issues[0].path)).toContain('max_drawdown');
  });
  it('the card and reports write values with the reasons\' digits: probabilities of loss in %, counts with their unit, tiers in words', () => {
    const r = evaluateGoNoGo({ ...good, metrics: { ...good.metrics, profitFactor: 1.15514 }, mc: { maxDrawdownP5: -0.25, probLoss: 0.2654 } }, cfg);
    const pl = r.checks.find((c) => c.criterion === 'mc_prob_loss')!;
    expect(pl.unit).toBe('%');
    expect(r.reasons).toContain('Monte-Carlo probability of loss 26.54 % fails ≤ 25.00 %');
    expect(formatCheckValue(pl.value, pl.unit)).toBe('26.54 %');
    const pf = r.checks.find((c) => c.criterion === 'profit_factor')!;
    expect(formatCheckValue(pf.value, pf.unit)).toBe('1.1551');
    expect(r.reasons).toContain('profit factor 1.1551 fails ≥ 1.3');
    const trades = r.checks.find((c) => c.criterion === 'trades')!;
    expect(formatCheckValue(trades.value, trades.unit)).toBe('80 trades');
    const tier = r.checks.find((c) => c.criterion === 'tier')!;
    expect(formatCheckValue(tier.threshold, tier.unit, tier.comparison)).toBe('core or aux');
    expect(formatCheckValue(null, '%')).toBe('—');
    expect(formatCheckValue(Infinity, '')).toBe('∞');
  });
});
