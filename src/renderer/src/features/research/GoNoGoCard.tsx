import { Panel } from '../../components/Panel';
import { codeLabel } from '../../lib/labels';
import { criterionText, formatCheckValue } from '../../../../core/research/gonogo';
import type { GoNoGo } from './store';

/** The verdict, its reasons and every criterion with value and threshold. */
export function GoNoGoCard({ result }: { result: GoNoGo }) {
  const cls = result.verdict === 'GO' ? 'go' : result.verdict === 'NO_GO' ? 'nogo' : 'locked';
  const color = result.verdict === 'GO' ? 'var(--good)' : result.verdict === 'NO_GO' ? 'var(--bad)' : 'var(--warn)';
  return (
    <Panel title={`Verdict · ${result.riskProfile} · tier ${result.tier ?? '—'}`}>
      <div className="gonogo" aria-label="Go/No-Go verdict">
        <div className="actions">
          <span className="verdict" style={{ color }} data-testid="verdict" data-code={result.verdict} title={result.verdict}>
            {codeLabel(result.verdict)}
          </span>
          <span className={`badge ${cls}`}>{result.checks.filter((c) => c.status === 'pass').length} / {result.checks.length} criteria pass</span>
        </div>
        {result.reasons.length > 0 && (
          <ul aria-label="Reasons">
            {result.reasons.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        )}
        <table className="table" aria-label="Go/No-Go checks">
          <thead>
            <tr>
              <th>Criterion</th>
              <th>Status</th>
              <th className="num">Value</th>
              <th className="num">Threshold</th>
              <th>Required</th>
            </tr>
          </thead>
          <tbody>
            {result.checks.map((c, i) => (
              <tr key={i} title={c.message}>
                <td title={c.criterion}>{criterionText(c.criterion)}</td>
                <td className={c.status === 'pass' ? 'pos' : c.status === 'fail' ? 'neg' : 'muted'}>{c.status}</td>
                <td className="num">{formatCheckValue(c.value, c.unit)}</td>
                <td className="num">
                  {c.comparison} {formatCheckValue(c.threshold, c.unit, c.comparison)}
                </td>
                <td className="muted">{c.required ? 'yes' : 'no'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
