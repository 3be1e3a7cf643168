import { useMemo } from 'react';
import { Plot } from './Plot';
import { histogram } from '../lib/series';

/** Histogram of values already in display units (e.g. trade returns in %), or of precomputed bins. */
export function Histogram({ values, bins, label, unit = '%', height = 220 }: { values?: number[]; bins?: { centers: number[]; counts: number[]; width: number }; label: string; unit?: string; height?: number }) {
  const data = useMemo(() => {
    const h = bins ?? histogram(values ?? []);
    return [
      {
        type: 'bar',
        x: h.centers,
        y: h.counts,
        width: h.width * 0.92,
        marker: { color: h.centers.map((c) => (c >= 0 ? 'rgba(38,166,154,0.8)' : 'rgba(239,83,80,0.8)')) },
        hovertemplate: `%{x:.2f} ${unit}: %{y}<extra></extra>`,
      },
    ];
  }, [values, bins, unit]);
  const layout = useMemo(() => ({ xaxis: { title: { text: unit }, zeroline: true }, yaxis: { title: { text: 'count' } }, bargap: 0.05, hovermode: 'closest' }), [unit]);
  return <Plot data={data} layout={layout} height={height} label={label} />;
}
