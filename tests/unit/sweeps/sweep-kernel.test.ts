import { describe, expect, it } from 'vitest';
import { MS_PER_DAY, periodsPerYear } from '../../../src/core/data/bars';
import { synthGarchMarkov } from '../../../src/core/data/synthetic';
import { runDefault } from '../../../src/core/engine/engine';
import { defaultEngineConfig, type EngineConfig } from '../../../src/core/engine/types';
import { computeMetrics } from '../../../src/core/metrics/metrics';
import { createRng } from '../../../src/core/rng';
import { computeBlockStats } from '../../../src/core/research/block-stats';
import { createKernelScratch, fusedSupported, measureFused } from '../../../src/core/research/sweep-kernel';
import { getStrategy } from '../../../src/core/strategies/registry';
import { createIndicatorCache } from '../../../src/core/strategies/types';

const bars = synthGarchMarkov({ n: 400, seed: 3, intervalMs: MS_PER_DAY }).bars;
const P = periodsPerYear(bars.time);

/** The same bars with ~6 % of closes jumping ×2.2 or ×0.4 (high/low widened): shorts and leverage get wiped out. */
const spiky = (() => {
  const b = { ...bars, close: bars.close.slice(), high: bars.high.slice(), low: bars.low.slice() };
  const rng = createRng('spikes');
  for (let i = 0; i < b.close.length; i++) {
    const u = rng.uniform();
    const k = u < 0.03 ? 2.2 : u < 0.06 ? 0.4 : 1;
    b.close[i] *= k;
    b.high[i] = Math.max(b.high[i], b.close[i]);
    b.low[i] = Math.min(b.low[i], b.close[i]);
  }
  return b;
})();

function slow(target: Float64Array, warmup: number, cfg: EngineConfig, S = 16, on = bars) {
  const res = runDefault(on, target, warmup, cfg);
  return { metrics: { ...computeMetrics(res, on, { periodsPerYear: P }) }, blocks: Array.from(computeBlockStats(res.equity, S)) };
}
function fused(target: Float64Array, warmup: number, cfg: EngineConfig, S = 16, on = bars) {
  const out = new Float64Array(3 * S);
  const metrics = measureFused(on, target, warmup, cfg, P, out, sc);
  return { metrics, blocks: Array.from(out) };
}
function randomTarget(rng: ReturnType<typeof createRng>, n: number, pChange: number): Float64Array {
  const t = new Float64Array(n);
  let v = 0;
  for (let i = 0; i < n; i++) {
    if (rng.uniform() < pChange) v = [-1, 0, 1, 0.5, -0.25][rng.int(5)];
    t[i] = v;
  }
  return t;
}
const sc = createKernelScratch();

describe('fused sweep kernel = runDefault + computeMetrics + computeBlockStats, bit for bit', () => {
  it('random target paths × fills × sizing × finalize × costs × warm-ups', () => {
    const rng = createRng(99);
    const sizings: EngineConfig['sizing'][] = [{ mode: 'fraction', fraction: 1 }, { mode: 'fraction', fraction: 0.3 }, { mode: 'all_in_units' }, { mode: 'fixed_notional', notional: 2500 }];
    for (let trial = 0; trial < 300; trial++) {
      const n = bars.close.length;
      const t = randomTarget(rng, n, [0.02, 0.1, 0.5][trial % 3]);
      const warmup = [0, 1, 2, 37, n - 2, n - 1, n, n + 5][trial % 8];
      const cfg: EngineConfig = {
        ...defaultEngineConfig,
        fill: trial % 2 ? 'close' : 'next_open',
        sizing: sizings[trial % 4],
        finalize: trial % 5 !== 0,
        commission: [0, 0.001, 0.01][trial % 3],
        slippage: [0, 0.0005][trial % 2],
      };
      const S = trial % 7 === 0 ? 5 : 16;
      expect(fused(t, warmup, cfg, S), `trial ${trial}`).toEqual(slow(t, warmup, cfg, S));
    }
  });

  it('ruin cases: spiky bars × leverage / fixed notional × fills × finalize (equity ≤ 0 → exit, equity 0)', () => {
    const rng = createRng('kernel-ruin');
    const sizings: EngineConfig['sizing'][] = [
      { mode: 'fraction', fraction: 1 }, { mode: 'fraction', fraction: 2.5 }, { mode: 'fixed_notional', notional: 8000 }, { mode: 'all_in_units' },
    ];
    let ruined = 0;
    for (let trial = 0; trial < 200; trial++) {
      const n = spiky.close.length;
      const t = randomTarget(rng, n, [0.02, 0.1, 0.3][trial % 3]);
      const warmup = [0, 1, 5, 37, n - 2][trial % 5];
      const cfg: EngineConfig = {
        ...defaultEngineConfig,
        cash: 10_000,
        fill: trial % 2 ? 'close' : 'next_open',
        sizing: sizings[(trial >> 1) % 4],
        finalize: trial % 3 !== 0,
        commission: [0, 0.001][trial % 2],
        slippage: [0, 0.0005, 0.002][trial % 3],
      };
      const S = trial % 7 === 0 ? 5 : 16;
      const want = slow(t, warmup, cfg, S, spiky);
      expect(fused(t, warmup, cfg, S, spiky), `trial ${trial}`).toEqual(want);
      if (want.metrics.equityFinal === 0) {
        ruined++;
        expect(want.metrics.totalReturnPct, `trial ${trial}`).toBe(-100);
        expect((want.metrics.sharpe ?? 0) <= 0 && (want.metrics.sortino ?? 0) <= 0, `trial ${trial}`).toBe(true);
      }
    }
    // the trials must actually exercise the rule
    expect(ruined).toBeGreaterThan(40);
  });

  it('real strategies (ma_crossover both sides, rsi_reversion, breakout_donchian)', () => {
    const cases: [string, Record<string, unknown>][] = [
      ['ma_crossover', { fast_window: 5, slow_window: 20 }],
      ['ma_crossover', { fast_window: 3, slow_window: 30, side: 'long_short' }],
      ['rsi_reversion', { rsi_window: 7 }],
      ['breakout_donchian', { lookback: 15 }],
    ];
    const ind = createIndicatorCache();
    for (const [id, raw] of cases) {
      const s = getStrategy(id);
      const sig = s.signals(bars, s.params.parse(raw), { ind });
      expect(fused(sig.target, sig.warmup, defaultEngineConfig), id).toEqual(slow(sig.target, sig.warmup, defaultEngineConfig));
    }
  });

  it('is used only where it is exact', () => {
    expect(fusedSupported(defaultEngineConfig)).toBe(true);
    expect(fusedSupported({ ...defaultEngineConfig, stopLossPct: 0.02 })).toBe(false);
    expect(fusedSupported({ ...defaultEngineConfig, preset: 'backtesting-py' })).toBe(false);
  });

  it('rejects a non-finite target like the engine', () => {
    const t = new Float64Array(bars.close.length);
    t[50] = NaN;
    expect(() => fused(t, 10, defaultEngineConfig)).toThrow(/target\[50\] is NaN/);
  });
});
