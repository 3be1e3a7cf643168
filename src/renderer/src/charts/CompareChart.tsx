import { useEffect, useMemo, useRef, useState } from 'react';
import { api, type CommandOutput } from '../api/client';
import { Plot } from './Plot';
import { ErrorBox } from '../components/States';
import { maxPointsFor } from '../lib/series';
import { compareX, type CompareAxis } from '../features/experiments/compare-axis';

type Equity = CommandOutput<'runs:equity'>;
const COLORS = ['#4c9aff', '#f0b429', '#26a69a', '#e879f9'];

/**
 * Overlaid equity of 2–4 runs. `normalize` rebases each curve to 100 at its first point so runs with different
 * starting cash (or data sets) compare by growth rather than by currency. `axis` 'days' places each curve on days
 * since its own start (runs on different data sets).
 */
export function CompareChart({ runIds, labels, normalize, axis = 'date' }: { runIds: number[]; labels: string[]; normalize: boolean; axis?: CompareAxis }) {
  const [series, setSeries] = useState<Equity[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const wrap = useRef<HTMLDivElement>(null);
  const key = runIds.join(',');

  useEffect(() => {
    setSeries(null);
    const mp = maxPointsFor(wrap.current?.clientWidth ?? 1000);
    Promise.all(runIds.map((id) => api.call('runs:equity', { id, maxPoints: mp })))
      .then(setSeries)
      .catch(setError);
  }, [key]);

  const data = useMemo(
    () =>
      (series ?? []).map((s, i) => {
        const base = s.equityLast[0] || 1;
        return {
          type: 'scatter',
          mode: 'lines',
          x: compareX(s.time, axis),
          y: normalize ? s.equityLast.map((v) => (v / base) * 100) : s.equityLast,
          name: labels[i],
          line: { color: COLORS[i % COLORS.length], width: 1.5 },
        };
      }),
    [series, labels, normalize, axis],
  );
  const layout = useMemo(
    () => ({
      showlegend: true,
      legend: { orientation: 'h', y: 1.02, yanchor: 'bottom', x: 0 },
      xaxis: axis === 'date' ? { type: 'date' } : { type: 'linear', title: { text: 'Days since start' }, ticksuffix: ' d' },
      yaxis: { title: { text: normalize ? 'Equity (start = 100)' : 'Equity' } },
      margin: { l: 56, r: 16, t: 30, b: axis === 'date' ? 32 : 44 },
    }),
    [normalize, axis],
  );
  return (
    <div ref={wrap}>
      {error ? <ErrorBox error={error} /> : null}
      <Plot data={data} layout={layout} height={380} label="Compared equity curves" />
    </div>
  );
}
