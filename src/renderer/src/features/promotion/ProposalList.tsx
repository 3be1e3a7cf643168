import type { CommandOutput } from '../../api/client';
import { fmtTime } from '../../lib/format';
import { statusClass } from './review';
import { CodeLabel } from '../../components/CodeLabel';
import { codePhrase } from '../../lib/labels';

type Proposal = CommandOutput<'promote:list'>['proposals'][number];

/** Proposals, newest first: status, created, number of patches (accepted), P0 flags. */
export function ProposalList({ proposals, selected, onSelect }: { proposals: Proposal[]; selected: string | null; onSelect(id: string): void }) {
  return (
    <div className="table-wrap" style={{ maxHeight: 560 }}>
      <table className="table compact" aria-label="Proposals">
        <thead>
          <tr>
            <th>Proposal</th>
            <th>Status</th>
            <th className="num" title="patches (accepted)">#</th>
            <th className="num">P0</th>
          </tr>
        </thead>
        <tbody>
          {proposals.map((p) => (
            <tr key={p.id} className={`clickable${p.id === selected ? ' selected' : ''}`} onClick={() => onSelect(p.id)} data-proposal={p.id}>
              <td>
                <div className="mono" style={{ fontSize: 11 }}>{p.id.replace('live_promotion_', '')}</div>
                <div className="muted" style={{ fontSize: 11 }}>{fmtTime(p.createdAt, true)} · <span title={p.mode}>{codePhrase(p.mode)}</span></div>
              </td>
              <td>
                <CodeLabel className={`pill ${statusClass(p.status)}`} code={p.status} />
              </td>
              <td className="num" title={`${p.accepted} accepted for proposal`}>
                {p.patches} <span className="muted">({p.accepted})</span>
              </td>
              <td className="num">{p.p0 > 0 ? <span className="pill bad">{p.p0}</span> : <span className="muted">0</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
