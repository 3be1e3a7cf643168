import { useState } from 'react';
import { codeLabel } from '../../lib/labels';
import { api, type CommandOutput } from '../../api/client';
import { Panel } from '../../components/Panel';
import { ErrorBox } from '../../components/States';

type Status = CommandOutput<'live:status'>;

/** Kill switch with a confirmation step; leaving HALTED is an explicit reset with a reason (audited). */
export function KillSwitch({ status, onChange }: { status: Status; onChange(): void }) {
  const [confirming, setConfirming] = useState<'engage' | 'reset' | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const halted = status.tradingState.state === 'HALTED';
  const submit = async () => {
    if (!confirming) return;
    setError(null);
    try {
      await api.call('live:kill-switch', { action: confirming, reason: reason.trim() || (confirming === 'engage' ? 'kill switch pressed in the Live screen' : ''), confirm: true });
      setConfirming(null);
      setReason('');
      onChange();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Panel title="Kill switch" id="live-kill">
      <p className="small">
        State <b title={status.tradingState.state}>{codeLabel(status.tradingState.state)}</b>{status.tradingState.reason ? ` — ${status.tradingState.reason}` : ''}
      </p>
      {!confirming && (
        <div className="actions">
          <button className="danger" data-testid="kill-engage" onClick={() => setConfirming('engage')}>Kill switch: HALT all trading</button>
          {halted && <button data-testid="kill-reset" onClick={() => setConfirming('reset')}>Reset HALTED…</button>}
        </div>
      )}
      {confirming && (
        <div className="confirm-box" role="alertdialog" aria-label="confirm kill switch">
          <strong>{confirming === 'engage' ? 'Halt all trading now? Running sessions stop.' : 'Leave HALTED? Give the reason (audited).'}</strong>
          <input aria-label="reason" placeholder="reason (goes to the audit log)" value={reason} onChange={(e) => setReason(e.target.value)} />
          <div className="actions">
            <button className={confirming === 'engage' ? 'danger' : 'primary'} data-testid="kill-confirm" onClick={() => void submit()}>Confirm</button>
            <button onClick={() => setConfirming(null)}>Cancel</button>
          </div>
        </div>
      )}
      {error !== null && <ErrorBox error={error} />}
    </Panel>
  );
}
