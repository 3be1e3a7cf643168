import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type CommandOutput } from '../../api/client';
import { ErrorBox, Loading } from '../../components/States';
import { useUi } from '../../stores/ui';
import { LiveHeader } from './LiveHeader';
import { GatesPanel } from './GatesPanel';
import { RiskPanel } from './RiskPanel';
import { KillSwitch } from './KillSwitch';
import { SessionsExplorer } from './SessionsExplorer';
import type { SessionFormLimits } from './StartSessionForm';
import { SessionDetail } from './SessionDetail';
import { DrillsPanel } from './DrillsPanel';
import { AuditPanel } from './AuditPanel';
import './live.css';

type Tab = 'overview' | 'sessions' | 'drills' | 'audit';
const TABS: [Tab, string][] = [['overview', 'Overview'], ['sessions', 'Sessions'], ['drills', 'Drills'], ['audit', 'Audit']];

/** The Live screen: header, gates, risk, kill switch; sessions; drills; audit export. Refreshes on push events. */
export function LiveScreen() {
  const params = useUi((s) => s.params);
  const goto = useUi((s) => s.goto);
  const tab: Tab = (['overview', 'sessions', 'drills', 'audit'] as const).find((t) => t === params.tab) ?? 'overview';
  const sessionId = params.session ? Number(params.session) : null;
  const [status, setStatus] = useState<CommandOutput<'live:status'> | null>(null);
  const [sessions, setSessions] = useState<CommandOutput<'live:session-list'>['sessions']>([]);
  const [error, setError] = useState<unknown>(null);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);

  const refresh = useCallback(() => {
    api.call('live:status', {}).then(setStatus).catch(setError);
    api.call('live:session-list', { limit: 500 }).then((r) => setSessions(r.sessions)).catch(setError);
  }, []);

  useEffect(() => {
    refresh();
    const later = () => { if (!pending.current) pending.current = setTimeout(() => { pending.current = null; refresh(); }, 800); };
    const offs = [api.on('live:did-change', later), api.on('live:did-event', (e) => { if (e.kind === 'state' || e.kind === 'status' || e.kind === 'alert') later(); })];
    return () => { offs.forEach((o) => o()); if (pending.current) clearTimeout(pending.current); };
  }, [refresh]);

  const go = (t: Tab, extra: Record<string, string> = {}) => goto('live', { tab: t, ...extra });

  return (
    <div className="live-screen">
      <div className="screen-title"><h1>Live</h1><span className="sub">paper and shadow sessions behind the safety gates</span></div>
      {error !== null && <ErrorBox error={error} />}
      {!status ? <Loading /> : (
        <div className="grid">
          <LiveHeader status={status} />
          <div className="tabs" role="tablist">
            {TABS.map(([t, label]) => <button key={t} role="tab" aria-selected={tab === t} onClick={() => go(t)}>{label}</button>)}
          </div>
          {tab === 'overview' && (
            <div className="grid cols-2">
              <GatesPanel status={status} />
              <RiskPanel status={status} />
              <KillSwitch status={status} onChange={refresh} />
            </div>
          )}
          {tab === 'sessions' && (sessionId !== null && Number.isInteger(sessionId)
            ? <SessionDetail id={sessionId} onBack={() => go('sessions')} />
            : <SessionsExplorer sessions={sessions} onOpen={(id) => { go('sessions', { session: String(id) }); refresh(); }} limits={formLimits(status)} />)}
          {tab === 'drills' && <DrillsPanel />}
          {tab === 'audit' && <AuditPanel />}
        </div>
      )}
    </div>
  );
}

/** What the session form shows of the configured limits (the status this screen already holds). */
function formLimits(status: CommandOutput<'live:status'>): SessionFormLimits {
  const loss = Number(status.riskLimits.max_daily_loss_abs);
  return { currency: String(status.riskLimits.base_currency ?? ''), dailyLoss: Number.isFinite(loss) ? loss : null };
}
