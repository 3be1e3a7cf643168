import type { CommandOutput } from '../../api/client';
import type { Dataset } from '../../stores/data';
import { fmtDuration, fmtInt, fmtTime } from '../../lib/format';

type Quality = CommandOutput<'data:get'>['quality'];

/** A data set's validation report: bars, range, interval, gaps, warnings, source and content hash. */
export function QualityReport({ dataset, quality }: { dataset: Dataset; quality: Quality }) {
  const span = quality.lastTime - quality.firstTime;
  return (
    <div className="grid cols-2" aria-label="Validation report">
      <dl className="kv">
        <dt>Bars</dt>
        <dd>{fmtInt(quality.bars)}</dd>
        <dt>Range</dt>
        <dd>
          {fmtTime(quality.firstTime)} → {fmtTime(quality.lastTime)}
        </dd>
        <dt>Span</dt>
        <dd>{fmtDuration(span / 1000)}</dd>
        <dt>Interval</dt>
        <dd>
          {quality.intervalLabel} · {quality.calendar}
        </dd>
        <dt>Gaps</dt>
        <dd className={quality.gaps.count > 0 ? 'neg' : 'pos'}>
          {fmtInt(quality.gaps.count)}
          {quality.gaps.count > 0 && ` (largest ${fmtDuration(quality.gaps.largestMs / 1000)})`}
        </dd>
      </dl>
      <dl className="kv">
        <dt>Source</dt>
        <dd>
          {dataset.source}
          {dataset.sourceDetail ? ` · ${dataset.sourceDetail}` : ''}
        </dd>
        <dt>Symbol</dt>
        <dd>{dataset.symbol ?? '—'}</dd>
        <dt>Id</dt>
        <dd>{dataset.id}</dd>
        <dt>Content hash</dt>
        <dd title={dataset.contentHash}>{dataset.contentHash.slice(0, 16)}…</dd>
      </dl>
      {(quality.gaps.first.length > 0 || quality.warnings.length > 0) && (
        <div style={{ gridColumn: '1 / 3' }}>
          {quality.warnings.length > 0 && (
            <ul style={{ margin: '0 0 6px', paddingLeft: 18, color: 'var(--warn)' }}>
              {quality.warnings.map((w, i) => (
                <li key={i}>{w}</li>
              ))}
            </ul>
          )}
          {quality.gaps.first.length > 0 && (
            <div className="muted" style={{ fontSize: 12 }}>
              First gaps: {quality.gaps.first.slice(0, 5).map((g) => `${fmtTime(g.afterTime)} (+${fmtInt(g.missingBars)} bars)`).join(' · ')}
            </div>
          )}
        </div>
      )}
    </div>
  );
}

