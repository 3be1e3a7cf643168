import type { CommandOutput } from '../../api/client';
import { Panel } from '../../components/Panel';

type Status = CommandOutput<'live:status'>;

/** The five gates with their values and why live is blocked. */
export function GatesPanel({ status }: { status: Status }) {
  return (
    <Panel title="Safety gates" id="live-gates">
      <table className="table" data-testid="gates-table">
        <thead><tr><th>Gate</th><th>Value</th><th>State</th><th>Reason</th></tr></thead>
        <tbody>
          {status.gates.map((g) => (
            <tr key={g.gate}>
              <td className="mono">{g.gate}</td>
              <td className="mono">{g.value}</td>
              <td className={g.pass ? 'pos' : 'neg'}>{g.pass ? 'open' : 'closed'}</td>
              <td className="muted">{g.reason ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        {status.liveExecutionAllowed ? 'Every gate is open — orders are still not sent: ' : 'Live execution is blocked by the gates above. And in any case: '}
        {status.liveLockedReason}
      </p>
    </Panel>
  );
}
