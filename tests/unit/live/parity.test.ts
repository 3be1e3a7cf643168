/**
 * PARITY: a paper session fed bar by bar (bridge + paper broker) ends with exactly the trades and final equity
 * of the default backtest engine on the same data, strategy, parameters and costs — every core and aux strategy,
 * two data sets, plus cost/fill/stop variants.
 */
import { describe, expect, it } from 'vitest';
import { synthGarchMarkov, synthRegimeSession } from '../../../src/core/data/synthetic';
import type { Bars } from '../../../src/core/data/bars';
import { defaultEngineConfig, type EngineConfig } from '../../../src/core/engine/types';
import { runBacktest } from '../../../src/core/engine/run';
import { createIndicatorCache } from '../../../src/core/strategies/types';
import { getStrategy, listStrategies, resolveParams } from '../../../src/core/strategies/registry';
import { SessionCore } from '../../../src/core/live/session-core';
import type { LiveRiskLimits } from '../../../src/core/live/risk-limits';

const noRisk: LiveRiskLimits = {
  enabled: false, base_currency: 'EUR', max_order_notional: 1, max_symbol_exposure_notional: 1, max_total_exposure_notional: 1,
  max_open_positions: 1, max_daily_loss_abs: 1, max_daily_loss_pct: 1, block_on_violation: true, warning_threshold_factor: 0.8,
};

export function replay(bars: Bars, id: string, params: Record<string, unknown>, engine: EngineConfig) {
  const core = new SessionCore({
    def: getStrategy(id), params, engine, symbol: 'BTC/EUR', risk: noRisk, riskMode: 'monitor', finalBar: bars.close.length - 1, pnlDropPct: 100,
    tradingState: () => 'ACTIVE', clock: () => 0,
    emit: { order() {}, risk() {}, alert() {}, setTradingState() {} },
  });
  for (let i = 0; i < bars.close.length; i++) core.push(bars.time[i], bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i]);
  const final = core.finish();
  return { core, final };
}

function batch(bars: Bars, id: string, params: Record<string, unknown>, engine: EngineConfig) {
  const sig = getStrategy(id).signals(bars, params, { ind: createIndicatorCache() });
  return runBacktest(bars, sig, engine);
}

const datasets: [string, Bars][] = [
  ['garch', synthGarchMarkov({ n: 700, seed: 7, startPrice: 50_000 }).bars],
  ['regimes', synthRegimeSession({ nSteps: 700, seed: 11 }).bars],
];

const ids = listStrategies().filter((s) => s.meta.tier === 'core' || s.meta.tier === 'aux').map((s) => s.meta.id);
const engine: EngineConfig = { ...defaultEngineConfig, commission: 0.001, slippage: 0.0005 };

const tradeCounts = new Map<string, number>();

describe('paper session ↔ backtest parity', () => {
  it('covers every core and aux strategy', () => {
    expect(ids).toEqual(expect.arrayContaining(['ma_crossover', 'rsi_reversion', 'bollinger_bands']));
    expect(ids.length).toBeGreaterThanOrEqual(8);
  });
  for (const [dsName, bars] of datasets) {
    for (const id of ids) {
      it(`${id} on ${dsName}: same trades and final equity`, () => {
        const params = resolveParams(id, id === 'ma_crossover' ? { fast_window: 5, slow_window: 20 } : {});
        const b = batch(bars, id, params, engine);
        const { core, final } = replay(bars, id, params, engine);
        tradeCounts.set(`${id}/${dsName}`, b.trades.length);
        expect(core.trades).toEqual(b.trades);
        expect(final).toBe(b.equity[b.equity.length - 1]);
        expect(Array.from(core.equitySeries())).toEqual(Array.from(b.equity));
      });
    }
  }
  const variants: [string, Partial<EngineConfig>, Record<string, unknown>][] = [
    ['fill close', { fill: 'close' }, {}],
    ['stops + trailing', { stopLossPct: 0.01, takeProfitPct: 0.02, trailingStopPct: 0.015 }, {}],
    ['long_short, no finalize', { finalize: false }, { side: 'long_short' }],
    ['fixed notional', { sizing: { mode: 'fixed_notional', notional: 3000 } }, {}],
    ['all-in units, fill close, finalize', { sizing: { mode: 'all_in_units' }, fill: 'close', cash: 200_000 }, { side: 'long_short' }],
  ];
  for (const [name, patch, extra] of variants) {
    for (const id of ['ma_crossover', 'rsi_reversion', 'bollinger_bands', 'macd', 'momentum_1h']) {
      it(`${id} ${name}`, () => {
        const bars = datasets[0][1];
        const e = { ...engine, ...patch };
        const base: Record<string, Record<string, unknown>> = {
          ma_crossover: { fast_window: 5, slow_window: 20 }, rsi_reversion: { lower: 40, upper: 60 }, bollinger_bands: { period: 10, num_std: 1 },
          macd: {}, momentum_1h: { lookback: 10, entry_threshold: 0.002, exit_threshold: -0.002 },
        };
        const params = resolveParams(id, { ...base[id], ...(id === 'bollinger_bands' ? {} : extra) });
        const b = batch(bars, id, params, e);
        const { core, final } = replay(bars, id, params, e);
        expect(b.trades.length).toBeGreaterThan(0);
        expect(core.trades).toEqual(b.trades);
        expect(final).toBe(b.equity[b.equity.length - 1]);
        if (!e.finalize) expect(core.broker.openTrade()).toEqual(b.openTrades[0] ?? null);
      });
    }
  }
  it('orders carry slippage against the send-time price: exactly the configured 5 bps, buys above and sells below', () => {
    const { core } = replay(datasets[0][1], 'ma_crossover', resolveParams('ma_crossover', { fast_window: 5, slow_window: 20 }), engine);
    expect(core.orders.length).toBeGreaterThan(4);
    for (const o of core.orders) {
      expect(o.slippageBps).toBeCloseTo(5, 9);
      expect(o.fillPrice).toBeCloseTo(o.side === 'buy' ? o.refPrice * 1.0005 : o.refPrice * 0.9995, 9);
      // next_open: the reference is the fill bar's open
      expect(o.refPrice).toBe(datasets[0][1].open[o.bar]);
    }
  });
  it('the data sets make most strategies trade (a parity over zero trades proves little)', () => {
    const trading = [...tradeCounts.values()].filter((n) => n > 0).length;
    expect(trading).toBeGreaterThanOrEqual(Math.ceil(tradeCounts.size * 0.75));
    expect(tradeCounts.get('ma_crossover/garch')).toBeGreaterThan(3);
  });
  it('the core strategies run incrementally; the aux ones over the growing prefix', () => {
    const { core } = replay(datasets[0][1], 'ma_crossover', resolveParams('ma_crossover', {}), engine);
    expect(core.stepper.kind).toBe('incremental');
    expect(replay(datasets[0][1].close.length ? datasets[0][1] : datasets[0][1], 'rsi_reversion', resolveParams('rsi_reversion', {}), engine).core.stepper.kind).toBe('incremental');
    expect(replay(datasets[0][1], 'bollinger_bands', resolveParams('bollinger_bands', {}), engine).core.stepper.kind).toBe('incremental');
    expect(replay(datasets[0][1], 'macd', resolveParams('macd', {}), engine).core.stepper.kind).toBe('incremental');
    expect(replay(datasets[0][1], 'trend_following', resolveParams('trend_following', {}), engine).core.stepper.kind).toBe('prefix');
  });
});
