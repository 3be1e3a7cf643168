import { useMemo } from 'react';
import { Plot } from './Plot';

/** One or more simple line series (x in epoch ms when `dates`). */
export function LineChart({ series, label, dates = true, yTitle, height = 300 }: { series: { x: number[]; y: number[]; name: string; color?: string }[]; label: string; dates?: boolean; yTitle?: string; height?: number }) {
  const data = useMemo(() => series.map((s) => ({ type: 'scatter', mode: 'lines', x: s.x, y: s.y, name: s.name, line: { width: 1.5, ...(s.color ? { color: s.color } : {}) } })), [series]);
  const layout = useMemo(() => ({ xaxis: dates ? { type: 'date' } : {}, yaxis: { title: { text: yTitle ?? '' } }, showlegend: series.length > 1 }), [dates, yTitle, series.length]);
  return <Plot data={data} layout={layout} height={height} label={label} />;
}
