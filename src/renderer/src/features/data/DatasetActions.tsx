import { api } from '../../api/client';
import type { Dataset } from '../../stores/data';
import { useUi } from '../../stores/ui';
import { errorInfo } from '../../lib/errors';

/** "Backtest this" and "Delete" for the selected data set. */
export function DatasetActions({ dataset, onDeleted }: { dataset: Dataset; onDeleted(): void }) {
  const goto = useUi((s) => s.goto);
  const toast = useUi((s) => s.toast);
  return (
    <div className="actions">
      <button className="btn small" onClick={() => goto('backtest', { dataset: dataset.id })}>
        Backtest this
      </button>
      <button
        className="btn small danger"
        onClick={async () => {
          if (!confirm(`Delete data set "${dataset.name}"? Runs that use it are deleted too.`)) return;
          try {
            const r = await api.call('data:delete', { id: dataset.id, force: true });
            toast('ok', `Deleted ${dataset.name}${r.runsDeleted ? ` and ${r.runsDeleted} runs` : ''}`);
            onDeleted();
          } catch (e) {
            toast('error', errorInfo(e).message);
          }
        }}
      >
        Delete
      </button>
    </div>
  );
}

