import type { CommandOutput } from '../../api/client';
import { useUi } from '../../stores/ui';
import { confidenceText } from '../../../../core/governance/checklist';
import { changeText, showValue, statusClass } from './review';
import { evidenceValue } from './evidence-format';
import { CodeLabel } from '../../components/CodeLabel';
import { codeLabel } from '../../lib/labels';

type Item = CommandOutput<'promote:show'>['items'][number];

const METRIC_LABEL: Record<string, string> = {
  oosSharpe: 'OOS Sharpe', oosTotalReturn: 'OOS return', oosMaxDrawdown: 'OOS max DD', efficiency: 'WF efficiency', windows: 'windows',
  dsr: 'DSR', pbo: 'PBO', psr: 'PSR', bestSharpe: 'best Sharpe', nTrials: 'trials', validationSharpe: 're-validation Sharpe',
  baselineSharpe: 'baseline Sharpe', validationMaxDrawdownPct: 're-validation max DD', sharpe: 'Sharpe', totalReturnPct: 'return', maxDrawdownPct: 'max DD',
};

/** One patch of a proposal: target, old → new as a diff, tags, confidence, decision with every reason, evidence. */
export function PatchCard({ item }: { item: Item }) {
  const goto = useUi((s) => s.goto);
  const { decision: d, patch: p, evidence: e } = item;
  const accepted = d.status === 'ACCEPTED_FOR_PROPOSAL';
  return (
    <article className={`patch-card ${accepted ? 'accepted' : 'rejected'}`} aria-label={`Patch ${p.target}`}>
      <div className="head">
        <span className="target">{p.target}</span>
        <span className="diff" aria-label="old to new">
          <span className="old">{showValue(d.currentValue)}</span>→<span className="new">{showValue(p.newValue)}</span>
          <span className="muted">{changeText(d.currentValue, p.newValue)}</span>
        </span>
        <span className="spacer" style={{ flex: 1 }} />
        <CodeLabel className={`pill ${statusClass(d.status)}`} code={d.status} />
        {d.autoApplied && <span className="pill good">auto-applied</span>}
      </div>
      <div className="muted" style={{ fontSize: 12 }}>
        {d.tags.length ? d.tags.map((t) => <span key={t} className="tag">{t}</span>) : <span className="tag">untagged</span>} · confidence <b className="mono">{confidenceText(p.confidence)}</b> · patch <span className="mono">{p.id}</span> · <CodeLabel code={p.status} />
        {d.safetyFlags.length > 0 && <> · flags {d.safetyFlags.map((f) => <span key={f} className="pill bad" style={{ marginLeft: 4 }} title={f} data-code={f}>{codeLabel(f)}</span>)}</>}
      </div>
      <ul className="reasons">
        {d.reasons.map((r, i) => <li key={i} className={r.startsWith('P0') ? 'p0' : undefined}>{r}</li>)}
        {d.autoReasons.map((r, i) => <li key={`a${i}`}>not auto-applied: {r}</li>)}
      </ul>
      <div className="evidence">
        <span>Evidence:</span>
        {e.link ? (
          <a href="#" onClick={(ev) => { ev.preventDefault(); goto(e.link!.screen, e.link!.params); }}>{e.title}</a>
        ) : (
          <span>{e.title}{!e.exists && ' (not found)'}</span>
        )}
        {e.metrics.map((m) => (
          <span key={m.name} className="m">{METRIC_LABEL[m.name] ?? m.name} {evidenceValue(m.name, m.value)}</span>
        ))}
        {e.verdict && <span className={`pill ${statusClass(e.verdict.verdict)}`} title={[e.verdict.verdict, ...e.verdict.reasons].join('\n')} data-code={e.verdict.verdict}>Go/No-Go: {codeLabel(e.verdict.verdict)}</span>}
        {e.validation && (
          <a href="#" onClick={(ev) => { ev.preventDefault(); goto('experiments', { run: String(e.validation!.runId) }); }}>re-validation run {e.validation.runId}</a>
        )}
      </div>
    </article>
  );
}
