import { useMemo } from 'react';
import { LineChart } from '../../charts/LineChart';
import { api } from '../../api/client';
import { errorInfo } from '../../lib/errors';
import { fmtNum } from '../../lib/format';
import { useUi } from '../../stores/ui';
import type { MetaReport } from './store';

/** Meta report: job durations over the window as trends, and every regression (> 10 % vs trailing median). */
export function TrendsPanel({ meta }: { meta: MetaReport }) {
  const series = useMemo(() => meta.trends.filter((t) => t.metric === 'duration_sec').map((t) => ({ name: t.job, x: t.points.map((p) => p.t), y: t.points.map((p) => p.value) })), [meta]);
  return (
    <div className="grid">
      <div className="actions">
        <span className="muted" style={{ fontSize: 12 }}>{meta.runs} finished run(s) in the last {meta.days} days · {meta.regressions.length} regression(s)</span>
        <button
          className="btn"
          onClick={() => {
            const days = meta.days === 30 ? 30 : 7;
            api.call('automation:meta', { days, write: true }).then(
              (r) => useUi.getState().toast('ok', `Meta report written: ${r.files?.html ?? ''}`),
              (e: unknown) => useUi.getState().toast('error', errorInfo(e).message),
            );
          }}
        >
          Write HTML + Markdown
        </button>
      </div>
      {series.length > 0 && <LineChart series={series} label="Job duration trend" yTitle="duration [s]" height={220} xRange={[meta.fromMs, meta.toMs]} markers />}
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
