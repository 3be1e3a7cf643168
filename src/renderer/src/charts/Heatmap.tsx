import { useMemo } from 'react';
import { Plot, type PlotClick } from './Plot';

type Cell = number | string | boolean | null;

/** 2-D heatmap of a metric over two parameters; clicking a cell reports its (x, y) parameter values. */
export function Heatmap({ x, y, z, xLabel, yLabel, metric, onCell, height = 420 }: { x: Cell[]; y: Cell[]; z: (number | null)[][]; xLabel: string; yLabel: string; metric: string; onCell?(x: Cell, y: Cell): void; height?: number }) {
  const data = useMemo(
    () => [
      {
        type: 'heatmap',
        x: x.map(String),
        y: y.map(String),
        z,
        // red (bad) → pale → green (good); centred on 0 for signed metrics
        colorscale: [
          [0, '#c62828'],
          [0.5, '#f3f0d8'],
          [1, '#1b8a5a'],
        ],
        zmid: /sharpe|return|cagr|sortino|calmar/i.test(metric) ? 0 : undefined,
        colorbar: { title: { text: metric, side: 'right' }, thickness: 12, outlinewidth: 0 },
        hovertemplate: `${xLabel}=%{x}<br>${yLabel}=%{y}<br>${metric}=%{z:.4f}<extra></extra>`,
        xgap: 1,
        ygap: 1,
      },
    ],
    [x, y, z, xLabel, yLabel, metric],
  );
  const layout = useMemo(() => ({ xaxis: { title: { text: xLabel }, type: 'category' }, yaxis: { title: { text: yLabel }, type: 'category' }, hovermode: 'closest', margin: { l: 64, r: 16, t: 10, b: 44 } }), [xLabel, yLabel]);
  return (
    <Plot
      data={data}
      layout={layout}
      height={height}
      label="Sweep heatmap"
      bundle="full"
      onClick={(p: PlotClick) => {
        const xi = x.findIndex((v) => String(v) === String(p.x));
        const yi = y.findIndex((v) => String(v) === String(p.y));
        if (xi >= 0 && yi >= 0) onCell?.(x[xi], y[yi]);
      }}
    />
  );
}
