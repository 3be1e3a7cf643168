/**
 * Named parameter presets from the original's config (`[strategy.<name>]` sections), referenced by name from
 * portfolio recipes. stopLossPct / takeProfitPct are ENGINE-level stops (fractions of the entry fill); the
 * breakout presets carry their stops as strategy parameters instead, because that strategy handles them itself.
 * Conservative / moderate / aggressive follow the order the original lists them in.
 */
import type { Component } from './components';

export interface StrategyPreset {
  strategyId: string;
  params: Record<string, unknown>;
  stopLossPct?: number;
  takeProfitPct?: number;
  description?: string;
}

type Level = 'conservative' | 'moderate' | 'aggressive';
const LEVELS: Level[] = ['conservative', 'moderate', 'aggressive'];

const RSI: Record<Level, { rsi_window: number; lower: number; upper: number; sl: number; tp: number }> = {
  conservative: { rsi_window: 21, lower: 25, upper: 75, sl: 0.03, tp: 0.06 },
  moderate: { rsi_window: 14, lower: 30, upper: 70, sl: 0.04, tp: 0.08 },
  aggressive: { rsi_window: 10, lower: 20, upper: 80, sl: 0.05, tp: 0.1 },
};
const TREND_STOPS: Record<Level, { sl: number; tp: number }> = {
  conservative: { sl: 0.04, tp: 0.12 },
  moderate: { sl: 0.05, tp: 0.15 },
  aggressive: { sl: 0.06, tp: 0.2 },
};
const TREND_MA: Record<Level, number> = { conservative: 50, moderate: 30, aggressive: 20 };
const MA_TREND: Record<Level, [number, number]> = { conservative: [20, 100], moderate: [20, 60], aggressive: [10, 40] };

function build(): Record<string, StrategyPreset> {
  const out: Record<string, StrategyPreset> = {};
  for (const lv of LEVELS) {
    const r = RSI[lv];
    for (const asset of ['btc', 'eth']) {
      out[`rsi_reversion_${asset}_${lv}`] = {
        strategyId: 'rsi_reversion',
        params: { rsi_window: r.rsi_window, lower: r.lower, upper: r.upper },
        stopLossPct: r.sl,
        takeProfitPct: r.tp,
      };
    }
    const st = TREND_STOPS[lv];
    out[`trend_following_eth_${lv}`] = {
      strategyId: 'trend_following',
      params: { ma_period: TREND_MA[lv] },
      stopLossPct: st.sl,
      takeProfitPct: st.tp,
    };
    out[`ma_trend_btc_${lv}`] = {
      strategyId: 'ma_crossover',
      params: { fast_window: MA_TREND[lv][0], slow_window: MA_TREND[lv][1] },
      stopLossPct: st.sl,
      takeProfitPct: st.tp,
    };
  }
  out.breakout_basic = {
    strategyId: 'breakout',
    params: { lookback_breakout: 20, use_atr_filter: true, atr_multiplier: 1.0 },
    description: 'Donchian-20 breakout with the ATR filter (ATR ≥ 1.0 · its mean).',
  };
  out.breakout_v1 = {
    strategyId: 'breakout',
    params: { lookback_breakout: 15, stop_loss_pct: 0.025, take_profit_pct: 0.05, trailing_stop_pct: 0.02, risk_mode: 'long_only' },
    description: 'Donchian-15 long-only breakout with SL 2.5 %, TP 5 %, trailing 2 %.',
  };
  const comps = (...c: [string, Record<string, unknown>][]): Component[] => c.map(([id, params]) => ({ id, params }));
  out.regime_aware_breakout_rsi = {
    strategyId: 'regime_aware_portfolio',
    params: { components: comps(['breakout', {}], ['rsi_reversion', {}]), base_weights: [0.6, 0.4], mode: 'scale' },
  };
  out.regime_aware_conservative = {
    strategyId: 'regime_aware_portfolio',
    params: {
      components: comps(['breakout', {}], ['ma_crossover', {}]), base_weights: [0.5, 0.5], mode: 'filter',
      neutral_scale: 0.3, signal_threshold: 0.25,
    },
  };
  out.composite_rsi_breakout = {
    strategyId: 'composite',
    params: { components: comps(['rsi_reversion', {}], ['breakout', {}]), weights: [0.5, 0.5], aggregation: 'weighted' },
  };
  return out;
}

export const strategyPresets: Readonly<Record<string, StrategyPreset>> = build();
