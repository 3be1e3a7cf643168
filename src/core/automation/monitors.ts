/**
 * The autonomous workflow's monitors (SPEC §9), computed from real data instead of the original's constants:
 * - market: the latest bars of a data set (volatility, volume ratio, 1-hour change, activity, bar range);
 * - signal: the trades of the latest runs (strength, consistency, false-signal rate, frequency);
 * - performance: the latest run's equity curve and trades (drawdown, win rate, daily P&L, Sharpe, trades).
 * Conventions: returns are simple per-bar returns; fractions, not percent; Sharpe and volatility are annualised
 * with the data's periodsPerYear (365-day year, 24/7). Thresholds are SPEC §9's.
 */
import { z } from 'zod';

export const MonitorStatusSchema = z.enum(['ok', 'warning', 'critical']);
export type MonitorStatus = z.infer<typeof MonitorStatusSchema>;

export const MonitorResultSchema = z.object({
  monitor_name: z.enum(['market', 'signal', 'performance']),
  timestamp: z.string(),
  status: MonitorStatusSchema,
  metrics: z.record(z.string(), z.number()),
  alerts: z.array(z.string()),
  /** what the numbers were computed from, e.g. "BTC/EUR synth, 288 bars" */
  source: z.string(),
});
export type MonitorResult = z.infer<typeof MonitorResultSchema>;

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

function result(name: MonitorResult['monitor_name'], nowMs: number, metrics: Record<string, number>, critical: string[], warnings: string[], source: string): MonitorResult {
  const status: MonitorStatus = critical.length ? 'critical' : warnings.length ? 'warning' : 'ok';
  return { monitor_name: name, timestamp: new Date(nowMs).toISOString(), status, metrics, alerts: [...critical, ...warnings], source };
}

/** sample standard deviation (n − 1); 0 for fewer than 2 values */
export function sampleStd(xs: ArrayLike<number>): number {
  const n = xs.length;
  if (n < 2) return 0;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += xs[i] as number;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((xs[i] as number) - mean) ** 2;
  return Math.sqrt(ss / (n - 1));
}

export function simpleReturns(v: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 1; i < v.length; i++) out.push((v[i] as number) / (v[i - 1] as number) - 1);
  return out;
}

/** index of the last element with time ≤ t (0 when none is) */
function indexAtOrBefore(time: ArrayLike<number>, t: number): number {
  let i = time.length - 1;
  while (i > 0 && (time[i] as number) > t) i--;
  return i;
}

export interface MarketInput {
  time: ArrayLike<number>;
  high: ArrayLike<number>;
  low: ArrayLike<number>;
  close: ArrayLike<number>;
  volume: ArrayLike<number>;
  periodsPerYear: number;
  calendar: '24/7' | 'exchange';
  label: string;
}

/**
 * Market conditions over the latest bars (the caller passes the window, e.g. the last 24 h):
 * volatility = annualised sample std of simple returns; volume_ratio = mean volume of the last hour's bars ÷ mean
 * volume of the window; price_change_1h = last close ÷ the close at or before (last time − 1 h) − 1;
 * activity_level = share of bars whose close moved; bar_range = mean (high − low)/close over the last hour (a
 * spread proxy: bid/ask are not stored); is_market_hours = 1 for 24/7 data, else Mon–Fri (UTC) of `nowMs`.
 * warning: volatility > 0.35 or volume_ratio < 0.1; critical: |price_change_1h| > 0.15.
 */
export function marketMonitor(m: MarketInput, nowMs: number): MarketMonitorResult {
  const n = m.close.length;
  const lastT = n ? (m.time[n - 1] as number) : nowMs;
  const rets = simpleReturns(m.close);
  const volatility = sampleStd(rets) * Math.sqrt(m.periodsPerYear);
  const hourStart = n ? indexAtOrBefore(m.time, lastT - HOUR_MS) : 0;
  // the last hour's bars: those after the bar at (last − 1 h); at least the last bar
  const recentFrom = Math.min(n - 1, hourStart + 1);
  let volAll = 0, volRecent = 0, rangeSum = 0, moved = 0;
  for (let i = 0; i < n; i++) volAll += m.volume[i] as number;
  for (let i = recentFrom; i < n; i++) {
    volRecent += m.volume[i] as number;
    rangeSum += ((m.high[i] as number) - (m.low[i] as number)) / (m.close[i] as number);
  }
  for (let i = 1; i < n; i++) if (m.close[i] !== m.close[i - 1]) moved++;
  const nRecent = Math.max(1, n - recentFrom);
  const meanAll = n ? volAll / n : 0;
  const volume_ratio = meanAll > 0 ? volRecent / nRecent / meanAll : 0;
  const price_change_1h = n ? (m.close[n - 1] as number) / (m.close[hourStart] as number) - 1 : 0;
  const day = new Date(nowMs).getUTCDay();
  const metrics = {
    volatility,
    volume_ratio,
    price_change_1h,
    activity_level: n > 1 ? moved / (n - 1) : 0,
    bar_range: n ? rangeSum / nRecent : 0,
    is_market_hours: m.calendar === '24/7' || (day >= 1 && day <= 5) ? 1 : 0,
    bars: n,
  };
  const critical = Math.abs(price_change_1h) > 0.15 ? [`price moved ${(price_change_1h * 100).toFixed(1)} % in 1 h (> 15 %)`] : [];
  const warnings = [
    ...(volatility > 0.35 ? [`volatility ${volatility.toFixed(3)} > 0.35`] : []),
    ...(volume_ratio < 0.1 ? [`volume ratio ${volume_ratio.toFixed(3)} < 0.1`] : []),
  ];
  return result('market', nowMs, metrics, critical, warnings, `${m.label}, ${n} bars`) as MarketMonitorResult;
}
export type MarketMonitorResult = MonitorResult & { monitor_name: 'market' };

export interface RunTrades {
  /** closed trades' P&L in cash, in order */
  tradePnls: readonly number[];
  /** bars the run covered */
  bars: number;
}

/**
 * Signal quality over the latest runs: signal_strength = Σ gains ÷ (Σ gains + Σ |losses|) over all their trades
 * (PF ÷ (1 + PF): 0.5 means break-even); signal_consistency = share of runs with positive net P&L;
 * false_signal_rate = losing trades ÷ trades; signal_frequency = trades per 1,000 bars.
 * warning: strength < 0.3 or false-signal rate > 0.3, or no trades at all.
 */
export function signalMonitor(runs: readonly RunTrades[], nowMs: number): MonitorResult {
  let gains = 0, losses = 0, losers = 0, trades = 0, bars = 0, positiveRuns = 0;
  for (const r of runs) {
    let net = 0;
    for (const p of r.tradePnls) {
      if (p > 0) gains += p;
      else if (p < 0) { losses -= p; losers++; }
      net += p;
    }
    trades += r.tradePnls.length;
    bars += r.bars;
    if (net > 0) positiveRuns++;
  }
  const metrics = {
    signal_strength: gains + losses > 0 ? gains / (gains + losses) : 0,
    signal_consistency: runs.length ? positiveRuns / runs.length : 0,
    false_signal_rate: trades ? losers / trades : 0,
    signal_frequency: bars ? (trades / bars) * 1000 : 0,
    runs: runs.length,
    trades,
  };
  const warnings = [
    ...(trades === 0 ? ['no closed trades in the latest runs'] : []),
    ...(trades > 0 && metrics.signal_strength < 0.3 ? [`signal strength ${metrics.signal_strength.toFixed(3)} < 0.3`] : []),
    ...(metrics.false_signal_rate > 0.3 ? [`false-signal rate ${metrics.false_signal_rate.toFixed(3)} > 0.3`] : []),
  ];
  return result('signal', nowMs, metrics, [], warnings, `${runs.length} latest run(s), ${trades} trades`);
}

export interface PerformanceInput {
  /** equity per bar of the latest run */
  equity: ArrayLike<number>;
  /** bar times (epoch ms), same length as equity */
  time: ArrayLike<number>;
  tradePnls: readonly number[];
  periodsPerYear: number;
  /** fraction of equity a position takes (engine sizing), for risk_check's position_size_pct */
  positionSizeFraction: number;
  label: string;
}

/**
 * Performance of the latest run: current_drawdown = 1 − last ÷ running peak; max_drawdown likewise over the curve;
 * win_rate = winning ÷ closed trades; daily_pnl = last equity ÷ equity at or before (last − 24 h) − 1; sharpe =
 * mean ÷ sample std of per-bar simple returns × √periodsPerYear (0 when std is 0).
 * critical: drawdown > 0.2 or daily P&L < −0.05; warning: win rate < 0.45 (with trades).
 */
export function performanceMonitor(p: PerformanceInput, nowMs: number): MonitorResult {
  const n = p.equity.length;
  let peak = -Infinity, maxDd = 0;
  for (let i = 0; i < n; i++) {
    const e = p.equity[i] as number;
    if (e > peak) peak = e;
    if (peak > 0) maxDd = Math.max(maxDd, 1 - e / peak);
  }
  const last = n ? (p.equity[n - 1] as number) : 0;
  const current_drawdown = n && peak > 0 ? 1 - last / peak : 0;
  const dayIdx = n ? indexAtOrBefore(p.time, (p.time[n - 1] as number) - DAY_MS) : 0;
  const daily_pnl = n ? last / (p.equity[dayIdx] as number) - 1 : 0;
  const rets = simpleReturns(p.equity);
  const sd = sampleStd(rets);
  const mean = rets.length ? rets.reduce((s, x) => s + x, 0) / rets.length : 0;
  const wins = p.tradePnls.filter((x) => x > 0).length;
  const trades = p.tradePnls.length;
  const metrics = {
    current_drawdown,
    max_drawdown: maxDd,
    win_rate: trades ? wins / trades : 0,
    daily_pnl,
    sharpe: sd > 0 ? (mean / sd) * Math.sqrt(p.periodsPerYear) : 0,
    trades,
    position_size_pct: p.positionSizeFraction,
  };
  const critical = [
    ...(current_drawdown > 0.2 ? [`drawdown ${(current_drawdown * 100).toFixed(1)} % > 20 %`] : []),
    ...(daily_pnl < -0.05 ? [`daily P&L ${(daily_pnl * 100).toFixed(1)} % < −5 %`] : []),
  ];
  const warnings = trades > 0 && metrics.win_rate < 0.45 ? [`win rate ${(metrics.win_rate * 100).toFixed(1)} % < 45 %`] : [];
  return result('performance', nowMs, metrics, critical, warnings, p.label);
}
