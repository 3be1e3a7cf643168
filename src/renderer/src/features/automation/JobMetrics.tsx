import { fmtDuration, fmtNum } from '../../lib/format';
import { CodeLabel } from '../../components/CodeLabel';
import type { AutomationLog } from '../../../../core/automation/schemas';
import { STATUS_CLASS } from './feed';

const num = (v: unknown, d = 2) => (typeof v === 'number' ? fmtNum(v, d) : '—');

/** A scripted trigger drill's outcome in words (the job's `extra`: total_signals, missed_signals, avg_reaction_ms). */
function drillNote(x: Record<string, unknown>): string {
  const n = typeof x.total_signals === 'number' ? x.total_signals : 0;
  const missed = typeof x.missed_signals === 'number' ? x.missed_signals : 0;
  const avg = typeof x.avg_reaction_ms === 'number' ? `${fmtNum(x.avg_reaction_ms, 0)} ms` : '—';
  return `drill: ${fmtNum(n, 0)} signals, ${fmtNum(missed, 0)} missed, average reaction ${avg}`;
}

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
              <td><CodeLabel className={`badge ${STATUS_CLASS[j.status] ?? ''}`} code={j.status} />{j.attempts > 1 && <span className="muted" style={{ fontSize: 11 }}> ×{j.attempts}</span>}</td>
              <td className="num">{fmtDuration(j.duration_sec)}</td>
              <td className="num">{num(j.extra.ticks_per_sec, 0)}</td>
              <td className="num">{num(j.extra.n_trades ?? j.extra.trades, 0)}</td>
              <td className={`num ${typeof j.extra.net_pnl === 'number' ? (j.extra.net_pnl >= 0 ? 'pos' : 'neg') : ''}`}>{num(j.extra.net_pnl)}</td>
            </tr>,
            j.error_msg || typeof j.extra.total_signals === 'number' ? (
              <tr key={`${j.job_name}-note`} data-job-note={j.job_name}>
                <td colSpan={6} className={j.status === 'failed' ? 'neg' : 'muted'} style={{ whiteSpace: 'normal', fontSize: 12, paddingTop: 0 }}>↳ {j.error_msg ?? drillNote(j.extra)}</td>
              </tr>
            ) : null,
          ])}
        </tbody>
      </table>
    </div>
  );
}
