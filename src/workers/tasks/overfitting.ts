/**
 * Overfitting statistics of a finished sweep: PBO by CSCV over the packed block statistics, the variance of the
 * combinations' per-period Sharpes, and — given the best combination's equity curve — its PSR and DSR
 * (N = the sweep's size). All Sharpes are per period (not annualised); `periodsPerYear` only scales sr*.
 */
import { z } from 'zod';
import { equityReturns } from '../../core/research/montecarlo';
import {
  dsr, histogram, pboCscv, psr, returnMoments, sampleVariance, sharpeFromSums, type BlockStatsMatrix,
} from '../../core/research/overfitting';
import { defineTask } from './task';

const f64 = z.custom<Float64Array>((v) => v instanceof Float64Array, 'expected a Float64Array');

const Input = z.object({
  /** packed [n, Σr, Σr²] per block, combination-major: stats[(c·nBlocks + b)·3 + k] */
  stats: f64,
  nCombos: z.number().int().min(2),
  nBlocks: z.number().int().min(2),
  /** index (0-based, into the packed rows) of the combination ranked best by the sweep's metric */
  best: z.number().int().nonnegative(),
  /** the best combination's equity per bar (its re-run); null → no moments, PSR/DSR null */
  bestEquity: f64.nullable(),
  periodsPerYear: z.number().positive(),
  /** λ histogram bins */
  histogramBins: z.number().int().positive().default(24),
  /** cap on the (IS, OOS) Sharpe pairs returned for the scatter (every k-th split) */
  maxScatterPoints: z.number().int().positive().default(2000),
}).refine((i) => i.stats.length === i.nCombos * i.nBlocks * 3, { message: 'stats length must be nCombos·nBlocks·3', path: ['stats'] })
  .refine((i) => i.best < i.nCombos, { message: 'best must be < nCombos', path: ['best'] });

export interface OverfittingTaskResult {
  /** per-period Sharpe of the best combination from its summed block statistics */
  sr: number;
  varianceOfSharpes: number;
  moments: { n: number; skew: number; kurtosis: number } | null;
  psr: number | null;
  dsr: number | null;
  /** deflated benchmark sr* (per period) */
  srStar: number | null;
  pbo: number;
  nSplits: number;
  probOosLoss: number;
  degradation: { slope: number; intercept: number };
  logitHistogram: { edges: number[]; counts: number[] };
  isOos: [number, number][];
}

export const overfittingTask = defineTask({
  input: Input,
  describe: (i) => `${i.nCombos} combinations × ${i.nBlocks} blocks, best #${i.best}`,
  run(i): OverfittingTaskResult {
    const S = i.nBlocks;
    const srs = new Float64Array(i.nCombos);
    for (let c = 0; c < i.nCombos; c++) {
      let n = 0, sum = 0, sq = 0;
      const o = c * S * 3;
      for (let k = 0; k < S; k++) { n += i.stats[o + 3 * k]; sum += i.stats[o + 3 * k + 1]; sq += i.stats[o + 3 * k + 2]; }
      srs[c] = sharpeFromSums(n, sum, sq);
    }
    const matrix: BlockStatsMatrix = { nCombos: i.nCombos, nBlocks: S, stats: i.stats };
    const pbo = pboCscv(matrix);
    // sampleVariance skips non-finite Sharpes (combinations that never traded).
    const V = sampleVariance(srs);
    const sr = srs[i.best];
    let moments: OverfittingTaskResult['moments'] = null;
    let psrValue: number | null = null, dsrValue: number | null = null, srStar: number | null = null;
    if (i.bestEquity !== null) {
      // Same basis as the sweep's block statistics: r[t] = eq[t]/eq[t−1] − 1 for t = 1 … n−1.
      const m = returnMoments(equityReturns(i.bestEquity));
      moments = { n: m.n, skew: m.skew, kurtosis: m.kurtosis };
      psrValue = psr(sr, m.n, m.skew, m.kurtosis, 0);
      const d = dsr({ sr, n: m.n, skew: m.skew, kurtosis: m.kurtosis }, i.nCombos, V);
      dsrValue = d.dsr;
      srStar = d.srStar;
    }
    const step = Math.max(1, Math.ceil(pbo.nSplits / i.maxScatterPoints));
    const isOos: [number, number][] = [];
    for (let s = 0; s < pbo.nSplits; s += step) if (Number.isFinite(pbo.isSharpe[s]) && Number.isFinite(pbo.oosSharpe[s])) isOos.push([pbo.isSharpe[s], pbo.oosSharpe[s]]);
    return {
      sr, varianceOfSharpes: V, moments, psr: psrValue, dsr: dsrValue, srStar,
      pbo: pbo.pbo, nSplits: pbo.nSplits, probOosLoss: pbo.probOosLoss, degradation: pbo.degradation,
      logitHistogram: histogram(pbo.logits, i.histogramBins), isOos,
    };
  },
});
