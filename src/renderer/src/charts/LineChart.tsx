import { useMemo } from 'react';
import { Plot } from './Plot';

/**
 * One or more simple line series (x in epoch ms when `dates`). `xRange` fixes the x axis (a trend over "the last 7
 * days" spans those days, even with one point); `markers` draws the points too (a series of one point has no line);
 * `yTickFormat` (d3) replaces plotly's SI ticks ("9.99999k", "−300µ") where they read badly.
 */
export function LineChart({ series, label, dates = true, yTitle, height = 300, xRange, markers = false, yTickFormat }: { series: { x: number[]; y: number[]; name: string; color?: string }[]; label: string; dates?: boolean; yTitle?: string; height?: number; xRange?: [number, number]; markers?: boolean; yTickFormat?: string }) {
  const data = useMemo(() => series.map((s) => ({ type: 'scatter', mode: markers ? 'lines+markers' : 'lines', x: s.x, y: s.y, name: s.name, line: { width: 1.5, ...(s.color ? { color: s.color } : {}) } })), [series, markers]);
  const from = xRange?.[0];
  const to = xRange?.[1];
  const layout = useMemo(
    () => ({ xaxis: { ...(dates ? { type: 'date' } : {}), ...(from !== undefined && to !== undefined ? { range: dates ? [new Date(from).toISOString(), new Date(to).toISOString()] : [from, to] } : {}) }, yaxis: { title: { text: yTitle ?? '' }, ...(yTickFormat ? { tickformat: yTickFormat } : {}) }, showlegend: series.length > 1 }),
    [dates, yTitle, series.length, from, to, yTickFormat],
  );
  return <Plot data={data} layout={layout} height={height} label={label} />;
}
