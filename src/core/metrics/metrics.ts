/**
 * Performance metrics of a default-engine backtest (the backtesting-py preset has its own stats in
 * ./backtesting-py-stats.ts, with that library's formulas and names).
 *
 * Conventions, used by every figure below:
 * - Window: the strategy's active span. Base bar b = max(startBar − 1, 0) (the last bar before the first
 *   possible fill, where equity is still the starting cash); the curve analysed is equity[b .. n−1].
 * - Returns: per-bar SIMPLE returns of that curve, r_i = eq_i / eq_{i−1} − 1 for i in (b, n); flat bars count.
 * - Ruin: the default engine books equity 0 from the bar whose close found equity ≤ 0 (../engine/engine.ts).
 *   The ruin bar's return is −100 % (r = max(eq_i / eq_{i−1} − 1, −1): a loss beyond the whole account is
 *   still −100 %), every return after it (eq_{i−1} ≤ 0: 0/0, no capital left) is 0 — never NaN, never the
 *   sign-flipped ratio of two negative equities. A RUINED run (equity ≤ 0 at some bar of the window, i.e.
 *   total return −100 %) gets sharpe = min(sharpe, 0) and sortino = min(sortino, 0): the arithmetic mean of
 *   simple returns ignores compounding, so gains before the wipe-out can keep it positive although the
 *   account ended with nothing, and a sweep must not rank a wiped-out run above a flat one.
 * - Volatility drag: Sharpe/Sortino use the ARITHMETIC mean of simple returns (SPEC), while
 *   totalReturnPct/CAGR/annReturnPct compound. With per-bar volatility σ the compounded growth per bar is about
 *   mean − σ²/2, so on very volatile data (σ of ~1.5 % per bar) a positive Sharpe and a −99.99… % total return
 *   can both be correct: that is not ruin and is not capped.
 * - Annualisation: P = periods per year from the bar timestamps (`periodsPerYear` in core/data/bars:
 *   365 days for 24/7 data, 252 trading days for exchange-hours data), unless given.
 * - Percentages are ×100 ("Pct" suffix); ratios are plain numbers; money is quote currency.
 * - A figure that is undefined for the input (no trades, zero volatility, no losses, …) is null — never
 *   NaN or ±Infinity — so results serialise to valid JSON.
 * - Trade statistics use closed trades only (finalized ones included); trades still open are excluded.
 */
import { buyHoldReturnPct } from './buy-hold';
import { geometricAnnualReturnPct } from './annualise';
import { z } from 'zod';
import { MS_PER_DAY, periodsPerYear as detectPeriodsPerYear, type Bars } from '../data/bars';
import type { BacktestResult } from '../engine/types';

const num = z.number();
const opt = z.number().nullable();

export const MetricsSchema = z.object({
  /** (equityFinal / equity at the base bar − 1)·100 */
  totalReturnPct: num,
  /** compound annual growth, calendar years = elapsed ms / (365.25 days); −100 if equity ends ≤ 0 */
  cagrPct: opt,
  /** compounded: ((equityFinal / equity at the base bar)^(P / returns) − 1)·100, never below −100; null = undefined */
  annReturnPct: opt,
  /** std(r, ddof 1)·√P·100 */
  annVolatilityPct: opt,
  /** (mean(r) − rf/P) / std(r, ddof 1)·√P */
  sharpe: opt,
  /** (mean(r) − rf/P) / √(mean(min(r, 0)²))·√P — downside deviation over ALL returns, target 0 */
  sortino: opt,
  /** CAGR / |max drawdown| (both as fractions) */
  calmar: opt,
  /** min over the window of (eq / running peak − 1)·100; ≤ 0 */
  maxDrawdownPct: num,
  /** longest run of consecutive bars spent below a previous equity peak */
  maxDrawdownDurationBars: num,
  /** mean over drawdown episodes (maximal underwater runs) of each episode's trough, ×100; 0 if none */
  avgDrawdownPct: num,
  /** Σ winning pnl / |Σ losing pnl|; null without losing trades */
  profitFactor: opt,
  /** share of closed trades with pnl > 0, ×100 */
  winRatePct: opt,
  /** mean net pnl per closed trade, quote currency */
  expectancy: opt,
  /** System Quality Number: √n · mean(pnl) / std(pnl, ddof 1) */
  sqn: opt,
  /** max / min / mean of trade returnPct (net return on entry notional), ×100 */
  bestTradePct: opt,
  worstTradePct: opt,
  avgTradePct: opt,
  /** bars with a position held at the close / bars from startBar to the end, ×100 */
  exposurePct: num,
  /** number of closed trades */
  trades: num,
  /** (close[last] / close[startBar] − 1)·100 */
  buyHoldReturnPct: opt,
  feesPaid: num,
  equityFinal: num,
  /** highest equity of the whole curve */
  equityPeak: num,
  /** P used for annualisation */
  periodsPerYear: num,
});
export type Metrics = z.infer<typeof MetricsSchema>;

export interface MetricsOptions {
  /** bars per year; default periodsPerYear(bars.time) */
  periodsPerYear?: number;
  /** annual risk-free rate as a fraction (0.02 = 2 %); default 0 */
  riskFreeRate?: number;
}

/** null for NaN/±Infinity so the output stays valid JSON */
const fin = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * Per-bar simple return with the ruin convention (see header): −100 % at most, 0 once there is no capital.
 * For prev > 0 and cur ≥ 0 this is exactly cur / prev − 1 (the max is a no-op), so ordinary curves are
 * unaffected bit for bit. The fused sweep kernel (../research/sweep-kernel) must use the same function.
 */
export const simpleReturn = (cur: number, prev: number): number => (prev > 0 ? Math.max(cur / prev - 1, -1) : 0);

/** Sharpe/Sortino of a ruined run are ≤ 0 (see header). */
export const ruinCap = (x: number | null, ruined: boolean): number | null => (ruined && x !== null && x > 0 ? 0 : x);

export function computeMetrics(result: BacktestResult, bars: Bars, opts: MetricsOptions = {}): Metrics {
  const eq = result.equity;
  const n = eq.length;
  const P = opts.periodsPerYear ?? detectPeriodsPerYear(bars.time);
  const rf = opts.riskFreeRate ?? 0;
  const start = Math.min(result.startBar, n);
  const b = Math.max(start - 1, 0);

  // Curve statistics over equity[b .. n−1].
  let sum = 0, sumDown2 = 0, m = 0, ss = 0;
  let peak = n > 0 ? eq[b] : 0;
  let maxDd = 0, curTrough = 0, episodes = 0, sumTroughs = 0;
  let underwater = 0, maxUnder = 0;
  let ruined = false;
  for (let i = b; i < n; i++) {
    const e = eq[i];
    if (e <= 0) ruined = true;
    if (i > b) {
      const r = simpleReturn(e, eq[i - 1]);
      sum += r;
      m++;
      // Sum of squared deviations in the same pass (Youngs–Cramer updating: with T_m = r_1 + … + r_m,
      // SS_m = SS_{m−1} + (m·r_m − T_m)² / (m(m − 1))). No second pass and no stored returns, and as accurate as
      // Welford's update (more than the naive two-pass sum on 10⁶ returns) without Welford's division on the
      // loop-carried path. The fused sweep kernel (../research/sweep-kernel) repeats these exact operations.
      const dv = m * r - sum;
      if (m > 1) ss += (dv * dv) / (m * (m - 1));
      // (r − |r|)/2 is exactly min(r, 0): branch-free, because the sign of r is a coin flip per bar and a
      // mispredicted branch here cost more than the rest of the loop.
      const dn = (r - Math.abs(r)) * 0.5;
      sumDown2 += dn * dn;
    }
    if (e >= peak) {
      if (underwater > 0) { episodes++; sumTroughs += curTrough; }
      peak = e; underwater = 0; curTrough = 0;
    } else {
      const dd = e / peak - 1;
      underwater++;
      if (underwater > maxUnder) maxUnder = underwater;
      if (dd < curTrough) curTrough = dd;
      if (dd < maxDd) maxDd = dd;
    }
  }
  if (underwater > 0) { episodes++; sumTroughs += curTrough; }
  const mean = m > 0 ? sum / m : NaN;
  const std = m > 1 ? Math.sqrt(ss / (m - 1)) : NaN;
  const downDev = m > 0 ? Math.sqrt(sumDown2 / m) : NaN;
  const excess = mean - rf / P;

  const e0 = n > 0 ? eq[b] : 0;
  const eFinal = n > 0 ? eq[n - 1] : 0;
  const years = n > 0 ? (bars.time[n - 1] - bars.time[b]) / (365.25 * MS_PER_DAY) : 0;
  let cagr: number | null = null;
  if (years > 0 && e0 > 0) cagr = eFinal <= 0 ? -1 : fin(Math.pow(eFinal / e0, 1 / years) - 1);

  let eqPeak = n > 0 ? eq[0] : 0;
  for (let i = 1; i < n; i++) if (eq[i] > eqPeak) eqPeak = eq[i];

  // Trade statistics over closed trades.
  const trades = result.trades;
  const k = trades.length;
  let win = 0, loss = 0, wins = 0, pnlSum = 0, retSum = 0, best = -Infinity, worst = Infinity;
  for (const t of trades) {
    if (t.pnl > 0) { win += t.pnl; wins++; } else if (t.pnl < 0) loss += t.pnl;
    pnlSum += t.pnl;
    retSum += t.returnPct;
    if (t.returnPct > best) best = t.returnPct;
    if (t.returnPct < worst) worst = t.returnPct;
  }
  const pnlMean = pnlSum / k;
  let pss = 0;
  for (const t of trades) pss += (t.pnl - pnlMean) * (t.pnl - pnlMean);
  const pnlStd = k > 1 ? Math.sqrt(pss / (k - 1)) : NaN;

  const active = n - start;
  const c = bars.close;
  return {
    totalReturnPct: e0 > 0 ? (eFinal / e0 - 1) * 100 : 0,
    cagrPct: cagr === null ? null : cagr * 100,
    annReturnPct: geometricAnnualReturnPct(e0, eFinal, m, P),
    annVolatilityPct: fin(std * Math.sqrt(P) * 100),
    sharpe: std > 0 ? ruinCap(fin((excess / std) * Math.sqrt(P)), ruined) : null,
    sortino: downDev > 0 ? ruinCap(fin((excess / downDev) * Math.sqrt(P)), ruined) : null,
    calmar: cagr !== null && maxDd < 0 ? fin(cagr / Math.abs(maxDd)) : null,
    maxDrawdownPct: maxDd * 100,
    maxDrawdownDurationBars: maxUnder,
    avgDrawdownPct: episodes > 0 ? (sumTroughs / episodes) * 100 : 0,
    profitFactor: loss < 0 ? fin(win / -loss) : null,
    winRatePct: k > 0 ? (wins / k) * 100 : null,
    expectancy: k > 0 ? fin(pnlMean) : null,
    sqn: pnlStd > 0 ? fin((Math.sqrt(k) * pnlMean) / pnlStd) : null,
    bestTradePct: k > 0 ? fin(best * 100) : null,
    worstTradePct: k > 0 ? fin(worst * 100) : null,
    avgTradePct: k > 0 ? fin((retSum / k) * 100) : null,
    exposurePct: active > 0 ? (result.exposureBars / active) * 100 : 0,
    trades: k,
    buyHoldReturnPct: buyHoldReturnPct(c), // first → last bar of the data (range), not from the warm-up
    feesPaid: result.feesPaid,
    equityFinal: eFinal,
    equityPeak: eqPeak,
    periodsPerYear: P,
  };
}
