import { fmtDuration } from '../../lib/format';
import { CodeLabel } from '../../components/CodeLabel';
import type { RunSummaryFile } from '../../../../core/automation/schemas';
import { heartbeatAgeSec, STATUS_CLASS, uptimeSec } from './feed';

/** seed 001's current-status panel: status, phase, heartbeat age, uptime, progress. */
export function StatusPanel({ summary, now }: { summary: RunSummaryFile | null; now: number }) {
  if (!summary) return <span className="muted">No run selected.</span>;
  const age = heartbeatAgeSec(summary, now);
  const stale = summary.status === 'running' && age !== null && age > 15;
  const pct = summary.phases_total ? (summary.phases_completed / summary.phases_total) * 100 : 0;
  return (
    <div className="grid" aria-label="Current status">
      <dl className="kv">
        <dt>Status</dt>
        <dd><CodeLabel className={`badge ${STATUS_CLASS[summary.status] ?? ''}`} testId="run-status" code={summary.status} /></dd>
        <dt>Phase</dt>
        <dd className="mono" data-testid="run-phase">{summary.current_phase ?? '—'}</dd>
        <dt>Heartbeat age</dt>
        <dd className={stale ? 'neg' : ''} data-testid="heartbeat-age">{age === null ? '—' : `${age.toFixed(0)} s${stale ? ' (stale)' : ''}`}</dd>
        <dt>Uptime</dt>
        <dd data-testid="uptime">{fmtDuration(uptimeSec(summary, now))}</dd>
        <dt>Jobs</dt>
        <dd data-testid="run-progress">{summary.phases_completed} / {summary.phases_total} — {summary.counts.jobs_ok} ok, {summary.counts.jobs_failed} failed, {summary.counts.jobs_skipped} skipped</dd>
        <dt>Events</dt>
        <dd>{summary.events_written}</dd>
      </dl>
      <div className="progress" role="progressbar" aria-valuenow={Math.round(pct)} aria-valuemin={0} aria-valuemax={100}><div style={{ width: `${pct}%` }} /></div>
    </div>
  );
}
