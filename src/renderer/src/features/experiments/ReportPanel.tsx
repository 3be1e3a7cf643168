import { useEffect, useState } from 'react';
import { api, type CommandOutput } from '../../api/client';
import { Panel } from '../../components/Panel';
import { Empty, ErrorBox, Loading } from '../../components/States';
import { researchFigures } from './research-figures';

type ReportRef = CommandOutput<'reports:get'>['report'];
const KIND_LABEL: Record<string, string> = { walkforward: 'Walk-forward', montecarlo: 'Monte-Carlo', stress: 'Stress test', portfolio: 'Portfolio' };

/**
 * Research runs (walk-forward, Monte-Carlo, stress, portfolio) have no equity of their own: their key figures
 * and their HTML report, opened inside the app. The report is asked for by run id (reports:get, content) — the
 * page never names a file — and shown in a sandboxed iframe with no scripts.
 */
export function ReportPanel({ runId, kind, metrics }: { runId: number; kind: string; metrics: Record<string, number | null> | null }) {
  const [report, setReport] = useState<ReportRef | undefined>(undefined);
  const [html, setHtml] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setReport(undefined);
    setHtml(null);
    setError(null);
    api
      .call('reports:get', { runId })
      .then((r) => setReport(r.report))
      .catch(() => setReport(null));
  }, [runId]);
  const open = () => {
    setOpening(true);
    api
      .call('reports:get', { runId, content: true })
      .then((r) => setHtml(r.html ?? null))
      .catch(setError)
      .finally(() => setOpening(false));
  };
  const figures = metrics ? researchFigures(kind, metrics) : [];
  const label = Object.hasOwn(KIND_LABEL, kind) ? KIND_LABEL[kind] : kind;
  return (
    <>
      {figures.length > 0 && (
        <Panel title={`${label} · key figures`}>
          <dl className="kv" aria-label="Key figures">
            {figures.map((f) => (
              <FigureRow key={f.key} label={f.label} text={f.text} cls={f.sign ?? ''} />
            ))}
          </dl>
        </Panel>
      )}
      <Panel
        title={`${label} report`}
        actions={
          report?.html && !html ? (
            <button className="btn small primary" onClick={open} disabled={opening}>
              {opening ? 'Opening…' : 'Open report'}
            </button>
          ) : html ? (
            <button className="btn small" onClick={() => setHtml(null)}>
              Close report
            </button>
          ) : null
        }
      >
        {error ? <ErrorBox error={error} title="Report not opened" /> : null}
        {report === undefined ? (
          <Loading />
        ) : report === null ? (
          <Empty title="No report stored">Key figures and parameters are above; re-run it from the Research screen for a report.</Empty>
        ) : html ? (
          <iframe title={`${label} report of run #${runId}`} sandbox="" srcDoc={html} style={{ width: '100%', height: 640, border: '1px solid var(--border)', borderRadius: 6, background: '#fff' }} />
        ) : (
          <dl className="kv" aria-label="Report files">
            <dt>Folder</dt>
            <dd className="mono truncate" title={report.dir}>{report.dir}</dd>
            {report.html && (
              <>
                <dt>HTML</dt>
                <dd className="mono truncate" title={report.html}>{report.html}</dd>
              </>
            )}
          </dl>
        )}
      </Panel>
    </>
  );
}

function FigureRow({ label, text, cls }: { label: string; text: string; cls: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd className={`num ${cls}`}>{text}</dd>
    </>
  );
}
