/**
 * Each metric explained in words with its convention, for tooltips (the formulas are core/metrics/metrics.ts's).
 * Returns are per-bar simple returns of the equity curve; annualisation uses P = bars per year read off the bar
 * timestamps (a 365-day year for 24/7 crypto data, 252 trading days for exchange-hours data).
 */
const ANN = 'annualised with √(bars per year): a 365-day year for 24/7 data, 252 trading days for exchange-hours data';

export const METRIC_HELP: Readonly<Record<string, string>> = {
  equityFinal: 'Final equity: cash plus the open position marked at the last close, quote currency.',
  equityPeak: 'Peak equity: the highest equity reached at any bar, quote currency.',
  totalReturnPct: 'Total return: final equity ÷ starting equity − 1, compounded, in %.',
  cagrPct: 'CAGR: compound annual growth rate over the calendar time covered (years = elapsed days ÷ 365.25), in % per year; −100 % if the account was wiped out.',
  annReturnPct: 'Annualised return: the arithmetic mean of per-bar returns × bars per year, in % per year (not compounded, so it can differ from CAGR on volatile data).',
  annVolatilityPct: `Annualised volatility: standard deviation of per-bar returns (ddof 1), ${ANN}; in % per year.`,
  sharpe: `Sharpe ratio: mean ÷ standard deviation of per-bar returns (risk-free rate 0 unless configured), ${ANN}. Capped at 0 for a wiped-out account.`,
  sortino: `Sortino ratio: mean per-bar return ÷ downside deviation (root mean square of the negative returns, target 0), ${ANN}.`,
  calmar: 'Calmar ratio: CAGR ÷ |max drawdown|, both as fractions.',
  maxDrawdownPct: 'Max drawdown: the deepest fall of equity from its running peak, in % (≤ 0).',
  maxDrawdownDurationBars: 'Max drawdown duration: the longest run of consecutive bars spent below an earlier equity peak; shown as calendar time (bars × 365 days ÷ bars per year) with the bar count, in bars alone when the interval is unknown.',
  avgDrawdownPct: 'Average drawdown: the mean trough depth over all drawdown episodes, in %.',
  profitFactor: 'Profit factor: gross profit of winning trades ÷ gross loss of losing trades (net of fees); empty without losing trades.',
  winRatePct: 'Win rate: share of closed trades with net PnL > 0, in %.',
  expectancy: 'Expectancy: mean net PnL per closed trade, quote currency.',
  sqn: 'SQN (System Quality Number): √(number of trades) × mean PnL ÷ standard deviation of PnL.',
  bestTradePct: 'Best trade: highest net return of a closed trade on its entry notional, in %.',
  worstTradePct: 'Worst trade: lowest net return of a closed trade on its entry notional, in %.',
  avgTradePct: 'Average trade: mean net return of closed trades on their entry notional, in %.',
  exposurePct: 'Exposure: share of bars (from the first possible fill) with a position held at the close, in %.',
  trades: 'Trades: number of closed trades (open ones are listed separately).',
  buyHoldReturnPct: 'Buy & hold: return of holding the asset from the first bar’s close to the last, no fees, in %.',
  feesPaid: 'Fees paid: commissions of all fills, quote currency (slippage is in the fill prices).',
  periodsPerYear: 'Bars per year used to annualise: read off the bar spacing, a 365-day year for 24/7 data.',
};

export function metricHelp(key: string): string | undefined {
  return Object.hasOwn(METRIC_HELP, key) ? METRIC_HELP[key] : undefined;
}
