import { describe, expect, it } from 'vitest';
import { isPeakError, PeakError } from '../../../src/core/errors';
import { getStrategy, listStrategies, resolveParams, strategies } from '../../../src/core/strategies/registry';
import { createIndicatorCache } from '../../../src/core/strategies/types';
import { barsFrom, randomBars } from './helpers';

function thrown(f: () => unknown): PeakError {
  try {
    f();
  } catch (e) {
    if (isPeakError(e)) return e;
    throw e;
  }
  throw new Error('expected a PeakError');
}

const TIERS: Record<string, string> = {
  ma_crossover: 'core', rsi_reversion: 'core', bollinger_bands: 'core', trend_following: 'aux', breakout: 'aux',
  macd: 'aux', momentum_1h: 'aux', mean_reversion: 'aux', vol_regime_filter: 'aux', breakout_donchian: 'legacy',
  vol_breakout: 'legacy', my_strategy: 'legacy',
  composite: 'aux', regime_aware_portfolio: 'aux', armstrong_cycle: 'r_and_d', el_karoui_vol_model: 'r_and_d',
  ehlers_cycle_filter: 'r_and_d', meta_labeling: 'r_and_d', bouchaud_microstructure: 'r_and_d', vol_regime_overlay: 'r_and_d',
};

describe('registry', () => {
  it('holds the SPEC strategies (core, aux, legacy, R&D) with their tiers and metadata', () => {
    expect(Object.fromEntries(strategies.map((s) => [s.meta.id, s.meta.tier]))).toEqual(TIERS);
    for (const s of strategies) {
      expect(s.meta.version).toBe('1.0.0');
      expect(s.meta.author).toBe('peak-trade');
      expect(getStrategy(s.meta.id)).toBe(s);
    }
  });
  it('getStrategy on an unknown id throws NOT_FOUND listing the valid ids', () => {
    const e = thrown(() => getStrategy('sma_cross'));
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toContain('"sma_cross"');
    expect(e.message).toContain('ma_crossover');
  });
  it('listStrategies describes every parameter as plain JSON (type, default, bounds, enum values, sweep)', () => {
    const list = listStrategies();
    expect(JSON.parse(JSON.stringify(list))).toEqual(list);
    const ma = list.find((s) => s.meta.id === 'ma_crossover')!;
    expect(ma.params.find((p) => p.name === 'fast_window')).toMatchObject({ type: 'integer', default: 20, min: 2, max: 200, nullable: false });
    expect(ma.params.find((p) => p.name === 'side')).toMatchObject({ type: 'enum', default: 'long_only', values: ['long_only', 'long_short'] });
    expect(ma.defaults).toEqual({ fast_window: 20, slow_window: 50, side: 'long_only' });
    const bo = list.find((s) => s.meta.id === 'breakout')!;
    expect(bo.params.find((p) => p.name === 'stop_loss_pct')).toMatchObject({ type: 'number', nullable: true, default: null });
    const rsi = list.find((s) => s.meta.id === 'rsi_reversion')!;
    expect(rsi.defaults).toMatchObject({ rsi_window: 14, lower: 30, upper: 70, exit_lower: 50, exit_upper: 50, use_trend_filter: false, trend_ma_window: 50, use_wilder: true, side: 'long_short' });
    for (const s of list) {
      for (const p of s.params) expect(s.defaults[p.name]).toEqual(p.default);
    }
  });
  it('defaults satisfy the constraints and sweep ranges stay inside the parameter bounds', () => {
    for (const s of strategies) {
      const d = s.params.parse({});
      expect(s.constraint?.(d) ?? null).toBeNull();
      for (const [k, r] of Object.entries(s.sweep)) {
        if (!r) continue;
        const vals = r.kind === 'values' ? r.values : [r.min, r.max];
        for (const v of vals) expect(s.params.safeParse({ [k]: v }).success, `${s.meta.id}.${k}=${String(v)}`).toBe(true);
        if (r.kind === 'range') expect(r.step).toBeGreaterThan(0);
      }
    }
  });
  it('default sweep grids stay small enough to run as they are (≤ 1000 combinations before constraints)', () => {
    for (const s of strategies) {
      let combos = 1;
      for (const r of Object.values(s.sweep)) {
        if (r) combos *= r.kind === 'values' ? r.values.length : Math.floor((r.max - r.min) / r.step + 1e-9) + 1;
      }
      expect(combos, s.meta.id).toBeLessThanOrEqual(1000);
    }
  });
});

describe('resolveParams', () => {
  it('coerces CLI strings: numbers, booleans, enums, null', () => {
    expect(resolveParams('ma_crossover', { fast_window: '10', slow_window: '30', side: 'long_short' }))
      .toEqual({ fast_window: 10, slow_window: 30, side: 'long_short' });
    expect(resolveParams('rsi_reversion', { use_trend_filter: 'true', use_wilder: 'false' }))
      .toMatchObject({ use_trend_filter: true, use_wilder: false, rsi_window: 14 });
    expect(resolveParams('breakout', { stop_loss_pct: '0.03', take_profit_pct: 'none' }))
      .toMatchObject({ stop_loss_pct: 0.03, take_profit_pct: null });
    expect(resolveParams('ma_crossover', { fast_window: 5 })).toMatchObject({ fast_window: 5, slow_window: 50 });
  });
  it('rejects unknown keys, bad numbers, out-of-bounds values and broken constraints, naming the parameter', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['ma_crossover', { fast: '10' }, 'parameter "fast": unknown for strategy "ma_crossover" (valid: fast_window, slow_window, side)'],
      ['ma_crossover', { fast_window: 'ten' }, 'parameter "fast_window": expected a number, got "ten"'],
      ['ma_crossover', { fast_window: '1' }, 'parameter "fast_window"'],
      ['ma_crossover', { fast_window: '10.5' }, 'parameter "fast_window"'],
      ['ma_crossover', { side: 'both' }, 'parameter "side"'],
      ['rsi_reversion', { use_wilder: 'maybe' }, 'parameter "use_wilder": expected true or false'],
      ['ma_crossover', { fast_window: '30', slow_window: '10' }, 'fast_window (30) must be < slow_window (10)'],
      ['rsi_reversion', { lower: 50, upper: 50 }, 'lower (50) must be < upper (50)'],
    ];
    for (const [id, raw, msg] of cases) {
      const e = thrown(() => resolveParams(id, raw));
      expect(e.code).toBe('BAD_INPUT');
      expect(e.message).toContain(msg);
    }
    expect(thrown(() => resolveParams('nope', {})).code).toBe('NOT_FOUND');
  });
});

describe('every strategy with default parameters', () => {
  const random = randomBars(2000, 'all', 0.02);
  const flat = barsFrom(new Array<number>(300).fill(100));
  const tiny = randomBars(5, 'tiny');
  const one = randomBars(1, 'one');
  const empty = barsFrom([]);
  it('returns a finite target in [−1, 1], zero before the warm-up, on random, flat, too-short, 1-bar and empty data', () => {
    for (const s of strategies) {
      const p = s.params.parse({});
      for (const b of [random, flat, tiny, one, empty]) {
        const { target, warmup } = s.signals(b, p, { ind: createIndicatorCache() });
        expect(target.length).toBe(b.close.length);
        expect(warmup).toBeGreaterThanOrEqual(0);
        for (let t = 0; t < target.length; t++) {
          const v = target[t];
          if (!(Number.isFinite(v) && v >= -1 && v <= 1)) throw new Error(`${s.meta.id}: target[${t}] = ${v}`);
          if (t < warmup && v !== 0) throw new Error(`${s.meta.id}: acts at ${t} before warm-up ${warmup}`);
        }
      }
      expect(s.minBars(p)).toBeGreaterThan(0);
    }
  });
  it('every sweep value (one parameter at a time) validates and yields finite targets', () => {
    const b = randomBars(400, 'sweep', 0.02);
    for (const s of strategies) {
      for (const [k, r] of Object.entries(s.sweep)) {
        if (!r) continue;
        const vals = r.kind === 'values' ? r.values : [r.min, (r.min + r.max) / 2, r.max].map((v) => r.min + Math.round((v - r.min) / r.step) * r.step);
        for (const v of vals) {
          let p: Record<string, unknown>;
          try {
            p = resolveParams(s.meta.id, { [k]: v });
          } catch (e) {
            // only a cross-field constraint may refuse a single in-range value (e.g. fast_window ≥ default slow)
            expect(isPeakError(e) && e.message.startsWith(`parameters of "${s.meta.id}"`), `${s.meta.id}.${k}=${String(v)}`).toBe(true);
            continue;
          }
          const { target } = s.signals(b, p, { ind: createIndicatorCache() });
          for (let t = 0; t < target.length; t++) {
            if (!(target[t] >= -1 && target[t] <= 1)) throw new Error(`${s.meta.id}.${k}=${String(v)}: target[${t}] = ${target[t]}`);
          }
        }
      }
    }
  });
  it('share indicators through the cache (same key → same array, computed once)', () => {
    const ind = createIndicatorCache();
    const ma = getStrategy('ma_crossover');
    ma.signals(random, resolveParams('ma_crossover', { fast_window: 10, slow_window: 30 }), { ind });
    ma.signals(random, resolveParams('ma_crossover', { fast_window: 10, slow_window: 50 }), { ind });
    expect(ind.size()).toBe(3); // sma:close:10, :30, :50
    let calls = 0;
    const a = ind.get('sma:close:10', () => { calls++; return new Float64Array(); });
    expect(calls).toBe(0);
    expect(a.length).toBe(random.close.length);
  });
});
