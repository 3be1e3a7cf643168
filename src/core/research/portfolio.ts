/**
 * Multi-strategy portfolio allocation (SPEC §2 run_portfolio_from_config) on members that trade the same bars.
 *
 * Methods:
 * - equal: 1/k each.
 * - manual: the given weights (≥ 0) normalised to sum 1.
 * - risk_parity: inverse volatility, wᵢ ∝ 1/σᵢ with σ the POPULATION std (ddof 0) of per-bar simple returns.
 * - sharpe_weighted: wᵢ ∝ max(Sharpeᵢ, 0) (negative Sharpes clipped to 0), renormalised; equal weights if every
 *   Sharpe is ≤ 0 (documented fallback: nothing to prefer).
 * risk_parity and sharpe_weighted estimate on a PREVIEW window: the first `estimationBars` returns
 * (allocation_estimation_bars); without it the whole series is used (look-ahead; fine for research only).
 * A member with zero volatility gets no risk-parity weight unless every member has zero volatility (→ equal).
 *
 * Combined equity = Σ wᵢ·equityᵢ/equityᵢ[0]·initial: each member normalised to the same start, i.e. a
 * buy-and-hold split of the capital with no rebalancing.
 */
import { PeakError } from '../errors';

export const ALLOCATION_METHODS = ['equal', 'manual', 'risk_parity', 'sharpe_weighted'] as const;
export type AllocationMethod = (typeof ALLOCATION_METHODS)[number];

export interface AllocationOptions {
  manualWeights?: readonly number[];
  estimationBars?: number;
}

export interface Allocation {
  method: AllocationMethod;
  weights: number[];
  /** preview estimates per member: per-bar vol (ddof 0) and per-period Sharpe (ddof 1) */
  vol: number[];
  sharpe: number[];
  estimationBars: number;
}

function stats(r: Float64Array, n: number): { vol: number; sharpe: number } {
  const m = Math.min(n, r.length);
  let s = 0;
  for (let i = 0; i < m; i++) s += r[i];
  const mean = m ? s / m : 0;
  let ss = 0;
  for (let i = 0; i < m; i++) ss += (r[i] - mean) ** 2;
  const vol = m ? Math.sqrt(ss / m) : 0;
  const sd1 = m > 1 ? Math.sqrt(ss / (m - 1)) : 0;
  return { vol, sharpe: sd1 > 0 ? mean / sd1 : 0 };
}

const normalise = (w: number[]): number[] => {
  const s = w.reduce((a, b) => a + b, 0);
  return s > 0 ? w.map((x) => x / s) : w.map(() => 1 / w.length);
};

export function allocate(method: AllocationMethod, memberReturns: readonly Float64Array[], opts: AllocationOptions = {}): Allocation {
  const k = memberReturns.length;
  if (k === 0) throw new PeakError('BAD_INPUT', 'portfolio: no members');
  if (!(ALLOCATION_METHODS as readonly string[]).includes(method)) throw new PeakError('BAD_INPUT', `portfolio: unknown allocation '${method}' (one of ${ALLOCATION_METHODS.join(', ')})`);
  const nEst = opts.estimationBars ?? Math.max(...memberReturns.map((r) => r.length));
  if (!(Number.isInteger(nEst) && nEst >= 2)) throw new PeakError('BAD_INPUT', `portfolio: allocation_estimation_bars must be an integer ≥ 2, got ${nEst}`);
  const st = memberReturns.map((r) => stats(r, nEst));
  let weights: number[];
  switch (method) {
    case 'equal':
      weights = new Array<number>(k).fill(1 / k);
      break;
    case 'manual': {
      const w = opts.manualWeights;
      if (!w || w.length !== k) throw new PeakError('BAD_INPUT', `portfolio: manual allocation needs ${k} weights, got ${w?.length ?? 0}`);
      w.forEach((x, i) => { if (!(x >= 0)) throw new PeakError('BAD_INPUT', `portfolio: weight #${i} is ${x} (must be ≥ 0)`); });
      if (!(w.reduce((a, b) => a + b, 0) > 0)) throw new PeakError('BAD_INPUT', 'portfolio: manual weights sum to 0');
      weights = normalise([...w]);
      break;
    }
    case 'risk_parity':
      weights = normalise(st.map((s) => (s.vol > 0 ? 1 / s.vol : 0)));
      break;
    case 'sharpe_weighted':
      weights = normalise(st.map((s) => Math.max(0, s.sharpe)));
      break;
  }
  return { method, weights, vol: st.map((s) => s.vol), sharpe: st.map((s) => s.sharpe), estimationBars: nEst };
}

/** Σ wᵢ·equityᵢ/equityᵢ[0]·initial over aligned member equity curves (same length). */
export function combineEquity(equities: readonly Float64Array[], weights: readonly number[], initial: number): Float64Array {
  if (equities.length !== weights.length || equities.length === 0) throw new PeakError('BAD_INPUT', `portfolio: ${equities.length} equity curves for ${weights.length} weights`);
  const n = equities[0].length;
  equities.forEach((e, i) => {
    if (e.length !== n) throw new PeakError('BAD_INPUT', `portfolio: member #${i} has ${e.length} bars, expected ${n} (members must share the data set)`);
    if (!(e[0] > 0)) throw new PeakError('BAD_INPUT', `portfolio: member #${i} starts at equity ${e[0]}`);
  });
  const out = new Float64Array(n);
  for (let j = 0; j < equities.length; j++) {
    const e = equities[j];
    const f = (weights[j] * initial) / e[0];
    for (let i = 0; i < n; i++) out[i] += f * e[i];
  }
  return out;
}

/** Pearson correlation matrix of member returns (diversification check; SPEC [portfolio] min_correlation). */
export function correlationMatrix(rs: readonly Float64Array[]): number[][] {
  const k = rs.length;
  const n = Math.min(...rs.map((r) => r.length));
  const mu = rs.map((r) => { let s = 0; for (let i = 0; i < n; i++) s += r[i]; return s / n; });
  const out = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      let sab = 0, saa = 0, sbb = 0;
      for (let i = 0; i < n; i++) {
        const x = rs[a][i] - mu[a], y = rs[b][i] - mu[b];
        sab += x * y; saa += x * x; sbb += y * y;
      }
      const c = saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : a === b ? 1 : 0;
      out[a][b] = c; out[b][a] = c;
    }
  }
  return out;
}
