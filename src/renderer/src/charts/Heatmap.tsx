import { useMemo } from 'react';
import { Plot, type PlotClick } from './Plot';
import type { PlotData } from 'plotly.js-dist-min';
import { bestCell, heatScale } from './heat-scale';

type Cell = number | string | boolean | null;

/** 2-D heatmap of a metric over two parameters; clicking a cell reports its (x, y) parameter values. */
export function Heatmap({ x, y, z, xLabel, yLabel, metric, onCell, height = 420, hoverText }: { x: Cell[]; y: Cell[]; z: (number | null)[][]; xLabel: string; yLabel: string; metric: string; onCell?(x: Cell, y: Cell): void; height?: number; /** per cell (like z): replaces the value line of the hover */ hoverText?: string[][] }) {
  const scale = useMemo(() => heatScale(z), [z]);
  const best = useMemo(() => bestCell(z), [z]);
  const data = useMemo(() => {
    const traces: Record<string, unknown>[] = [
      {
        type: 'heatmap',
        x: x.map(String),
        y: y.map(String),
        z,
        // diverging around 0 only when the values straddle 0, else sequential over the real range (heat-scale.ts)
        ...(scale.kind === 'empty' ? {} : { colorscale: scale.colorscale, zmin: scale.zmin, zmax: scale.zmax }),
        colorbar: { title: { text: metric, side: 'right' }, thickness: 12, outlinewidth: 0 },
        ...(hoverText ? { text: hoverText } : {}),
        hovertemplate: hoverText
          ? `%{text}<br><i>best combination in this cell; click to open it</i><extra></extra>`
          : `${xLabel} = %{x}<br>${yLabel} = %{y}<br>${metric} = %{z:.4f}<br><i>best combination in this cell; click to open it</i><extra></extra>`,
        xgap: 1,
        ygap: 1,
      },
    ];
    if (best) {
      traces.push({
        // the star alone: a text label in the theme's colour is unreadable on the darkest cells, where the best sits
        type: 'scatter', mode: 'markers', x: [String(x[best.col])], y: [String(y[best.row])], name: 'best',
        marker: { symbol: 'star', size: 16, color: '#ffd54f', line: { color: '#1c1f26', width: 1.5 } },
        hovertemplate: `best: ${xLabel} = %{x}, ${yLabel} = %{y}<br>${metric} = ${best.value.toFixed(4)}<extra></extra>`,
      });
    }
    return traces;
  }, [x, y, z, xLabel, yLabel, metric, scale, best, hoverText]);
  const layout = useMemo(() => ({ xaxis: { title: { text: xLabel }, type: 'category' }, yaxis: { title: { text: yLabel }, type: 'category' }, hovermode: 'closest', margin: { l: 64, r: 16, t: 10, b: 44 } }), [xLabel, yLabel]);
  return (
    <div data-testid="heatmap-scale" data-kind={scale.kind} data-zmin={scale.kind === 'empty' ? '' : scale.zmin} data-zmax={scale.kind === 'empty' ? '' : scale.zmax} data-best={best ? `${String(x[best.col])},${String(y[best.row])}` : ''}>
    <Plot
      data={data as unknown as PlotData[]}
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
    </div>
  );
}
