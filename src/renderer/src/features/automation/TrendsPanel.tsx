import { useMemo } from 'react';
import { LineChart } from '../../charts/LineChart';
import { fmtNum } from '../../lib/format';
import type { MetaReport } from './store';

/** Meta report: job durations over the window as trends, and every regression (> 10 % vs trailing median). */
export function TrendsPanel({ meta }: { meta: MetaReport }) {
  const series = useMemo(() => meta.trends.filter((t) => t.metric === 'duration_sec').map((t) => ({ name: t.job, x: t.points.map((p) => p.t), y: t.points.map((p) => p.value) })), [meta]);
  return (
    <div className="grid">
      <span className="muted" style={{ fontSize: 12 }}>{meta.runs} finished run(s) in the last {meta.days} days · {meta.regressions.length} regression(s)</span>
      {series.length > 0 && <LineChart series={series} label="Job duration trend" yTitle="duration [s]" height={220} />}
      {meta.regressions.length > 0 && (
        <table className="table" aria-label="Regressions">
          <thead><tr><th>Job · metric</th><th className="num">Latest</th><th className="num">Median</th><th className="num">Change</th></tr></thead>
          <tbody>
            {meta.regressions.map((t) => (
              <tr key={`${t.job}:${t.metric}`}>
                <td className="mono" style={{ fontSize: 11, whiteSpace: 'normal' }}>⚠ {t.job} · {t.metric}</td>
                <td className="num">{fmtNum(t.latest, 3)}</td><td className="num">{fmtNum(t.baseline, 3)}</td>
                <td className="num neg">{t.change === null ? '—' : `${t.change >= 0 ? '+' : ''}${(t.change * 100).toFixed(1)} %`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
