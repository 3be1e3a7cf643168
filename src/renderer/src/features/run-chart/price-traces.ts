/**
 * Pure: the charts:price payload → plotly traces and layout for one figure with stacked panels on one linked
 * time axis: price (candles, the strategy's overlays, trade markers), the strategy's oscillator (if it has one),
 * equity with buy & hold, and drawdown.
 */
import type { CommandOutput } from '../../api/client';

export type PriceChartData = CommandOutput<'charts:price'>;
type Trace = Record<string, unknown>;

export const COLORS = {
  up: '#26a69a',
  down: '#ef5350',
  win: '#1db954',
  loss: '#e5484d',
  open: '#9aa3b5',
  equity: '#4c9aff',
  buyHold: '#9aa3b5',
  dd: '#ef5350',
};
const SERIES = ['#f5a623', '#ab47bc', '#29b6f6', '#ec407a', '#8bc34a', '#ff7043'];

/** y-axis domains per panel, top to bottom; the oscillator panel only when the strategy draws one */
export function panelDomains(hasOsc: boolean): { price: [number, number]; osc: [number, number] | null; equity: [number, number]; dd: [number, number] } {
  return hasOsc
    ? { price: [0.5, 1], osc: [0.35, 0.47], equity: [0.14, 0.32], dd: [0, 0.11] }
    : { price: [0.42, 1], osc: null, equity: [0.15, 0.39], dd: [0, 0.12] };
}

const pct = (v: number) => `${(v * 100).toFixed(2)} %`;
const utc = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

export function markerText(m: PriceChartData['markers'][number]): string {
  const side = m.side === 'long' ? 'Long' : 'Short';
  const res = m.outcome === 'open' ? 'open' : `${m.outcome === 'win' ? 'win' : 'loss'} ${pct(m.returnPct)} (${m.pnl.toFixed(2)})`;
  return `Trade #${m.trade + 1} · ${side} ${m.kind}<br>${utc(m.time)} UTC @ ${m.price.toPrecision(6)}<br>${res}${m.kind === 'exit' ? ` · ${m.reason.replace(/_/g, ' ')}` : ''}`;
}

export function clusterText(c: PriceChartData['clusters'][number]): string {
  return `${c.count} trade events from ${utc(c.time)} UTC<br>${c.entries} entries (${c.longs} long, ${c.shorts} short)<br>${c.exits} exits (${c.wins} wins, ${c.losses} losses)<br>zoom in to see each trade`;
}

export function priceTraces(d: PriceChartData): Trace[] {
  const x = d.time;
  const hasOsc = d.indicators.some((i) => i.panel === 'osc');
  const t: Trace[] = [
    {
      type: 'candlestick', x, open: d.open, high: d.high, low: d.low, close: d.close, name: 'Price', yaxis: 'y', xaxis: 'x',
      increasing: { line: { color: COLORS.up, width: 1 }, fillcolor: COLORS.up },
      decreasing: { line: { color: COLORS.down, width: 1 }, fillcolor: COLORS.down },
      showlegend: false,
    },
  ];
  d.indicators.forEach((ind, i) => {
    t.push({
      type: 'scatter', mode: 'lines', x, y: ind.values, name: ind.label, yaxis: ind.panel === 'price' ? 'y' : 'y2',
      line: { color: SERIES[i % SERIES.length], width: 1.2 }, connectgaps: false,
      hovertemplate: `%{y:.4~f}<extra>${ind.label}</extra>`,
    });
  });
  if (hasOsc) {
    for (const l of d.levels) {
      t.push({ type: 'scatter', mode: 'lines', x: [x[0], x[x.length - 1]], y: [l.value, l.value], yaxis: 'y2', name: l.label, line: { color: COLORS.open, width: 1, dash: 'dot' }, hoverinfo: 'skip', showlegend: false });
    }
  }
  // Single trades: shape = side and role (▲ long entry, ▼ short entry, ● exit), colour = outcome.
  if (d.markers.length) {
    const symbol = d.markers.map((m) => (m.kind === 'exit' ? 'circle' : m.side === 'long' ? 'triangle-up' : 'triangle-down'));
    const color = d.markers.map((m) => (m.outcome === 'win' ? COLORS.win : m.outcome === 'loss' ? COLORS.loss : COLORS.open));
    t.push({
      type: 'scatter', mode: 'markers', x: d.markers.map((m) => m.time), y: d.markers.map((m) => m.price), yaxis: 'y', name: 'Trades',
      marker: { symbol, color, size: 9, line: { color: 'rgba(0,0,0,0.55)', width: 1 } },
      text: d.markers.map(markerText), customdata: d.markers.map((m) => m.trade), hovertemplate: '%{text}<extra></extra>',
    });
  }
  // Dense: one bubble per time bin, size ~ √count, colour by the share of winning exits.
  if (d.clusters.length) {
    t.push({
      type: 'scatter', mode: 'markers', x: d.clusters.map((c) => c.time), y: d.clusters.map((c) => c.price), yaxis: 'y', name: 'Trades (grouped)',
      marker: {
        size: d.clusters.map((c) => Math.min(22, 5 + 2.2 * Math.sqrt(c.count))),
        color: d.clusters.map((c) => (c.wins + c.losses === 0 ? COLORS.open : c.wins >= c.losses ? COLORS.win : COLORS.loss)),
        opacity: 0.75, line: { color: 'rgba(0,0,0,0.5)', width: 1 },
      },
      text: d.clusters.map(clusterText), hovertemplate: '%{text}<extra></extra>',
    });
  }
  t.push(
    { type: 'scatter', mode: 'lines', x, y: d.buyHold, name: 'Buy & hold', yaxis: 'y3', line: { color: COLORS.buyHold, width: 1, dash: 'dash' }, hovertemplate: '%{y:,.2f}<extra>buy & hold</extra>' },
    { type: 'scatter', mode: 'lines', x, y: d.equity, name: 'Equity', yaxis: 'y3', line: { color: COLORS.equity, width: 1.5 }, hovertemplate: '%{y:,.2f}<extra>equity</extra>' },
    { type: 'scatter', mode: 'lines', x, y: d.drawdown.map((v) => v * 100), name: 'Drawdown', yaxis: 'y4', fill: 'tozeroy', line: { color: COLORS.dd, width: 1 }, fillcolor: 'rgba(239,83,80,0.25)', hovertemplate: '%{y:.2f} %<extra>drawdown</extra>' },
  );
  return t;
}

export function priceLayout(d: PriceChartData | null, range: { from: number; to: number } | null): Record<string, unknown> {
  const hasOsc = d?.indicators.some((i) => i.panel === 'osc') ?? false;
  const dom = panelDomains(hasOsc);
  return {
    showlegend: true,
    legend: { orientation: 'h', x: 0, y: 1.0, yanchor: 'bottom', bgcolor: 'rgba(0,0,0,0)', font: { size: 10 } },
    margin: { l: 60, r: 16, t: 28, b: 30 },
    hovermode: 'closest',
    xaxis: { type: 'date', anchor: 'y4', rangeslider: { visible: false }, ...(range ? { range: [range.from, range.to], autorange: false } : {}) },
    yaxis: { domain: dom.price, title: { text: 'Price' } },
    yaxis2: hasOsc && dom.osc ? { domain: dom.osc, title: { text: d?.oscTitle ?? '' } } : { visible: false, domain: [0, 0.0001] },
    yaxis3: { domain: dom.equity, title: { text: 'Equity' } },
    yaxis4: { domain: dom.dd, title: { text: 'DD %' } },
  };
}
