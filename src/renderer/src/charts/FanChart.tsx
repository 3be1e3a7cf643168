import { useMemo } from 'react';
import { Plot } from './Plot';

interface Fan {
  step: number[];
  p5: number[];
  p25: number[];
  p50: number[];
  p75: number[];
  p95: number[];
}

/** Monte-Carlo fan: p5–p95 and p25–p75 equity bands with the median, over steps (bars) from the start. */
export function FanChart({ fan, initial, height = 340 }: { fan: Fan; initial: number; height?: number }) {
  const data = useMemo(
    () => [
      { type: 'scatter', mode: 'lines', x: fan.step, y: fan.p95, line: { width: 0 }, hoverinfo: 'skip', name: 'p95' },
      { type: 'scatter', mode: 'lines', x: fan.step, y: fan.p5, line: { width: 0 }, fill: 'tonexty', fillcolor: 'rgba(76,154,255,0.15)', name: 'p5–p95', hovertemplate: 'p5 %{y:,.0f}<extra></extra>' },
      { type: 'scatter', mode: 'lines', x: fan.step, y: fan.p75, line: { width: 0 }, hoverinfo: 'skip', name: 'p75' },
      { type: 'scatter', mode: 'lines', x: fan.step, y: fan.p25, line: { width: 0 }, fill: 'tonexty', fillcolor: 'rgba(76,154,255,0.32)', name: 'p25–p75', hovertemplate: 'p25 %{y:,.0f}<extra></extra>' },
      { type: 'scatter', mode: 'lines', x: fan.step, y: fan.p50, line: { color: '#4c9aff', width: 2 }, name: 'median', hovertemplate: 'median %{y:,.0f}<extra></extra>' },
      { type: 'scatter', mode: 'lines', x: [fan.step[0], fan.step[fan.step.length - 1]], y: [initial, initial], line: { color: '#8a92a3', width: 1, dash: 'dot' }, name: 'start', hoverinfo: 'skip' },
    ],
    [fan, initial],
  );
  const layout = useMemo(() => ({ xaxis: { title: { text: 'bars from start' } }, yaxis: { title: { text: 'Equity' } }, hovermode: 'x' }), []);
  return <Plot data={data} layout={layout} height={height} label="Monte-Carlo fan chart" />;
}
