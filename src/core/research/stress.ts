/**
 * Stress tests on a per-bar simple-return series (SPEC §4 and the risk layer's kinds).
 *
 * Point shocks at index idx (position start → 0, middle → ⌊n/2⌋, end → n−1, moved to the nearest bar with a
 * non-zero return, i.e. where the strategy is exposed; see shockIndex):
 * - single_crash_bar: r[idx] = −severity.
 * - gap_down_open: r[idx] −= severity (the bar's own move is kept on top of the gap).
 * - vol_spike: returns within ±⌊window/2⌋ of idx multiplied by (1 + severity).
 * - drawdown_extension: negative returns inside the longest drawdown episode (drawdown < −1 %) multiplied by
 *   (1 + severity); around idx (±window/2) if the series never draws down that far.
 * - flash_crash: a −severity bar (default 20 %) at idx, then the price level recovers LINEARLY to the
 *   pre-crash level over `recoveryBars` (10) bars; the extra return is compounded onto the original returns.
 * Regime scenarios over a span of days converted to bars with barsPerDay (daily bars: exactly the original):
 * - regime_bear: an extra drift of −severity per day (default 1 %/day, i.e. −severity/barsPerDay per bar) for 60 days.
 * - regime_sideways: returns in a 30-day span demeaned and scaled by chop = 1 + severity·5 (default severity .2 →
 *   chop 2, the original's "chop 2"): larger swings with zero net drift.
 * Span scenarios start at 0 (start), centred (middle), or end at the last bar (end).
 * Returns are floored at −1 (equity cannot go below zero).
 */
import { z } from 'zod';
import { PeakError } from '../errors';

export const STRESS_KINDS = ['single_crash_bar', 'gap_down_open', 'vol_spike', 'drawdown_extension', 'flash_crash', 'regime_bear', 'regime_sideways'] as const;
export type StressKind = (typeof STRESS_KINDS)[number];
export const STRESS_POSITIONS = ['start', 'middle', 'end'] as const;
export type StressPosition = (typeof STRESS_POSITIONS)[number];

export interface StressScenario {
  kind: StressKind;
  /** fraction in [0, 1]; default 0.2 (regime_bear: 0.01 per day) */
  severity?: number;
  position?: StressPosition;
  /** bars affected by vol_spike / drawdown_extension fallback (default 5) */
  window?: number;
  /** flash_crash recovery length in bars (default 10) */
  recoveryBars?: number;
  /** regime span in days (default bear 60, sideways 30) */
  days?: number;
}

export interface StressOptions {
  /** bars per calendar day (periodsPerYear/365 for 24/7 data); used by the regime scenarios */
  barsPerDay: number;
}

export const defaultSeverity = (k: StressKind): number => (k === 'regime_bear' ? 0.01 : 0.2);

function pointIndex(n: number, pos: StressPosition): number {
  return pos === 'start' ? 0 : pos === 'end' ? n - 1 : Math.floor(n / 2);
}

/**
 * The bar a point shock lands on: the positional bar, or the nearest one where the strategy is exposed (a
 * non-zero return). A shock on a bar where the strategy holds nothing would change nothing (vol_spike) or
 * crash an account that is in cash (Trust #5); all-zero series keep the positional bar.
 */
export function shockIndex(returns: Float64Array, pos: StressPosition): number {
  const n = returns.length;
  const at = pointIndex(n, pos);
  for (let d = 0; d < n; d++) {
    if (at - d >= 0 && returns[at - d] !== 0) return at - d;
    if (at + d < n && returns[at + d] !== 0) return at + d;
  }
  return at;
}

function spanStart(n: number, len: number, pos: StressPosition): number {
  if (len >= n) return 0;
  return pos === 'start' ? 0 : pos === 'end' ? n - len : Math.floor((n - len) / 2);
}

/** Longest run of bars with drawdown below −1 % from the running peak of Π(1+r); null if none. */
export function longestDrawdownEpisode(r: Float64Array, threshold = -0.01): { start: number; end: number } | null {
  let eq = 1, peak = 1, cur = -1, best: { start: number; end: number } | null = null;
  for (let i = 0; i < r.length; i++) {
    eq *= 1 + r[i];
    if (eq > peak) peak = eq;
    const inDd = eq / peak - 1 < threshold;
    if (inDd && cur < 0) cur = i;
    if ((!inDd || i === r.length - 1) && cur >= 0) {
      const end = inDd ? i + 1 : i;
      if (!best || end - cur > best.end - best.start) best = { start: cur, end };
      cur = -1;
    }
  }
  return best;
}

/** A stressed copy of the returns. */
export function applyStress(returns: Float64Array, sc: StressScenario, opts: StressOptions): Float64Array {
  const n = returns.length;
  if (n === 0) throw new PeakError('BAD_INPUT', 'stress: the return series is empty');
  if (!(STRESS_KINDS as readonly string[]).includes(sc.kind)) throw new PeakError('BAD_INPUT', `stress: unknown scenario '${sc.kind}' (one of ${STRESS_KINDS.join(', ')})`);
  const sev = sc.severity ?? defaultSeverity(sc.kind);
  if (!(sev >= 0 && sev <= 1)) throw new PeakError('BAD_INPUT', `stress: severity of ${sc.kind} must be in [0, 1], got ${sev}`);
  const pos = sc.position ?? 'middle';
  const win = sc.window ?? 5;
  if (!(Number.isInteger(win) && win >= 1)) throw new PeakError('BAD_INPUT', `stress: window must be a positive integer, got ${win}`);
  if (!(opts.barsPerDay > 0)) throw new PeakError('BAD_INPUT', `stress: barsPerDay must be > 0, got ${opts.barsPerDay}`);
  const r = Float64Array.from(returns);
  const idx = shockIndex(returns, pos);
  const half = Math.floor(win / 2);
  const lo = Math.max(0, idx - half), hi = Math.min(n, idx + half + 1);
  switch (sc.kind) {
    case 'single_crash_bar':
      r[idx] = -sev;
      break;
    case 'gap_down_open':
      r[idx] -= sev;
      break;
    case 'vol_spike':
      for (let i = lo; i < hi; i++) r[i] *= 1 + sev;
      break;
    case 'drawdown_extension': {
      const ep = longestDrawdownEpisode(returns);
      const a = ep ? ep.start : lo, b = ep ? ep.end : hi;
      for (let i = a; i < b; i++) if (r[i] < 0) r[i] *= 1 + sev;
      break;
    }
    case 'flash_crash': {
      const rec = sc.recoveryBars ?? 10;
      if (!(Number.isInteger(rec) && rec >= 1)) throw new PeakError('BAD_INPUT', `stress: recoveryBars must be a positive integer, got ${rec}`);
      // Extra price level relative to the unstressed path: 1 − sev at idx, then linearly back to 1.
      r[idx] = (1 + r[idx]) * (1 - sev) - 1;
      let prevLevel = 1 - sev;
      for (let k = 1; k <= rec && idx + k < n; k++) {
        const level = 1 - sev + (sev * k) / rec;
        r[idx + k] = (1 + r[idx + k]) * (level / prevLevel) - 1;
        prevLevel = level;
      }
      break;
    }
    case 'regime_bear': {
      const len = Math.max(1, Math.round((sc.days ?? 60) * opts.barsPerDay));
      const s = spanStart(n, len, pos);
      const drift = sev / opts.barsPerDay;
      for (let i = s; i < Math.min(n, s + len); i++) r[i] -= drift;
      break;
    }
    case 'regime_sideways': {
      const len = Math.max(2, Math.round((sc.days ?? 30) * opts.barsPerDay));
      const s = spanStart(n, len, pos), e = Math.min(n, s + len);
      const chop = 1 + 5 * sev;
      let m = 0;
      for (let i = s; i < e; i++) m += r[i];
      m /= e - s;
      for (let i = s; i < e; i++) r[i] = (r[i] - m) * chop;
      break;
    }
  }
  for (let i = 0; i < n; i++) if (r[i] < -1) r[i] = -1;
  return r;
}

export const StressMetricsSchema = z.object({
  finalEquity: z.number(),
  totalReturn: z.number(),
  /** ≤ 0, fraction */
  maxDrawdown: z.number(),
  /** annualised: mean/std(ddof 1)·√P */
  sharpe: z.number(),
  /** (final/initial)^(P/n) − 1 */
  cagr: z.number(),
  /** std·√P */
  volatility: z.number(),
});
export type StressMetrics = z.infer<typeof StressMetricsSchema>;

export function returnSeriesMetrics(r: Float64Array, periodsPerYear: number, initialEquity = 1): StressMetrics {
  const n = r.length;
  let eq = 1, peak = 1, mdd = 0, s = 0, ss = 0;
  for (let i = 0; i < n; i++) {
    eq *= 1 + r[i];
    if (eq > peak) peak = eq;
    else if (eq / peak - 1 < mdd) mdd = eq / peak - 1;
    s += r[i]; ss += r[i] * r[i];
  }
  const mean = n ? s / n : 0;
  const v = n > 1 ? Math.max(0, (ss - n * mean * mean) / (n - 1)) : 0;
  const sd = Math.sqrt(v);
  return {
    finalEquity: initialEquity * eq,
    totalReturn: eq - 1,
    maxDrawdown: mdd,
    sharpe: sd > 0 ? (mean / sd) * Math.sqrt(periodsPerYear) : 0,
    cagr: eq > 0 && n > 0 ? Math.pow(eq, periodsPerYear / n) - 1 : -1,
    volatility: sd * Math.sqrt(periodsPerYear),
  };
}

export const StressResultSchema = z.object({
  scenario: z.object({ kind: z.enum(STRESS_KINDS), severity: z.number(), position: z.enum(STRESS_POSITIONS) }),
  stressed: StressMetricsSchema,
  /** stressed − baseline, per metric */
  diff: StressMetricsSchema,
});
export type StressResult = z.infer<typeof StressResultSchema>;

/** Per scenario: stressed − baseline in percentage points (Sharpe: plain difference, a ratio). See stress-baseline.ts. */
export const StressDeltaPpSchema = z.object({ totalReturnPp: z.number(), cagrPp: z.number(), maxDrawdownPp: z.number(), volatilityPp: z.number(), sharpe: z.number() });

/** The stress result, declared once: the contract's stress:run output uses this schema. */
export const StressSummarySchema = z.object({
  baseline: StressMetricsSchema,
  results: z.array(StressResultSchema),
  /** the run's own metrics the baseline was taken from (Trust #5; absent in portfolio studies) */
  baselineRunMetrics: z.record(z.string(), z.number().nullable()).optional(),
  /** per scenario, in the order of `results` (Trust #5; absent in portfolio studies) */
  deltasPp: z.array(StressDeltaPpSchema).optional(),
});
export type StressSummary = z.infer<typeof StressSummarySchema>;

const diffOf = (a: StressMetrics, b: StressMetrics): StressMetrics => ({
  finalEquity: a.finalEquity - b.finalEquity, totalReturn: a.totalReturn - b.totalReturn, maxDrawdown: a.maxDrawdown - b.maxDrawdown,
  sharpe: a.sharpe - b.sharpe, cagr: a.cagr - b.cagr, volatility: a.volatility - b.volatility,
});

/** One scenario (a pool task): baseline is recomputed cheaply so each task stands alone. */
export function runStressScenario(returns: Float64Array, sc: StressScenario, opts: StressOptions & { periodsPerYear: number; initialEquity: number }): StressResult {
  const baseline = returnSeriesMetrics(returns, opts.periodsPerYear, opts.initialEquity);
  const stressed = returnSeriesMetrics(applyStress(returns, sc, opts), opts.periodsPerYear, opts.initialEquity);
  return {
    scenario: { kind: sc.kind, severity: sc.severity ?? defaultSeverity(sc.kind), position: sc.position ?? 'middle' },
    stressed,
    diff: diffOf(stressed, baseline),
  };
}

export function runStress(returns: Float64Array, scenarios: readonly StressScenario[], opts: StressOptions & { periodsPerYear: number; initialEquity: number }): StressSummary {
  return {
    baseline: returnSeriesMetrics(returns, opts.periodsPerYear, opts.initialEquity),
    results: scenarios.map((s) => runStressScenario(returns, s, opts)),
  };
}
