/** Technical indicators: pure, O(n), Float64Array in → Float64Array out, NaN during warm-up. */
export { firstValid, rollingMean, sma, ema, wilder, rollingStd, momentum, pctChange } from './moving';
export { rsi, trueRange, atr, dmi, type Dmi, type RsiMethod } from './oscillators';
export {
  donchianPrior, donchianInclusive, donchianPriorHigh, donchianPriorLow, donchianHigh, donchianLow,
  bollinger, macd, type DonchianBands, type Bollinger, type Macd,
} from './channels';
export { rollingPercentRank, expandingPercentile, rollingQuantile } from './ranks';
