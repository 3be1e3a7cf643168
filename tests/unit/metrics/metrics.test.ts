import { describe, expect, it } from 'vitest';
import { makeBars, MS_PER_DAY, type Bars } from '../../../src/core/data/bars';
import { runDefault } from '../../../src/core/engine/engine';
import { defaultEngineConfig, type BacktestResult, type Trade } from '../../../src/core/engine/types';
import { computeMetrics, MetricsSchema, type Metrics } from '../../../src/core/metrics/metrics';
import { createRng, type Rng } from '../../../src/core/rng';

// ---- an independent, array-based computation of every figure -------------------------------------------
const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
const sampleStd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
};

function expected(res: BacktestResult, bars: Bars, P: number, rf: number): Metrics {
  const all = Array.from(res.equity);
  const b = Math.max(res.startBar - 1, 0);
  const curve = all.slice(b);
  // ruin convention (see metrics.ts): at most −100 %, 0 once no capital is left
  const r = curve.slice(1).map((e, i) => (curve[i] > 0 ? Math.max(e / curve[i] - 1, -1) : 0));
  const runMax = curve.map((_, i) => Math.max(...curve.slice(0, i + 1)));
  const dd = curve.map((e, i) => e / runMax[i] - 1);
  // episodes: maximal runs of dd < 0
  const episodes: number[][] = [];
  let cur: number[] = [];
  for (const d of dd) {
    if (d < 0) cur.push(d);
    else if (cur.length) { episodes.push(cur); cur = []; }
  }
  if (cur.length) episodes.push(cur);
  const maxDd = Math.min(0, ...dd);
  const years = (bars.time[bars.time.length - 1] - bars.time[b]) / (365.25 * MS_PER_DAY);
  const cagr = (curve[curve.length - 1] / curve[0]) ** (1 / years) - 1;
  const sd = sampleStd(r);
  // a ruined run (equity ≤ 0 somewhere) has Sharpe/Sortino ≤ 0
  const cap = (x: number) => (curve.some((e) => e <= 0) ? Math.min(x, 0) : x);
  const down = Math.sqrt(mean(r.map((x) => Math.min(x, 0) ** 2)));
  const t = res.trades;
  const pnl = t.map((x) => x.pnl);
  const wins = pnl.filter((x) => x > 0);
  const losses = pnl.filter((x) => x < 0);
  const rets = t.map((x) => x.returnPct * 100);
  const closes = Array.from(bars.close);
  return {
    totalReturnPct: (curve[curve.length - 1] / curve[0] - 1) * 100,
    cagrPct: cagr * 100,
    // compounded from the per-bar returns (Trust #3): ∏(1 + r)^(P / m) − 1
    annReturnPct: (r.reduce((a, x) => a * (1 + x), 1) ** (P / r.length) - 1) * 100,
    annVolatilityPct: sd * Math.sqrt(P) * 100,
    sharpe: cap(((mean(r) - rf / P) / sd) * Math.sqrt(P)),
    sortino: cap(((mean(r) - rf / P) / down) * Math.sqrt(P)),
    calmar: maxDd < 0 ? cagr / -maxDd : null,
    maxDrawdownPct: maxDd * 100,
    maxDrawdownDurationBars: Math.max(0, ...episodes.map((e) => e.length)),
    avgDrawdownPct: episodes.length ? mean(episodes.map((e) => Math.min(...e))) * 100 : 0,
    profitFactor: losses.length ? wins.reduce((a, x) => a + x, 0) / Math.abs(losses.reduce((a, x) => a + x, 0)) : null,
    winRatePct: t.length ? (wins.length / t.length) * 100 : null,
    expectancy: t.length ? mean(pnl) : null,
    sqn: t.length > 1 ? (Math.sqrt(t.length) * mean(pnl)) / sampleStd(pnl) : null,
    bestTradePct: t.length ? Math.max(...rets) : null,
    worstTradePct: t.length ? Math.min(...rets) : null,
    avgTradePct: t.length ? mean(rets) : null,
    exposurePct: (res.exposureBars / (all.length - res.startBar)) * 100,
    trades: t.length,
    // first → last bar of the data, the same for every strategy (Trust #4)
    buyHoldReturnPct: (closes[closes.length - 1] / closes[0] - 1) * 100,
    feesPaid: res.feesPaid,
    equityFinal: all[all.length - 1],
    equityPeak: Math.max(...all),
    periodsPerYear: P,
  };
}

// ---- random inputs ---------------------------------------------------------------------------------------
function randomCase(rng: Rng, stepMs: number): { res: BacktestResult; bars: Bars } {
  const n = 200 + rng.int(300); // ≥ 8 days of hourly bars, so the 24/7 calendar is detected
  const bars = makeBars(n);
  const equity = new Float64Array(n);
  const warmup = rng.int(10);
  let e = 10_000, p = 100;
  for (let i = 0; i < n; i++) {
    bars.time[i] = 1_600_000_000_000 + i * stepMs;
    p *= 1 + 0.02 * rng.normal();
    bars.close[i] = p;
    if (i >= warmup && rng.uniform() < 0.7) e *= 1 + 0.01 * rng.normal() + 0.0005;
    equity[i] = e;
  }
  const k = rng.int(40);
  const trades: Trade[] = [];
  for (let j = 0; j < k; j++) {
    const pnl = rng.uniform() < 0.1 ? 0 : 100 * rng.normal() + 10;
    trades.push({
      entryBar: j, exitBar: j + 1, entryTime: 0, exitTime: 0, size: 1, entryPrice: 100, exitPrice: 100,
      pnl, returnPct: pnl / 10_000, fees: 1, exitReason: 'signal',
    });
  }
  const res: BacktestResult = {
    equity, trades, openTrades: [], exposureBars: rng.int(n - warmup + 1), feesPaid: 123.45, startBar: warmup, warmup,
  };
  return { res, bars };
}

function expectMetricsClose(got: Metrics, want: Metrics, label: string) {
  for (const key of Object.keys(want) as (keyof Metrics)[]) {
    const g = got[key], w = want[key];
    if (w === null) { expect(g, `${label}: ${key}`).toBeNull(); continue; }
    expect(g, `${label}: ${key}`).not.toBeNull();
    const tol = 1e-9 * Math.max(1, Math.abs(w));
    expect(Math.abs((g as number) - w) <= tol, `${label}: ${key} ${g} vs ${w}`).toBe(true);
  }
}

describe('computeMetrics against an independent computation', () => {
  it('agrees on 100 random equity curves and trade lists (hourly 24/7 data, rf 0)', () => {
    const rng = createRng('metrics');
    for (let k = 0; k < 100; k++) {
      const { res, bars } = randomCase(rng, 3_600_000);
      const got = computeMetrics(res, bars);
      expect(got.periodsPerYear).toBeCloseTo(8760, 9);
      expectMetricsClose(got, expected(res, bars, 8760, 0), `case ${k}`);
      expect(MetricsSchema.safeParse(got).success).toBe(true);
    }
  });
  it('agrees with an explicit periodsPerYear and a risk-free rate', () => {
    const rng = createRng('metrics-rf');
    for (let k = 0; k < 30; k++) {
      const { res, bars } = randomCase(rng, MS_PER_DAY);
      expectMetricsClose(computeMetrics(res, bars, { periodsPerYear: 252, riskFreeRate: 0.03 }), expected(res, bars, 252, 0.03), `case ${k}`);
    }
  });
});

describe('computeMetrics single-pass volatility (Youngs–Cramer)', () => {
  /** Compensated (Neumaier) sum: the reference must be more accurate than what it checks. */
  const fsum = (xs: ArrayLike<number>, f: (x: number) => number): number => {
    let s = 0, c = 0;
    for (let i = 0; i < xs.length; i++) {
      const x = f(xs[i]);
      const t = s + x;
      c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
      s = t;
    }
    return s + c;
  };
  it('matches a compensated two-pass std to ~1e-13 on 200,000 drifting, half-flat returns', () => {
    const n = 200_001;
    const bars = makeBars(n);
    const equity = new Float64Array(n);
    const rng = createRng('yc-variance');
    let e = 10_000;
    for (let i = 0; i < n; i++) {
      bars.time[i] = i * 60_000;
      bars.close[i] = 100;
      if (i > 0 && rng.uniform() < 0.5) e *= 1 + 0.002 * rng.normal() + 0.0004;
      equity[i] = e;
    }
    const r = new Float64Array(n - 1);
    for (let i = 1; i < n; i++) r[i - 1] = equity[i] / equity[i - 1] - 1;
    const mu = fsum(r, (x) => x) / r.length;
    const sd = Math.sqrt(fsum(r, (x) => (x - mu) ** 2) / (r.length - 1));
    const res: BacktestResult = { equity, trades: [], openTrades: [], exposureBars: 0, feesPaid: 0, startBar: 0, warmup: 0 };
    const got = computeMetrics(res, bars, { periodsPerYear: 1 }).annVolatilityPct as number;
    expect(Math.abs(got / 100 - sd) / sd).toBeLessThan(1e-13);
  });
  it('a constant return gives a volatility of (almost) zero, not a cancellation artefact', () => {
    const n = 5_000;
    const bars = makeBars(n);
    const equity = new Float64Array(n);
    for (let i = 0; i < n; i++) { bars.time[i] = i * MS_PER_DAY; bars.close[i] = 100; equity[i] = 1000 * 1.001 ** i; }
    const res: BacktestResult = { equity, trades: [], openTrades: [], exposureBars: 0, feesPaid: 0, startBar: 0, warmup: 0 };
    const m = computeMetrics(res, bars, { periodsPerYear: 1 });
    // per-bar returns 0.001 ± rounding of the ratios (~1e-16): the std must stay at that rounding level
    expect(m.annVolatilityPct as number).toBeLessThan(1e-10);
  });
});

describe('computeMetrics edge cases', () => {
  const flatCase = (n: number): { res: BacktestResult; bars: Bars } => {
    const bars = makeBars(n);
    for (let i = 0; i < n; i++) { bars.time[i] = i * MS_PER_DAY; bars.close[i] = 100; }
    return {
      bars,
      res: { equity: new Float64Array(n).fill(1000), trades: [], openTrades: [], exposureBars: 0, feesPaid: 0, startBar: 0, warmup: 0 },
    };
  };
  it('uses null, not NaN or Infinity, for undefined figures (no trades, zero volatility)', () => {
    const { res, bars } = flatCase(10);
    const m = computeMetrics(res, bars);
    expect(m.sharpe).toBeNull();
    expect(m.sortino).toBeNull();
    expect(m.calmar).toBeNull();
    expect(m.profitFactor).toBeNull();
    expect(m.winRatePct).toBeNull();
    expect(m.sqn).toBeNull();
    expect(m.maxDrawdownPct).toBe(0);
    expect(m.totalReturnPct).toBe(0);
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
    expect(MetricsSchema.parse(m)).toEqual(m);
  });
  it('profit factor is null without losing trades (not the original 0)', () => {
    const { res, bars } = flatCase(10);
    const win: Trade = {
      entryBar: 1, exitBar: 2, entryTime: 0, exitTime: 0, size: 1, entryPrice: 1, exitPrice: 2, pnl: 5, returnPct: 0.05, fees: 0, exitReason: 'signal',
    };
    const m = computeMetrics({ ...res, trades: [win, { ...win, pnl: 7 }] }, bars);
    expect(m.profitFactor).toBeNull();
    expect(m.winRatePct).toBe(100);
    expect(m.expectancy).toBe(6);
  });
  it('a hand-checked drawdown: 100 → 120 → 90 → 130 → 117', () => {
    const bars = makeBars(5);
    for (let i = 0; i < 5; i++) { bars.time[i] = i * MS_PER_DAY; bars.close[i] = 1; }
    const res: BacktestResult = {
      equity: new Float64Array([100, 120, 90, 130, 117]), trades: [], openTrades: [], exposureBars: 4, feesPaid: 0, startBar: 0, warmup: 0,
    };
    const m = computeMetrics(res, bars);
    expect(m.maxDrawdownPct).toBeCloseTo(-25, 12);
    expect(m.avgDrawdownPct).toBeCloseTo((-25 - 10) / 2, 12);
    expect(m.maxDrawdownDurationBars).toBe(1);
    expect(m.totalReturnPct).toBeCloseTo(17, 12);
    expect(m.equityPeak).toBe(130);
    expect(m.exposurePct).toBe(80);
  });
  const curveCase = (eq: number[]): { res: BacktestResult; bars: Bars } => {
    const bars = makeBars(eq.length);
    for (let i = 0; i < eq.length; i++) { bars.time[i] = i * MS_PER_DAY; bars.close[i] = 1; }
    return { bars, res: { equity: new Float64Array(eq), trades: [], openTrades: [], exposureBars: 0, feesPaid: 0, startBar: 0, warmup: 0 } };
  };
  it('ruin: the ruin bar is −100 %, later bars 0 — and a run that doubled three times then lost all has Sharpe 0, not > 0', () => {
    // returns 1, 1, 1, −1, 0: arithmetic mean +0.4, so an uncapped Sharpe would be positive
    const { res, bars } = curveCase([1000, 2000, 4000, 8000, 0, 0]);
    const m = computeMetrics(res, bars, { periodsPerYear: 365 });
    expect(m.totalReturnPct).toBe(-100);
    expect(m.cagrPct).toBe(-100);
    expect(m.maxDrawdownPct).toBe(-100);
    expect(m.annReturnPct).toBe(-100); // compounded: the account ended with nothing (the arithmetic mean·P said +14,600 %)
    expect(m.sharpe).toBe(0);
    expect(m.sortino).toBe(0);
    expect(m.equityFinal).toBe(0);
    expect(MetricsSchema.parse(m)).toEqual(m);
  });
  it('ruin: negative equity (not produced by the engine any more) gives −100 % then 0, not a sign-flipped +100 %', () => {
    // raw ratios would be 1000 → −500: −150 %, −500 → −1000: +100 %
    const { res, bars } = curveCase([1000, 1000, -500, -1000]);
    const m = computeMetrics(res, bars, { periodsPerYear: 365 });
    const r = [0, -1, 0];
    const mu = r.reduce((a, x) => a + x, 0) / 3;
    expect(mu).toBeCloseTo(-1 / 3, 12);
    expect(m.annReturnPct).toBe(-100);
    expect(m.sharpe).not.toBeNull();
    expect(m.sharpe as number).toBeLessThan(0);
    expect(m.sortino as number).toBeLessThan(0);
  });
  it('ruin end to end: a short wiped out by a price spike → equity 0, −100 %, Sharpe and Sortino ≤ 0', () => {
    // a down-trend first (the short gains), then the price jumps 90.5 → 225 in bar 20: equity < 0 at that close
    const n = 40;
    const bars = makeBars(n);
    for (let i = 0; i < n; i++) {
      const p = i < 20 ? 100 - i * 0.5 : i === 20 ? 225 : 80;
      bars.time[i] = i * 3_600_000;
      bars.open[i] = i === 20 ? 90.5 : p; bars.high[i] = Math.max(p, bars.open[i]); bars.low[i] = Math.min(p, bars.open[i]);
      bars.close[i] = p; bars.volume[i] = 1;
    }
    const target = new Float64Array(n).fill(-1);
    const res = runDefault(bars, target, 0, { ...defaultEngineConfig, cash: 1000 });
    expect(res.trades.at(-1)?.exitReason).toBe('ruin');
    expect(res.equity[n - 1]).toBe(0);
    expect(res.equity[19]).toBeGreaterThan(1000); // the short had gained before the spike
    const m = computeMetrics(res, bars);
    expect(m.totalReturnPct).toBe(-100);
    expect(m.maxDrawdownPct).toBe(-100);
    expect(m.sharpe === null || m.sharpe <= 0).toBe(true);
    expect(m.sortino === null || m.sortino <= 0).toBe(true);
    for (const [k, v] of Object.entries(m)) expect(v === null || Number.isFinite(v), k).toBe(true);
  });
  it('survives empty data', () => {
    const m = computeMetrics({ equity: new Float64Array(0), trades: [], openTrades: [], exposureBars: 0, feesPaid: 0, startBar: 0, warmup: 0 }, makeBars(0));
    expect(MetricsSchema.safeParse(m).success).toBe(true);
    expect(m.trades).toBe(0);
  });
});
