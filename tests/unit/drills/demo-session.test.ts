import { describe, expect, it } from 'vitest';
import {
  analyseDrill, cellOf, demoActions, demoBars, demoSignals, reactionRecords, summariseReactions, buildEvents, painPoints,
  reportHeatmap, outcomeCounts,
} from '../../../src/core/drills';

// SPEC §7 demo: reactions 2 s, 12 s, none, 3 s, 0 s (SKIPPED). Prices close[i] = 100 + i (our choice; SPEC fixes none).
describe('SPEC §7 demo session — reaction stats', () => {
  const recs = reactionRecords(demoSignals(), demoActions());
  it('categorises each signal from its earliest action', () => {
    expect(recs.map((r) => r.category)).toEqual(['ON_TIME', 'LATE', 'MISSED', 'ON_TIME', 'SKIPPED']);
    expect(recs.map((r) => r.reactionMs)).toEqual([2000, 12000, null, 3000, 0]);
  });
  it('summarises over the four records with an action (SKIPPED included)', () => {
    const s = summariseReactions(recs);
    // values 0, 2000, 3000, 12000 — hand-computed
    expect(s.n).toBe(4);
    expect(s.counts).toEqual({ MISSED: 1, SKIPPED: 1, IMPULSIVE: 0, LATE: 1, ON_TIME: 2 });
    expect(s.mean).toBe(4250);
    expect(s.median).toBe(2500);
    // deviations −4250, −2250, −1250, 7750 → Σ² = 84,750,000; /4 = 21,187,500
    expect(s.std).toBeCloseTo(Math.sqrt(21_187_500), 9);
    expect(s.std).toBeCloseTo(4602.9882, 3);
    // linear: pos = q·3 in [0, 2000, 3000, 12000]
    expect(s.p90).toBeCloseTo(3000 + 0.7 * 9000, 9); // 9300
    expect(s.p95).toBeCloseTo(3000 + 0.85 * 9000, 9); // 10650
    expect(s.p99).toBeCloseTo(3000 + 0.97 * 9000, 9); // 11730
    expect(s.min).toBe(0);
    expect(s.max).toBe(12000);
  });
});

describe('SPEC §7 demo session — event outcomes', () => {
  const events = buildEvents(demoSignals(), demoActions(), demoBars().close);
  it('classifies HIT / LATE (>5 s) / MISSED; SKIPPED counts as HIT', () => {
    expect(events.map((e) => e.outcome)).toEqual(['HIT', 'LATE', 'MISSED', 'HIT', 'HIT']);
    expect(outcomeCounts(events)).toEqual({ HIT: 3, MISSED: 1, LATE: 1, FOMO: 0, RULE_BREAK: 0, OTHER: 0 });
  });
  it('pnl_after_bars = (close[t+20] − close[t])·side; null past the end', () => {
    expect(events.map((e) => e.pnlAfterBars)).toEqual([20, 20, -20, 20, null]);
  });
  it('auto tags and pain points', () => {
    expect(events.map((e) => e.autoTags)).toEqual([['rule_follow'], ['late_entry'], [], ['rule_follow'], ['rule_follow']]);
    expect(painPoints(events).map((e) => e.signalId)).toEqual(['demo2']);
  });
});

describe('SPEC §7 demo session — report heatmap, intended vs SPEC quirks', () => {
  const events = buildEvents(demoSignals(), demoActions(), demoBars().close);
  const intended = reportHeatmap(events, 'intended');
  const spec = reportHeatmap(events, 'spec');
  it('clusters by tags', () => {
    expect(intended.counts).toEqual({ trend_follow: 1, counter_trend: 1, breakout: 2, exit: 0, reentry: 1, other: 0 });
  });
  it('breakout: hesitation .7/2·2.5 = .875 → .88; impulsivity (.4 for the 0 s skip)/2·2.5 = .5', () => {
    expect(cellOf(intended, 'breakout', 'hesitation').score).toBe(0.88);
    expect(cellOf(intended, 'breakout', 'hesitation').heat).toBe(1);
    expect(cellOf(intended, 'breakout', 'impulsivity').score).toBe(0.5);
    expect(cellOf(intended, 'breakout', 'impulsivity').heat).toBe(1);
  });
  it('rule_break on breakout DIFFERS: intended .6/2·2.5 = .75 (only "rule_break"); SPEC 1.2/2·2.5 = 1.5 ("breakout" matched too)', () => {
    expect(cellOf(intended, 'breakout', 'rule_break').score).toBe(0.75);
    expect(cellOf(spec, 'breakout', 'rule_break').score).toBe(1.5);
    expect(cellOf(spec, 'breakout', 'rule_break').heat).toBe(2);
  });
  it('the missed counter-trend signal: hesitation 2.5 (problem cluster), loss fear 1.75; impulsive only under SPEC quirk (1.0)', () => {
    expect(cellOf(intended, 'counter_trend', 'hesitation').score).toBe(2.5);
    expect(cellOf(intended, 'counter_trend', 'hesitation').heat).toBe(3);
    expect(cellOf(intended, 'counter_trend', 'loss_fear').score).toBe(1.75);
    expect(cellOf(intended, 'counter_trend', 'impulsivity').score).toBe(0);
    expect(cellOf(spec, 'counter_trend', 'impulsivity').score).toBe(1);
    expect(intended.problemClusters).toEqual(['counter_trend']);
  });
  it('trend-follow and re-entry clusters (on-time hits) score 0 everywhere', () => {
    for (const c of ['trend_follow', 'reentry'] as const) {
      for (const d of ['fomo', 'loss_fear', 'impulsivity', 'hesitation', 'rule_break'] as const) expect(cellOf(intended, c, d).score).toBe(0);
    }
  });
});

describe('SPEC §7 demo session — paper trade', () => {
  it('one long from bar 6 open (next-open fill + 5 bp slippage, 10 bp fee) to the last close; later longs are no adds', () => {
    const a = analyseDrill(demoBars(), demoSignals(), demoActions());
    expect(a.trades).toHaveLength(1);
    const entry = 105 * 1.0005; // open[6] = close[5] = 105
    const qty = 2500 / entry;
    const fee = 2500 * 0.001;
    expect(a.trades[0].entryPrice).toBeCloseTo(entry, 12);
    expect(a.trades[0].exitPrice).toBe(159);
    expect(a.trades[0].pnl).toBeCloseTo((159 - entry) * qty - fee, 9);
    expect(a.pnl).toBeCloseTo((159 - entry) * qty - fee, 9);
  });
});

describe('SPEC §7 demo session — feature-based method (hand-computed)', () => {
  const a = analyseDrill(demoBars(), demoSignals(), demoActions());
  const ev = Object.fromEntries(a.featureEvents.map((e) => [e.signalId, e]));
  it('features per signal', () => {
    expect(ev.demo1).toMatchObject({ action: 'enter', latencyS: 2, movePct: 0, cluster: 'trend_follow', skipStreak: 0, lossStreak: 0 });
    expect(ev.demo1.pnlBp).toBeCloseTo(((125 - 105) / 105) * 1e4, 9);
    expect(ev.demo1.favorablePct).toBeCloseTo(((125 - 105) / 105) * 100, 9);
    expect(ev.demo3).toMatchObject({ action: 'none', latencyS: null, cluster: 'counter_trend', favorablePct: 0 });
    expect(ev.demo3.adversePct).toBeCloseTo(((145 - 125) / 125) * 100, 9);
    expect(ev.demo4.skipStreak).toBe(1); // the missed demo3 before it
    expect(ev.demo5).toMatchObject({ action: 'skip', latencyS: 0, skipStreak: 0, cluster: 'breakout' });
  });
  it('cluster scores: breakout = mean of demo2 (fomo 2.25→2, hesitation 2) and demo5 (impulsivity 1: < .6 s)', () => {
    const h = a.heatmapFeatures;
    expect(cellOf(h, 'breakout', 'fomo').score).toBe(1);
    expect(cellOf(h, 'breakout', 'hesitation').score).toBe(1);
    expect(cellOf(h, 'breakout', 'impulsivity').score).toBe(0.5);
    expect(cellOf(h, 'counter_trend', 'hesitation').score).toBe(1);
    expect(cellOf(h, 'trend_follow', 'fomo').score).toBe(0);
    expect(cellOf(h, 'reentry', 'hesitation').score).toBe(0); // 3 s is not > 3 s
    expect(h.problemClusters).toEqual([]);
  });
});
