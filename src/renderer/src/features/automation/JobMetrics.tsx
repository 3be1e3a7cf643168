import { fmtDuration, fmtNum } from '../../lib/format';
import type { AutomationLog } from '../../../../core/automation/schemas';
import { STATUS_CLASS } from './feed';

const num = (v: unknown, d = 2) => (typeof v === 'number' ? fmtNum(v, d) : '—');

/** The selected run's jobs: status, duration and their metrics (SPEC §8 `extra`). */
export function JobMetrics({ log }: { log: AutomationLog }) {
  return (
    <div className="table-wrap" style={{ maxHeight: 300 }}>
      <table className="table" aria-label="Job results">
        <thead>
          <tr><th>Job</th><th>Status</th><th className="num">Duration</th><th className="num">Ticks/s</th><th className="num">Trades</th><th className="num">Net P&amp;L</th></tr>
        </thead>
        <tbody>
          {log.jobs.map((j) => [
            <tr key={j.job_name} data-job={j.job_name}>
              <td className="mono" style={{ fontSize: 12 }}>{j.job_name}</td>
              <td><span className={`badge ${STATUS_CLASS[j.status] ?? ''}`}>{j.status}</span>{j.attempts > 1 && <span className="muted" style={{ fontSize: 11 }}> ×{j.attempts}</span>}</td>
              <td className="num">{fmtDuration(j.duration_sec)}</td>
              <td className="num">{num(j.extra.ticks_per_sec, 0)}</td>
              <td className="num">{num(j.extra.n_trades ?? j.extra.trades, 0)}</td>
              <td className={`num ${typeof j.extra.net_pnl === 'number' ? (j.extra.net_pnl >= 0 ? 'pos' : 'neg') : ''}`}>{num(j.extra.net_pnl)}</td>
            </tr>,
            j.error_msg ? (
              <tr key={`${j.job_name}-note`} data-job-note={j.job_name}>
                <td colSpan={6} className={j.status === 'failed' ? 'neg' : 'muted'} style={{ whiteSpace: 'normal', fontSize: 12, paddingTop: 0 }}>↳ {j.error_msg}</td>
              </tr>
            ) : null,
          ])}
        </tbody>
      </table>
    </div>
  );
}
