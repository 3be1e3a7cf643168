import { describe, expect, it } from 'vitest';
import type { Bars } from '../../../src/core/data/bars';
import { atr, dmi, rollingPercentRank } from '../../../src/core/indicators';
import { bollingerBands } from '../../../src/core/strategies/bollinger-bands';
import { breakout } from '../../../src/core/strategies/breakout';
import { breakoutDonchian } from '../../../src/core/strategies/breakout-donchian';
import { macdStrategy } from '../../../src/core/strategies/macd';
import { meanReversion } from '../../../src/core/strategies/mean-reversion';
import { momentum1h } from '../../../src/core/strategies/momentum-1h';
import { myStrategy } from '../../../src/core/strategies/my-strategy';
import { volBreakout } from '../../../src/core/strategies/vol-breakout';
import { trendFollowing } from '../../../src/core/strategies/trend-following';
import { volRegimeFilterStrategy } from '../../../src/core/strategies/vol-regime-filter';
import { barsFrom, held, naiveMean, naiveStd, randomBars, run, win } from './helpers';

const B = randomBars(1500, 'aux', 0.015);
const close = Array.from(B.close);
const edge = (cur: boolean[], t: number) => cur[t] && !(t > 0 && cur[t - 1]);
const emaNaive = (x: number[], n: number) => {
  const a = 2 / (n + 1), out: number[] = [];
  x.forEach((v, t) => out.push(t === 0 ? v : a * v + (1 - a) * out[t - 1]));
  return out;
};

describe('trend_following', () => {
  it('hand-built: long through a clean up-trend, out three bars into the sell-off', () => {
    // Rising by 1 per bar: +DM = 1, −DM = 0 → DI+ > 0 = DI−, DX = ADX = 100 > 25 → entry at warmup 2·3 − 1 = 5.
    // Falling from t12 (wick .5, open = previous close): t12 has up = down = 0, t13 on −DM = 1. Smoothed +DM
    // decays 1 → .67 → .44 → .30, −DM grows 0 → 0 → .33 → .56, so −DI > +DI first at t14.
    const c = [...Array.from({ length: 12 }, (_, i) => 10 + i), 20, 19, 18, 17];
    const r = run(trendFollowing, barsFrom(c, { wick: 0.5 }), { adx_period: 3, use_ma_filter: false });
    expect(r.warmup).toBe(5);
    expect(r.target).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0]);
  });
  it('matches the original event rule (rising edges, exit wins) converted to held positions', () => {
    for (const k of [{ n: 14, thr: 25, x: 20, ma: 50, f: true }, { n: 5, thr: 20, x: 15, ma: 20, f: false }]) {
      const d = dmi(B.high, B.low, B.close, k.n);
      const ent = close.map((c, t) => d.adx[t] > k.thr && d.plusDI[t] > d.minusDI[t] && (!k.f || (t >= k.ma - 1 && c > naiveMean(win(close, t, k.ma)))));
      const ex = close.map((_, t) => d.adx[t] < k.x || d.minusDI[t] > d.plusDI[t]);
      const ev = close.map((_, t) => (edge(ex, t) ? -1 : edge(ent, t) ? 1 : 0));
      const warm = Math.max(2 * k.n - 1, k.f ? k.ma - 1 : 0);
      const r = run(trendFollowing, B, { adx_period: k.n, adx_threshold: k.thr, exit_threshold: k.x, ma_period: k.ma, use_ma_filter: k.f });
      expect(r.target).toEqual(held(ev, warm, false));
      expect(r.target.some((v) => v === 1)).toBe(true);
    }
  });
});

describe('breakout', () => {
  // lookback 3, wick 0: high/low = max/min(prev close, close)
  const A = barsFrom([10, 10, 10, 11, 11, 11, 9, 9]);
  it('enters on a close above the prior high and flips on a close below the prior low (symmetric)', () => {
    expect(run(breakout, A, { lookback_breakout: 3 }).target).toEqual([0, 0, 0, 1, 1, 1, -1, -1]);
    expect(run(breakout, A, { lookback_breakout: 3, risk_mode: 'long_only' }).target).toEqual([0, 0, 0, 1, 1, 1, 0, 0]);
    expect(run(breakout, A, { lookback_breakout: 3, exit_on_opposite_breakout: false }).target).toEqual([0, 0, 0, 1, 1, 1, 1, 1]);
    expect(run(breakout, A, { lookback_breakout: 3, risk_mode: 'short_only' }).target).toEqual([0, 0, 0, 0, 0, 0, -1, -1]);
  });
  it('stop-loss exits on the bar whose low touches entry·(1 − SL)', () => {
    const b = barsFrom([10, 10, 10, 11, 11.2, 10.4, 10.4]); // stop 11·.95 = 10.45; t5 low 10.4
    expect(run(breakout, b, { lookback_breakout: 3 }).target).toEqual([0, 0, 0, 1, 1, 1, 1]);
    expect(run(breakout, b, { lookback_breakout: 3, stop_loss_pct: 0.05 }).target).toEqual([0, 0, 0, 1, 1, 0, 0]);
  });
  it('take-profit exits at entry·(1 + TP) and a new breakout re-enters the next bar', () => {
    const b = barsFrom([10, 10, 10, 11, 11.5, 12.2, 12.3]); // target 12.1 hit at t5; t6 12.3 > prior high 12.2
    expect(run(breakout, b, { lookback_breakout: 3, take_profit_pct: 0.1 }).target).toEqual([0, 0, 0, 1, 1, 0, 1]);
  });
  it('trailing stop follows the highest high since entry (the bar\'s own high counts from the next bar)', () => {
    const b = barsFrom([10, 10, 10, 11, 12, 13, 12.3, 12.4]); // peak 13 → trail 12.35; t6 low 12.3
    expect(run(breakout, b, { lookback_breakout: 3, trailing_stop_pct: 0.05 }).target).toEqual([0, 0, 0, 1, 1, 1, 0, 0]);
    expect(run(breakout, b, { lookback_breakout: 3 }).target).toEqual([0, 0, 0, 1, 1, 1, 1, 1]);
  });
  it('an impossible ATR filter blocks every entry', () => {
    expect(run(breakout, B, { atr_multiplier: 10 }).target.every((v) => v === 0)).toBe(true);
  });

  function naive(b: Bars, p: { n: number; L: number; mult: number | null; mode: string; sl: number | null; tp: number | null; tr: number | null }) {
    const c = Array.from(b.close), h = Array.from(b.high), l = Array.from(b.low), len = c.length;
    const tr = c.map((_, t) => (t === 0 ? NaN : Math.max(h[t] - l[t], Math.abs(h[t] - c[t - 1]), Math.abs(l[t] - c[t - 1]))));
    const atrA = new Array<number>(len).fill(NaN);
    for (let t = p.L; t < len; t++) atrA[t] = t === p.L ? naiveMean(tr.slice(1, p.L + 1)) : (atrA[t - 1] * (p.L - 1) + tr[t]) / p.L;
    const atrMean = atrA.map((_, t) => { const w = win(atrA, t, 2 * p.L).filter((v) => !Number.isNaN(v)); return w.length >= p.L ? naiveMean(w) : NaN; });
    const warm = Math.max(p.n, p.mult !== null ? 2 * p.L - 1 : 0);
    const out = new Array<number>(len).fill(0);
    let pos = 0, entry = 0, ext = 0;
    for (let t = warm; t < len; t++) {
      const up = Math.max(...h.slice(t - p.n, t)), lo = Math.min(...l.slice(t - p.n, t));
      const ok = p.mult === null || atrA[t] >= p.mult * atrMean[t];
      const canL = p.mode !== 'short_only', canS = p.mode !== 'long_only';
      if (pos !== 0) {
        const adverse = pos === 1 ? l[t] : h[t], favour = pos === 1 ? h[t] : l[t];
        const stopHit = p.sl !== null && pos * (adverse - entry * (1 - pos * p.sl)) <= 0;
        const tpHit = p.tp !== null && pos * (favour - entry * (1 + pos * p.tp)) >= 0;
        const trailHit = p.tr !== null && pos * (adverse - ext * (1 - pos * p.tr)) <= 0;
        if (stopHit || tpHit || trailHit) { pos = 0; out[t] = 0; continue; }
        ext = pos === 1 ? Math.max(ext, h[t]) : Math.min(ext, l[t]);
        if (pos === 1 && c[t] < lo) { if (canS) { pos = -1; entry = ext = c[t]; } else pos = 0; }
        else if (pos === -1 && c[t] > up) { if (canL) { pos = 1; entry = ext = c[t]; } else pos = 0; }
      } else if (ok && canL && c[t] > up) { pos = 1; entry = ext = c[t]; }
      else if (ok && canS && c[t] < lo) { pos = -1; entry = ext = c[t]; }
      out[t] = pos;
    }
    return out;
  }
  it('matches a naive re-implementation on random data (filters, stops, modes)', () => {
    const cases = [
      { n: 20, L: 14, mult: null, mode: 'symmetric', sl: null, tp: null, tr: null },
      { n: 15, L: 10, mult: 1, mode: 'long_only', sl: 0.025, tp: 0.05, tr: 0.02 },
      { n: 10, L: 7, mult: 0.8, mode: 'symmetric', sl: 0.03, tp: 0.06, tr: null },
      { n: 30, L: 14, mult: null, mode: 'short_only', sl: null, tp: null, tr: 0.03 },
    ];
    for (const k of cases) {
      const r = run(breakout, B, {
        lookback_breakout: k.n, atr_lookback: k.L, atr_multiplier: k.mult, risk_mode: k.mode as 'symmetric',
        stop_loss_pct: k.sl, take_profit_pct: k.tp, trailing_stop_pct: k.tr,
      });
      expect(r.target).toEqual(naive(B, k));
      expect(r.target.some((v) => v !== 0)).toBe(true);
    }
  });
});

describe('breakout_donchian', () => {
  it('hand-built: long above the prior closing high, short below the prior closing low, hold between', () => {
    const b = barsFrom([1, 2, 3, 4, 3, 2, 1, 0.5]);
    expect(run(breakoutDonchian, b, { lookback: 2 }).target).toEqual([0, 0, 1, 1, 1, -1, -1, -1]);
    expect(run(breakoutDonchian, b, { lookback: 2, side: 'long_only' }).target).toEqual([0, 0, 1, 1, 1, 0, 0, 0]);
  });
  it('matches naive prior-window max/min on random data', () => {
    const n = 20;
    const ev = close.map((c, t) => (t < n ? 0 : c > Math.max(...close.slice(t - n, t)) ? 1 : c < Math.min(...close.slice(t - n, t)) ? -1 : 0));
    expect(run(breakoutDonchian, B, { lookback: n }).target).toEqual(held(ev, n, true));
  });
});

describe('vol_regime_filter', () => {
  it('regime mode (thresholds given): long only where the range vol is below low_vol_threshold', () => {
    // window 2: range = max of the last 2 highs − min of the last 2 lows: t1 1, t2 1, t3 2.5, t4 2.5, t5 2.5, t6 1
    // → below 1.5 risk-on (1) at t1, t2, t6; above 2 risk-off (−1 → flat) at t3..t5; t0 undefined.
    const b = barsFrom([10, 10, 10, 10, 10, 10, 10], { high: [10.5, 10.5, 10.5, 12, 12, 10.5, 10.5], low: [9.5, 9.5, 9.5, 9.5, 9.5, 9.5, 9.5] });
    const p = { vol_method: 'range' as const, vol_window: 2, low_vol_threshold: 1.5, lookback_percentile: 2 };
    const r = run(volRegimeFilterStrategy, b, { ...p, min_bars: 0, high_vol_threshold: 2 });
    expect(r.target).toEqual([0, 1, 1, 0, 0, 0, 1]);
    const r2 = run(volRegimeFilterStrategy, b, { ...p, min_bars: 2 });
    expect(r2.target).toEqual([0, 0, 1, 0, 0, 0, 1]);
  });
  it('filter mode: 1 where the std-vol percentile rank lies in [low, high], after min_bars; invert flips', () => {
    const w = 5, L = 20;
    const ret = close.map((c, t) => (t === 0 ? NaN : c / close[t - 1] - 1));
    const vol = close.map((_, t) => (t >= w ? naiveStd(win(ret, t, w)) : NaN));
    const rank = vol.map((v, t) => {
      if (t < w + L - 1) return NaN;
      const ww = win(vol, t, L);
      return ((ww.filter((x) => x < v).length + (ww.filter((x) => x === v).length + 1) / 2) / L) * 100;
    });
    const warm = Math.max(30, w + L - 1);
    const exp = rank.map((r, t) => (t < warm ? 0 : r >= 25 && r <= 75 ? 1 : 0));
    const p = { vol_method: 'std' as const, vol_window: w, lookback_percentile: L };
    const r = run(volRegimeFilterStrategy, B, p);
    expect(r.warmup).toBe(warm);
    expect(r.target).toEqual(exp);
    expect(run(volRegimeFilterStrategy, B, { ...p, invert: true }).target).toEqual(exp.map((v, t) => (t < warm ? 0 : 1 - v)));
  });
});

describe('bollinger_bands', () => {
  it('matches the original events: cross down through lower·k enters, cross up through the middle exits', () => {
    for (const k of [{ n: 20, s: 2, e: 0.95 }, { n: 10, s: 1.5, e: 1 }]) {
      const mid = close.map((_, t) => (t >= k.n - 1 ? naiveMean(win(close, t, k.n)) : NaN));
      const lb = close.map((_, t) => (t >= k.n - 1 ? (mid[t] - k.s * naiveStd(win(close, t, k.n))) * k.e : NaN));
      const ev = close.map((c, t) => (t === 0 ? 0 : close[t - 1] >= lb[t - 1] && c < lb[t] ? 1 : close[t - 1] <= mid[t - 1] && c > mid[t] ? -1 : 0));
      const r = run(bollingerBands, B, { period: k.n, num_std: k.s, entry_threshold: k.e });
      expect(r.target).toEqual(held(ev, k.n - 1, false));
      if (k.e === 1) expect(r.target.some((v) => v === 1)).toBe(true);
    }
  });
});

describe('macd', () => {
  it('long on a cross above the signal line, flat/short on a cross below', () => {
    const m = emaNaive(close, 12).map((v, t) => v - emaNaive(close, 26)[t]);
    const s = emaNaive(m, 9);
    const ev = m.map((v, t) => (t === 0 ? 0 : v > s[t] && m[t - 1] <= s[t - 1] ? 1 : v < s[t] && m[t - 1] >= s[t - 1] ? -1 : 0));
    expect(run(macdStrategy, B).target).toEqual(held(ev, 1, false));
    expect(run(macdStrategy, B, { side: 'long_short' }).target).toEqual(held(ev, 1, true));
  });
});

describe('momentum_1h', () => {
  it('hand-built: enters when the 2-bar return rises through 2 %, leaves when it falls through −1 %', () => {
    // mom2: t2 +1 %, t3 +3 % (cross up), t4 +3.9 %, t5 0 %, t6 −2 % (cross down), t7 −1 %
    const b = barsFrom([100, 100, 101, 103, 104.97, 103, 100.94, 101.97]);
    expect(run(momentum1h, b, { lookback: 2 }).target).toEqual([0, 0, 0, 1, 1, 1, 0, 0]);
    expect(run(momentum1h, b, { lookback: 2, side: 'long_short' }).target).toEqual([0, 0, 0, 1, 1, 1, -1, -1]);
  });
  it('matches the original crossing events on random data', () => {
    const mom = close.map((c, t) => (t >= 20 ? c / close[t - 20] - 1 : NaN));
    const ev = mom.map((v, t) => (t === 0 ? 0 : v > 0.02 && mom[t - 1] <= 0.02 ? 1 : v < -0.01 && mom[t - 1] >= -0.01 ? -1 : 0));
    expect(run(momentum1h, B, { side: 'long_short' }).target).toEqual(held(ev, 20, true));
  });
});

describe('mean_reversion', () => {
  it('rising edges of z < −entry_z / z > exit_z, optional low-vol filter (true percentile)', () => {
    const n = 20;
    const z = close.map((c, t) => (t >= n - 1 ? (c - naiveMean(win(close, t, n))) / naiveStd(win(close, t, n)) : NaN));
    const ret = close.map((c, t) => (t === 0 ? NaN : c / close[t - 1] - 1));
    const vol = close.map((_, t) => (t >= 20 ? naiveStd(win(ret, t, 20)) : NaN));
    const pct = vol.map((v, t) => {
      if (Number.isNaN(v)) return NaN;
      const hist = vol.slice(0, t + 1).filter((x) => !Number.isNaN(x));
      return (hist.filter((x) => x <= v).length / hist.length) * 100;
    });
    const entC = z.map((v) => v < -2), exC = z.map((v) => v > 0);
    for (const useVol of [false, true]) {
      const ev = z.map((_, t) => (edge(exC, t) ? -1 : edge(entC, t) && (!useVol || pct[t] <= 70) ? 1 : 0));
      // exit events only matter while long; entries only while flat (held conversion)
      const exp = new Array<number>(close.length).fill(0);
      let pos = 0;
      for (let t = useVol ? 20 : n - 1; t < close.length; t++) {
        if (pos === 1 && ev[t] === -1) pos = 0;
        else if (pos === 0 && ev[t] === 1) pos = 1;
        exp[t] = pos;
      }
      const r = run(meanReversion, B, { use_vol_filter: useVol });
      expect(r.target).toEqual(exp);
      expect(r.target.some((v) => v === 1)).toBe(true);
    }
  });
});

describe('legacy vol_breakout and my_strategy', () => {
  it('vol_breakout: prior-N breakouts count only when the ATR rank over 2·N bars is ≥ vol_percentile', () => {
    const N = 10, V = 14;
    const a = atr(B.high, B.low, B.close, V);
    const rank = rollingPercentRank(a, 2 * N);
    const hi = Array.from(B.high), lo = Array.from(B.low);
    const ev = close.map((c, t) => {
      if (t < N || !(rank[t] >= 60)) return 0;
      return c > Math.max(...hi.slice(t - N, t)) ? 1 : c < Math.min(...lo.slice(t - N, t)) ? -1 : 0;
    });
    const warm = V + 2 * N - 1;
    const r = run(volBreakout, B, { lookback: N, vol_window: V, vol_percentile: 60 });
    expect(r.warmup).toBe(warm);
    expect(r.target).toEqual(held(ev, warm, true));
    expect(run(volBreakout, B, { lookback: N, vol_window: V, vol_percentile: 60, side: 'long_only' }).target).toEqual(held(ev, warm, false));
    expect(r.target.some((v) => v === -1) && r.target.some((v) => v === 1)).toBe(true);
  });
  it('my_strategy: long above SMA + 1.5·ATR until below SMA − 0.5·ATR', () => {
    const a = atr(B.high, B.low, B.close, 14);
    const m = close.map((_, t) => (t >= 19 ? naiveMean(win(close, t, 20)) : NaN));
    const exp = new Array<number>(close.length).fill(0);
    let pos = 0;
    for (let t = 19; t < close.length; t++) {
      if (pos === 0 && close[t] > m[t] + 1.5 * a[t]) pos = 1;
      else if (pos === 1 && close[t] < m[t] - 0.5 * a[t]) pos = 0;
      exp[t] = pos;
    }
    const r = run(myStrategy, B);
    expect(r.target).toEqual(exp);
    expect(exp.some((v) => v === 1)).toBe(true);
  });
});
