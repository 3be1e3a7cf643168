import { fmtDuration, fmtTime } from '../../lib/format';
import { codeLabel } from '../../lib/labels';
import { Empty } from '../../components/States';
import { STATUS_CLASS } from './feed';
import type { AutomationRun } from './store';

export function RunList({ runs, selected, onSelect }: { runs: AutomationRun[]; selected: string | null; onSelect(id: string): void }) {
  if (!runs.length) return <Empty title="No suite runs yet">Start the daily suite above, or run <code>peak automation run daily</code>.</Empty>;
  return (
    <div className="table-wrap" style={{ maxHeight: 330 }}>
      <table className="table" aria-label="Suite runs">
        <thead>
          <tr><th>Run</th><th>Status</th><th className="num">Duration</th><th className="num" title="ok / failed / skipped">Jobs</th></tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.runId} className={`clickable ${selected === r.runId ? 'selected' : ''}`} onClick={() => onSelect(r.runId)} data-run-id={r.runId}>
              <td className="mono" style={{ fontSize: 12 }} title={`${r.runId}: started ${fmtTime(r.startedAt, true)} (${r.trigger})`}>{r.runId}</td>
              <td><span className={`badge ${STATUS_CLASS[r.status] ?? ''}`} data-status={r.status} title={r.status}>{codeLabel(r.status)}</span></td>
              <td className="num">{fmtDuration(r.durationSec)}</td>
              <td className="num">{r.counts.jobs_ok}/{r.counts.jobs_failed}/{r.counts.jobs_skipped}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
