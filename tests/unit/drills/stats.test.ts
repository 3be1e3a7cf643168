import { describe, expect, it } from 'vitest';
import {
  categorise, clusterOf, hasRuleBreakTag, heatLevel, roundHalfEven, percentileLinear, featureScores, rawFeatureScores,
  clusterAggregate, featureHeatmap, cellOf, moveStep, userActionFor, paperTrades, signalsFromStrategy, scriptTrader,
  scoreTrends, reactionTrends, Scenario, type FeatureEvent, demoBars, excursions,
} from '../../../src/core/drills';
import { makeBars } from '../../../src/core/data/bars';

const fe = (over: Partial<FeatureEvent>): FeatureEvent => ({
  signalId: 'x', cluster: 'other', action: 'enter', latencyS: 1, movePct: 0, pnlBp: 0, adversePct: 0, favorablePct: 0,
  lossStreak: 0, skipStreak: 0, hasSetup: true, hasSignal: true, oppositeToSignal: false, sizeViolation: false,
  riskViolation: false, marked: { fomo: false, fear: false, impulsive: false }, ...over,
});

describe('reaction categories (boundaries)', () => {
  it('299 ms impulsive, 300 on time, 3000 on time, 3001 late, SKIPPED wins, no action missed', () => {
    expect(categorise('EXECUTED', 299)).toBe('IMPULSIVE');
    expect(categorise('EXECUTED', 300)).toBe('ON_TIME');
    expect(categorise('EXECUTED', 3000)).toBe('ON_TIME');
    expect(categorise('EXECUTED', 3001)).toBe('LATE');
    expect(categorise('SKIPPED', 50)).toBe('SKIPPED');
    expect(categorise(null, null)).toBe('MISSED');
  });
  it('linear percentile matches numpy on [1,2,3,4,10]', () => {
    expect(percentileLinear([1, 2, 3, 4, 10], 0.9)).toBeCloseTo(4 + 0.6 * 6, 12);
    expect(percentileLinear([7], 0.99)).toBe(7);
  });
});

describe('clusters, rule-break tags, heat levels', () => {
  it('first rule wins in SPEC order', () => {
    expect(clusterOf(['breakout', 'trend'])).toBe('breakout');
    expect(clusterOf(['reversal'])).toBe('counter_trend');
    expect(clusterOf(['tp'])).toBe('exit');
    expect(clusterOf(['scaling'])).toBe('reentry');
    expect(clusterOf(['Discipline'])).toBe('trend_follow');
    expect(clusterOf(['news'])).toBe('other');
  });
  it('"break" is a whole word in intended mode, a substring in SPEC mode', () => {
    expect(hasRuleBreakTag(['breakout'], 'intended')).toBe(false);
    expect(hasRuleBreakTag(['breakout'], 'spec')).toBe(true);
    expect(hasRuleBreakTag(['rule_break'], 'intended')).toBe(true);
    expect(hasRuleBreakTag(['no_setup'], 'intended')).toBe(true);
    expect(hasRuleBreakTag(['stop-violation'], 'intended')).toBe(true);
  });
  it('heat level thresholds .5/1.5/2.5 and half-even rounding', () => {
    expect([0.49, 0.5, 1.49, 1.5, 2.49, 2.5, 3].map(heatLevel)).toEqual([0, 1, 1, 2, 2, 3, 3]);
    expect([0.5, 1.5, 2.5, 2.6, -0.5].map((x) => roundHalfEven(x))).toEqual([0, 2, 2, 3, -0]);
    expect(roundHalfEven(0.125, 2)).toBe(0.12);
  });
});

describe('feature-based scores (hand-computed)', () => {
  it('fomo: latency 5.5 s → min(.5,1.5)·1.5 = .75, move .35 % → +1.5, marked +1 = 3.25 → 3', () => {
    const f = fe({ latencyS: 5.5, movePct: 0.35, marked: { fomo: true, fear: false, impulsive: false } });
    expect(rawFeatureScores(f).fomo).toBeCloseTo(3.25, 12);
    expect(featureScores(f).fomo).toBe(3);
    expect(moveStep(0.09)).toBe(0);
    expect(moveStep(0.1)).toBe(0.8);
    expect(moveStep(0.7)).toBe(2.2);
  });
  it('loss fear on an early exit at −35 bp: 1 + 1 + .5 = 2.5 → 2 (half even)', () => {
    const f = fe({ action: 'exit', adversePct: 0.05, favorablePct: 0.2, pnlBp: -35 });
    expect(rawFeatureScores(f).loss_fear).toBe(2.5);
    expect(featureScores(f).loss_fear).toBe(2);
    expect(rawFeatureScores(f).rule_break).toBe(0.5);
  });
  it('no action with a setup after a 4-loss streak: loss fear 1.7; hesitation 1 + .5 (favourable .4 %) + skip streak 4 → +1', () => {
    const f = fe({ action: 'none', latencyS: null, lossStreak: 4, favorablePct: 0.4, skipStreak: 4 });
    const r = rawFeatureScores(f);
    expect(r.loss_fear).toBeCloseTo(1.7, 12);
    expect(r.hesitation).toBe(2.5);
    expect(r.impulsivity).toBe(0);
  });
  it('off-signal entry: impulsivity 1.5 + 1.5 = 3, rule break 1; fast reaction +1 impulsivity; latency 9 s → hesitation 2', () => {
    const off = fe({ hasSetup: false, hasSignal: false, latencyS: null });
    expect(rawFeatureScores(off).impulsivity).toBe(3);
    expect(rawFeatureScores(off).rule_break).toBe(1);
    expect(rawFeatureScores(fe({ latencyS: 0.5 })).impulsivity).toBe(1);
    expect(rawFeatureScores(fe({ latencyS: 9 })).hesitation).toBe(2);
    expect(rawFeatureScores(fe({ oppositeToSignal: true })).rule_break).toBe(1.5);
  });
  it('cluster aggregate: n<3 mean; n≥3 ½·mean + ½·top-3 mean', () => {
    expect(clusterAggregate([1, 2])).toBe(1.5);
    expect(clusterAggregate([0, 0, 0, 3, 3, 3])).toBe(0.5 * 1.5 + 0.5 * 3);
    expect(clusterAggregate([])).toBe(0);
    const h = featureHeatmap([fe({ cluster: 'exit', latencyS: 9 }), fe({ cluster: 'exit', latencyS: 1 })]);
    expect(cellOf(h, 'exit', 'hesitation').score).toBe(1); // (2 + 0)/2
    expect(h.method).toBe('features');
  });
});

describe('replay helpers', () => {
  it('maps keys to SPEC user actions', () => {
    expect(userActionFor('enter_long', 'ENTER_LONG', 900, 5000)).toBe('EXECUTED');
    expect(userActionFor('enter_long', 'ENTER_LONG', 5001, 5000)).toBe('FOMO');
    expect(userActionFor('exit', 'EXIT', 9000, 5000)).toBe('EXECUTED');
    expect(userActionFor('enter_short', 'ENTER_LONG', 900, 5000)).toBe('RULE_BREAK');
    expect(userActionFor('skip', 'ENTER_SHORT', 100, 5000)).toBe('SKIPPED');
    expect(userActionFor('enter_long', null, null, 5000)).toBe('RULE_BREAK');
  });
  it('short then exit: fills at next opens with slippage against the trader, fees on both legs', () => {
    const b = demoBars(); // open[i] = 99 + i
    const { trades, pnl } = paperTrades(b, [{ bar: 9, key: 'enter_short' }, { bar: 19, key: 'exit' }]);
    const entry = 109 * (1 - 0.0005);
    const exit = 119 * (1 + 0.0005);
    const qty = 2500 / entry;
    const fees = 2500 * 0.001 + exit * qty * 0.001;
    expect(trades).toHaveLength(1);
    expect(trades[0].pnl).toBeCloseTo((entry - exit) * qty - fees, 9);
    expect(pnl).toBeCloseTo((entry - exit) * qty - fees, 9);
    expect(paperTrades(b, [{ bar: 59, key: 'enter_long' }]).trades).toHaveLength(0); // no next bar
  });
  it('excursions over the lookahead window', () => {
    const c = [100, 101, 99, 102];
    expect(excursions(c, 0, 3, 1)).toEqual({ favorablePct: 2, adversePct: 1 });
  });
  it('signals are the target changes of the core strategy', () => {
    const b = makeBars(8);
    const close = [10, 10, 10, 12, 14, 12, 9, 8];
    close.forEach((v, i) => { b.close[i] = v; b.open[i] = v; b.high[i] = v; b.low[i] = v; b.time[i] = i * 60_000; });
    const s = signalsFromStrategy(b, 'ma_crossover', { fast_window: 2, slow_window: 3, side: 'long_short' }, { enter_long: ['trend'], enter_short: ['reversal'], exit: [] });
    // sma2/sma3: t=3: f=11 > s=10.67 (t=2 equal → no cross: strict); t=6: f=10.5 < s=11
    expect(s.map((x) => [x.bar, x.recommended])).toEqual([[6, 'ENTER_SHORT']]);
    expect(s[0].tags).toEqual(['reversal']);
  });
  it('scripted traders are deterministic per seed and honour their policy', () => {
    const sig = [1, 2, 3].map((i) => ({ signalId: `s${i}`, bar: i * 10, time: 0, state: 1, recommended: 'ENTER_LONG' as const, tags: [] }));
    expect(scriptTrader('impulsive', sig, 7, 5000)).toEqual(scriptTrader('impulsive', sig, 7, 5000));
    expect(scriptTrader('impulsive', sig, 7, 5000).every((p) => p.latencyMs >= 80 && p.latencyMs <= 280)).toBe(true);
    expect(scriptTrader('frozen', sig, 7, 5000)).toHaveLength(1);
    expect(scriptTrader('fomo', sig, 7, 5000).every((p) => p.latencyMs > 5000)).toBe(true);
  });
});

describe('scenario schema and trends', () => {
  it('rejects an unknown key by name', () => {
    const r = Scenario.safeParse({ id: 'x', name: 'X', source: { kind: 'garch', seed: 1, sede: 2 }, strategy: { id: 'ma_crossover' } });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain('sede');
  });
  it('trend points skip clusters a drill had no events in', () => {
    const hm = (score: number, n: number) => ({ method: 'report' as const, quirks: 'intended' as const, problemClusters: [], counts: { trend_follow: n, counter_trend: 0, breakout: 0, exit: 0, reentry: 0, other: 0 }, cells: [{ cluster: 'trend_follow' as const, dimension: 'fomo' as const, score, heat: 0 as const, signalIds: [] }] });
    const sum = { counts: { MISSED: 0, SKIPPED: 0, IMPULSIVE: 0, LATE: 0, ON_TIME: 0 }, n: 0, mean: null, median: null, std: null, p50: 1, p90: 2, p95: 3, p99: 4, min: null, max: null };
    const t = scoreTrends([{ drillId: 'b', finishedAt: 2, heatmap: hm(1, 1), summary: sum }, { drillId: 'a', finishedAt: 1, heatmap: hm(2, 1), summary: sum }, { drillId: 'c', finishedAt: 3, heatmap: hm(9, 0), summary: sum }]);
    expect(t[0].points.map((p) => [p.drillId, p.score])).toEqual([['a', 2], ['b', 1]]);
    expect(reactionTrends([{ drillId: 'a', finishedAt: 1, heatmap: hm(0, 0), summary: sum }])[0].p90).toBe(2);
  });
});
