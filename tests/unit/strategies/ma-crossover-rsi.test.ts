import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rsi } from '../../../src/core/indicators';
import { maCrossover } from '../../../src/core/strategies/ma-crossover';
import { rsiReversion } from '../../../src/core/strategies/rsi-reversion';
import { readPandasCsv, smaCrossTargets } from '../../support/pandas-csv';
import { barsFrom, naiveMean, randomBars, run, win } from './helpers';

describe('ma_crossover', () => {
  // fast 2 / slow 3. d = SMA2 − SMA3: t2 0 (touch), t3 +.17, t4 +.5, t5 +.17, t6 −.67, t7 −.83, t8 −.17,
  // t9 +.83, t10 +.33, t11 −1.67. t3 is a touch (d₋₁ = 0), not a cross: strict on both bars.
  const closes = [10, 10, 10, 11, 12, 11, 9, 8, 9, 12, 8, 6];
  const bars = barsFrom(closes);
  it('long_only: long from the strict cross up (t9) until the cross down (t11); a touch is no cross', () => {
    const r = run(maCrossover, bars, { fast_window: 2, slow_window: 3 });
    expect(r.warmup).toBe(2);
    expect(r.target).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0]);
  });
  it('long_short: short after the cross down at t6, long at t9, short again at t11', () => {
    const r = run(maCrossover, bars, { fast_window: 2, slow_window: 3, side: 'long_short' });
    expect(r.target).toEqual([0, 0, 0, 0, 0, 0, -1, -1, -1, 1, 1, -1]);
  });
  it('does not act before ctx.decisionStart', () => {
    const r = run(maCrossover, bars, { fast_window: 2, slow_window: 3, side: 'long_short' }, 7);
    expect(r.target).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, -1]);
  });
  it('matches a naive SmaCross on random data (both sides)', () => {
    const b = randomBars(3000, 'ma');
    for (const [f, s] of [[5, 20], [10, 30], [2, 3]]) {
      for (const side of ['long_only', 'long_short'] as const) {
        const r = run(maCrossover, b, { fast_window: f, slow_window: s, side });
        expect(r.target).toEqual(Array.from(smaCrossTargets(b.close, f, s, side === 'long_short')));
      }
    }
  });
  const goog = '../shared/data/goog.csv';
  describe.skipIf(!existsSync(goog))('on goog.csv (backtesting.py test data)', () => {
    it('SmaCross 10/30 long_short has 66 position changes after the first cross (the oracle\'s 66 trades)', () => {
      const b = readPandasCsv(goog);
      const r = run(maCrossover, b, { fast_window: 10, slow_window: 30, side: 'long_short' });
      expect(r.target).toEqual(Array.from(smaCrossTargets(b.close, 10, 30, true)));
      let changes = 0;
      // a change on the last bar would never fill (next-open fills)
      for (let t = 1; t < r.target.length - 1; t++) if (r.target[t] !== r.target[t - 1]) changes++;
      expect(changes).toBe(66);
    });
  });
});

describe('rsi_reversion', () => {
  // Hand-computed RSI(2) for closes 10,9,8,9,10,11,10,9 (diffs −1,−1,+1,+1,+1,−1,−1):
  // t2 0 → long; t3 50 → exit (≥ 50), no short (50 ≤ 70); t4 75 → short; t5 87.5 hold;
  // t6 43.75 → cover (≤ 50), no long (≥ 30); t7 21.875 → long.
  const bars = barsFrom([10, 9, 8, 9, 10, 11, 10, 9]);
  it('hand-built path: SPEC state machine, long_short', () => {
    expect(Array.from(rsi(bars.close, 2)).slice(2)).toEqual([0, 50, 75, 87.5, 43.75, 21.875]);
    const r = run(rsiReversion, bars, { rsi_window: 2 });
    expect(r.warmup).toBe(2);
    expect(r.target).toEqual([0, 0, 1, 0, -1, -1, 0, 1]);
  });
  it('long_only drops the shorts', () => {
    expect(run(rsiReversion, bars, { rsi_window: 2, side: 'long_only' }).target).toEqual([0, 0, 1, 0, 0, 0, 0, 1]);
  });
  it('exit then same-bar reversal: long → short when RSI jumps from < lower to > upper', () => {
    // RSI(2): t2 0 (long), t3: gains .5·… choose a big jump: closes 10, 9, 8, 20 → t3 ag = 6, al = .5 → 92.3
    const r = run(rsiReversion, barsFrom([10, 9, 8, 20]), { rsi_window: 2 });
    expect(r.target).toEqual([0, 0, 1, -1]);
  });

  /** Independent naive version: RSI recomputed from scratch with plain arrays, state machine as three steps. */
  function naive(close: Float64Array, p: { n: number; lower: number; upper: number; xl: number; xu: number; trend: number | null; wilder: boolean; ls: boolean }) {
    const c = Array.from(close);
    const g = [NaN], l = [NaN];
    for (let t = 1; t < c.length; t++) { g.push(Math.max(0, c[t] - c[t - 1])); l.push(Math.max(0, c[t - 1] - c[t])); }
    const r = new Array<number>(c.length).fill(NaN);
    let ag = 0, al = 0;
    for (let t = p.n; t < c.length; t++) {
      if (!p.wilder) { ag = naiveMean(win(g, t, p.n)); al = naiveMean(win(l, t, p.n)); }
      else if (t === p.n) { ag = naiveMean(g.slice(1, p.n + 1)); al = naiveMean(l.slice(1, p.n + 1)); }
      else { ag = (ag * (p.n - 1) + g[t]) / p.n; al = (al * (p.n - 1) + l[t]) / p.n; }
      r[t] = al === 0 ? (ag > 0 ? 100 : 50) : 100 - 100 / (1 + ag / al);
    }
    const warm = Math.max(p.n, p.trend ? p.trend - 1 : 0);
    const out = new Array<number>(c.length).fill(0);
    let pos = 0;
    for (let t = warm; t < c.length; t++) {
      const ma = p.trend ? naiveMean(win(c, t, p.trend)) : NaN;
      const canLong = !p.trend || c[t] > ma, canShort = p.ls && (!p.trend || c[t] < ma);
      let exited = false;
      if (pos === 1 && r[t] >= p.xl) { pos = 0; exited = true; }
      if (pos === -1 && r[t] <= p.xu) { pos = 0; exited = true; }
      if (pos === 0) {
        if (!exited && r[t] < p.lower && canLong) pos = 1;
        else if (!exited && r[t] > p.upper && canShort) pos = -1;
        else if (exited && r[t] > p.upper && canShort && out[t - 1] === 1) pos = -1;
        else if (exited && r[t] < p.lower && canLong && out[t - 1] === -1) pos = 1;
      }
      out[t] = pos;
    }
    return out;
  }
  it('matches a naive re-implementation on random data (wilder/sma, trend filter, sides, exits)', () => {
    const b = randomBars(1500, 'rsi', 0.02);
    const cases = [
      { n: 14, lower: 30, upper: 70, xl: 50, xu: 50, trend: null, wilder: true, ls: true },
      { n: 5, lower: 25, upper: 75, xl: 55, xu: 45, trend: null, wilder: false, ls: true },
      { n: 3, lower: 30, upper: 70, xl: 50, xu: 50, trend: 10, wilder: true, ls: true },
      { n: 10, lower: 20, upper: 80, xl: 90, xu: 10, trend: null, wilder: true, ls: false },
    ];
    for (const k of cases) {
      const r = run(rsiReversion, b, {
        rsi_window: k.n, lower: k.lower, upper: k.upper, exit_lower: k.xl, exit_upper: k.xu,
        use_trend_filter: k.trend !== null, trend_ma_window: k.trend ?? 50, use_wilder: k.wilder,
        side: k.ls ? 'long_short' : 'long_only',
      });
      expect(r.target).toEqual(naive(b.close, k));
      expect(r.target.some((v) => v !== 0), JSON.stringify(k)).toBe(true);
    }
  });
});
