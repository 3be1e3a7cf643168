import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { useApp } from '../../stores/app';
import { useUi } from '../../stores/ui';
import { useResearch, type Run } from './store';
import { Panel } from '../../components/Panel';
import { Empty, ErrorBox, Loading } from '../../components/States';
import { Screen } from '../../components/Screen';
import { hasCommand } from '../../lib/contract-probe';
import { fmtMetricCell } from '../../lib/format';
import { WalkForwardTab } from './WalkForwardTab';
import { MonteCarloTab } from './MonteCarloTab';
import { StressTab } from './StressTab';
import { OverfittingTab } from './OverfittingTab';
import { GoNoGoTab } from './GoNoGoTab';

/** One tab per study; each is a file of this folder. */
type Tab = 'walkforward' | 'montecarlo' | 'stress' | 'overfitting' | 'gonogo';
const TABS: { id: Tab; label: string }[] = [
  { id: 'walkforward', label: 'Walk-forward' },
  { id: 'montecarlo', label: 'Monte-Carlo' },
  { id: 'stress', label: 'Stress' },
  { id: 'overfitting', label: 'PSR / DSR / PBO' },
  { id: 'gonogo', label: 'Go / No-Go' },
];

export function ResearchScreen() {
  const available = hasCommand('walkforward:run') && hasCommand('montecarlo:run');
  const params = useUi((s) => s.params);
  const goto = useUi((s) => s.goto);
  const [runs, setRuns] = useState<Run[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const { runId, selectRun } = useResearch();
  const tab: Tab = (TABS.find((t) => t.id === params.tab)?.id ?? 'walkforward') as Tab;

  useEffect(() => {
    if (!available) return;
    void useApp.getState().loadStrategies();
    api
      .call('runs:list', { kind: 'backtest', limit: 200, offset: 0, sortBy: 'createdAt', desc: true })
      .then((r) => {
        setRuns(r.runs);
        const want = params.run ? Number(params.run) : (useResearch.getState().runId ?? r.runs[0]?.id ?? null);
        selectRun(want);
      })
      .catch(setError);
  }, [available]);
  const run = runs?.find((r) => r.id === runId) ?? null;

  return (
    <Screen title="Research" sub="Is the edge real? Walk-forward, Monte-Carlo, stress, overfitting statistics, Go/No-Go">
      {!available ? (
        <Panel title="Robustness">
          <Empty title="Research commands are not available in this build" />
        </Panel>
      ) : error ? (
        <ErrorBox error={error} />
      ) : !runs ? (
        <Loading />
      ) : runs.length === 0 ? (
        <Panel title="Robustness">
          <Empty title="No backtest to study">
            Research starts from a stored backtest.{' '}
            <button className="btn small" onClick={() => goto('backtest')}>
              Run a backtest
            </button>
          </Empty>
        </Panel>
      ) : (
        <>
          <div className="panel" style={{ padding: '8px 12px', marginBottom: 12 }}>
            <div className="actions">
              <label className="check" htmlFor="research-run">
                Subject run
              </label>
              <select id="research-run" aria-label="Subject run" value={runId ?? ''} onChange={(e) => selectRun(Number(e.target.value))} style={{ width: 420 }}>
                {runs.map((r) => (
                  <option key={r.id} value={r.id}>
                    #{r.id} · {r.strategyId} on {r.datasetName} · Sharpe {fmtMetricCell('sharpe', r.metrics.sharpe)}
                  </option>
                ))}
              </select>
              {run && (
                <span className="muted mono" style={{ fontSize: 12 }}>
                  {Object.entries(run.params)
                    .map(([k, v]) => `${k}=${String(v)}`)
                    .join(' ')}{' '}
                  · seed {run.seed}
                </span>
              )}
            </div>
          </div>
          <div className="tabs" role="tablist" aria-label="Research">
            {TABS.map((t) => (
              <button key={t.id} role="tab" aria-selected={tab === t.id} onClick={() => goto('research', { ...params, tab: t.id })}>
                {t.label}
              </button>
            ))}
          </div>
          {run && tab === 'walkforward' && <WalkForwardTab run={run} />}
          {run && tab === 'montecarlo' && <MonteCarloTab run={run} />}
          {run && tab === 'stress' && <StressTab run={run} />}
          {tab === 'overfitting' && <OverfittingTab run={run} />}
          {run && tab === 'gonogo' && <GoNoGoTab run={run} />}
        </>
      )}
    </Screen>
  );
}
