/**
 * Overfitting statistics: Probabilistic Sharpe (PSR), Deflated Sharpe (DSR) and the Probability of Backtest
 * Overfitting by Combinatorially Symmetric Cross-Validation (PBO/CSCV).
 *
 * Return basis: every Sharpe here is the NON-annualised per-period Sharpe of simple per-bar returns,
 * ŝr = mean(r) / std(r) (sample std, ddof 1) — the same returns the annualised Sharpe shown in reports is
 * computed from. Convert an annualised Sharpe with `perPeriodSharpe(srAnnual, periodsPerYear)` = srAnnual / √P.
 * Skewness γ₃ and kurtosis γ₄ are the population (biased) moments of the same returns; γ₄ is the RAW
 * kurtosis (3 for a normal distribution), not the excess kurtosis.
 *
 * References: Bailey & López de Prado (2012) "The Sharpe Ratio Efficient Frontier"; Bailey & López de Prado
 * (2014) "The Deflated Sharpe Ratio"; Bailey, Borwein, López de Prado & Zhu (2017) "The Probability of
 * Backtest Overfitting".
 */
import { PeakError } from '../errors';

export const EULER_MASCHERONI = 0.5772156649015329;
const SQRT2 = Math.SQRT2;
const SQRT_PI = Math.sqrt(Math.PI);
const SQRT_2PI = Math.sqrt(2 * Math.PI);

/**
 * erfc(x) for x ≥ 0 with ~1e-15 relative accuracy:
 * - x < 2.5: erf from the all-positive series erf(x) = 2x/√π·e^{−x²}·Σ (2x²)ⁿ/(1·3·…·(2n+1)) (no cancellation);
 * - x ≥ 2.5: the continued fraction erfc(x) = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))) by modified Lentz.
 */
function erfcNonNeg(x: number): number {
  if (x < 2.5) {
    const x2 = x * x;
    let term = 1;
    let sum = 1;
    for (let n = 0; n < 200; n++) {
      term *= (2 * x2) / (2 * n + 3);
      sum += term;
      if (term < sum * 1e-17) break;
    }
    return 1 - ((2 * x) / SQRT_PI) * Math.exp(-x2) * sum;
  }
  if (x > 27) return 0;
  // Lentz: f = b0 + a1/(b1 + a2/(b2 + …)) with b_k = x, a_k = k/2.
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = x + a * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = x + a / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / SQRT_PI / f;
}

export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  return x >= 0 ? erfcNonNeg(x) : 2 - erfcNonNeg(-x);
}

export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  return x >= 0 ? 1 - erfcNonNeg(x) : erfcNonNeg(-x) - 1;
}

/** Standard normal CDF Φ(z) = erfc(−z/√2)/2; accurate in both tails (relative error ~1e-15). */
export function normCdf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  if (z === Infinity) return 1;
  if (z === -Infinity) return 0;
  return 0.5 * erfc(-z / SQRT2);
}

export function normPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / SQRT_2PI;
}

// Acklam's rational approximation (relative error 1.15e-9), refined below by Halley steps.
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

/** Inverse standard normal CDF Φ⁻¹(p), p ∈ (0, 1): Acklam + Halley refinement against `normCdf`. */
export function normInv(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const pLow = 0.02425;
  let x: number;
  if (p < pLow) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  } else if (p <= 1 - pLow) {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  }
  // Halley steps (cubic convergence). In the upper tail work with the complement to keep precision.
  for (let i = 0; i < 2; i++) {
    // e = Φ(x) − p; for p > 0.5 as (1 − p) − Q(x) with Q(x) = erfc(x/√2)/2, avoiding 1 − small cancellation.
    const e = p > 0.5 ? (1 - p) - 0.5 * erfc(x / SQRT2) : normCdf(x) - p;
    const u = e * SQRT_2PI * Math.exp(0.5 * x * x);
    x = x - u / (1 + 0.5 * x * u);
  }
  return x;
}

/** Per-period Sharpe from an annualised one: srAnnual / √periodsPerYear. */
export const perPeriodSharpe = (srAnnual: number, periodsPerYear: number): number => srAnnual / Math.sqrt(periodsPerYear);

export interface ReturnMoments {
  /** number of returns */
  n: number;
  mean: number;
  /** sample standard deviation (ddof 1) */
  std: number;
  /** per-period Sharpe mean/std (0 when std = 0) */
  sharpe: number;
  /** population skewness γ₃ */
  skew: number;
  /** population RAW kurtosis γ₄ (normal = 3) */
  kurtosis: number;
}

/** Moments of simple per-bar returns; non-finite values are skipped. */
export function returnMoments(r: ArrayLike<number>): ReturnMoments {
  let n = 0;
  let s = 0;
  for (let i = 0; i < r.length; i++) {
    const v = r[i];
    if (Number.isFinite(v)) { n++; s += v; }
  }
  if (n === 0) return { n: 0, mean: 0, std: 0, sharpe: 0, skew: 0, kurtosis: 3 };
  const mean = s / n;
  let m2 = 0, m3 = 0, m4 = 0;
  for (let i = 0; i < r.length; i++) {
    const v = r[i];
    if (!Number.isFinite(v)) continue;
    const d = v - mean;
    const d2 = d * d;
    m2 += d2; m3 += d2 * d; m4 += d2 * d2;
  }
  m2 /= n; m3 /= n; m4 /= n;
  const std = n > 1 ? Math.sqrt((m2 * n) / (n - 1)) : 0;
  return {
    n,
    mean,
    std,
    sharpe: std > 0 ? mean / std : 0,
    skew: m2 > 0 ? m3 / Math.pow(m2, 1.5) : 0,
    kurtosis: m2 > 0 ? m4 / (m2 * m2) : 3,
  };
}

/**
 * Probabilistic Sharpe Ratio (Bailey & López de Prado 2012, eq. for PSR):
 *   PSR(sr*) = Φ( (ŝr − sr*)·√(n−1) / √(1 − γ₃·ŝr + ((γ₄ − 1)/4)·ŝr²) )
 * sr, srBenchmark: per-period (non-annualised) Sharpe; n: number of returns; skew γ₃; kurtosis γ₄ RAW.
 */
export function psr(sr: number, n: number, skew: number, kurtosis: number, srBenchmark = 0): number {
  if (!(n > 1)) throw new PeakError('BAD_INPUT', `psr: n (number of returns) must be > 1, got ${n}`);
  const denom2 = 1 - skew * sr + ((kurtosis - 1) / 4) * sr * sr;
  if (!(denom2 > 0)) throw new PeakError('BAD_INPUT', `psr: variance term 1 − γ₃·sr + (γ₄−1)/4·sr² = ${denom2} is not positive (check kurtosis is RAW, not excess)`);
  return normCdf(((sr - srBenchmark) * Math.sqrt(n - 1)) / Math.sqrt(denom2));
}

/**
 * Expected maximum Sharpe among N independent trials with variance V of their (per-period) Sharpes
 * (Bailey & López de Prado 2014):  sr* = √V·((1−γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e))). N = 1 → 0.
 */
export function expectedMaxSharpe(nTrials: number, varianceOfTrialSharpes: number): number {
  if (!(nTrials >= 1) || !Number.isFinite(nTrials)) throw new PeakError('BAD_INPUT', `dsr: nTrials must be ≥ 1, got ${nTrials}`);
  if (!(varianceOfTrialSharpes >= 0)) throw new PeakError('BAD_INPUT', `dsr: variance of trial Sharpes must be ≥ 0, got ${varianceOfTrialSharpes}`);
  if (nTrials === 1) return 0;
  const g = EULER_MASCHERONI;
  return Math.sqrt(varianceOfTrialSharpes) * ((1 - g) * normInv(1 - 1 / nTrials) + g * normInv(1 - 1 / (nTrials * Math.E)));
}

export interface SharpeStats { sr: number; n: number; skew: number; kurtosis: number }

export interface DsrResult {
  dsr: number;
  /** deflated benchmark sr* (per period) */
  srStar: number;
  sr: number;
  nTrials: number;
}

/**
 * Deflated Sharpe Ratio = PSR(sr*) with sr* the expected maximum Sharpe of `nTrials` trials
 * (N = the sweep's size) and V the variance of the trials' per-period Sharpes.
 */
export function dsr(stats: SharpeStats, nTrials: number, varianceOfTrialSharpes: number): DsrResult {
  const srStar = expectedMaxSharpe(nTrials, varianceOfTrialSharpes);
  return { dsr: psr(stats.sr, stats.n, stats.skew, stats.kurtosis, srStar), srStar, sr: stats.sr, nTrials };
}

/** Sample variance (ddof 1) of finite values; 0 when fewer than two. */
export function sampleVariance(x: ArrayLike<number>): number {
  let n = 0, s = 0;
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i])) { n++; s += x[i]; }
  if (n < 2) return 0;
  const m = s / n;
  let ss = 0;
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i])) ss += (x[i] - m) * (x[i] - m);
  return ss / (n - 1);
}

// ---------------------------------------------------------------------------------------------------------
// PBO by CSCV

/** Sufficient statistics of one block of per-bar simple returns. */
export interface BlockStat { n: number; sum: number; sumSq: number }

/**
 * Block statistics in a flat layout: `stats[(c·S + b)·3 + k]`, k = 0 n, 1 sum, 2 sumSq, for combination c and
 * block b (blocks contiguous and in time order).
 */
export interface BlockStatsMatrix { nCombos: number; nBlocks: number; stats: Float64Array }

export function blockStatsFromObjects(perCombo: readonly (readonly BlockStat[])[]): BlockStatsMatrix {
  const nCombos = perCombo.length;
  if (nCombos === 0) throw new PeakError('BAD_INPUT', 'pbo: no combinations');
  const S = perCombo[0].length;
  const stats = new Float64Array(nCombos * S * 3);
  for (let c = 0; c < nCombos; c++) {
    if (perCombo[c].length !== S) throw new PeakError('BAD_INPUT', `pbo: combination ${c} has ${perCombo[c].length} blocks, expected ${S}`);
    for (let b = 0; b < S; b++) {
      const o = (c * S + b) * 3;
      stats[o] = perCombo[c][b].n; stats[o + 1] = perCombo[c][b].sum; stats[o + 2] = perCombo[c][b].sumSq;
    }
  }
  return { nCombos, nBlocks: S, stats };
}

/**
 * Block statistics of a T×N return matrix (columns = combinations, given as one Float64Array per column),
 * split into S contiguous blocks [⌊b·T/S⌋, ⌊(b+1)·T/S⌋). Non-finite returns are skipped.
 */
export function blockStatsFromMatrix(columns: readonly Float64Array[], S = 16): BlockStatsMatrix {
  const N = columns.length;
  if (N === 0) throw new PeakError('BAD_INPUT', 'pbo: no combinations (return matrix has no columns)');
  const T = columns[0].length;
  if (T < S) throw new PeakError('BAD_INPUT', `pbo: ${T} returns cannot be split into S = ${S} blocks`);
  const stats = new Float64Array(N * S * 3);
  for (let c = 0; c < N; c++) {
    const col = columns[c];
    if (col.length !== T) throw new PeakError('BAD_INPUT', `pbo: column ${c} has ${col.length} rows, expected ${T}`);
    for (let b = 0; b < S; b++) {
      const lo = Math.floor((b * T) / S), hi = Math.floor(((b + 1) * T) / S);
      let n = 0, s = 0, ss = 0;
      for (let t = lo; t < hi; t++) {
        const v = col[t];
        if (Number.isFinite(v)) { n++; s += v; ss += v * v; }
      }
      const o = (c * S + b) * 3;
      stats[o] = n; stats[o + 1] = s; stats[o + 2] = ss;
    }
  }
  return { nCombos: N, nBlocks: S, stats };
}

/** Per-period Sharpe from summed sufficient statistics (sample std, ddof 1); −Infinity if undefined. */
export function sharpeFromSums(n: number, sum: number, sumSq: number): number {
  if (n < 2) return -Infinity;
  const mean = sum / n;
  const v = (sumSq - n * mean * mean) / (n - 1);
  if (!(v > 1e-300)) return mean > 0 ? Infinity : mean < 0 ? -Infinity : 0;
  return mean / Math.sqrt(v);
}

/** All k-subsets of {0..n−1} as bitmasks, in lexicographic order. */
export function combinationMasks(n: number, k: number): Uint32Array {
  if (n > 30) throw new PeakError('BAD_INPUT', `pbo: S = ${n} blocks is too many (max 30)`);
  const out: number[] = [];
  const idx = Array.from({ length: k }, (_, i) => i);
  for (;;) {
    let m = 0;
    for (const i of idx) m |= 1 << i;
    out.push(m >>> 0);
    let i = k - 1;
    while (i >= 0 && idx[i] === n - k + i) i--;
    if (i < 0) break;
    idx[i]++;
    for (let j = i + 1; j < k; j++) idx[j] = idx[j - 1] + 1;
  }
  return Uint32Array.from(out);
}

export interface PboResult {
  /** share of splits whose logit λ ≤ 0 */
  pbo: number;
  nSplits: number;
  nCombos: number;
  nBlocks: number;
  /** λ per split (split order = lexicographic order of the IS block sets) */
  logits: Float64Array;
  /** per split: IS Sharpe of the IS-best combination and its OOS Sharpe (per period) */
  isSharpe: Float64Array;
  oosSharpe: Float64Array;
  /** index of the IS-best combination per split */
  bestIndex: Int32Array;
  /** OLS slope and intercept of OOS on IS Sharpe of the IS-best (performance degradation; slope < 0 = decay) */
  degradation: { slope: number; intercept: number };
  /** share of splits where the IS-best has a negative OOS Sharpe */
  probOosLoss: number;
}

/**
 * Probability of Backtest Overfitting by CSCV (Bailey et al. 2017). For every split of the S blocks into an
 * in-sample half J (all C(S, S/2) of them) and its complement J̄: performance = per-period Sharpe from the
 * summed block statistics; n* = argmax IS performance (first index on ties); its OOS relative rank
 * ω̄ = rank/(N+1) with rank ∈ 1..N ascending (1 = worst; ties get their average rank); λ = ln(ω̄/(1−ω̄));
 * PBO = share of splits with λ ≤ 0.
 */
export function pboCscv(m: BlockStatsMatrix): PboResult {
  const { nCombos: N, nBlocks: S, stats } = m;
  if (N < 2) throw new PeakError('BAD_INPUT', `pbo: needs at least 2 combinations, got ${N}`);
  if (S < 2 || S % 2 !== 0) throw new PeakError('BAD_INPUT', `pbo: S (blocks) must be even and ≥ 2, got ${S}`);
  const masks = combinationMasks(S, S / 2);
  const nSplits = masks.length;
  const full = (S === 32 ? 0xffffffff : (1 << S) - 1) >>> 0;
  const splitIndex = new Map<number, number>();
  masks.forEach((mk, i) => splitIndex.set(mk, i));
  // Block-major copies (bn/bs/bq[b·N + c]) so a split's sums are a few streaming passes over N-long arrays,
  // plus totals per combination so the complement's sums are total − these.
  const bn = new Float64Array(S * N), bs = new Float64Array(S * N), bq = new Float64Array(S * N);
  const tn = new Float64Array(N), ts = new Float64Array(N), tq = new Float64Array(N);
  for (let c = 0; c < N; c++) {
    for (let b = 0; b < S; b++) {
      const o = (c * S + b) * 3;
      bn[b * N + c] = stats[o]; bs[b * N + c] = stats[o + 1]; bq[b * N + c] = stats[o + 2];
      tn[c] += stats[o]; ts[c] += stats[o + 1]; tq[c] += stats[o + 2];
    }
  }
  const an = new Float64Array(N), as = new Float64Array(N), aq = new Float64Array(N);
  // Each half J and its complement J̄ are both splits (J̄ in-sample is the mirror of J in-sample), so the
  // Sharpes of J and J̄ for every combination are computed once and serve two splits.
  const perfA = new Float64Array(N);
  const perfB = new Float64Array(N);
  const logits = new Float64Array(nSplits);
  const isSharpe = new Float64Array(nSplits);
  const oosSharpe = new Float64Array(nSplits);
  const bestIndex = new Int32Array(nSplits);
  const record = (split: number, isP: Float64Array, oosP: Float64Array): void => {
    let best = 0, bestPerf = isP[0];
    for (let c = 1; c < N; c++) if (isP[c] > bestPerf) { bestPerf = isP[c]; best = c; }
    const o = oosP[best];
    let below = 0, equal = 0;
    for (let c = 0; c < N; c++) {
      const v = oosP[c];
      if (v < o) below++;
      else if (v === o) equal++;
    }
    const rank = below + (equal + 1) / 2; // average rank among ties, 1-based
    const w = rank / (N + 1);
    logits[split] = Math.log(w / (1 - w));
    isSharpe[split] = bestPerf;
    oosSharpe[split] = o;
    bestIndex[split] = best;
  };
  for (let s = 0; s < nSplits; s++) {
    const mask = masks[s];
    if (!(mask & 1)) continue; // visited as the complement of a mask that holds block 0
    an.fill(0); as.fill(0); aq.fill(0);
    for (let b = 0; b < S; b++) {
      if (!(mask & (1 << b))) continue;
      const off = b * N;
      for (let c = 0; c < N; c++) { an[c] += bn[off + c]; as[c] += bs[off + c]; aq[c] += bq[off + c]; }
    }
    for (let c = 0; c < N; c++) {
      perfA[c] = sharpeFromSums(an[c], as[c], aq[c]);
      perfB[c] = sharpeFromSums(tn[c] - an[c], ts[c] - as[c], tq[c] - aq[c]);
    }
    const comp = splitIndex.get((~mask & full) >>> 0);
    if (comp === undefined) throw new PeakError('INTERNAL', 'pbo: complement split missing');
    record(s, perfA, perfB);
    record(comp, perfB, perfA);
  }
  let nLe0 = 0, nOosLoss = 0;
  for (let s = 0; s < nSplits; s++) {
    if (logits[s] <= 0) nLe0++;
    if (oosSharpe[s] < 0) nOosLoss++;
  }
  return {
    pbo: nLe0 / nSplits,
    nSplits,
    nCombos: N,
    nBlocks: S,
    logits,
    isSharpe,
    oosSharpe,
    bestIndex,
    degradation: olsFinite(isSharpe, oosSharpe),
    probOosLoss: nOosLoss / nSplits,
  };
}

function olsFinite(x: Float64Array, y: Float64Array): { slope: number; intercept: number } {
  let n = 0, sx = 0, sy = 0;
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i]) && Number.isFinite(y[i])) { n++; sx += x[i]; sy += y[i]; }
  if (n < 2) return { slope: NaN, intercept: NaN };
  const mx = sx / n, my = sy / n;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < x.length; i++) {
    if (!(Number.isFinite(x[i]) && Number.isFinite(y[i]))) continue;
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
  }
  const slope = sxx > 0 ? sxy / sxx : NaN;
  return { slope, intercept: Number.isFinite(slope) ? my - slope * mx : NaN };
}

/** Histogram of finite values into `bins` equal-width bins (for the λ distribution chart). */
export function histogram(x: ArrayLike<number>, bins = 20): { edges: number[]; counts: number[] } {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i])) { lo = Math.min(lo, x[i]); hi = Math.max(hi, x[i]); }
  if (!Number.isFinite(lo)) return { edges: [], counts: [] };
  if (hi === lo) { lo -= 0.5; hi += 0.5; }
  const w = (hi - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) continue;
    counts[Math.min(bins - 1, Math.floor((x[i] - lo) / w))]++;
  }
  return { edges: Array.from({ length: bins + 1 }, (_, i) => lo + i * w), counts };
}
