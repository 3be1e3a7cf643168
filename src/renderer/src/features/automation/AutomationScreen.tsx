import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { Panel } from '../../components/Panel';
import { ErrorBox, Loading } from '../../components/States';
import { ActivityFeed } from './ActivityFeed';
import { JobMetrics } from './JobMetrics';
import { RunList } from './RunList';
import { SchedulerPanel } from './SchedulerPanel';
import { StatusPanel } from './StatusPanel';
import { TrendsPanel } from './TrendsPanel';
import { useAutomation } from './store';

/** Offline suites, followed live (seed 001's session view), the meta report's trends and the scheduler. */
export function AutomationScreen() {
  const st = useAutomation();
  const [now, setNow] = useState(() => Date.now());
  const days = st.metaDays;
  const setDays = (d: 7 | 30) => void st.loadMeta(d);

  useEffect(() => {
    void st.loadRuns();
    void st.loadScheduler();
    void st.loadMeta(useAutomation.getState().metaDays);
    const off = api.on('automation:did-event', (p) => useAutomation.getState().onLive(p.runId, p.event, p.summary));
    // heartbeat age and uptime tick once a second
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => { off(); clearInterval(t); };
  }, []);

  const summary = st.liveSummary;
  return (
    <>
      <div className="screen-title">
        <h1>Automation</h1>
        <span className="sub">Offline suites, followed live · trends and regressions · scheduler</span>
        <span className="spacer" />
        <div className="actions">
          <button className="btn primary" disabled={st.starting} onClick={() => void st.start('daily', true)}>Run daily (quick)</button>
          <button className="btn" disabled={st.starting} onClick={() => void st.start('daily', false)}>Run daily</button>
          <button className="btn" disabled={st.starting} onClick={() => void st.start('weekly', false)}>Run weekly</button>
        </div>
      </div>
      {st.error && <ErrorBox error={st.error} />}
      <div className="grid">
        <div className="grid cols-2">
          <Panel title="Suite runs">{st.runs ? <RunList runs={st.runs} selected={st.selected} onSelect={(id) => void st.select(id)} /> : <Loading />}</Panel>
          <Panel title="Current status"><StatusPanel summary={summary} now={now} /></Panel>
        </div>
        <Panel title="Job metrics">{st.detail ? <JobMetrics log={st.detail.log} /> : <span className="muted">Select a run.</span>}</Panel>
        <Panel title="Activity feed">
          <ActivityFeed events={st.events} phases={[...new Set([...(st.detail?.phases ?? []), ...st.events.map((e) => e.phase).filter((p): p is string => !!p)])]} now={now} />
        </Panel>
        <div className="grid cols-2">
          <Panel
            title="Trends"
            actions={
              <div className="tabs" role="tablist" aria-label="Meta report window" style={{ margin: 0, border: 0 }}>
                {([7, 30] as const).map((d) => <button key={d} role="tab" aria-selected={days === d} onClick={() => setDays(d)}>{d} days</button>)}
              </div>
            }
          >
            {st.meta ? <TrendsPanel meta={st.meta} /> : <Loading />}
          </Panel>
          <Panel title="Scheduler">{st.scheduler ? <SchedulerPanel status={st.scheduler} /> : <Loading />}</Panel>
        </div>
      </div>
    </>
  );
}
