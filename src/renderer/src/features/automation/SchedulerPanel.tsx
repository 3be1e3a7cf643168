import { fmtTime } from '../../lib/format';
import type { SchedulerStatus } from './store';

/** The jobs of config/scheduler/jobs.toml with their next and last runs. */
export function SchedulerPanel({ status }: { status: SchedulerStatus }) {
  return (
    <div className="grid">
      <span className="muted" style={{ fontSize: 12 }}>
        {status.running ? status.health.detail ?? 'running' : 'not running in this process (next times shown as planned)'} · cron times in {status.timezone}
      </span>
      <div className="table-wrap" style={{ maxHeight: 260 }}>
        <table className="table" aria-label="Scheduled jobs">
          <thead><tr><th>Job</th><th>Cron</th><th>Next</th><th>Last</th></tr></thead>
          <tbody>
            {status.jobs.map((j) => (
              <tr key={j.name} className={j.enabled ? '' : 'muted'}>
                <td style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }} title={j.description}><span className="mono" style={{ fontSize: 12 }}>{j.name}{!j.enabled && ' (off)'}</span><br /><span className="muted" style={{ fontSize: 11 }}>{j.target}</span></td>
                <td className="mono" style={{ fontSize: 12 }}>{j.cron}</td>
                <td>{j.nextDueMs ? fmtTime(j.nextDueMs, true) : '—'}</td>
                <td style={{ whiteSpace: 'normal' }}>{j.lastFiredMs ? `${fmtTime(j.lastFiredMs, true)} ${j.lastStatus ?? ''}` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
