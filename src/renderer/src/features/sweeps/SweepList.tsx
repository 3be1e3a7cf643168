import { useSweep } from './store';
import { CodeLabel } from '../../components/CodeLabel';
import { useUi } from '../../stores/ui';
import { Panel } from '../../components/Panel';
import { Empty, ErrorBox, Loading } from '../../components/States';
import { fmtCompact, fmtInt } from '../../lib/format';
import { useData } from '../../stores/data';
import { datasetLabel } from './dataset-label';

/** Stored sweeps, newest first; a click opens one. */
export function SweepList() {
  const { list, listError, activeId } = useSweep();
  const goto = useUi((s) => s.goto);
  const datasets = useData((s) => s.datasets);
  return (
    <Panel title={`Sweeps${list ? ` (${list.length})` : ''}`} flush>
      {listError ? (
        <div className="body">
          <ErrorBox error={listError} />
        </div>
      ) : !list ? (
        <Loading />
      ) : list.length === 0 ? (
        <Empty title="No sweeps yet" />
      ) : (
        <div className="table-wrap" style={{ maxHeight: 280 }}>
          <table className="table" aria-label="Sweeps">
            <thead>
              <tr>
                <th className="num">#</th>
                <th>Strategy</th>
                <th>Status</th>
                <th className="num">Done</th>
              </tr>
            </thead>
            <tbody>
              {list.map((s) => (
                <tr key={s.id} className={`clickable ${activeId === s.id ? 'selected' : ''}`} onClick={() => goto('sweep', { sweep: String(s.id) })}>
                  <td className="num muted">{s.id}</td>
                  <SweepNameCell name={s.preset ?? s.strategyId} datasetId={s.datasetId} datasets={datasets} />
                  <td>
                    <StatusBadge status={s.status} />
                  </td>
                  <td className="num" title={`${fmtInt(s.done)} of ${fmtInt(s.total)} combinations`}>
                    {s.done >= s.total ? fmtCompact(s.total) : `${fmtCompact(s.done)}/${fmtCompact(s.total)}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

/** Strategy (or preset) with the data set and its date range below it, truncated with the full text as tooltip. */
function SweepNameCell({ name, datasetId, datasets }: { name: string; datasetId: string; datasets: Parameters<typeof datasetLabel>[1] }) {
  const d = datasetLabel(datasetId, datasets);
  const data = `${d.name}${d.range ? ` · ${d.range}` : ''}`;
  return (
    <td title={`${name} on ${data}`} style={{ maxWidth: 140, overflow: 'hidden', textOverflow: 'ellipsis' }}>
      {name}
      <div className="muted" style={{ fontSize: 10, overflow: 'hidden', textOverflow: 'ellipsis' }} data-testid="sweep-list-data">
        {data}
      </div>
    </td>
  );
}

export function StatusBadge({ status, testId }: { status: string; testId?: string }) {
  const cls = status === 'done' ? 'go' : status === 'failed' ? 'nogo' : status === 'running' ? 'info' : 'locked';
  return (
    <CodeLabel className={`badge ${cls}`} testId={testId} code={status} />
  );
}

