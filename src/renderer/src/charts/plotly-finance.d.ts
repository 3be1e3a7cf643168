// plotly.js-finance-dist-min: the same API as plotly.js-dist-min with only the trace types the workbench draws
// most (scatter, bar, histogram, candlestick, ohlc, pie …), 1.3 MB instead of 4.8 MB.
declare module 'plotly.js-finance-dist-min' {
  import Plotly from 'plotly.js-dist-min';
  export default Plotly;
}
