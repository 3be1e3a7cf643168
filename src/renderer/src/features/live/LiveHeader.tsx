import type { CommandOutput } from '../../api/client';
import { CodeLabel } from '../../components/CodeLabel';
import { codeLabel } from '../../lib/labels';

type Status = CommandOutput<'live:status'>;

/** Environment, effective mode, the LIVE LOCKED badge, health and trading state. */
export function LiveHeader({ status }: { status: Status }) {
  const ts = status.tradingState.state;
  return (
    <div className="live-header" data-testid="live-header">
      <span className="live-locked" title={status.liveLockedReason} data-testid="live-locked">LIVE LOCKED</span>
      <dl className="live-facts">
        <div><dt>Environment</dt><dd data-testid="live-env" data-code={status.environment} title={status.environment}>{codeLabel(status.environment)}</dd></div>
        <div><dt>Effective mode</dt><dd title={status.effectiveMode}>{codeLabel(status.effectiveMode)}</dd></div>
        <div><dt>Health</dt><dd><span className={`dot ${status.health}`} aria-hidden /> {status.health}</dd></div>
        <div><dt>Trading state</dt><dd><CodeLabel className={`trading ${ts.toLowerCase()}`} testId="trading-state" code={ts} /></dd></div>
        <div><dt>Sessions</dt><dd>{status.sessions.running} running · {status.sessions.total} total</dd></div>
        <div><dt>Tier</dt><dd>live orders {status.tier.liveOrderExecution} · {status.tier.allowedTiers.join('/')}</dd></div>
      </dl>
    </div>
  );
}
