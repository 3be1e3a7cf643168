/**
 * Walk-forward analysis (SPEC §4): windows, in-sample optimisation, out-of-sample evaluation, stitching.
 *
 * Windows are half-open bar ranges [start, end). Lengths are given either all in bars (numbers) or all as
 * durations ('180d', '30d', '12h', '4w', '90m'); durations are laid out on the timestamps (a window covers
 * the bars whose time falls in [t, t + duration)). Only complete windows count: the test period must end at or
 * before the end of the data (last time + one bar interval).
 *
 * Modes:
 * - `rolling`: train and test slide forward by `step`. The default step is the TEST length, so the OOS windows
 *   tile the data after the first training period (no untested gaps, a stitched OOS curve with no flat years).
 *   The original's step (next train_start = previous test_end, i.e. step = train + test, which tests only
 *   test/(train+test) of the data) remains available as an explicit `step`.
 * - `anchored` (expanding): train always starts at bar 0; train_end advances by `step` (default: the test length),
 *   so the OOS segments tile the data after the first training period.
 *
 * In-sample optimisation picks the grid point with the best `metric` and SPEC's tie-break: score ↑, then max
 * drawdown closer to 0 ↑, then total return ↑, then grid order (first wins). NaN scores rank last.
 *
 * Walk-forward efficiency (WFE) = mean OOS annualised return / mean IS annualised return of the selected
 * parameter sets (Pardo's definition on annualised returns, so train and test lengths can differ); null when
 * the mean IS annualised return is ≤ 0 (the ratio is meaningless there).
 */
import { detectIntervalMs, MS_PER_DAY } from '../data/bars';
import { PeakError } from '../errors';

export type WindowLength = number | string;
export type WfMode = 'rolling' | 'anchored';

export interface WfWindowSpec {
  train: WindowLength;
  test: WindowLength;
  step?: WindowLength | null;
  mode: WfMode;
}

export interface WfWindow {
  index: number;
  trainStart: number;
  trainEnd: number;
  testStart: number;
  testEnd: number;
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: MS_PER_DAY, w: 7 * MS_PER_DAY };

/** '180d' → ms. Units m (minutes), h, d, w. */
export function parseDuration(s: string, field = 'duration'): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([mhdw])\s*$/.exec(s);
  if (!m) throw new PeakError('BAD_INPUT', `walk-forward: ${field} '${s}' is not a duration like '180d', '12h', '4w' or '90m'`);
  const v = Number(m[1]) * UNIT_MS[m[2]];
  if (!(v > 0)) throw new PeakError('BAD_INPUT', `walk-forward: ${field} '${s}' must be positive`);
  return v;
}

/** First index i with time[i] ≥ t (time strictly increasing). */
function lowerBound(time: Float64Array, t: number): number {
  let lo = 0, hi = time.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function posInt(v: number, field: string): number {
  if (!(Number.isInteger(v) && v > 0)) throw new PeakError('BAD_INPUT', `walk-forward: ${field} must be a positive whole number of bars, got ${v}`);
  return v;
}

/** More windows than this is a mistake (a 1-bar step on a year of minutes), refused before any is built. */
export const MAX_WF_WINDOWS = 5_000;

function checkWindowCount(count: number): void {
  if (count > MAX_WF_WINDOWS) {
    throw new PeakError('BAD_INPUT', `walk-forward: ${count} windows exceeds the limit of ${MAX_WF_WINDOWS}; use a longer step or test period`);
  }
}

export function makeWindows(time: Float64Array, spec: WfWindowSpec): WfWindow[] {
  const n = time.length;
  const kinds = [spec.train, spec.test, ...(spec.step == null ? [] : [spec.step])].map((x) => typeof x);
  if (new Set(kinds).size !== 1) throw new PeakError('BAD_INPUT', 'walk-forward: train, test and step must all be bar counts or all durations (e.g. 180d/30d)');
  const out: WfWindow[] = [];
  const push = (a: number, b: number, c: number): void => {
    if (b > a && c > b) out.push({ index: out.length, trainStart: a, trainEnd: b, testStart: b, testEnd: c });
  };
  if (typeof spec.train === 'number') {
    const train = posInt(spec.train, 'train'), test = posInt(spec.test as number, 'test');
    const step = spec.step == null ? test : posInt(spec.step as number, 'step');
    checkWindowCount(Math.floor(Math.max(0, n - train - test) / step) + 1);
    if (spec.mode === 'rolling') for (let s = 0; s + train + test <= n; s += step) push(s, s + train, s + train + test);
    else for (let e = train; e + test <= n; e += step) push(0, e, e + test);
    return out;
  }
  if (n < 2) return out;
  const train = parseDuration(spec.train, 'train'), test = parseDuration(spec.test as string, 'test');
  const step = spec.step == null ? test : parseDuration(spec.step as string, 'step');
  const t0 = time[0];
  const dataEnd = time[n - 1] + detectIntervalMs(time);
  checkWindowCount(Math.floor(Math.max(0, dataEnd - t0 - train - test) / step) + 1);
  if (spec.mode === 'rolling') {
    for (let s = t0; s + train + test <= dataEnd; s += step) push(lowerBound(time, s), lowerBound(time, s + train), lowerBound(time, s + train + test));
  } else {
    for (let e = t0 + train; e + test <= dataEnd; e += step) push(0, lowerBound(time, e), lowerBound(time, e + test));
  }
  return out;
}

/** Metrics an evaluator returns for one segment; the named ones are required, others may be used as `metric`. */
export interface SegmentMetrics {
  sharpe: number;
  /** fraction, end/start − 1 */
  totalReturn: number;
  /** ≤ 0, fraction */
  maxDrawdown: number;
  /** annualised return (CAGR) as a fraction */
  annualReturn: number;
  trades: number;
  [metric: string]: number;
}

export interface SegmentEval {
  metrics: SegmentMetrics;
  /** equity per bar of the segment (test segments only; needed for stitching) */
  equity?: Float64Array;
  /** starting capital the segment's equity is relative to */
  initialEquity?: number;
}

export interface Segment { start: number; end: number; role: 'train' | 'test' }
export type Evaluate<P> = (segment: Segment, params: P) => SegmentEval;

/** Index of the best candidate by SPEC's tie-break (score ↑, maxDD closer to 0, return ↑, grid order). */
export function selectBest(cands: readonly SegmentMetrics[], metric: string): number {
  const key = (m: SegmentMetrics): number => (Number.isFinite(m[metric]) ? m[metric] : -Infinity);
  let best = -1;
  for (let i = 0; i < cands.length; i++) {
    if (best < 0) { best = i; continue; }
    const a = cands[i], b = cands[best];
    const ka = key(a), kb = key(b);
    if (ka !== kb) { if (ka > kb) best = i; continue; }
    const da = Number.isFinite(a.maxDrawdown) ? a.maxDrawdown : -Infinity, db = Number.isFinite(b.maxDrawdown) ? b.maxDrawdown : -Infinity;
    if (da !== db) { if (da > db) best = i; continue; }
    const ra = Number.isFinite(a.totalReturn) ? a.totalReturn : -Infinity, rb = Number.isFinite(b.totalReturn) ? b.totalReturn : -Infinity;
    if (ra > rb) best = i;
  }
  return best;
}

export interface FoldResult<P> {
  window: WfWindow;
  bestIndex: number;
  params: P;
  /** in-sample metrics of the winner */
  is: SegmentMetrics;
  oos: SegmentMetrics;
  /** OOS equity of the winner divided by its starting capital (1 = start) */
  oosCurve: number[];
  candidates: number;
}

/** One walk-forward fold: optimise on train over `grid` (grid order matters for ties), then evaluate OOS. */
export function runFold<P>(window: WfWindow, grid: readonly P[], evaluate: Evaluate<P>, metric: string): FoldResult<P> {
  if (grid.length === 0) throw new PeakError('BAD_INPUT', 'walk-forward: the parameter grid is empty');
  const isM = grid.map((p) => evaluate({ start: window.trainStart, end: window.trainEnd, role: 'train' }, p).metrics);
  for (const m of isM) if (!Object.hasOwn(m, metric)) throw new PeakError('BAD_INPUT', `walk-forward: optimisation metric '${metric}' is not one of ${Object.keys(m).join(', ')}`);
  const bestIndex = selectBest(isM, metric);
  const params = grid[bestIndex];
  const oosEval = evaluate({ start: window.testStart, end: window.testEnd, role: 'test' }, params);
  const eq = oosEval.equity;
  const base = oosEval.initialEquity ?? (eq && eq.length > 0 ? eq[0] : 1);
  const oosCurve = eq ? Array.from(eq, (v) => v / base) : [1, 1 + oosEval.metrics.totalReturn];
  return { window, bestIndex, params, is: isM[bestIndex], oos: oosEval.metrics, oosCurve, candidates: grid.length };
}

export interface WfAggregates {
  avgSharpe: number; minSharpe: number; maxSharpe: number;
  avgReturn: number; minReturn: number; maxReturn: number;
  avgMaxDrawdown: number;
  positiveWindows: number;
  totalWindows: number;
  winRateWindows: number;
}

export interface WfSummary<P> {
  folds: FoldResult<P>[];
  aggregates: WfAggregates;
  /** stitched OOS equity: bar index and equity; each segment compounds from the previous segment's end */
  stitched: { bar: number[]; equity: number[] };
  stitchedTotalReturn: number;
  stitchedMaxDrawdown: number;
  /** annualised Sharpe of the stitched OOS per-bar returns (√periodsPerYear) */
  stitchedSharpe: number;
  /** mean OOS annualised return / mean IS annualised return; null when mean IS ≤ 0 */
  efficiency: number | null;
  meanIsAnnualReturn: number;
  meanOosAnnualReturn: number;
}

const mean = (x: number[]): number => (x.length ? x.reduce((a, b) => a + b, 0) / x.length : NaN);

export function assembleWalkForward<P>(folds: readonly FoldResult<P>[], initialEquity: number, periodsPerYear: number): WfSummary<P> {
  const sorted = [...folds].sort((a, b) => a.window.index - b.window.index);
  // Every window counts: a window without trades (flat equity, no Sharpe) earned nothing at no risk, so its
  // Sharpe enters as 0 instead of being skipped (skipping flattered the average). The headline OOS Sharpe is
  // stitchedSharpe, computed from the stitched OOS returns themselves.
  const finite = (x: number[]): number[] => x.filter(Number.isFinite);
  const orZero = (x: number): number => (Number.isFinite(x) ? x : 0);
  const sh = sorted.map((f) => orZero(f.oos.sharpe)), rt = sorted.map((f) => orZero(f.oos.totalReturn));
  const positive = rt.filter((r) => r > 0).length;
  const aggregates: WfAggregates = {
    avgSharpe: mean(sh), minSharpe: sh.length ? Math.min(...sh) : NaN, maxSharpe: sh.length ? Math.max(...sh) : NaN,
    avgReturn: mean(rt), minReturn: rt.length ? Math.min(...rt) : NaN, maxReturn: rt.length ? Math.max(...rt) : NaN,
    avgMaxDrawdown: mean(finite(sorted.map((f) => f.oos.maxDrawdown))),
    positiveWindows: positive, totalWindows: sorted.length, winRateWindows: sorted.length ? positive / sorted.length : NaN,
  };
  const bar: number[] = [], equity: number[] = [];
  let level = initialEquity;
  let peak = level, mdd = 0, sum = 0, sumSq = 0, nRet = 0;
  for (const f of sorted) {
    const c = f.oosCurve;
    if (bar.length === 0 || bar[bar.length - 1] !== f.window.testStart - 1) {
      bar.push(f.window.testStart - 1); equity.push(level); // segment start (equity before its first bar)
    }
    let prev = 1;
    for (let i = 0; i < c.length; i++) {
      const r = c[i] / prev - 1;
      prev = c[i];
      level *= 1 + r;
      sum += r; sumSq += r * r; nRet++;
      if (level > peak) peak = level;
      else mdd = Math.min(mdd, level / peak - 1);
      bar.push(f.window.testStart + i);
      equity.push(level);
    }
  }
  const m = nRet ? sum / nRet : 0;
  const v = nRet > 1 ? (sumSq - nRet * m * m) / (nRet - 1) : 0;
  const meanIs = mean(finite(sorted.map((f) => f.is.annualReturn)));
  const meanOos = mean(finite(sorted.map((f) => f.oos.annualReturn)));
  return {
    folds: sorted,
    aggregates,
    stitched: { bar, equity },
    stitchedTotalReturn: level / initialEquity - 1,
    stitchedMaxDrawdown: mdd,
    stitchedSharpe: v > 0 ? (m / Math.sqrt(v)) * Math.sqrt(periodsPerYear) : 0,
    efficiency: Number.isFinite(meanIs) && meanIs > 0 && Number.isFinite(meanOos) ? meanOos / meanIs : null,
    meanIsAnnualReturn: meanIs,
    meanOosAnnualReturn: meanOos,
  };
}

/** Whole walk-forward in-process (the pool runs one `runFold` per task and assembles the same way). */
export function runWalkForward<P>(
  time: Float64Array, spec: WfWindowSpec, grid: readonly P[], evaluate: Evaluate<P>,
  opts: { metric: string; initialEquity: number; periodsPerYear: number; onFold?: (done: number, total: number) => void },
): WfSummary<P> {
  const windows = makeWindows(time, spec);
  if (windows.length === 0) throw new PeakError('BAD_INPUT', `walk-forward: no complete window fits ${time.length} bars with train ${spec.train}, test ${spec.test}`);
  const folds = windows.map((w, i) => {
    const f = runFold(w, grid, evaluate, opts.metric);
    opts.onFold?.(i + 1, windows.length);
    return f;
  });
  return assembleWalkForward(folds, opts.initialEquity, opts.periodsPerYear);
}
