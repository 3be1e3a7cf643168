import { useCallback, useEffect, useState } from 'react';
import { api, type CommandOutput } from '../../api/client';
import { Panel } from '../../components/Panel';
import { Empty, ErrorBox, Loading } from '../../components/States';
import { useUi } from '../../stores/ui';
import { EffectiveConfig, OverridesHistory } from './OverridesPanel';
import { PatchCard } from './PatchCard';
import { ProposalList } from './ProposalList';
import { ReviewPanel } from './ReviewPanel';
import { proposalTime, statusClass } from './review';
import { CodeLabel } from '../../components/CodeLabel';
import { codePhrase } from '../../lib/labels';
import './promotion.css';

type Status = CommandOutput<'governance:status'>;

/**
 * The gated promotion review (issue 10): proposals → detail (per patch diff, tags, confidence, decision with
 * reasons, evidence with verdict) → the checklist gate → Apply / Reject; the live overrides' effective config and
 * versions with rollback. Nothing here can write an override without the server's own checks.
 */
export function PromotionScreen() {
  const params = useUi((s) => s.params);
  const goto = useUi((s) => s.goto);
  const toast = useUi((s) => s.toast);
  const selected = params.proposal ?? null;
  const [tab, setTab] = useState<'effective' | 'history'>(params.tab === 'history' ? 'history' : 'effective');
  const [status, setStatus] = useState<Status | null>(null);
  const [list, setList] = useState<CommandOutput<'promote:list'> | null>(null);
  const [detail, setDetail] = useState<CommandOutput<'promote:show'> | null>(null);
  const [eff, setEff] = useState<CommandOutput<'overrides:show'> | null>(null);
  const [history, setHistory] = useState<CommandOutput<'overrides:history'> | null>(null);
  const [learn, setLearn] = useState<CommandOutput<'learn:list'> | null>(null);
  const [validating, setValidating] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [cycling, setCycling] = useState(false);

  const reload = useCallback(async () => {
    try {
      const [s, l, e, h, ln] = await Promise.all([api.call('governance:status'), api.call('promote:list'), api.call('overrides:show'), api.call('overrides:history'), api.call('learn:list', { limit: 1000 })]);
      setStatus(s); setList(l); setEff(e); setHistory(h); setLearn(ln);
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => { void reload(); }, [reload]);
  // a new selection clears the detail; a reload of the list refreshes it in place (the review state survives)
  useEffect(() => setDetail(null), [selected]);
  useEffect(() => {
    if (!selected) return;
    let live = true;
    api.call('promote:show', { id: selected }).then((d) => live && setDetail(d), (e: unknown) => live && setError(e));
    return () => { live = false; };
  }, [selected, list]);
  useEffect(() => api.on('governance:did-change', () => void reload()), [reload]);

  const done = (msg: string) => {
    toast('ok', msg);
    void reload();
  };
  const proposed = learn?.patches.filter((x) => x.status === 'PROPOSED').length ?? 0;
  const offline = learn?.patches.filter((x) => x.status === 'APPLIED_OFFLINE').length ?? 0;
  const p0 = detail?.items.filter((i) => i.decision.safetyFlags.some((f) => f.startsWith('P0_'))) ?? [];

  return (
    <>
      <div className="screen-title">
        <h1>Promotion review</h1>
        <span className="sub">Nothing reaches the live overrides without a ticked checklist and the typed proposal id</span>
        {status && (
          <div className="actions" style={{ marginLeft: 'auto' }}>
            {proposed > 0 && (
              <button className="btn" disabled={validating}
                onClick={() => {
                  setValidating(true);
                  api.call('learn:validate', {}).then((r) => done(`Re-validated ${r.patches.length} patch(es) by backtest`), setError).finally(() => setValidating(false));
                }}>
                {validating ? 'Re-validating…' : `Re-validate ${proposed} patch(es)`}
              </button>
            )}
            <KillSwitch on={status.killSwitch.on} onDone={done} onError={setError} />
            <button className="btn" disabled={cycling || status.killSwitch.on}
              onClick={() => {
                setCycling(true);
                api.call('promote:cycle', { mode: 'manual_only' }).then((r) => { done(r.note); if (r.proposalId) goto('promotion', { proposal: r.proposalId }); }, setError).finally(() => setCycling(false));
              }}>
              Run cycle (manual only)
            </button>
          </div>
        )}
      </div>
      {status && (
        <div className="promo-status" aria-label="Governance status">
          <span>Mode <b title={status.mode}>{codePhrase(status.mode)}</b></span>
          <span>Kill switch <span className={`pill ${status.killSwitch.on ? 'bad' : 'muted'}`}>{status.killSwitch.on ? 'ON' : 'off'}</span></span>
          <span>Environment <b title={status.environment.mode}>{codePhrase(status.environment.mode)}</b> ({status.liveLike ? 'live-like' : 'not live-like: overrides off'})</span>
          <span>Overrides <b>v{status.overridesVersion}</b></span>
          <span>Auto-applies today <b>{status.autoAppliesToday}/{status.maxAutoAppliesPerDay}</b></span>
          <span>Patches <b>{proposed}</b> proposed · <b>{offline}</b> applied offline</span>
        </div>
      )}
      {error !== null && <ErrorBox error={error} />}
      <div className="split" style={{ gridTemplateColumns: '400px minmax(0, 1fr)' }}>
        <Panel title={`Proposals${list ? ` (${list.proposals.length})` : ''}`} flush>
          {!list ? <Loading /> : list.proposals.length === 0 ? (
            <Empty title="No proposals yet">Run a promotion cycle (or `peak promote cycle`) after learning signals were validated.</Empty>
          ) : (
            <ProposalList proposals={list.proposals} selected={selected} onSelect={(id) => goto('promotion', { proposal: id })} />
          )}
        </Panel>
        <div className="grid" style={{ alignContent: 'start' }}>
          {!selected ? (
            <Panel title="Proposal"><Empty title="Select a proposal">Its patches, decisions, evidence and the operator checklist appear here.</Empty></Panel>
          ) : !detail ? (
            <Panel title="Proposal"><Loading /></Panel>
          ) : (
            <>
              <Panel title={<>Proposal <span className="mono" style={{ textTransform: 'none' }}>{detail.proposal.id}</span></>}
                actions={<CodeLabel className={`pill ${statusClass(detail.proposal.status)}`} code={detail.proposal.status} style={{ textTransform: 'none', letterSpacing: 0 }} />}>
                <div className="grid" style={{ gap: 8 }}>
                  <div className="muted" style={{ fontSize: 12 }}>{proposalTime(detail.proposal.id)} · mode <span title={detail.proposal.mode}>{codePhrase(detail.proposal.mode)}</span> · {detail.proposal.description} Files: <span className="mono">{detail.proposal.dir}/</span></div>
                  {p0.length > 0 && (
                    <div className="p0-warning" role="alert">
                      <b>P0 warning</b> — {p0.length} candidate(s) carry P0 flags and were rejected by policy; they can never be applied: {p0.map((i) => i.patch.target).join(', ')}
                    </div>
                  )}
                  {detail.items.map((i) => <PatchCard key={i.patch.id} item={i} />)}
                </div>
              </Panel>
              <Panel title="Review">
                <ReviewPanel detail={detail} onDone={done} />
              </Panel>
            </>
          )}
        </div>
      </div>
      <div style={{ marginTop: 12 }}>
        <Panel title="Live overrides" flush>
          <div style={{ padding: '8px 12px' }}>
            <div className="tabs" role="tablist">
              <button role="tab" aria-selected={tab === 'effective'} onClick={() => setTab('effective')}>Effective config</button>
              <button role="tab" aria-selected={tab === 'history'} onClick={() => setTab('history')}>Versions &amp; rollback</button>
            </div>
            {tab === 'effective' ? (eff ? <EffectiveConfig eff={eff} /> : <Loading />) : history ? <OverridesHistory history={history} onDone={done} /> : <Loading />}
          </div>
        </Panel>
      </div>
    </>
  );
}

/** The governance kill switch: on → promotion mode disabled and the overrides ignored everywhere (audited). */
function KillSwitch({ on, onDone, onError }: { on: boolean; onDone(msg: string): void; onError(e: unknown): void }) {
  const [reason, setReason] = useState('');
  const [asking, setAsking] = useState(false);
  if (!asking) return <button className={on ? 'btn' : 'btn danger'} onClick={() => setAsking(true)}>{on ? 'Release kill switch…' : 'Kill switch…'}</button>;
  return (
    <span className="actions">
      <input aria-label="Kill switch reason" placeholder="Reason" value={reason} onChange={(e) => setReason(e.target.value)} style={{ width: 200 }} />
      <button className={on ? 'btn' : 'btn danger'} disabled={!reason.trim()}
        onClick={() => api.call('governance:kill-switch', { on: !on, reason }).then((r) => { setAsking(false); setReason(''); onDone(`Governance kill switch ${r.on ? 'ON' : 'off'}`); }, onError)}>
        {on ? 'Release' : 'Engage'}
      </button>
      <button className="btn" onClick={() => setAsking(false)}>Cancel</button>
    </span>
  );
}
