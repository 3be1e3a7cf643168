/**
 * Backtest and indicator throughput on 1,000,000 seeded synthetic 1-minute bars (Markov-switching
 * GARCH/Student-t, SPEC §5), one thread.
 * - backtest.ma_crossover_ls.1m: SMA 10/30 long_short, 10 bps commission, 5 bps slippage, default engine
 *   (next-open fills, fraction-1 sizing, finalize). Indicators INCLUDED: every run starts with an empty
 *   indicator cache, so SMA computation + signal loop + engine loop are all timed. Memory is reused across runs
 *   the way a worker reuses it across backtests of one data set (the cache recycles its released series, the
 *   target and equity buffers are lent) — a fresh 8 MB array costs ~3 ms of page faults on this VM.
 * - backtest.ma_crossover_ls.1m.cold: the same with every buffer freshly allocated (first run in a process).
 * - indicator.<name>.1m: one indicator over the same bars.
 * - metrics.1m: computeMetrics over the backtest's 1M-bar equity curve and trades (periodsPerYear given).
 * Values are bars/s, best of 5 timed runs after 3 warm-up runs (the JIT needs a few runs to settle: the first
 * 3–4 runs of a fresh process are 2–3× slower); --quick: best of 2 after 1.
 */
import { periodsPerYear } from '../../src/core/data/bars';
import { synthGarchMarkov } from '../../src/core/data/synthetic';
import { defaultEngineConfig, type EngineConfig } from '../../src/core/engine/types';
import { runBacktest } from '../../src/core/engine/run';
import { atr, ema, rsi, sma } from '../../src/core/indicators';
import { computeMetrics } from '../../src/core/metrics/metrics';
import { maCrossover } from '../../src/core/strategies/ma-crossover';
import { createIndicatorCache } from '../../src/core/strategies/types';
import { bestMs, perSecond, wanted, type BenchOptions, type BenchResult } from './harness';

export const names = [
  'backtest.ma_crossover_ls.1m', 'backtest.ma_crossover_ls.1m.cold', 'indicator.sma.1m', 'indicator.ema.1m', 'indicator.rsi.1m', 'indicator.atr.1m', 'metrics.1m',
];

const N = 1_000_000;

export async function run(opts: BenchOptions): Promise<BenchResult[]> {
  const { bars } = synthGarchMarkov({ n: N, seed: 42 });
  const runs = opts.quick ? 2 : 5;
  const out: BenchResult[] = [];
  const measure = (name: string, fn: () => unknown) => {
    if (!wanted(name, opts)) return;
    out.push({ name, value: perSecond(N, bestMs(fn, runs, opts.quick ? 1 : 3)), unit: 'bars/s' });
  };

  const cfg: EngineConfig = { ...defaultEngineConfig, commission: 0.001, slippage: 0.0005 };
  const params = maCrossover.params.parse({ fast_window: 10, slow_window: 30, side: 'long_short' });
  const cold = () => {
    const signals = maCrossover.signals(bars, params, { ind: createIndicatorCache() });
    return runBacktest(bars, signals, cfg).equity;
  };
  const cache = createIndicatorCache();
  const targetScratch = new Float64Array(N);
  const equity = new Float64Array(N);
  const warm = () => {
    cache.clear(); // indicators recomputed every run, into recycled memory
    const signals = maCrossover.signals(bars, params, { ind: cache, targetScratch });
    return runBacktest(bars, signals, cfg, { equity }).equity;
  };
  // the recycled-memory path must give exactly the fresh path's result
  const a = cold(), b = warm();
  if (a[N - 1] !== b[N - 1] || a[N >> 1] !== b[N >> 1]) throw new Error('bench: recycled buffers changed the result');
  measure('backtest.ma_crossover_ls.1m', warm);
  measure('backtest.ma_crossover_ls.1m.cold', cold);
  measure('indicator.sma.1m', () => sma(bars.close, 30));
  measure('indicator.ema.1m', () => ema(bars.close, 30));
  measure('indicator.rsi.1m', () => rsi(bars.close, 14));
  measure('indicator.atr.1m', () => atr(bars.high, bars.low, bars.close, 14));
  if (wanted('metrics.1m', opts)) {
    const signals = maCrossover.signals(bars, params, { ind: createIndicatorCache() });
    const res = runBacktest(bars, signals, cfg);
    // periodsPerYear passed in (as sweeps do): detecting it sorts 1M bar spacings, which is not what we time.
    const P = periodsPerYear(bars.time);
    measure('metrics.1m', () => computeMetrics(res, bars, { periodsPerYear: P }).equityFinal);
  }
  return out;
}
