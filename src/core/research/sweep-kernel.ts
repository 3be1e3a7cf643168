/**
 * The sweep's fused measuring kernel: default engine + computeMetrics + PBO block statistics in ONE pass over the
 * bars (the standard deviation included: Youngs–Cramer updating, as computeMetrics — no per-bar returns buffer and
 * no second pass), with scratch buffers reused across the combinations of a chunk — no equity curve, no Trade
 * objects, nothing allocated per bar or per trade.
 *
 * It reproduces, operation for operation, `runDefault` (src/core/engine/engine.ts) for configurations without
 * intrabar stops, `computeMetrics` (src/core/metrics/metrics.ts, riskFreeRate 0) and `computeBlockStats`, so its
 * numbers are bit-identical to the slow path (tests/unit/sweeps/sweep-kernel.test.ts checks every field). Any
 * other configuration (stops, the backtesting-py preset) uses the slow path: `fusedSupported` says which.
 * That includes the engine's ruin rule (equity ≤ 0 at a close → exit 'ruin', equity 0 to the end) and the
 * metrics' ruin conventions (simpleReturn, ruinCap).
 */
import { buyHoldReturnPct } from '../metrics/buy-hold';
import { geometricAnnualReturnPct } from '../metrics/annualise';
import { MS_PER_DAY, type Bars } from '../data/bars';
import { validateEngineInput } from '../engine/engine';
import type { EngineConfig } from '../engine/types';
import { PeakError } from '../errors';
import { ruinCap } from '../metrics/metrics';

export const fusedSupported = (cfg: EngineConfig): boolean =>
  cfg.preset === 'default' && cfg.stopLossPct === null && cfg.takeProfitPct === null && cfg.trailingStopPct === null;

/** Reusable buffers of one worker (grown on demand). */
export interface KernelScratch {
  pnl: Float64Array;
  /** lent to strategies as StrategyContext.targetScratch (resized to the bar count on demand) */
  target: Float64Array;
}
export const createKernelScratch = (): KernelScratch => ({ pnl: new Float64Array(64), target: new Float64Array(0) });

const fin = (x: number): number | null => (Number.isFinite(x) ? x : null);

// Trade-statistics accumulator slots (per trade only; the per-bar loop keeps its state in locals).
const K = 0, WIN = 1, LOSS = 2, WINS = 3, PNL_SUM = 4, RET_SUM = 5, BEST = 6, WORST = 7;

function recordTrade(acc: Float64Array, sc: KernelScratch, pnl: number, rp: number): void {
  if (pnl > 0) { acc[WIN] += pnl; acc[WINS]++; } else if (pnl < 0) acc[LOSS] += pnl;
  acc[PNL_SUM] += pnl;
  acc[RET_SUM] += rp;
  if (rp > acc[BEST]) acc[BEST] = rp;
  if (rp < acc[WORST]) acc[WORST] = rp;
  const k = acc[K];
  if (k === sc.pnl.length) { const g = new Float64Array(k * 2); g.set(sc.pnl); sc.pnl = g; }
  sc.pnl[k] = pnl;
  acc[K] = k + 1;
}

/**
 * Measures one target path. Returns computeMetrics' record (same keys, same values) and writes the packed block
 * statistics (3·S numbers) into `blocksOut`. Hot loop: locals only, no closures, nothing allocated.
 */
export function measureFused(
  bars: Bars, target: Float64Array, warmup: number, cfg: EngineConfig, P: number, blocksOut: Float64Array, sc: KernelScratch,
): Record<string, number | null> {
  validateEngineInput(bars, target, warmup, cfg);
  const n = bars.close.length;
  const { open, close, time } = bars;
  const c = cfg.commission;
  const s = cfg.slippage;
  const sz = cfg.sizing;
  const sizingMode = sz.mode === 'fraction' ? 0 : sz.mode === 'all_in_units' ? 1 : 2;
  const sizingValue = sz.mode === 'fraction' ? sz.fraction : sz.mode === 'fixed_notional' ? sz.notional : 0;
  const nextOpen = cfg.fill === 'next_open';
  const finalize = cfg.finalize;
  const start = Math.min(warmup, n);
  const last = n - 1;
  const finalizeAtLast = finalize && !nextOpen;
  const acc = new Float64Array(8);
  acc[BEST] = -Infinity;
  acc[WORST] = Infinity;

  // engine state (runDefault)
  let cash = cfg.cash, pos = 0, entryPrice = 0, entryFee = 0, fees = 0, held = 0, exposure = 0;
  // engine: equity hit ≤ 0 at a close, nothing trades any more and equity stays 0. Bars before `start` hold the
  // starting cash (> 0), so this is also computeMetrics' `ruined` (equity ≤ 0 somewhere in the window).
  let ruined = false;
  // metrics pass 1 over equity[b .. n−1] (computeMetrics)
  const b = Math.max(start - 1, 0);
  let sum = 0, sumDown2 = 0, m = 0, ss = 0;
  let peak = 0, maxDd = 0, minE = 0, episodes = 0, sumTroughs = 0, underwater = 0, maxUnder = 0;
  // bars before `start` hold the starting cash; with start = 0, equity[0] may already include a fill
  let eqPeak = start > 0 ? cfg.cash : -Infinity;
  let e0 = 0;
  let prevEq = cfg.cash;
  // block statistics over returns t = 1 … n−1 (return index j = t − 1); returns before b are exactly 0
  const S = blocksOut.length / 3;
  const T = n - 1;
  blocksOut.fill(0);
  for (let q = 0; q < S && T > 0; q++) blocksOut[3 * q] = Math.floor(((q + 1) * T) / S) - Math.floor((q * T) / S);
  let blk = 0;
  // (| 0: integer-valued and < 2³¹, so V8 keeps it an int32 instead of converting a double on every bar)
  let blkEnd = T > 0 ? Math.floor(T / S) | 0 : 0;
  let bs = 0, bs2 = 0;

  const cash0 = cfg.cash;
  for (let i = b; i < n; i++) {
    let e = cash0;
    if (ruined) e = 0;
    else if (i >= start) {
      // ---- engine: a target change fills at the next open (or this close)
      let tgt = held;
      let px = 0;
      let mayEnter = true;
      // (`open` stays read on every bar, not only on a change: the sparse read measured slower — each one misses
      // the cache on the cash → equity dependency chain, while the streamed read is prefetched)
      if (nextOpen) {
        if (i > start) { tgt = target[i - 1]; px = open[i]; }
      } else {
        tgt = target[i]; px = close[i]; mayEnter = !finalizeAtLast || i !== last;
      }
      if (tgt !== held) {
        if (!Number.isFinite(tgt)) throw new PeakError('BAD_INPUT', `engine: target[${nextOpen ? i - 1 : i}] is ${tgt}; targets must be finite`);
        const want = tgt > 0 ? 1 : tgt < 0 ? -1 : 0;
        const have = pos > 0 ? 1 : pos < 0 ? -1 : 0;
        if (want !== have) {
          if (have !== 0) {
            const fill = pos > 0 ? px * (1 - s) : px * (1 + s);
            const units = pos > 0 ? pos : -pos;
            const fee = units * fill * c;
            cash += pos * fill - fee;
            fees += fee;
            const pnl = pos * (fill - entryPrice) - entryFee - fee;
            pos = 0;
            recordTrade(acc, sc, pnl, pnl / (units * entryPrice));
          }
          if (want !== 0 && mayEnter && cash > 0) {
            const mag = tgt < 0 ? -tgt : tgt;
            const fill = want > 0 ? px * (1 + s) : px * (1 - s);
            let units: number;
            if (sizingMode === 0) units = (cash * sizingValue * mag) / fill;
            else if (sizingMode === 1) units = Math.floor(cash / (fill * (1 + c)));
            else units = (sizingValue * mag) / fill;
            if (units > 0 && units !== Infinity) {
              const fee = units * fill * c;
              cash = cash - (want * units * fill + fee);
              fees += fee;
              pos = want * units;
              entryPrice = fill;
              entryFee = fee;
            }
          }
        }
        held = tgt;
      }
      if (pos !== 0) exposure++;
      e = cash + pos * close[i];
      if (e <= 0) {
        // ruin (runDefault): close at this close, write the shortfall off, equity 0 from here on
        if (pos !== 0) {
          const fill = pos > 0 ? close[i] * (1 - s) : close[i] * (1 + s);
          const units = pos > 0 ? pos : -pos;
          const fee = units * fill * c;
          fees += fee;
          const pnl = pos * (fill - entryPrice) - entryFee - fee;
          pos = 0;
          recordTrade(acc, sc, pnl, pnl / (units * entryPrice));
        }
        cash = 0;
        e = 0;
        ruined = true;
      } else if (i === last && pos !== 0 && finalize) {
        const fill = pos > 0 ? close[last] * (1 - s) : close[last] * (1 + s);
        const units = pos > 0 ? pos : -pos;
        const fee = units * fill * c;
        cash += pos * fill - fee;
        fees += fee;
        const pnl = pos * (fill - entryPrice) - entryFee - fee;
        pos = 0;
        recordTrade(acc, sc, pnl, pnl / (units * entryPrice));
        e = cash > 0 ? cash : 0;
      }
    }
    // ---- metrics pass 1 (computeMetrics' loop body, index i ≥ b)
    let r = 0;
    if (i > b) {
      // = simpleReturn(e, prevEq) of computeMetrics: the engine part keeps e ≥ 0, so the max(·, −1) is a no-op
      r = prevEq > 0 ? e / prevEq - 1 : 0;
      sum += r;
      m++;
      // variance (computeMetrics' Youngs–Cramer update, same operations in the same order)
      const dv = m * r - sum;
      if (m > 1) ss += (dv * dv) / (m * (m - 1));
      const dn = (r - Math.abs(r)) * 0.5; // = min(r, 0) exactly, branch-free (as computeMetrics)
      sumDown2 += dn * dn;
    } else {
      peak = e;
      e0 = e;
    }
    // Drawdowns: within an underwater episode dd = e / peak − 1 is monotonic in e (correctly rounded division
    // by the same peak), so its minimum is the dd of the episode's lowest equity — one division per episode.
    if (e >= peak) {
      if (underwater > 0) {
        episodes++;
        const trough = minE / peak - 1;
        sumTroughs += trough;
        if (trough < maxDd) maxDd = trough;
      }
      peak = e; underwater = 0;
    } else {
      if (underwater === 0 || e < minE) minE = e;
      underwater++;
      if (underwater > maxUnder) maxUnder = underwater;
    }
    if (e > eqPeak) eqPeak = e;
    // ---- block statistics (computeBlockStats), return index j = i − 1
    if (i > 0) {
      if (i - 1 >= blkEnd && blk < S - 1) {
        do {
          blocksOut[3 * blk + 1] = bs; blocksOut[3 * blk + 2] = bs2;
          bs = 0; bs2 = 0; blk++;
          blkEnd = Math.floor(((blk + 1) * T) / S) | 0;
        } while (i - 1 >= blkEnd && blk < S - 1);
      }
      // (bars up to b are flat at the starting cash: r = 0 exactly)
      const rb = i > b ? r : prevEq > 0 ? e / prevEq - 1 : 0; // = simpleReturn (block-stats.ts)
      bs += rb; bs2 += rb * rb;
    }
    prevEq = e;
  }
  if (S > 0 && T > 0) { blocksOut[3 * blk + 1] = bs; blocksOut[3 * blk + 2] = bs2; }
  if (underwater > 0) {
    episodes++;
    const trough = minE / peak - 1;
    sumTroughs += trough;
    if (trough < maxDd) maxDd = trough;
  }

  const mean = m > 0 ? sum / m : NaN;
  const std = m > 1 ? Math.sqrt(ss / (m - 1)) : NaN;
  const downDev = m > 0 ? Math.sqrt(sumDown2 / m) : NaN;
  const excess = mean - 0 / P;
  const eFinal = n > 0 ? prevEq : 0;
  const years = n > 0 ? (time[n - 1] - time[b]) / (365.25 * MS_PER_DAY) : 0;
  let cagr: number | null = null;
  if (years > 0 && e0 > 0) cagr = eFinal <= 0 ? -1 : fin(Math.pow(eFinal / e0, 1 / years) - 1);

  const k = acc[K];
  const pnlMean = acc[PNL_SUM] / k;
  let pss = 0;
  for (let q = 0; q < k; q++) pss += (sc.pnl[q] - pnlMean) * (sc.pnl[q] - pnlMean);
  const pnlStd = k > 1 ? Math.sqrt(pss / (k - 1)) : NaN;
  const win = acc[WIN], loss = acc[LOSS];
  const active = n - start;
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
    winRatePct: k > 0 ? (acc[WINS] / k) * 100 : null,
    expectancy: k > 0 ? fin(pnlMean) : null,
    sqn: pnlStd > 0 ? fin((Math.sqrt(k) * pnlMean) / pnlStd) : null,
    bestTradePct: k > 0 ? fin(acc[BEST] * 100) : null,
    worstTradePct: k > 0 ? fin(acc[WORST] * 100) : null,
    avgTradePct: k > 0 ? fin((acc[RET_SUM] / k) * 100) : null,
    exposurePct: active > 0 ? (exposure / active) * 100 : 0,
    trades: k,
    buyHoldReturnPct: buyHoldReturnPct(close), // first → last bar of the data (range), not from the warm-up
    feesPaid: fees,
    equityFinal: eFinal,
    equityPeak: n > 0 ? eqPeak : 0,
    periodsPerYear: P,
  };
}
