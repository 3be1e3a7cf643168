/**
 * backtesting.py 0.6.6 `compute_stats`, reproduced formula for formula, keyed with its own names.
 * Only the `backtesting-py` preset shows these; the product's own metrics live in metrics.ts.
 *
 * Conventions (theirs):
 * - Equity is resampled to calendar periods ('D', or 'W'/'ME'/'YE' when the data's median spacing of the last
 *   100 bars is 7/31/365 days), last value per period, then simple period returns (the leading NaN dropped).
 * - annual periods A = 52 | 12 | 1 for weekly/monthly/yearly data, else 365 when more than 0.6·2/7 of the bars
 *   fall on weekends, else 252.
 * - Return (Ann.) = (1 + geometric-mean period return)^A − 1; Volatility (Ann.) uses the compounded-variance
 *   formula √((σ² + (1+g)²)^A − (1+g)^(2A)); Sharpe = Return (Ann.)/Volatility (Ann.) (risk-free 0).
 * - CAGR uses calendar years of 365.25 days between the first and last timestamp.
 * - Trade figures use each trade's return net of commissions (ReturnPct) or its PnL in cash, as named.
 * - Durations are reported in days (theirs are pandas Timedeltas rounded up to the data resolution).
 */
import { MS_PER_DAY, type Bars } from '../data/bars';
import type { BacktestResult } from '../engine/types';

export type BacktestingPyStats = Record<string, number | null>;

const nanToNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** backtesting.py `geometric_mean`: NaN→0, any gross return ≤ 0 → 0. */
function geometricMean(r: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < r.length; i++) {
    const g = (Number.isNaN(r[i]) ? 0 : r[i]) + 1;
    if (g <= 0) return 0;
    s += Math.log(g);
  }
  return r.length ? Math.exp(s / r.length) - 1 : NaN;
}

/** Loop max: spreading a million-element array into Math.max overflows the argument limit. */
function maxOf(a: ArrayLike<number>): number {
  let m = -Infinity;
  for (let i = 0; i < a.length; i++) if (a[i] > m) m = a[i];
  return a.length ? m : NaN;
}

function mean(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return a.length ? s / a.length : NaN;
}

function variance(a: ArrayLike<number>, ddof: number): number {
  const m = mean(a);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - m) * (a[i] - m);
  return a.length - ddof > 0 ? s / (a.length - ddof) : NaN;
}

/** Median of the spacing of the last 100 timestamps (backtesting.py `_data_period`). */
function dataPeriodMs(time: Float64Array): number {
  const tail = time.subarray(Math.max(0, time.length - 100));
  const d: number[] = [];
  for (let i = 1; i < tail.length; i++) d.push(tail[i] - tail[i - 1]);
  if (!d.length) return NaN;
  d.sort((a, b) => a - b);
  const m = d.length >> 1;
  return d.length % 2 ? d[m] : (d[m - 1] + d[m]) / 2;
}

type Freq = 'D' | 'W' | 'ME' | 'YE';

/** Calendar bin of a timestamp: day, Monday–Sunday week (pandas 'W' = W-SUN), month, year. */
function binKey(t: number, freq: Freq): number {
  const day = Math.floor(t / MS_PER_DAY);
  switch (freq) {
    case 'D':
      return day;
    case 'W':
      return Math.floor((day + 3) / 7); // 1970-01-01 is a Thursday: +3 aligns weeks to start on Monday
    case 'ME': {
      const d = new Date(t);
      return d.getUTCFullYear() * 12 + d.getUTCMonth();
    }
    case 'YE':
      return new Date(t).getUTCFullYear();
  }
}

/** Period returns of the equity curve: last value per calendar bin, pct_change, leading NaN dropped. */
function periodReturns(time: Float64Array, equity: Float64Array, freq: Freq): Float64Array {
  const lasts: number[] = [];
  let key = NaN;
  for (let i = 0; i < equity.length; i++) {
    const k = binKey(time[i], freq);
    if (k !== key) {
      lasts.push(equity[i]);
      key = k;
    } else lasts[lasts.length - 1] = equity[i];
  }
  const r = new Float64Array(Math.max(0, lasts.length - 1));
  for (let i = 1; i < lasts.length; i++) r[i - 1] = lasts[i] / lasts[i - 1] - 1;
  return r;
}

/** Drawdown episodes as backtesting.py's compute_drawdown_duration_peaks finds them. */
function drawdownEpisodes(time: Float64Array, dd: Float64Array): { durationsDays: number[]; peaks: number[]; degenerate: boolean } {
  const idx: number[] = [];
  const n = dd.length;
  for (let i = 0; i < n; i++) if (dd[i] === 0) idx.push(i);
  if (idx[idx.length - 1] !== n - 1) idx.push(n - 1);
  const durationsDays: number[] = [];
  const peaks: number[] = [];
  for (let k = 1; k < idx.length; k++) {
    const prev = idx[k - 1], cur = idx[k];
    if (cur > prev + 1) {
      durationsDays.push((time[cur] - time[prev]) / MS_PER_DAY);
      let p = 0;
      for (let i = prev; i <= cur; i++) if (dd[i] > p) p = dd[i];
      peaks.push(p);
    }
  }
  return { durationsDays, peaks, degenerate: durationsDays.length === 0 };
}

export function computeBacktestingPyStats(result: BacktestResult, bars: Bars, riskFreeRate = 0): BacktestingPyStats {
  const { equity, trades } = result;
  const { time, close } = bars;
  const n = equity.length;

  // Drawdown (positive fraction below the running peak)
  const dd = new Float64Array(n);
  let peak = -Infinity;
  for (let i = 0; i < n; i++) {
    if (equity[i] > peak) peak = equity[i];
    dd[i] = 1 - equity[i] / peak;
  }
  let maxDd = 0;
  for (let i = 0; i < n; i++) if (dd[i] > maxDd) maxDd = dd[i];
  const episodes = drawdownEpisodes(time, dd);
  let avgDdPeak: number;
  if (episodes.degenerate) {
    // pandas returns dd with zeros as NaN: the mean of the non-zero drawdowns
    const nz: number[] = [];
    for (let i = 0; i < n; i++) if (dd[i] !== 0) nz.push(dd[i]);
    avgDdPeak = mean(nz);
  } else avgDdPeak = mean(episodes.peaks);

  // Calendar conventions
  const periodDays = Math.floor(dataPeriodMs(time) / MS_PER_DAY);
  let weekend = 0;
  for (let i = 0; i < n; i++) {
    const dow = (Math.floor(time[i] / MS_PER_DAY) + 4) % 7;
    if (dow === 0 || dow === 6) weekend++;
  }
  const haveWeekends = weekend / n > (2 / 7) * 0.6;
  const annualPeriods = periodDays === 7 ? 52 : periodDays === 31 ? 12 : periodDays === 365 ? 1 : haveWeekends ? 365 : 252;
  const freq: Freq = periodDays === 7 ? 'W' : periodDays === 31 ? 'ME' : periodDays === 365 ? 'YE' : 'D';
  const dayReturns = periodReturns(time, equity, freq);
  const g = geometricMean(dayReturns);
  const annReturn = Math.pow(1 + g, annualPeriods) - 1;
  const vol = Math.sqrt(
    Math.pow(variance(dayReturns, 1) + Math.pow(1 + g, 2), annualPeriods) - Math.pow(1 + g, 2 * annualPeriods),
  );
  let downside = 0;
  for (let i = 0; i < dayReturns.length; i++) {
    const r = Math.min(dayReturns[i], 0);
    downside += r * r;
  }
  downside = Math.sqrt(downside / dayReturns.length) * Math.sqrt(annualPeriods);

  const durationMs = time[n - 1] - time[0];
  const years = durationMs / MS_PER_DAY / 365.25;
  const cagr = years ? Math.pow(equity[n - 1] / equity[0], 1 / years) - 1 : NaN;

  // Beta/alpha against the instrument's log returns (np.cov, ddof 1)
  const el = new Float64Array(n - 1), ml = new Float64Array(n - 1);
  for (let i = 1; i < n; i++) {
    el[i - 1] = Math.log(equity[i] / equity[i - 1]);
    ml[i - 1] = Math.log(close[i] / close[i - 1]);
  }
  let beta = NaN;
  if (n - 1 > 1) {
    const me = mean(el), mm = mean(ml);
    let cov = 0, varM = 0;
    for (let i = 0; i < n - 1; i++) {
      cov += (el[i] - me) * (ml[i] - mm);
      varM += (ml[i] - mm) * (ml[i] - mm);
    }
    beta = cov / varM;
  }

  const returnPct = ((equity[n - 1] - equity[0]) / equity[0]) * 100;
  const warm = result.warmup;
  const buyHold = ((close[n - 1] - close[warm]) / close[warm]) * 100;

  // Trades
  const nt = trades.length;
  const pl = trades.map((t) => t.pnl);
  const rets = trades.map((t) => t.returnPct);
  const winRate = nt ? pl.filter((p) => p > 0).length / nt : NaN;
  let posSum = 0, negSum = 0;
  for (const r of rets) {
    if (r > 0) posSum += r;
    else if (r < 0) negSum += r;
  }
  const plMean = mean(pl);
  const plStd = Math.sqrt(variance(pl, 1));
  const wins = pl.filter((p) => p > 0), losses = pl.filter((p) => p < 0);
  const kelly = winRate - (1 - winRate) / (mean(wins) / -mean(losses));
  const durationsDays = trades.map((t) => (t.exitTime - t.entryTime) / MS_PER_DAY);
  const commissions = trades.reduce((s, t) => s + t.fees, 0);

  const stats: BacktestingPyStats = {
    'Start': time[0],
    'End': time[n - 1],
    'Duration': durationMs / MS_PER_DAY,
    'Exposure Time [%]': (result.exposureBars / n) * 100,
    'Equity Final [$]': equity[n - 1],
    'Equity Peak [$]': maxOf(equity),
    'Commissions [$]': commissions || null,
    'Return [%]': returnPct,
    'Buy & Hold Return [%]': buyHold,
    'Return (Ann.) [%]': annReturn * 100,
    'Volatility (Ann.) [%]': vol * 100,
    'CAGR [%]': cagr * 100,
    'Sharpe Ratio': (annReturn * 100 - riskFreeRate * 100) / (vol * 100 || NaN),
    'Sortino Ratio': (annReturn - riskFreeRate) / downside,
    'Calmar Ratio': annReturn / (maxDd || NaN),
    'Alpha [%]': returnPct - riskFreeRate * 100 - beta * (buyHold - riskFreeRate * 100),
    'Beta': beta,
    'Max. Drawdown [%]': -maxDd * 100,
    'Avg. Drawdown [%]': -avgDdPeak * 100,
    'Max. Drawdown Duration': episodes.degenerate ? NaN : maxOf(episodes.durationsDays),
    'Avg. Drawdown Duration': episodes.degenerate ? NaN : mean(episodes.durationsDays),
    '# Trades': nt,
    'Win Rate [%]': winRate * 100,
    'Best Trade [%]': nt ? maxOf(rets) * 100 : NaN,
    'Worst Trade [%]': nt ? -maxOf(rets.map((r) => -r)) * 100 : NaN,
    'Avg. Trade [%]': geometricMean(rets) * 100,
    'Max. Trade Duration': nt ? maxOf(durationsDays) : NaN,
    'Avg. Trade Duration': mean(durationsDays),
    'Profit Factor': posSum / (Math.abs(negSum) || NaN),
    'Expectancy [%]': mean(rets) * 100,
    'SQN': (Math.sqrt(nt) * plMean) / (plStd || NaN),
    'Kelly Criterion': kelly,
  };
  for (const k of Object.keys(stats)) stats[k] = nanToNull(stats[k] as number);
  return stats;
}
