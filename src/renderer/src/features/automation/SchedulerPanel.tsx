import { fmtTime } from '../../lib/format';
import type { SchedulerStatus } from './store';

/** The jobs of config/scheduler/jobs.toml with their next and last runs. */
export function SchedulerPanel({ status }: { status: SchedulerStatus }) {
  return (
    <div className="grid">
      <span className="muted" style={{ fontSize: 12 }}>
        {status.running ? 'running' : 'not running in this window'} · cron times in {status.timezone}{status.health.detail ? ` · ${status.health.detail}` : ''}
      </span>
      <div className="table-wrap" style={{ maxHeight: 260 }}>
        <table className="table" aria-label="Scheduled jobs">
          <thead><tr><th>Job</th><th>Cron</th><th>Runs</th><th>Next</th><th>Last</th></tr></thead>
          <tbody>
            {status.jobs.map((j) => (
              <tr key={j.name} className={j.enabled ? '' : 'muted'}>
                <td className="mono" style={{ fontSize: 12 }} title={j.description}>{j.name}{!j.enabled && ' (off)'}</td>
                <td className="mono" style={{ fontSize: 12 }}>{j.cron}</td>
                <td>{j.target}</td>
                <td>{j.nextDueMs ? fmtTime(j.nextDueMs, true) : '—'}</td>
                <td>{j.lastFiredMs ? `${fmtTime(j.lastFiredMs, true)} ${j.lastStatus ?? ''}` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
