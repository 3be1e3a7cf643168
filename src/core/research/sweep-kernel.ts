/**
 * The sweep's fused measuring kernel: default engine + computeMetrics + PBO block statistics in ONE pass over the
 * bars (plus a short pass over the returns for the standard deviation), with scratch buffers reused across the
 * combinations of a chunk — no equity curve, no Trade objects, nothing allocated per bar or per trade.
 *
 * It reproduces, operation for operation, `runDefault` (src/core/engine/engine.ts) for configurations without
 * intrabar stops, `computeMetrics` (src/core/metrics/metrics.ts, riskFreeRate 0) and `computeBlockStats`, so its
 * numbers are bit-identical to the slow path (tests/unit/sweeps/sweep-kernel.test.ts checks every field). Any
 * other configuration (stops, the backtesting-py preset) uses the slow path: `fusedSupported` says which.
 */
import { MS_PER_DAY, type Bars } from '../data/bars';
import { validateEngineInput } from '../engine/engine';
import type { EngineConfig } from '../engine/types';
import { PeakError } from '../errors';

export const fusedSupported = (cfg: EngineConfig): boolean =>
  cfg.preset === 'default' && cfg.stopLossPct === null && cfg.takeProfitPct === null && cfg.trailingStopPct === null;

/** Reusable buffers of one worker (grown on demand). */
export interface KernelScratch {
  ret: Float64Array;
  pnl: Float64Array;
}
export const createKernelScratch = (): KernelScratch => ({ ret: new Float64Array(0), pnl: new Float64Array(64) });

const fin = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * Measures one target path. Returns computeMetrics' record (same keys, same values) and writes the packed block
 * statistics (3·S numbers) into `blocksOut`.
 */
export function measureFused(
  bars: Bars, target: Float64Array, warmup: number, cfg: EngineConfig, P: number, blocksOut: Float64Array, sc: KernelScratch,
): Record<string, number | null> {
  validateEngineInput(bars, target, warmup, cfg);
  const n = bars.close.length;
  const { open, close, time } = bars;
  if (sc.ret.length < n) sc.ret = new Float64Array(n);
  const ret = sc.ret;
  const c = cfg.commission;
  const s = cfg.slippage;
  const sz = cfg.sizing;
  const sizingMode = sz.mode === 'fraction' ? 0 : sz.mode === 'all_in_units' ? 1 : 2;
  const sizingValue = sz.mode === 'fraction' ? sz.fraction : sz.mode === 'fixed_notional' ? sz.notional : 0;
  const nextOpen = cfg.fill === 'next_open';
  const start = Math.min(warmup, n);
  const last = n - 1;
  const finalizeAtLast = cfg.finalize && !nextOpen;

  // ---- engine state
  let cash = cfg.cash, pos = 0, entryPrice = 0, entryFee = 0, fees = 0, held = 0, exposure = 0;
  // ---- trade statistics (closed trades, in exit order)
  let k = 0, win = 0, loss = 0, wins = 0, pnlSum = 0, retSum = 0, best = -Infinity, worst = Infinity;
  const exit = (px: number): void => {
    const fill = pos > 0 ? px * (1 - s) : px * (1 + s);
    const units = pos > 0 ? pos : -pos;
    const fee = units * fill * c;
    cash += pos * fill - fee;
    fees += fee;
    const pnl = pos * (fill - entryPrice) - entryFee - fee;
    const rp = pnl / (units * entryPrice);
    pos = 0;
    if (pnl > 0) { win += pnl; wins++; } else if (pnl < 0) loss += pnl;
    pnlSum += pnl;
    retSum += rp;
    if (rp > best) best = rp;
    if (rp < worst) worst = rp;
    if (k === sc.pnl.length) { const g = new Float64Array(k * 2); g.set(sc.pnl); sc.pnl = g; }
    sc.pnl[k++] = pnl;
  };
  const rebalance = (tgt: number, px: number, tIndex: number, mayEnter: boolean): void => {
    if (!Number.isFinite(tgt)) throw new PeakError('BAD_INPUT', `engine: target[${tIndex}] is ${tgt}; targets must be finite`);
    const want = tgt > 0 ? 1 : tgt < 0 ? -1 : 0;
    const have = pos > 0 ? 1 : pos < 0 ? -1 : 0;
    if (want === have) return;
    if (have !== 0) exit(px);
    if (want === 0 || !mayEnter) return;
    const mag = tgt < 0 ? -tgt : tgt;
    const fill = want > 0 ? px * (1 + s) : px * (1 - s);
    let units: number;
    if (sizingMode === 0) units = (cash * sizingValue * mag) / fill;
    else if (sizingMode === 1) units = Math.floor(cash / (fill * (1 + c)));
    else units = (sizingValue * mag) / fill;
    if (!(units > 0) || units === Infinity) return;
    const fee = units * fill * c;
    cash = cash - (want * units * fill + fee);
    fees += fee;
    pos = want * units;
    entryPrice = fill;
    entryFee = fee;
  };

  // ---- metrics pass-1 state over equity[b .. n−1] (see computeMetrics)
  const b = Math.max(start - 1, 0);
  let sum = 0, sumDown2 = 0, m = 0;
  let peak = 0, maxDd = 0, curTrough = 0, episodes = 0, sumTroughs = 0, underwater = 0, maxUnder = 0;
  // bars before `start` hold the starting cash; with start = 0, equity[0] may already include a fill
  let eqPeak = start > 0 ? cfg.cash : -Infinity;
  let e0 = 0;
  // ---- block statistics over returns t = 1 … n−1 (index j = t − 1), S contiguous blocks
  const S = blocksOut.length / 3;
  const T = n - 1;
  blocksOut.fill(0);
  for (let q = 0; q < S && T > 0; q++) blocksOut[3 * q] = Math.floor(((q + 1) * T) / S) - Math.floor((q * T) / S);
  let blk = 0;
  let blkEnd = T > 0 ? Math.floor(T / S) : 0;
  let bs = 0, bs2 = 0;

  let prevEq = cfg.cash; // equity[i − 1] (bars before `start` hold the starting cash)
  const visit = (i: number, e: number): void => {
    // metrics, pass 1 (computeMetrics' loop body for index i ≥ b)
    if (i > b) {
      const r = e / prevEq - 1;
      ret[i] = r;
      sum += r;
      if (r < 0) sumDown2 += r * r;
      m++;
    }
    if (i === b) { peak = e; e0 = e; }
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
    if (e > eqPeak) eqPeak = e;
    // block statistics: return index j = i − 1 (returns before b are exactly 0 and add nothing)
    if (i > 0) {
      const j = i - 1;
      while (j >= blkEnd && blk < S - 1) {
        blocksOut[3 * blk + 1] = bs; blocksOut[3 * blk + 2] = bs2;
        bs = 0; bs2 = 0; blk++;
        blkEnd = Math.floor(((blk + 1) * T) / S);
      }
      const r = prevEq > 0 ? e / prevEq - 1 : -1;
      bs += r; bs2 += r * r;
    }
    prevEq = e;
  };
  // bar b precedes the engine loop when start ≥ 1 (its equity is the starting cash)
  if (start >= 1 && b < n) {
    // bars 1 … b−1 are flat at the starting cash: their returns are 0 (blocks: nothing to add)
    prevEq = cfg.cash;
    visit(b, cfg.cash);
  }

  for (let i = start; i < n; i++) {
    if (nextOpen && i > start) {
      const tgt = target[i - 1];
      if (tgt !== held) { rebalance(tgt, open[i], i - 1, true); held = tgt; }
    }
    if (!nextOpen) {
      const tgt = target[i];
      if (tgt !== held) { rebalance(tgt, close[i], i, !finalizeAtLast || i !== last); held = tgt; }
    }
    if (pos !== 0) exposure++;
    if (i !== last) visit(i, cash + pos * close[i]);
  }
  if (start < n) {
    let eLast = cash + pos * close[last];
    if (pos !== 0 && cfg.finalize) {
      exit(close[last]);
      eLast = cash;
    }
    visit(last, eLast);
  }
  if (S > 0 && T > 0) {
    // flush the current block (and any empty trailing blocks stay 0)
    blocksOut[3 * blk + 1] = bs; blocksOut[3 * blk + 2] = bs2;
  }
  if (underwater > 0) { episodes++; sumTroughs += curTrough; }

  const mean = m > 0 ? sum / m : NaN;
  let ss = 0;
  for (let i = b + 1; i < n; i++) {
    const d = ret[i] - mean;
    ss += d * d;
  }
  const std = m > 1 ? Math.sqrt(ss / (m - 1)) : NaN;
  const downDev = m > 0 ? Math.sqrt(sumDown2 / m) : NaN;
  const excess = mean - 0 / P;
  const eFinal = n > 0 ? prevEq : 0;
  const years = n > 0 ? (time[n - 1] - time[b]) / (365.25 * MS_PER_DAY) : 0;
  let cagr: number | null = null;
  if (years > 0 && e0 > 0) cagr = eFinal <= 0 ? -1 : fin(Math.pow(eFinal / e0, 1 / years) - 1);

  const pnlMean = pnlSum / k;
  let pss = 0;
  for (let q = 0; q < k; q++) pss += (sc.pnl[q] - pnlMean) * (sc.pnl[q] - pnlMean);
  const pnlStd = k > 1 ? Math.sqrt(pss / (k - 1)) : NaN;
  const active = n - start;
  return {
    totalReturnPct: e0 > 0 ? (eFinal / e0 - 1) * 100 : 0,
    cagrPct: cagr === null ? null : cagr * 100,
    annReturnPct: fin(mean * P * 100),
    annVolatilityPct: fin(std * Math.sqrt(P) * 100),
    sharpe: std > 0 ? fin((excess / std) * Math.sqrt(P)) : null,
    sortino: downDev > 0 ? fin((excess / downDev) * Math.sqrt(P)) : null,
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
    exposurePct: active > 0 ? (exposure / active) * 100 : 0,
    trades: k,
    buyHoldReturnPct: active > 0 ? fin((close[n - 1] / close[start] - 1) * 100) : null,
    feesPaid: fees,
    equityFinal: eFinal,
    equityPeak: n > 0 ? eqPeak : 0,
    periodsPerYear: P,
  };
}
