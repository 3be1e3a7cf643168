export { AppPage, type ScreenName } from './app-page';
export { DataPage } from './data-page';
export { BacktestPage } from './backtest-page';
export { ExperimentsPage } from './experiments-page';
export { shoot, shotDir } from './shots';
export { SweepPage } from './sweep-page';
