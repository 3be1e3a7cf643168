/**
 * What each strategy draws on the backtest price chart: the indicator series it reads, computed with the same
 * core indicator code and the same parameters as its signals, so the lines on the chart are the lines it traded.
 * `price` series overlay the candles (SMAs, bands, channels); `osc` series share one sub-panel (RSI, ADX, MACD,
 * momentum) with optional horizontal levels (thresholds). A strategy without an entry here draws candles only.
 */
import type { Bars } from '../data/bars';
import { bollinger, donchianPriorHigh, donchianPriorLow, macd } from '../indicators/channels';
import { momentum, rollingStd, sma } from '../indicators/moving';
import { atr, dmi, rsi } from '../indicators/oscillators';
import { bollingerBandsParams } from './bollinger-bands';
import { breakoutParams } from './breakout';
import { breakoutDonchianParams } from './breakout-donchian';
import { maCrossoverParams } from './ma-crossover';
import { macdParams } from './macd';
import { meanReversionParams } from './mean-reversion';
import { momentum1hParams } from './momentum-1h';
import { myStrategyParams } from './my-strategy';
import { rsiReversionParams } from './rsi-reversion';
import { trendFollowingParams } from './trend-following';
import { volBreakoutParams } from './vol-breakout';

export type PlotPanel = 'price' | 'osc';

export interface PlotSeries {
  /** stable key, e.g. `sma:20` */
  key: string;
  /** legend label in the strategy's own terms, e.g. `SMA 20` */
  label: string;
  panel: PlotPanel;
  /** one value per bar of the data passed in, NaN during warm-up */
  values: Float64Array;
}

export interface PlotLevel {
  panel: 'osc';
  value: number;
  label: string;
}

export interface StrategyPlots {
  series: PlotSeries[];
  levels: PlotLevel[];
  /** title of the oscillator sub-panel (empty when the strategy draws none) */
  oscTitle: string;
}

type PlotFn = (bars: Bars, params: Record<string, unknown>) => StrategyPlots;

const price = (key: string, label: string, values: Float64Array): PlotSeries => ({ key, label, panel: 'price', values });
const osc = (key: string, label: string, values: Float64Array): PlotSeries => ({ key, label, panel: 'osc', values });
const level = (value: number, label: string): PlotLevel => ({ panel: 'osc', value, label });

/** a ± k·b per bar (NaN where either is NaN) */
function offset(a: Float64Array, b: Float64Array, k: number): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] + k * b[i];
  return out;
}

const PLOTS: Record<string, PlotFn> = {
  ma_crossover(bars, raw) {
    const p = maCrossoverParams.parse(raw);
    return {
      series: [price(`sma:${p.fast_window}`, `SMA ${p.fast_window}`, sma(bars.close, p.fast_window)), price(`sma:${p.slow_window}`, `SMA ${p.slow_window}`, sma(bars.close, p.slow_window))],
      levels: [],
      oscTitle: '',
    };
  },
  rsi_reversion(bars, raw) {
    const p = rsiReversionParams.parse(raw);
    const method = !p.use_wilder ? 'sma' : p.wilder_seed === 'first' ? 'ewm' : 'wilder';
    const series = [osc(`rsi:${p.rsi_window}`, `RSI ${p.rsi_window}`, rsi(bars.close, p.rsi_window, method))];
    if (p.use_trend_filter) series.push(price(`sma:${p.trend_ma_window}`, `SMA ${p.trend_ma_window}`, sma(bars.close, p.trend_ma_window)));
    return { series, levels: [level(p.lower, `lower ${p.lower}`), level(p.upper, `upper ${p.upper}`)], oscTitle: 'RSI' };
  },
  bollinger_bands(bars, raw) {
    const p = bollingerBandsParams.parse(raw);
    const b = bollinger(bars.close, p.period, p.num_std);
    return {
      series: [price('bb:upper', `Upper ${p.period}, ${p.num_std}σ`, b.upper), price('bb:mid', `SMA ${p.period}`, b.mid), price('bb:lower', `Lower ${p.period}, ${p.num_std}σ`, b.lower)],
      levels: [],
      oscTitle: '',
    };
  },
  trend_following(bars, raw) {
    const p = trendFollowingParams.parse(raw);
    const d = dmi(bars.high, bars.low, bars.close, p.adx_period);
    const series = [osc('adx', `ADX ${p.adx_period}`, d.adx), osc('pdi', '+DI', d.plusDI), osc('mdi', '−DI', d.minusDI)];
    if (p.use_ma_filter) series.push(price(`sma:${p.ma_period}`, `SMA ${p.ma_period}`, sma(bars.close, p.ma_period)));
    return { series, levels: [level(p.adx_threshold, `entry ${p.adx_threshold}`), level(p.exit_threshold, `exit ${p.exit_threshold}`)], oscTitle: 'ADX / DI' };
  },
  breakout(bars, raw) {
    const p = breakoutParams.parse(raw);
    const nh = p.lookback_high ?? p.lookback_breakout;
    const nl = p.lookback_low ?? p.lookback_breakout;
    return {
      series: [price('donchian:upper', `High of prior ${nh}`, donchianPriorHigh(bars.high, nh)), price('donchian:lower', `Low of prior ${nl}`, donchianPriorLow(bars.low, nl))],
      levels: [],
      oscTitle: '',
    };
  },
  macd(bars, raw) {
    const p = macdParams.parse(raw);
    const m = macd(bars.close, p.fast_period, p.slow_period, p.signal_period);
    return {
      series: [osc('macd', `MACD ${p.fast_period}/${p.slow_period}`, m.macd), osc('macd:signal', `Signal ${p.signal_period}`, m.signal)],
      levels: [level(0, '0')],
      oscTitle: 'MACD',
    };
  },
  momentum_1h(bars, raw) {
    const p = momentum1hParams.parse(raw);
    return {
      series: [osc(`mom:${p.lookback}`, `Momentum ${p.lookback}`, momentum(bars.close, p.lookback))],
      levels: [level(p.entry_threshold, `entry ${p.entry_threshold}`), level(p.exit_threshold, `exit ${p.exit_threshold}`)],
      oscTitle: 'Momentum',
    };
  },
  mean_reversion(bars, raw) {
    const p = meanReversionParams.parse(raw);
    const m = sma(bars.close, p.lookback);
    const sd = rollingStd(bars.close, p.lookback, 1);
    return {
      series: [price(`sma:${p.lookback}`, `SMA ${p.lookback}`, m), price('z:entry', `SMA − ${p.entry_z}σ (entry)`, offset(m, sd, -p.entry_z)), price('z:exit', `SMA ${p.exit_z >= 0 ? '+' : '−'} ${Math.abs(p.exit_z)}σ (exit)`, offset(m, sd, p.exit_z))],
      levels: [],
      oscTitle: '',
    };
  },
  breakout_donchian(bars, raw) {
    const p = breakoutDonchianParams.parse(raw);
    return {
      series: [price('donchian:upper', `Prior ${p.lookback}-bar high close`, donchianPriorHigh(bars.close, p.lookback)), price('donchian:lower', `Prior ${p.lookback}-bar low close`, donchianPriorLow(bars.close, p.lookback))],
      levels: [],
      oscTitle: '',
    };
  },
  vol_breakout(bars, raw) {
    const p = volBreakoutParams.parse(raw);
    return {
      series: [price('donchian:upper', `High of prior ${p.lookback}`, donchianPriorHigh(bars.high, p.lookback)), price('donchian:lower', `Low of prior ${p.lookback}`, donchianPriorLow(bars.low, p.lookback)), osc(`atr:${p.vol_window}`, `ATR ${p.vol_window}`, atr(bars.high, bars.low, bars.close, p.vol_window))],
      levels: [],
      oscTitle: 'ATR',
    };
  },
  my_strategy(bars, raw) {
    const p = myStrategyParams.parse(raw);
    const m = sma(bars.close, p.sma_window);
    const a = atr(bars.high, bars.low, bars.close, p.atr_window);
    return {
      series: [price(`sma:${p.sma_window}`, `SMA ${p.sma_window}`, m), price('atr:entry', `SMA + ${p.entry_atr_mult}·ATR`, offset(m, a, p.entry_atr_mult)), price('atr:exit', `SMA − ${p.exit_atr_mult}·ATR`, offset(m, a, -p.exit_atr_mult))],
      levels: [],
      oscTitle: '',
    };
  },
};

/** The series strategy `strategyId` draws for `params` (resolved) over `bars`; none for strategies without a plot. */
export function strategyPlots(strategyId: string, bars: Bars, params: Record<string, unknown>): StrategyPlots {
  const fn = Object.hasOwn(PLOTS, strategyId) ? PLOTS[strategyId] : undefined;
  return fn ? fn(bars, params) : { series: [], levels: [], oscTitle: '' };
}

/** Strategy ids that declare plots (for tests and docs). */
export const PLOTTED_STRATEGIES: readonly string[] = Object.keys(PLOTS);
