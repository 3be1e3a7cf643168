import { useState } from 'react';
import { api } from '../../api/client';
import { useApp } from '../../stores/app';
import { useResearch, type GoNoGo, type Run } from './store';
import { Panel } from '../../components/Panel';
import { Empty } from '../../components/States';
import { useCommand } from '../../lib/use-command';
import { Study } from './Study';
import { GoNoGoCard } from './GoNoGoCard';
import { buildGoNoGo } from './requests';

/** Go / No-Go: config/gonogo.toml's thresholds applied to everything computed about the run so far. */
export function GoNoGoTab({ run }: { run: Run }) {
  const strategies = useApp((s) => s.strategies);
  const { wf, mc, stress, overfit, gonogo, set } = useResearch();
  const [profile, setProfile] = useState<'conservative' | 'moderate' | 'aggressive'>('moderate');
  const job = useCommand<GoNoGo>();
  const tier = strategies?.find((s) => s.id === run.strategyId)?.tier ?? null;
  const crash = stress?.summary.results.find((r) => r.scenario.kind === 'single_crash_bar');
  const submit = async () => set({ gonogo: await job.run(() => api.call('research:gonogo', buildGoNoGo(run, tier, profile, { wf, mc, stress, overfit }))) });
  const have = [
    ['Backtest metrics', true],
    ['Walk-forward OOS Sharpe', !!wf],
    ['DSR / PBO (sweep)', !!overfit],
    ['Stress (single crash)', !!crash],
    ['Monte-Carlo', !!mc],
  ] as const;
  return (
    <Study
      runLabel="Evaluate Go / No-Go"
      job={job}
      onRun={() => void submit()}
      form={
        <>
          <label className="field">
            Risk profile
            <select value={profile} onChange={(e) => setProfile(e.target.value as typeof profile)}>
              <option value="conservative">conservative</option>
              <option value="moderate">moderate</option>
              <option value="aggressive">aggressive</option>
            </select>
          </label>
          <div className="muted" style={{ fontSize: 12 }}>
            Tier: <span className="badge info">{tier ?? 'unknown'}</span>
          </div>
          <ul style={{ margin: 0, paddingLeft: 18, fontSize: 12 }} aria-label="Evidence">
            {have.map(([label, ok]) => (
              <li key={label} className={ok ? 'pos' : 'muted'}>
                {ok ? '✓' : '○'} {label}
              </li>
            ))}
          </ul>
          <div className="muted" style={{ fontSize: 11 }}>Missing evidence makes the verdict Inconclusive when a required criterion lacks it — run the other tabs first.</div>
        </>
      }
    >
      {!gonogo ? (
        <Panel title="Go / No-Go">
          <Empty title="Not evaluated yet">The verdict applies the Go/No-Go thresholds (config/gonogo.toml) to everything computed so far.</Empty>
        </Panel>
      ) : (
        <GoNoGoCard result={gonogo} />
      )}
    </Study>
  );
}
