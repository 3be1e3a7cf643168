import { useEffect, useMemo, useRef, useState } from 'react';
import { api, type CommandOutput } from '../api/client';
import { Plot } from './Plot';
import { ErrorBox } from '../components/States';
import { maxPointsFor } from '../lib/series';

type Equity = CommandOutput<'runs:equity'>;
const COLORS = ['#4c9aff', '#f0b429', '#26a69a', '#e879f9'];

/**
 * Overlaid equity of 2–4 runs. `normalize` rebases each curve to 100 at its first point so runs with different
 * starting cash (or data sets) compare by growth rather than by currency.
 */
export function CompareChart({ runIds, labels, normalize }: { runIds: number[]; labels: string[]; normalize: boolean }) {
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
          x: s.time,
          y: normalize ? s.equityLast.map((v) => (v / base) * 100) : s.equityLast,
          name: labels[i],
          line: { color: COLORS[i % COLORS.length], width: 1.5 },
        };
      }),
    [series, labels, normalize],
  );
  const layout = useMemo(() => ({ showlegend: true, xaxis: { type: 'date' }, yaxis: { title: { text: normalize ? 'Equity (start = 100)' : 'Equity' } }, margin: { l: 56, r: 16, t: 30, b: 32 } }), [normalize]);
  return (
    <div ref={wrap}>
      {error ? <ErrorBox error={error} /> : null}
      <Plot data={data} layout={layout} height={380} label="Compared equity curves" />
    </div>
  );
}
