/**
 * Monte-Carlo robustness of a return series.
 *
 * Methods (SPEC §4):
 * - `iid`: per-bar simple returns resampled with replacement, same length;
 * - `block`: random contiguous blocks of `blockSize` (default 20) returns concatenated, the last block truncated;
 * - `trade_shuffle`: a random permutation of the trades' returns (fraction of equity per trade), compounded in the
 *   new order — the final equity is order-invariant, the drawdown path is not.
 *
 * Per path: final equity (initial·Π(1+r)), max drawdown (≤ 0, fraction from the running peak), Sharpe
 * (mean/std(ddof 1)·√P) and CAGR ((final/initial)^(P/len) − 1), where P = periodsPerYear of the bars (for
 * trade_shuffle: trades per year = nTrades·P/nBars). The original computed Sharpe and CAGR as 0 because its
 * resampled series lost their time index (SPEC marks it as a bug); here P is passed in explicitly.
 *
 * Determinism: paths are generated in batches of a fixed `batchSize`; batch b draws from
 * createRng(batchSeed(seed, b)), so the result is identical whatever the number of workers running batches.
 */
import { z } from 'zod';
import { PeakError } from '../errors';
import { xoshiroState } from '../rng';

export const McMethodSchema = z.enum(['iid', 'block', 'trade_shuffle']);
export type McMethod = z.infer<typeof McMethodSchema>;

export interface McConfig {
  method: McMethod;
  nPaths: number;
  seed: number;
  /** block length for `block` (SPEC: 20) */
  blockSize: number;
  initialEquity: number;
  /** periods per year of the input series (bars per year; for trade_shuffle: trades per year) */
  periodsPerYear: number;
  /** paths per batch; fixed so results do not depend on the worker count */
  batchSize: number;
  /** maximum number of steps of the fan chart (the path is sampled at ≤ fanSteps+1 points) */
  fanSteps: number;
  /** the fan chart uses the first `fanPaths` paths (a fixed, seed-determined sample) to bound memory and time */
  fanPaths: number;
}

export const defaultMcConfig: McConfig = {
  method: 'iid',
  nPaths: 1000,
  seed: 42,
  blockSize: 20,
  initialEquity: 10_000,
  periodsPerYear: 365,
  batchSize: 500,
  fanSteps: 500,
  fanPaths: 1000,
};

/** Seed of batch b: a 32-bit mix of (seed, b) (splitmix-like finaliser), independent of scheduling. */
export function batchSeed(seed: number, batchIndex: number): number {
  let z = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(batchIndex + 1, 0x85ebca6b)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x7feb352d);
  z = Math.imul(z ^ (z >>> 15), 0x846ca68b);
  return (z ^ (z >>> 16)) >>> 0;
}

export function batchCount(cfg: Pick<McConfig, 'nPaths' | 'batchSize'>): number {
  return Math.ceil(cfg.nPaths / cfg.batchSize);
}

/** Fan-chart sampling points: indices into the equity path 0..len (0 = initial equity). */
export function fanIndices(len: number, fanSteps: number): Int32Array {
  const k = Math.min(len, Math.max(1, fanSteps));
  const out = new Int32Array(k + 1);
  for (let i = 0; i <= k; i++) out[i] = Math.round((i * len) / k);
  return out;
}

export interface McBatchResult {
  batchIndex: number;
  /** global index of this batch's first path */
  firstPath: number;
  finalEquity: Float64Array;
  maxDrawdown: Float64Array;
  sharpe: Float64Array;
  cagr: Float64Array;
  /** equity at the fan indices for paths with global index < fanPaths, row-major [path][point] */
  fan: Float64Array;
  fanRows: number;
}

function validate(returns: Float64Array, cfg: McConfig): void {
  if (returns.length < 2) throw new PeakError('BAD_INPUT', `montecarlo: needs at least 2 returns, got ${returns.length}`);
  for (let i = 0; i < returns.length; i++) {
    if (!Number.isFinite(returns[i]) || returns[i] <= -1) throw new PeakError('BAD_INPUT', `montecarlo: return #${i} is ${returns[i]} (must be finite and > −1)`);
  }
  if (!(cfg.nPaths >= 1 && Number.isInteger(cfg.nPaths))) throw new PeakError('BAD_INPUT', `montecarlo: nPaths must be a positive integer, got ${cfg.nPaths}`);
  if (!(cfg.batchSize >= 1 && Number.isInteger(cfg.batchSize))) throw new PeakError('BAD_INPUT', `montecarlo: batchSize must be a positive integer, got ${cfg.batchSize}`);
  if (cfg.method === 'block' && !(cfg.blockSize >= 1 && Number.isInteger(cfg.blockSize))) throw new PeakError('BAD_INPUT', `montecarlo: blockSize must be a positive integer, got ${cfg.blockSize}`);
  if (!(cfg.periodsPerYear > 0)) throw new PeakError('BAD_INPUT', `montecarlo: periodsPerYear must be > 0, got ${cfg.periodsPerYear}`);
  if (!(cfg.initialEquity > 0)) throw new PeakError('BAD_INPUT', `montecarlo: initialEquity must be > 0, got ${cfg.initialEquity}`);
}

/**
 * One batch of paths. Allocation-free inner loop: one scratch Float64Array per batch (for shuffles), indices
 * drawn as ⌊u32·T/2³²⌋ (bias < T/2³², negligible for any realistic T).
 */
export function runMcBatch(returns: Float64Array, cfg: McConfig, batchIndex: number): McBatchResult {
  validate(returns, cfg);
  const T = returns.length;
  const firstPath = batchIndex * cfg.batchSize;
  const count = Math.max(0, Math.min(cfg.batchSize, cfg.nPaths - firstPath));
  const st = xoshiroState(batchSeed(cfg.seed, batchIndex));
  const rng = { nextU32: (): number => nextU32(st) };
  const finalEquity = new Float64Array(count);
  const maxDrawdown = new Float64Array(count);
  const sharpe = new Float64Array(count);
  const cagr = new Float64Array(count);
  const fIdx = fanIndices(T, cfg.fanSteps);
  const fanRows = Math.max(0, Math.min(count, cfg.fanPaths - firstPath));
  const fan = new Float64Array(fanRows * fIdx.length);
  const scratch = cfg.method === 'trade_shuffle' ? new Float64Array(T) : null;
  const P = cfg.periodsPerYear;
  const eq0 = cfg.initialEquity;
  const B = cfg.blockSize;
  const years = T / P;
  const TWO32 = 4294967296;
  const invTwo32 = 1 / TWO32;

  for (let p = 0; p < count; p++) {
    const withFan = p < fanRows;
    const fanBase = p * fIdx.length;
    let fk = 1;
    if (withFan) fan[fanBase] = eq0;
    let eq = eq0, peak = eq0, mdd = 0, sum = 0, sumSq = 0;
    if (scratch !== null) {
      // Fisher–Yates on a copy of the trade returns.
      scratch.set(returns);
      for (let i = T - 1; i > 0; i--) {
        const j = Math.floor((rng.nextU32() / TWO32) * (i + 1));
        const t = scratch[i]; scratch[i] = scratch[j]; scratch[j] = t;
      }
    }
    // One specialised loop per method keeps the per-step work branch-free (this is the hot loop).
    if (cfg.method === 'iid') {
      // Inlined xoshiro128** (the same generator and stream as rng.nextU32) keeps the state in locals: the
      // hottest loop of the research module (10,000 paths × 2,000 draws in the bench).
      let s0 = st[0], s1 = st[1], s2 = st[2], s3 = st[3];
      for (let t = 0; t < T; t++) {
        const x = Math.imul(s1, 5);
        const u = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
        const sh = s1 << 9;
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3;
        s2 ^= sh;
        s3 = (s3 << 11) | (s3 >>> 21);
        const r = returns[(u * invTwo32 * T) | 0];
        eq *= 1 + r;
        if (eq > peak) peak = eq;
        else if (eq < peak * (1 + mdd)) mdd = eq / peak - 1;
        sum += r;
        sumSq += r * r;
        if (withFan && t + 1 === fIdx[fk]) fan[fanBase + fk++] = eq;
      }
      st[0] = s0; st[1] = s1; st[2] = s2; st[3] = s3;
    } else {
      const srcSeq = scratch ?? returns;
      let blockPos = B; // position within the current block (method block)
      let src = 0;
      const starts = T - B + 1 > 0 ? T - B + 1 : 1;
      for (let t = 0; t < T; t++) {
        let r: number;
        if (scratch !== null) r = srcSeq[t];
        else {
          if (blockPos >= B) { src = (rng.nextU32() * invTwo32 * starts) | 0; blockPos = 0; }
          r = returns[(src + blockPos) % T];
          blockPos++;
        }
        eq *= 1 + r;
        if (eq > peak) peak = eq;
        else if (eq < peak * (1 + mdd)) mdd = eq / peak - 1;
        sum += r;
        sumSq += r * r;
        if (withFan && t + 1 === fIdx[fk]) fan[fanBase + fk++] = eq;
      }
    }
    const mean = sum / T;
    const v = (sumSq - T * mean * mean) / (T - 1);
    finalEquity[p] = eq;
    maxDrawdown[p] = mdd;
    sharpe[p] = v > 0 ? (mean / Math.sqrt(v)) * Math.sqrt(P) : 0;
    cagr[p] = eq > 0 ? Math.pow(eq / eq0, 1 / years) - 1 : -1;
  }
  return { batchIndex, firstPath, finalEquity, maxDrawdown, sharpe, cagr, fan, fanRows };
}


export function nextU32(st: Uint32Array): number {
  let s0 = st[0] | 0, s1 = st[1] | 0, s2 = st[2] | 0, s3 = st[3] | 0;
  const x = Math.imul(s1, 5);
  const r = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
  const t = s1 << 9;
  s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3;
  s2 ^= t;
  s3 = (s3 << 11) | (s3 >>> 21);
  st[0] = s0; st[1] = s1; st[2] = s2; st[3] = s3;
  return r;
}

/** Linear-interpolation percentile (numpy's default) of a SORTED array, q ∈ [0, 1]. */
export function percentileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export const DistributionSchema = z.object({
  p5: z.number(), p25: z.number(), p50: z.number(), p75: z.number(), p95: z.number(), mean: z.number(), std: z.number(), min: z.number(), max: z.number(),
});
export type Distribution = z.infer<typeof DistributionSchema>;

/** Percentiles (linear), mean and sample std (ddof 1) of the values. */
export function distribution(values: Float64Array): Distribution {
  const s = Float64Array.from(values).sort();
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum += s[i];
  const mean = sum / s.length;
  let ss = 0;
  for (let i = 0; i < s.length; i++) ss += (s[i] - mean) * (s[i] - mean);
  return {
    p5: percentileSorted(s, 0.05), p25: percentileSorted(s, 0.25), p50: percentileSorted(s, 0.5),
    p75: percentileSorted(s, 0.75), p95: percentileSorted(s, 0.95),
    mean, std: s.length > 1 ? Math.sqrt(ss / (s.length - 1)) : 0, min: s[0], max: s[s.length - 1],
  };
}

export const FanChartSchema = z.object({
  /** step index (0 = start) of each point along the path */
  step: z.array(z.number()),
  p5: z.array(z.number()), p25: z.array(z.number()), p50: z.array(z.number()), p75: z.array(z.number()), p95: z.array(z.number()),
  nPaths: z.number(),
});
export type FanChart = z.infer<typeof FanChartSchema>;

/** The Monte-Carlo result, declared once: the contract's montecarlo:run output uses this schema. */
export const McSummarySchema = z.object({
  method: McMethodSchema,
  nPaths: z.number(),
  seed: z.number(),
  length: z.number(),
  periodsPerYear: z.number(),
  initialEquity: z.number(),
  finalEquity: DistributionSchema,
  maxDrawdown: DistributionSchema,
  sharpe: DistributionSchema,
  cagr: DistributionSchema,
  totalReturn: DistributionSchema,
  /** share of paths with final equity < initial */
  probLoss: z.number(),
  fan: FanChartSchema,
});
export type McSummary = z.infer<typeof McSummarySchema>;

/** Merge batches (any order) into the summary; batches must cover 0..batchCount−1 exactly once. */
export function summarizeMc(batches: readonly McBatchResult[], cfg: McConfig, length: number): McSummary {
  const sorted = [...batches].sort((a, b) => a.batchIndex - b.batchIndex);
  const nb = batchCount(cfg);
  if (sorted.length !== nb || sorted.some((b, i) => b.batchIndex !== i)) throw new PeakError('INTERNAL', `montecarlo: expected batches 0..${nb - 1}, got ${sorted.map((b) => b.batchIndex).join(',')}`);
  const cat = (k: 'finalEquity' | 'maxDrawdown' | 'sharpe' | 'cagr'): Float64Array => {
    const out = new Float64Array(cfg.nPaths);
    let o = 0;
    for (const b of sorted) { out.set(b[k], o); o += b[k].length; }
    return out;
  };
  const fe = cat('finalEquity');
  let losses = 0;
  const tr = new Float64Array(fe.length);
  for (let i = 0; i < fe.length; i++) { if (fe[i] < cfg.initialEquity) losses++; tr[i] = fe[i] / cfg.initialEquity - 1; }
  // Fan: per sampling point, percentiles across the first fanPaths paths.
  const fIdx = fanIndices(length, cfg.fanSteps);
  const K = fIdx.length;
  const rows: Float64Array[] = [];
  for (const b of sorted) for (let r = 0; r < b.fanRows; r++) rows.push(b.fan.subarray(r * K, (r + 1) * K));
  const col = new Float64Array(rows.length);
  const fan: FanChart = { step: Array.from(fIdx), p5: [], p25: [], p50: [], p75: [], p95: [], nPaths: rows.length };
  for (let k = 0; k < K; k++) {
    for (let r = 0; r < rows.length; r++) col[r] = rows[r][k];
    col.sort();
    fan.p5.push(percentileSorted(col, 0.05)); fan.p25.push(percentileSorted(col, 0.25)); fan.p50.push(percentileSorted(col, 0.5));
    fan.p75.push(percentileSorted(col, 0.75)); fan.p95.push(percentileSorted(col, 0.95));
  }
  return {
    method: cfg.method, nPaths: cfg.nPaths, seed: cfg.seed, length, periodsPerYear: cfg.periodsPerYear, initialEquity: cfg.initialEquity,
    finalEquity: distribution(fe), maxDrawdown: distribution(cat('maxDrawdown')), sharpe: distribution(cat('sharpe')),
    cagr: distribution(cat('cagr')), totalReturn: distribution(tr), probLoss: losses / cfg.nPaths, fan,
  };
}

/** All batches in-process (the pool runs the same batches in workers and merges with summarizeMc). */
export function runMonteCarlo(returns: Float64Array, cfg: McConfig, onBatch?: (done: number, total: number) => void): McSummary {
  validate(returns, cfg);
  const nb = batchCount(cfg);
  const out: McBatchResult[] = [];
  for (let b = 0; b < nb; b++) {
    out.push(runMcBatch(returns, cfg, b));
    onBatch?.(b + 1, nb);
  }
  return summarizeMc(out, cfg, returns.length);
}

/** Simple per-bar returns of an equity curve (length n−1). */
export function equityReturns(equity: ArrayLike<number>): Float64Array {
  const n = equity.length;
  const r = new Float64Array(Math.max(0, n - 1));
  for (let i = 1; i < n; i++) r[i - 1] = equity[i - 1] !== 0 ? equity[i] / equity[i - 1] - 1 : 0;
  return r;
}

/** Trades per year for trade_shuffle annualisation: nTrades·barsPerYear/nBars. */
export const tradesPerYear = (nTrades: number, nBars: number, barsPerYear: number): number => (nBars > 0 ? (nTrades * barsPerYear) / nBars : 1);
