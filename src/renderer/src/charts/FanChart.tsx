import { useMemo } from 'react';
import type { PlotData } from 'plotly.js-dist-min';
import { Plot } from './Plot';

interface Fan {
  step: number[];
  p5: number[];
  p25: number[];
  p50: number[];
  p75: number[];
  p95: number[];
}

/**
 * Monte-Carlo fan: p5–p95 and p25–p75 equity bands with the median, with a legend. For bar-resampling methods the
 * run's actual equity is drawn over the bands and the x axis shows dates (`toTime` maps bars from start → epoch
 * ms); for trade shuffles the axis stays "trades from start".
 */
export function FanChart({ fan, initial, height = 340, actual, toTime, unit = 'bars' }: { fan: Fan; initial: number; height?: number; actual?: { step: number[]; equity: number[] } | null; toTime?: ((step: number) => number) | null; unit?: 'bars' | 'trades' }) {
  const data = useMemo(() => {
    const x = toTime ? fan.step.map(toTime) : fan.step;
    const t: Record<string, unknown>[] = [
      { type: 'scatter', mode: 'lines', x, y: fan.p95, line: { width: 0 }, hoverinfo: 'skip', showlegend: false, name: 'p95' },
      { type: 'scatter', mode: 'lines', x, y: fan.p5, line: { width: 0 }, fill: 'tonexty', fillcolor: 'rgba(76,154,255,0.15)', name: '5–95 % of paths', hovertemplate: 'p5 %{y:,.0f} · p95 shown by the band top<extra></extra>' },
      { type: 'scatter', mode: 'lines', x, y: fan.p75, line: { width: 0 }, hoverinfo: 'skip', showlegend: false, name: 'p75' },
      { type: 'scatter', mode: 'lines', x, y: fan.p25, line: { width: 0 }, fill: 'tonexty', fillcolor: 'rgba(76,154,255,0.32)', name: '25–75 % of paths', hovertemplate: 'p25 %{y:,.0f}<extra></extra>' },
      { type: 'scatter', mode: 'lines', x, y: fan.p50, line: { color: '#4c9aff', width: 2 }, name: 'median path', hovertemplate: 'median %{y:,.0f}<extra></extra>' },
    ];
    if (actual && actual.step.length) {
      t.push({ type: 'scatter', mode: 'lines', x: toTime ? actual.step.map(toTime) : actual.step, y: actual.equity, line: { color: '#f5a623', width: 1.5 }, name: 'actual equity (this run)', hovertemplate: 'actual %{y:,.0f}<extra></extra>' });
    }
    t.push({ type: 'scatter', mode: 'lines', x: [x[0], x[x.length - 1]], y: [initial, initial], line: { color: '#8a92a3', width: 1, dash: 'dot' }, name: 'starting equity', hoverinfo: 'skip' });
    return t as unknown as PlotData[];
  }, [fan, initial, actual, toTime]);
  const layout = useMemo(
    () => ({
      xaxis: toTime ? { type: 'date', title: { text: '' } } : { title: { text: `${unit} from start` } },
      yaxis: { title: { text: 'Equity' } },
      hovermode: 'x',
      showlegend: true,
      margin: { l: 56, r: 16, t: 30, b: 36 },
    }),
    [toTime, unit],
  );
  return <Plot data={data} layout={layout} height={height} label="Monte-Carlo fan chart" />;
}
