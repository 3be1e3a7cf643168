import { Fragment, useMemo } from 'react';
import type { Layout, PlotData } from 'plotly.js-dist-min';
import type { ReportModel, Section } from '../../../../core/research/report-model';
import { criterionText } from '../../../../core/research/gonogo';
import { Plot } from '../../charts/Plot';
import { numericColumns, reportFigure, verdictWord, wrapTokens, type ChartSection } from './report-figure';
import './report.css';

/**
 * A research report drawn natively from its stored model (reports:get `model`): the same sections as the HTML
 * file — key figures, tables, the verdict and the charts — in the app's theme, with the app's plotly component.
 */
export function ReportView({ model }: { model: ReportModel }) {
  const meta = [
    model.subtitle,
    model.dataset ? `data set ${model.dataset}` : null,
    `seed ${model.seed}`,
    `config ${model.configHash.slice(0, 12)}`,
    new Date(model.createdAt).toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
  ].filter((x): x is string => !!x);
  return (
    <article className="report-view" aria-label={`Report: ${model.title}`}>
      <header className="report-head">
        <h2>{model.title}</h2>
        <div className="muted" title={`config hash ${model.configHash}`}>{meta.join(' · ')}</div>
      </header>
      {model.sections.map((s, i) => (
        <ReportSection key={i} s={s} />
      ))}
    </article>
  );
}

function ReportSection({ s }: { s: Section }) {
  switch (s.type) {
    case 'text':
      return (
        <section className="report-section">
          {s.title && <h3>{s.title}</h3>}
          <p>{s.text}</p>
        </section>
      );
    case 'kv':
      return (
        <section className="report-section">
          <h3>{s.title}</h3>
          <dl className="kv report-kv" aria-label={s.title}>
            {s.rows.map(([k, v], i) => (
              <KvRow key={i} k={k} v={v} />
            ))}
          </dl>
        </section>
      );
    case 'table':
      return <ReportTable title={s.title} columns={s.columns} rows={s.rows} />;
    case 'chart':
      return <ReportChart s={s} />;
    case 'verdict':
      return <ReportVerdict s={s} />;
  }
}

function KvRow({ k, v }: { k: string; v: string }) {
  return (
    <>
      <dt>{k}</dt>
      <dd>{v}</dd>
    </>
  );
}

function ReportTable({ title, columns, rows }: { title: string; columns: string[]; rows: string[][] }) {
  const numeric = useMemo(() => numericColumns(columns, rows), [columns, rows]);
  return (
    <section className="report-section">
      <h3>{title}</h3>
      <div className="table-wrap report-table">
        <table className="table" aria-label={title}>
          <thead>
            <tr>
              {columns.map((c, j) => (
                <th key={j} className={numeric[j] ? 'num' : undefined}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                {r.map((c, j) =>
                  numeric[j] ? (
                    <td key={j} className="num">
                      {c}
                    </td>
                  ) : (
                    <td key={j}>
                      <WrapText text={c} />
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Text that wraps only between words (see wrapTokens): each word an unbreakable span, the spaces between them free. */
function WrapText({ text }: { text: string }) {
  const tokens = wrapTokens(text);
  return (
    <>
      {tokens.map((t, i) => (
        <Fragment key={i}>
          {i > 0 ? ' ' : null}
          <span className="nowrap">{t}</span>
        </Fragment>
      ))}
    </>
  );
}

function ReportChart({ s }: { s: ChartSection }) {
  const fig = useMemo(() => reportFigure(s), [s]);
  return (
    <section className="report-section">
      <h3>{s.title}</h3>
      <Plot data={fig.data as unknown as PlotData[]} layout={fig.layout as Layout} height={fig.height} label={`Report chart: ${s.title}`} />
    </section>
  );
}

const VERDICT_COLOR = { GO: 'var(--good)', NO_GO: 'var(--bad)', INCONCLUSIVE: 'var(--warn)' } as const;
const STATUS_CLASS: Record<string, string> = { pass: 'pos', fail: 'neg', missing: 'warn' };

function ReportVerdict({ s }: { s: Extract<Section, { type: 'verdict' }> }) {
  return (
    <section className="report-section report-verdict" style={{ borderColor: VERDICT_COLOR[s.verdict] }} aria-label={s.title}>
      <h3>{s.title}</h3>
      <div className="verdict-word" style={{ color: VERDICT_COLOR[s.verdict] }} data-testid="report-verdict">
        {verdictWord(s.verdict)}
      </div>
      <ul aria-label="Reasons">{s.reasons.length ? s.reasons.map((r, i) => <li key={i}>{r}</li>) : <li>every criterion passed</li>}</ul>
      {s.checks.length > 0 && (
        <div className="table-wrap report-table">
          <table className="table" aria-label={`${s.title}: checks`}>
            <thead>
              <tr>
                <th>Criterion</th>
                <th>Status</th>
                <th>Detail</th>
              </tr>
            </thead>
            <tbody>
              {s.checks.map((c, i) => (
                <tr key={i}>
                  <td title={c.criterion}>{criterionText(c.criterion)}</td>
                  <td className={STATUS_CLASS[c.status] ?? 'muted'}>{c.status}</td>
                  <td className="truncate-fill" title={c.message}>
                    {c.message}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
