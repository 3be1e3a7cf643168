import { useState } from 'react';
import { isApiError } from '../../api/client';
import { useUi } from '../../stores/ui';
import { useSweep, type SweepRow } from './store';
import { Panel } from '../../components/Panel';
import { Empty, ErrorBox, Loading } from '../../components/States';
import { fmtDuration, fmtInt, fmtMetricCell, fmtMetricTitle, fmtTime, metricInfo } from '../../lib/format';
import { errorInfo } from '../../lib/errors';
import { StatusBadge } from './SweepList';
import { HeatmapPanel } from './HeatmapPanel';
import { useOpenCombination } from './open-combination';
import { SWEEP_METRICS } from './metrics';
import { useData } from '../../stores/data';
import { datasetLabel } from './dataset-label';

/** The open sweep: progress with Cancel/Resume (through its job), top results, heatmap. */
export function ActiveSweep() {
  const { detail, progress, rows, rowsTotal, sortBy, error, activeId, setSort } = useSweep();
  const toast = useUi((s) => s.toast);
  const [busy, setBusy] = useState(false);
  if (error && !detail) return <ErrorBox error={error} title={`Sweep #${activeId}`} />;
  if (!detail || !progress) return <Loading label={`Loading sweep #${activeId}…`} />;
  const pct = progress.total ? (progress.done / progress.total) * 100 : 0;
  const running = progress.status === 'running';
  const act = async (what: 'cancel' | 'resume') => {
    setBusy(true);
    try {
      try {
        await useSweep.getState().act(what);
      } catch (e) {
        // Another window's (or the CLI's) sweep: cancelling it is allowed, but only when asked for explicitly.
        if (what !== 'cancel' || !isApiError(e) || e.code !== 'FORBIDDEN') throw e;
        if (!confirm(`Sweep #${detail.id} was started elsewhere (another window or the CLI). Cancel it anyway?`)) return;
        await useSweep.getState().act('cancel', true);
      }
    } catch (e) {
      toast('error', errorInfo(e).message);
    } finally {
      setBusy(false);
    }
  };
  const paramNames = rows && rows.length ? Object.keys(rows[0].params) : [];
  return (
    <>
      <Panel
        title={
          <>
            Sweep #{detail.id} · {detail.preset ?? detail.strategyId} <SweepData datasetId={detail.datasetId} />
          </>
        }
        actions={
          <div className="actions">
            <StatusBadge status={progress.status} testId="sweep-status" />
            {running ? (
              <button className="btn small danger" disabled={busy} onClick={() => void act('cancel')}>
                Cancel
              </button>
            ) : progress.status === 'cancelled' || progress.status === 'interrupted' || progress.status === 'failed' ? (
              <button className="btn small primary" disabled={busy} onClick={() => void act('resume')}>
                Resume
              </button>
            ) : null}
          </div>
        }
      >
        <div className="grid" style={{ gap: 8 }}>
          <div className="progress" role="progressbar" aria-label="Sweep progress" aria-valuemin={0} aria-valuemax={progress.total} aria-valuenow={progress.done}>
            <div style={{ width: `${pct.toFixed(1)}%`, background: progress.status === 'done' ? 'var(--good)' : running ? 'var(--accent)' : 'var(--warn)' }} />
          </div>
          <div className="actions mono" style={{ fontSize: 12 }} data-testid="sweep-progress">
            <span>
              {fmtInt(progress.done)} / {fmtInt(progress.total)} ({pct.toFixed(1)} %)
            </span>
            <span className="muted">·</span>
            <span>{running ? `${fmtInt(progress.ratePerSec)} combos/s` : `compute ${fmtDuration(detail.elapsedMs / 1000)}`}</span>
            {running && (
              <>
                <span className="muted">·</span>
                <span>ETA {fmtDuration(progress.etaSec)}</span>
              </>
            )}
            <span className="muted">·</span>
            <span className="muted">
              seed {detail.seed} · hash {detail.configHash.slice(0, 10)} · started {fmtTime(detail.createdAt, true)}
            </span>
          </div>
          {detail.error && <ErrorBox error={{ code: 'FAILED', message: detail.error }} title="Sweep failed" />}
        </div>
      </Panel>
      <Panel
        title={`Top results (${fmtInt(rowsTotal)} measured)`}
        actions={
          <label className="check" style={{ textTransform: 'none', letterSpacing: 0, fontWeight: 400 }}>
            Sort by
            <select aria-label="Sort results by" value={sortBy} onChange={(e) => setSort(e.target.value)} style={{ width: 150 }}>
              {SWEEP_METRICS.map((m) => (
                <option key={m} value={m}>
                  {metricInfo(m).label}
                </option>
              ))}
            </select>
          </label>
        }
        flush
      >
        {!rows ? <Loading /> : rows.length === 0 ? <Empty title="No results yet">The first chunk is running.</Empty> : <ResultsTable rows={rows} paramNames={paramNames} sweepId={detail.id} />}
      </Panel>
      {paramNames.length >= 1 && <HeatmapPanel sweepId={detail.id} paramNames={paramNames} defaultMetric={sortBy} version={Math.floor((progress.done / Math.max(1, progress.total)) * 20)} />}
    </>
  );
}

const RESULT_COLS = ['sharpe', 'totalReturnPct', 'maxDrawdownPct', 'trades', 'winRatePct', 'profitFactor'];
/** Dropped below 1400 px wide (CSS .col-low) so the table fits beside the form at 1280×800 without scrolling. */
const LOW_PRIORITY = new Set(['winRatePct', 'profitFactor']);

function ResultsTable({ rows, paramNames, sweepId }: { rows: SweepRow[]; paramNames: string[]; sweepId: number }) {
  const openCell = useOpenCombination();
  return (
    <div className="table-wrap" style={{ maxHeight: 300 }}>
      <table className="table" aria-label="Sweep results">
        <thead>
          <tr>
            <th className="num">Rank</th>
            {paramNames.map((p) => (
              <th key={p} className="num">
                {p}
              </th>
            ))}
            {RESULT_COLS.map((c) => (
              <th key={c} className={`num${LOW_PRIORITY.has(c) ? ' col-low' : ''}`} title={metricInfo(c).label}>
                {metricInfo(c).label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.index} className="clickable" onClick={() => void openCell(sweepId, r.params)} title="Open this combination's backtest">
              <td className="num muted">{i + 1}</td>
              {paramNames.map((p) => (
                <td key={p} className="num">
                  {String(r.params[p])}
                </td>
              ))}
              {RESULT_COLS.map((c) => (
                <td key={c} className={`num${LOW_PRIORITY.has(c) ? ' col-low' : ''}`} title={fmtMetricTitle(c, r.metrics[c], r.metrics)}>
                  {fmtMetricCell(c, r.metrics[c], r.metrics)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Runs (and stores) the backtest of one combination with the sweep's own data set and engine, then opens it. */

/** "on goog (2004-08-19 → 2013-03-01)" in the sweep's title: which data this sweep measured. */
function SweepData({ datasetId }: { datasetId: string }) {
  const datasets = useData((s) => s.datasets);
  const { name, range } = datasetLabel(datasetId, datasets);
  return (
    <span style={{ textTransform: 'none', letterSpacing: 0, fontWeight: 400 }} className="muted" data-testid="sweep-data">
      on {name}
      {range ? ` (${range})` : ''}
    </span>
  );
}
