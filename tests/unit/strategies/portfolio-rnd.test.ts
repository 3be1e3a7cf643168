import { describe, expect, it } from 'vitest';
import type { Bars } from '../../../src/core/data/bars';
import { MS_PER_DAY } from '../../../src/core/data/bars';
import { isPeakError, type PeakError } from '../../../src/core/errors';
import { armstrongCycle, armstrongPhase } from '../../../src/core/strategies/armstrong-cycle';
import { bouchaudMicrostructure } from '../../../src/core/strategies/bouchaud-microstructure';
import type { ComponentResolver } from '../../../src/core/strategies/components';
import { createComposite } from '../../../src/core/strategies/composite';
import { ehlersCycleFilter } from '../../../src/core/strategies/ehlers-cycle-filter';
import { elKarouiVolModel } from '../../../src/core/strategies/el-karoui-vol-model';
import { metaLabeling, tripleBarrierLabels } from '../../../src/core/strategies/meta-labeling';
import { strategyPresets } from '../../../src/core/strategies/presets';
import { createRegimeAwarePortfolio } from '../../../src/core/strategies/regime-aware-portfolio';
import { assertStrategyAllowed, getStrategy, listStrategies, resolveParams, strategies } from '../../../src/core/strategies/registry';
import { createIndicatorCache, type StrategyDef } from '../../../src/core/strategies/types';
import { volRegimeOverlay } from '../../../src/core/strategies/vol-regime-overlay';
import { barsFrom, naiveMean, naiveStd, randomBars, run, win } from './helpers';

function thrown(f: () => unknown): PeakError {
  try { f(); } catch (e) { if (isPeakError(e)) return e; throw e; }
  throw new Error('expected a PeakError');
}

/** Stub strategies with fixed targets, resolved by id ('A', 'B', …); 'BOOM' throws. */
function stubResolver(fixed: Record<string, { target: number[]; warmup?: number }>): ComponentResolver {
  return (id) => {
    const def: StrategyDef<Record<string, unknown>> = {
      meta: { id, name: id, description: '', version: '1.0.0', author: 't', regime: 'any', tags: [], tier: 'aux', style: 'state' },
      params: getStrategy('ma_crossover').params,
      sweep: {},
      minBars: () => 1,
      signals() {
        if (id === 'BOOM') throw new Error('component failure');
        return { target: Float64Array.from(fixed[id].target), warmup: fixed[id].warmup ?? 0 };
      },
    };
    return { def, params: {} };
  };
}
const sig = (def: StrategyDef<Record<string, unknown>>, bars: Bars, p: Record<string, unknown>) =>
  Array.from(def.signals(bars, p, { ind: createIndicatorCache() }).target);

describe('composite', () => {
  const bars4 = barsFrom([1, 1, 1, 1]);
  const R = stubResolver({ A: { target: [1, 1, -1, 0] }, B: { target: [1, -1, -1, 0], warmup: 1 }, C: { target: [0, -1, 0, 1] } });
  const comp = createComposite(R);
  const mk = (ids: string[], extra: Record<string, unknown>) =>
    comp.params.parse({ components: ids.map((id) => ({ id })), weights: null, ...extra });
  it('weighted: Σw·s (w normalised by Σ|w|) against ±threshold', () => {
    expect(sig(comp, bars4, mk(['A', 'B'], { weights: [0.5, 0.5] }))).toEqual([0, 0, -1, 0]); // warm-up 1 from B
    expect(sig(comp, bars4, mk(['A', 'B'], { weights: [3, 1] }))).toEqual([0, 1, -1, 0]); // .75 − .25 = .5 > .3
  });
  it('voting (strict majority), unanimous, any_long, any_short', () => {
    // A,B,C longs per bar 2,1,0,1 / shorts 0,2,2,0 (N/2 = 1.5)
    expect(sig(comp, bars4, mk(['A', 'B', 'C'], { aggregation: 'voting' }))).toEqual([0, -1, -1, 0]);
    expect(sig(comp, bars4, mk(['A', 'B'], { aggregation: 'unanimous' }))).toEqual([0, 0, -1, 0]);
    expect(sig(comp, bars4, mk(['A', 'C'], { aggregation: 'any_long' }))).toEqual([1, 1, 0, 1]);
    expect(sig(comp, bars4, mk(['A', 'C'], { aggregation: 'any_short' }))).toEqual([0, -1, -1, 0]);
  });
  it('a failing component contributes zeros', () => {
    expect(sig(comp, bars4, mk(['A', 'BOOM'], { weights: [0.5, 0.5] }))).toEqual([1, 1, -1, 0]); // ±.5 > .3
    expect(sig(comp, bars4, mk(['A', 'BOOM'], { weights: [0.5, 0.5], threshold: 0.6 }))).toEqual([0, 0, 0, 0]);
  });
  it('through the registry: components resolved and validated, CLI JSON strings accepted', () => {
    const b = randomBars(800, 'comp');
    const p = resolveParams('composite', {
      components: '[{"id":"ma_crossover","params":{"fast_window":"10","slow_window":30,"side":"long_short"}}]', weights: 'null',
    });
    const ma = resolveParams('ma_crossover', { fast_window: 10, slow_window: 30, side: 'long_short' });
    expect(sig(getStrategy('composite'), b, p)).toEqual(sig(getStrategy('ma_crossover'), b, ma));
    expect(thrown(() => resolveParams('composite', { components: [{ id: 'nope' }], weights: null })).message).toContain('components[0] (nope)');
    expect(thrown(() => resolveParams('composite', { components: [{ id: 'ma_crossover', params: { fast_window: 60 } }], weights: [1] })).message)
      .toContain('fast_window (60) must be < slow_window (50)');
    expect(thrown(() => resolveParams('composite', { weights: [1, 2, 3] })).message).toContain('weights has 3 entries');
  });
});

describe('regime_aware_portfolio', () => {
  // range vol over 2 bars: t1 1, t2 1, t3..t5 2.5, t6 1 (see the vol_regime_filter test)
  const b = barsFrom([10, 10, 10, 10, 10, 10, 10], { high: [10.5, 10.5, 10.5, 12, 12, 10.5, 10.5], low: new Array<number>(7).fill(9.5) });
  const R = stubResolver({ A: { target: [1, 1, 1, 1, 1, 1, 1] }, B: { target: [1, 1, 1, 1, 1, -1, 1] } });
  const rap = createRegimeAwarePortfolio(R);
  const base = { vol_method: 'range', vol_window: 2, min_bars: 0, low_vol_threshold: 1.5, lookback_percentile: 2 };
  const mk = (extra: Record<string, unknown>, regime: Record<string, unknown>) =>
    rap.params.parse({ components: [{ id: 'A' }, { id: 'B' }], base_weights: [0.6, 0.4], regime_params: { ...base, ...regime }, ...extra });
  it('scale mode: risk-on ×1, risk-off ×0, nothing before the regime is defined', () => {
    expect(sig(rap, b, mk({}, { high_vol_threshold: 2 }))).toEqual([0, 1, 1, 0, 0, 0, 1]);
  });
  it('neutral regime uses neutral_scale (×.5 → .5 > .3; ×.25 → below the threshold); Σw·s is signed', () => {
    expect(sig(rap, b, mk({}, { high_vol_threshold: 3 }))).toEqual([0, 1, 1, 1, 1, 0, 1]); // t5: (.6 − .4)·.5 = .1
    expect(sig(rap, b, mk({ neutral_scale: 0.25 }, { high_vol_threshold: 3 }))).toEqual([0, 1, 1, 0, 0, 0, 1]);
  });
  it('filter mode forces flat in risk-off even if risk_off_scale > 0', () => {
    expect(sig(rap, b, mk({ risk_off_scale: 1 }, { high_vol_threshold: 2 }))).toEqual([0, 1, 1, 1, 1, 0, 1]);
    expect(sig(rap, b, mk({ risk_off_scale: 1, mode: 'filter' }, { high_vol_threshold: 2 }))).toEqual([0, 1, 1, 0, 0, 0, 1]);
  });
  it('rejects bad regime_params and mismatched base_weights by name', () => {
    expect(thrown(() => resolveParams('regime_aware_portfolio', { regime_params: { vol_window: 0 } })).message).toContain('regime_params.vol_window');
    expect(thrown(() => resolveParams('regime_aware_portfolio', { base_weights: [1] })).message).toContain('base_weights has 1 entries');
  });
});

describe('R&D strategies', () => {
  it('armstrong_cycle: phase boundaries and the default / aggressive maps', () => {
    expect([0, 0.14, 0.15, 0.44, 0.45, 0.49, 0.5, 0.84, 0.85, 0.94, 0.95, 0.99].map(armstrongPhase)).toEqual([
      'post_crisis', 'post_crisis', 'expansion', 'expansion', 'pre_crisis', 'pre_crisis', 'contraction', 'contraction',
      'pre_crisis', 'pre_crisis', 'crisis', 'crisis']);
    const ref = Date.UTC(2015, 9, 1), cyc = 3141 * MS_PER_DAY;
    const times = [ref, ref + 0.3 * cyc, ref + 0.47 * cyc, ref + 0.6 * cyc, ref + 0.97 * cyc, ref - 0.03 * cyc, ref + 1.2 * cyc];
    const b = barsFrom(times.map(() => 100));
    const bars: Bars = { ...b, time: Float64Array.from(times.map((t, i) => t + i)) };
    expect(run(armstrongCycle, bars).target).toEqual([1, 1, 0, 0, 0, 0, 1]);
    expect(run(armstrongCycle, bars, { phase_map: 'aggressive' }).target).toEqual([1, 1, -1, 0, -1, -1, 1]);
  });
  it('el_karoui_vol_model: flat in the HIGH volatility regime (naive EWM vol + rank)', () => {
    const B = randomBars(700, 'ek', 0.02);
    const c = Array.from(B.close), w = 10, L = 50;
    const a = 2 / (w + 1);
    const v: number[] = [];
    for (let t = 0; t < c.length; t++) {
      const r2 = t === 0 ? NaN : (c[t] / c[t - 1] - 1) ** 2;
      v.push(t === 0 ? NaN : t === 1 ? r2 : a * r2 + (1 - a) * v[t - 1]);
    }
    const vol = v.map((x, t) => (t < w ? NaN : Math.sqrt(x)));
    const exp = vol.map((x, t) => {
      if (t < w + L - 1) return 0;
      const ww = win(vol, t, L);
      const rank = (ww.filter((y) => y < x).length + (ww.filter((y) => y === x).length + 1) / 2) / L;
      return rank <= 0.7 ? 1 : 0;
    });
    const r = run(elKarouiVolModel, B, { vol_window: w, lookback: L });
    expect(r.target).toEqual(exp);
    expect(r.target.some((x) => x === 0 && r.target.indexOf(1) >= 0)).toBe(true);
    const scaled = run(elKarouiVolModel, B, { vol_window: w, lookback: L, use_vol_scaling: true }).target;
    for (let t = 0; t < scaled.length; t++) expect(scaled[t] > 0).toBe(exp[t] > 0);
  });
  it('ehlers_cycle_filter: long above the Super Smoother; flat below min_bars', () => {
    const B = randomBars(300, 'eh');
    const P = 6, x = Array.from(B.close);
    const a1 = Math.exp(-1.414213562373095 * Math.PI / P), c2 = 2 * a1 * Math.cos(1.414213562373095 * Math.PI / P), c3 = -a1 * a1;
    const y: number[] = [];
    x.forEach((v, t) => y.push(t < 2 ? v : ((1 - c2 - c3) * (v + x[t - 1])) / 2 + c2 * y[t - 1] + c3 * y[t - 2]));
    expect(run(ehlersCycleFilter, B).target).toEqual(x.map((v, t) => (t >= 2 && v > y[t] ? 1 : 0)));
    expect(run(ehlersCycleFilter, randomBars(99, 'eh')).target.every((v) => v === 0)).toBe(true);
  });
  it('bouchaud_microstructure: rolling mean of clipped bar pressure above the threshold', () => {
    const B = randomBars(400, 'bm');
    const pr = Array.from(B.close, (c, t) => (B.high[t] > B.low[t] ? Math.max(-1, Math.min(1, (c - B.open[t]) / (B.high[t] - B.low[t]))) : 0));
    const exp = pr.map((_, t) => (t >= 19 && naiveMean(win(pr, t, 20)) > 0.1 ? 1 : 0));
    const r = run(bouchaudMicrostructure, B, { window: 20, threshold: 0.1 });
    expect(r.target).toEqual(exp);
    expect(exp.some((v) => v === 1)).toBe(true);
  });
  it('vol_regime_overlay: rv ≤ rolling quantile and within max_drawdown of the running peak', () => {
    const B = randomBars(600, 'vo', 0.01);
    const c = Array.from(B.close), lb = 20, q = 0.75;
    const ret = c.map((x, t) => (t === 0 ? NaN : x / c[t - 1] - 1));
    const rv = c.map((_, t) => (t >= lb ? naiveStd(win(ret, t, lb)) : NaN));
    let peak = -Infinity;
    const exp = c.map((x, t) => {
      peak = Math.max(peak, x);
      if (t < 2 * lb - 1) return 0;
      const s = win(rv, t, lb).sort((a, b) => a - b);
      const pos = q * (lb - 1), lo = Math.floor(pos);
      const qv = s[lo] + (pos - lo) * ((s[lo + 1] ?? s[lo]) - s[lo]);
      return rv[t] <= qv && 1 - x / peak <= 0.05 ? 1 : 0;
    });
    const r = run(volRegimeOverlay, B, { lookback: lb, max_drawdown: 0.05 });
    expect(r.target).toEqual(exp);
    expect(exp.some((v) => v === 1)).toBe(true);
  });
});

describe('meta_labeling', () => {
  it('triple-barrier labels: take-profit, stop, vertical barrier, unresolved, short side', () => {
    const c = [100, 101, 111, 100, 94, 100, 100, 100];
    const b = barsFrom(c, { high: c.map((x) => x + 0.5), low: c.map((x) => x - 0.5) });
    const long = tripleBarrierLabels(b, new Float64Array(8).fill(1), 0.1, 0.05, 3);
    // e0: TP 110 hit at t2; e1: TP 111.1 at t2; e2: stop 105.45 at t3; e3: stop 95 at t4; e4: vertical at t7, +6 %
    expect(Array.from(long.label)).toEqual([1, 1, 0, 0, 1, NaN, NaN, NaN]);
    expect(Array.from(long.resolvedAt)).toEqual([2, 2, 3, 4, 7, -1, -1, -1]);
    const side = new Float64Array(8);
    side[2] = -1; // short at 111: TP 99.9 hit by the low 99.5 at t3
    const short = tripleBarrierLabels(b, side, 0.1, 0.05, 3);
    expect(short.label[2]).toBe(1);
    expect(short.resolvedAt[2]).toBe(3);
    // both barriers inside one bar → the stop counts
    const wide = barsFrom([100, 100], { high: [100, 120], low: [100, 80] });
    expect(tripleBarrierLabels(wide, Float64Array.from([1, 0]), 0.1, 0.05, 3).label[0]).toBe(0);
  });
  it('trades the momentum side only when that side\'s recent resolved hit rate is high enough (naive check)', () => {
    const B = randomBars(1500, 'ml', 0.01);
    const p = { primary_lookback: 10, take_profit: 0.01, stop_loss: 0.01, vertical_barrier: 10, train_window: 80, min_events: 10, min_confidence: 0.55 };
    const c = Array.from(B.close);
    const side = c.map((x, t) => (t < 10 ? 0 : Math.sign(x / c[t - 10] - 1)));
    const { label, resolvedAt } = tripleBarrierLabels(B, Float64Array.from(side), p.take_profit, p.stop_loss, p.vertical_barrier);
    const exp = c.map((_, t) => {
      if (t < 10 || side[t] === 0) return 0;
      let n = 0, hit = 0;
      for (let i = Math.max(0, t - p.train_window + 1); i <= t; i++) {
        if (side[i] === side[t] && resolvedAt[i] >= 0 && resolvedAt[i] <= t) { n++; hit += label[i]; }
      }
      return n >= p.min_events && hit / n >= p.min_confidence ? side[t] : 0;
    });
    const r = run(metaLabeling, B, p);
    expect(r.target).toEqual(exp);
    expect(exp.some((v) => v !== 0)).toBe(true);
    expect(exp.filter((v) => v !== 0).length).toBeLessThan(side.filter((v) => v !== 0).length);
  });
});

describe('no look-ahead (every strategy)', () => {
  it('the targets on a prefix of the data equal the prefix of the targets on all of it', () => {
    const B = randomBars(900, 'causal', 0.015);
    const cut = 600;
    const prefix: Bars = {
      time: B.time.subarray(0, cut), open: B.open.subarray(0, cut), high: B.high.subarray(0, cut),
      low: B.low.subarray(0, cut), close: B.close.subarray(0, cut), volume: B.volume.subarray(0, cut),
    };
    // length-dependent by definition: vol_regime_overlay's automatic lookback, ehlers' min_bars check
    const over: Record<string, Record<string, unknown>> = { vol_regime_overlay: { lookback: 50 }, ehlers_cycle_filter: { min_bars: 0 } };
    for (const s of strategies) {
      const p = s.params.parse(over[s.meta.id] ?? {});
      const full = Array.from(s.signals(B, p, { ind: createIndicatorCache() }).target).slice(0, cut);
      const part = Array.from(s.signals(prefix, p, { ind: createIndicatorCache() }).target);
      expect(part, s.meta.id).toEqual(full);
    }
  });
});

describe('environment gate and listing', () => {
  it('core/aux run everywhere; legacy not in live-like environments; R&D only in research with the flag', () => {
    expect(() => assertStrategyAllowed('ma_crossover', 'live')).not.toThrow();
    expect(() => assertStrategyAllowed('composite', 'shadow')).not.toThrow();
    expect(() => assertStrategyAllowed('breakout_donchian', 'backtest')).not.toThrow();
    const legacy = thrown(() => assertStrategyAllowed('breakout_donchian', 'paper'));
    expect([legacy.code, legacy.message]).toEqual(['UNSAFE', expect.stringContaining('tier legacy')]);
    const noFlag = thrown(() => assertStrategyAllowed('meta_labeling', 'research'));
    expect([noFlag.code, noFlag.message]).toEqual(['UNSAFE', expect.stringContaining('allow_r_and_d_strategies')]);
    expect(() => assertStrategyAllowed('meta_labeling', 'offline_backtest', { allowRandD: true })).not.toThrow();
    for (const env of ['paper', 'shadow', 'testnet', 'live_dry_run', 'live']) {
      const e = thrown(() => assertStrategyAllowed('armstrong_cycle', env, { allowRandD: true }));
      expect([e.code, e.message]).toEqual(['UNSAFE', expect.stringContaining('tier r_and_d')]);
    }
    expect(thrown(() => assertStrategyAllowed('ma_crossover', 'prod')).code).toBe('BAD_INPUT');
  });
  it('listStrategies hides R&D by default and describes component lists as JSON parameters', () => {
    const l = listStrategies();
    expect(l.filter((s) => s.hiddenByDefault).map((s) => s.meta.id).sort()).toEqual([
      'armstrong_cycle', 'bouchaud_microstructure', 'ehlers_cycle_filter', 'el_karoui_vol_model', 'meta_labeling', 'vol_regime_overlay']);
    const c = l.find((s) => s.meta.id === 'composite')!;
    expect(c.params.find((p) => p.name === 'components')).toMatchObject({ type: 'json', nullable: false });
    expect(c.params.find((p) => p.name === 'weights')).toMatchObject({ type: 'json', nullable: true, default: [0.5, 0.5] });
    const rap = l.find((s) => s.meta.id === 'regime_aware_portfolio')!;
    expect(rap.params.find((p) => p.name === 'regime_strategy')).toMatchObject({ type: 'enum', values: ['vol_regime_filter'] });
  });
});

describe('presets', () => {
  it('every named preset resolves through the registry; SPEC values', () => {
    const names = Object.keys(strategyPresets);
    for (const a of ['btc', 'eth']) for (const l of ['conservative', 'moderate', 'aggressive']) expect(names).toContain(`rsi_reversion_${a}_${l}`);
    for (const l of ['conservative', 'moderate', 'aggressive']) {
      expect(names).toContain(`trend_following_eth_${l}`);
      expect(names).toContain(`ma_trend_btc_${l}`);
    }
    expect(names).toEqual(expect.arrayContaining(['breakout_basic', 'breakout_v1']));
    for (const [name, p] of Object.entries(strategyPresets)) {
      expect(() => resolveParams(p.strategyId, p.params), name).not.toThrow();
    }
    expect(strategyPresets.rsi_reversion_eth_moderate).toEqual({ strategyId: 'rsi_reversion', params: { rsi_window: 14, lower: 30, upper: 70 }, stopLossPct: 0.04, takeProfitPct: 0.08 });
    expect(strategyPresets.ma_trend_btc_aggressive).toMatchObject({ params: { fast_window: 10, slow_window: 40 }, stopLossPct: 0.06, takeProfitPct: 0.2 });
    expect(strategyPresets.trend_following_eth_conservative).toMatchObject({ params: { ma_period: 50 }, stopLossPct: 0.04, takeProfitPct: 0.12 });
    expect(resolveParams('breakout', strategyPresets.breakout_v1.params)).toMatchObject({ lookback_breakout: 15, risk_mode: 'long_only', trailing_stop_pct: 0.02 });
  });
  it('the regime-aware presets run on real data without failing components', () => {
    const b = randomBars(1000, 'preset');
    for (const name of ['regime_aware_breakout_rsi', 'regime_aware_conservative', 'composite_rsi_breakout']) {
      const pr = strategyPresets[name];
      const t = sig(getStrategy(pr.strategyId), b, resolveParams(pr.strategyId, pr.params));
      expect(t.every((v) => v === 0 || v === 1 || v === -1)).toBe(true);
    }
  });
});
