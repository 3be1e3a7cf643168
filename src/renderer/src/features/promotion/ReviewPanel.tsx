import { useEffect, useState } from 'react';
import { codePhrase } from '../../lib/labels';
import { api, type CommandOutput } from '../../api/client';
import { ErrorBox } from '../../components/States';
import { applyGate, notGoCandidates } from './review';
import { codeLabel } from '../../lib/labels';

type Detail = CommandOutput<'promote:show'>;

/**
 * The gate: the OPERATOR_CHECKLIST items as real checkboxes, the typed confirmation, Apply (disabled until both
 * hold — the server checks both again) and Reject with a reason.
 */
export function ReviewPanel({ detail, onDone }: { detail: Detail; onDone(msg: string): void }) {
  const [checked, setChecked] = useState<Record<string, boolean>>({});
  const [typed, setTyped] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const id = detail.proposal.id;
  useEffect(() => {
    setChecked({});
    setTyped('');
    setReason('');
    setError(null);
  }, [id]);
  const open = detail.proposal.status === 'open';
  const gate = applyGate(checked, typed, detail.confirmPhrase);
  const run = async (fn: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    try {
      onDone(await fn());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  if (!open) {
    return (
      <div className="muted" style={{ fontSize: 12 }}>
        This proposal is <b title={detail.proposal.status}>{codePhrase(detail.proposal.status)}</b>
        {detail.proposal.decidedBy && <> by {detail.proposal.decidedBy}</>}
        {detail.proposal.decidedNote && <> — {detail.proposal.decidedNote}</>}
        {detail.proposal.overridesVersion !== null && <> (overrides v{detail.proposal.overridesVersion})</>}.
      </div>
    );
  }
  const notGo = notGoCandidates(detail.items);
  return (
    <div className="grid" style={{ gap: 10 }}>
      {notGo.length > 0 && (
        <div className="error-box" role="alert" data-testid="review-not-go">
          <b>{notGo.length} of the candidates to apply did not pass re-validation</b>:{' '}
          {notGo.map((c) => `${c.target} (${codeLabel(c.verdict)})`).join(', ')}. Applying puts parameters that failed the Go/No-Go gate on
          the live overrides; tick the Go/No-Go item only if the governance runbook allows it.
        </div>
      )}
      <fieldset className="checklist">
        <legend>Operator checklist</legend>
        {detail.checklist.map((c) => (
          <label key={c.id} className="check">
            <input type="checkbox" name={c.id} checked={checked[c.id] === true} onChange={(e) => setChecked({ ...checked, [c.id]: e.target.checked })} />
            <span>{c.text}</span>
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>
          Type the proposal id <span className="confirm-phrase">{detail.confirmPhrase}</span> to confirm
        </span>
        <input aria-label="Confirmation" value={typed} onChange={(e) => setTyped(e.target.value)} aria-invalid={typed.length > 0 && !gate.typedOk} spellCheck={false} autoComplete="off" />
      </label>
      <div className="actions">
        <button className="btn primary" disabled={!gate.enabled || busy}
          onClick={() => void run(async () => {
            const r = await api.call('promote:apply', { proposalId: id, checklist: checked, confirmation: typed });
            return `Applied ${r.proposalId} → overrides v${r.overridesVersion}`;
          })}>
          Apply to live overrides
        </button>
        <span className="muted" style={{ fontSize: 12 }} aria-live="polite">
          {gate.enabled ? 'Ready: every item ticked and the id typed.' : `${gate.missing ? `${gate.missing} item(s) not ticked` : ''}${gate.missing && !gate.typedOk ? ' · ' : ''}${!gate.typedOk ? 'type the proposal id exactly' : ''}`}
        </span>
      </div>
      <div className="actions">
        <input aria-label="Reject reason" placeholder="Reason for rejecting" value={reason} onChange={(e) => setReason(e.target.value)} style={{ width: 320 }} />
        <button className="btn danger" disabled={!reason.trim() || busy}
          onClick={() => void run(async () => {
            const r = await api.call('promote:reject', { proposalId: id, reason });
            return `Rejected ${r.proposalId} (${r.rejectedPatches} patch(es))`;
          })}>
          Reject
        </button>
      </div>
      {error !== null && <ErrorBox error={error} title="Refused" />}
    </div>
  );
}
