import { useEffect, useRef, useState } from 'react';
import { api, type CommandOutput } from '../../api/client';
import { Panel } from '../../components/Panel';
import { Empty, ErrorBox, Loading } from '../../components/States';
import { errorInfo } from '../../lib/errors';
import { useUi } from '../../stores/ui';
import { researchFigures } from './research-figures';
import { ReportView } from './ReportView';

type ReportRef = CommandOutput<'reports:get'>['report'];
type ReportModel = NonNullable<CommandOutput<'reports:get'>['model']>;
/** What "Open report" shows: the stored model drawn natively, or (older runs) the HTML without its charts. */
type Opened = { model: ReportModel } | { html: string; why: string };
const OLD_REPORT = 'Written before reports kept their chart data: charts are only in the HTML file; tables and figures below.';
const KIND_LABEL: Record<string, string> = { walkforward: 'Walk-forward', montecarlo: 'Monte-Carlo', stress: 'Stress test', portfolio: 'Portfolio' };

/**
 * Research runs (walk-forward, Monte-Carlo, stress, portfolio) have no equity of their own: their key figures
 * and their report, opened inside the app. The report is asked for by run id (reports:get) — the page never names
 * a file. Its stored model is drawn natively (charts included); a run whose report predates stored models (or
 * whose model cannot be read) shows its HTML in a sandboxed iframe with no scripts, so without charts.
 */
export function ReportPanel({ runId, kind, metrics }: { runId: number; kind: string; metrics: Record<string, number | null> | null }) {
  const [report, setReport] = useState<ReportRef | undefined>(undefined);
  const [opened, setOpened] = useState<Opened | null>(null);
  const [opening, setOpening] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setReport(undefined);
    setOpened(null);
    setError(null);
    api
      .call('reports:get', { runId })
      .then((r) => setReport(r.report))
      .catch(() => setReport(null));
  }, [runId]);
  const open = async () => {
    setOpening(true);
    setError(null);
    try {
      let why = OLD_REPORT;
      try {
        const r = await api.call('reports:get', { runId, model: true });
        if (r.model) return setOpened({ model: r.model });
      } catch (e) {
        why = `The report's chart data could not be read (${errorInfo(e).message}): charts are only in the HTML file.`;
      }
      const r = await api.call('reports:get', { runId, content: true });
      if (r.html) setOpened({ html: r.html, why });
      else setError(new Error('this run has no HTML report'));
    } catch (e) {
      setError(e);
    } finally {
      setOpening(false);
    }
  };
  // Arrived from the palette's "Open … report": open it once the run's report record is known.
  const autoOpen = useUi((s) => s.params.open === 'report');
  const autoOpened = useRef<number | null>(null);
  useEffect(() => {
    if (!autoOpen || !report || autoOpened.current === runId) return;
    autoOpened.current = runId;
    void open();
    // `open` reads only runId, which is in the deps
  }, [autoOpen, report, runId]);
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
          report && !opened ? (
            <button className="btn small primary" onClick={() => void open()} disabled={opening}>
              {opening ? 'Opening…' : 'Open report'}
            </button>
          ) : opened ? (
            <button className="btn small" onClick={() => setOpened(null)}>
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
        ) : opened && 'model' in opened ? (
          <ReportView model={opened.model} />
        ) : opened ? (
          <>
            <p className="report-note muted" role="note">{opened.why}</p>
            <iframe title={`${label} report of run #${runId}`} sandbox="" srcDoc={opened.html} style={{ width: '100%', height: 640, border: '1px solid var(--border)', borderRadius: 6, background: '#fff' }} />
          </>
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
