import { useEffect, useState } from 'react';
import { api, type CommandOutput } from '../../api/client';
import { ErrorBox } from '../../components/States';

type Dataset = CommandOutput<'data:list'>['datasets'][number];
type Strategy = CommandOutput<'strategies:list'>['strategies'][number];

/** Start a paper/shadow session: replay of a stored data set (or the generator), strategy, speed, risk mode. */
/** The limits' currency and configured daily loss (from live:status), so the inputs say their unit and what empty means. */
export interface SessionFormLimits {
  currency: string;
  dailyLoss: number | null;
}

export function StartSessionForm({ onStarted, limits }: { onStarted(id: number): void; limits: SessionFormLimits }) {
  const [datasets, setDatasets] = useState<Dataset[]>([]);
  const [strategies, setStrategies] = useState<Strategy[]>([]);
  const [feed, setFeed] = useState<'replay' | 'generator'>('replay');
  const [datasetId, setDatasetId] = useState('');
  const [strategyId, setStrategyId] = useState('ma_crossover');
  const [mode, setMode] = useState<'paper' | 'shadow' | 'live_dry_run'>('paper');
  const [speed, setSpeed] = useState<'1x' | '10x' | '100x' | 'max'>('100x');
  const [riskMode, setRiskMode] = useState<'enforce' | 'monitor'>('enforce');
  const [notional, setNotional] = useState('20');
  const [dailyLoss, setDailyLoss] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.call('data:list', { limit: 200, offset: 0 }).then((d) => { setDatasets(d.datasets); setDatasetId((x) => x || d.datasets[0]?.id || ''); }).catch(setError);
    api.call('strategies:list', { includeRnd: false }).then((s) => setStrategies(s.strategies.filter((x) => x.tier === 'core' || x.tier === 'aux'))).catch(setError);
  }, []);

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const n = Number(notional);
      const loss = Number(dailyLoss);
      const s = await api.call('live:session-start', {
        mode, strategyId, riskMode,
        feed: feed === 'replay' ? { kind: 'replay', datasetId, speed } : { kind: 'generator', speed, n: 5000, intervalMs: 1000 },
        engine: notional.trim() !== '' && n > 0 ? { sizing: { mode: 'fixed_notional', notional: n } } : {},
        riskLimits: dailyLoss.trim() !== '' && loss > 0 ? { max_daily_loss_abs: loss } : {},
        jobId: `live-ui-${Date.now().toString(36)}`,
      });
      onStarted(s.id);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="start-form" data-testid="start-form">
      <div className="field-row three">
        <label>Feed<select aria-label="feed" value={feed} onChange={(e) => setFeed(e.target.value as 'replay')}><option value="replay">replay a data set</option><option value="generator">GARCH generator</option></select></label>
        {feed === 'replay' && (
          <label>Data set<select aria-label="data set" value={datasetId} onChange={(e) => setDatasetId(e.target.value)}>{datasets.map((d) => <option key={d.id} value={d.id}>{d.name} ({d.bars})</option>)}</select></label>
        )}
        <label>Strategy<select aria-label="strategy" value={strategyId} onChange={(e) => setStrategyId(e.target.value)}>{strategies.map((s) => <option key={s.id} value={s.id}>{s.name} · {s.tier}</option>)}</select></label>
        <label>Mode<select aria-label="mode" value={mode} onChange={(e) => setMode(e.target.value as 'paper')}><option value="paper">paper</option><option value="shadow">shadow</option><option value="live_dry_run">live dry run</option></select></label>
        <label>Speed<select aria-label="speed" value={speed} onChange={(e) => setSpeed(e.target.value as '1x')}><option>1x</option><option>10x</option><option>100x</option><option>max</option></select></label>
        <label>Risk<select aria-label="risk mode" value={riskMode} onChange={(e) => setRiskMode(e.target.value as 'enforce')}><option value="enforce">enforce</option><option value="monitor">monitor (parity)</option></select></label>
        <label>Order notional{limits.currency ? ` (${limits.currency})` : ''}<input aria-label="order notional" value={notional} onChange={(e) => setNotional(e.target.value)} placeholder="fraction of equity when empty" /></label>
        <label>Tighten daily loss{limits.currency ? ` (${limits.currency})` : ''}<input aria-label="max daily loss" value={dailyLoss} onChange={(e) => setDailyLoss(e.target.value)} placeholder={limits.dailyLoss === null ? 'config value' : `config: ${limits.dailyLoss}`} /></label>
      </div>
      <div className="actions">
        <button className="primary" data-testid="session-start" disabled={busy || (feed === 'replay' && !datasetId)} onClick={() => void start()}>Start session</button>
        <span className="muted small">Paper broker = the backtest engine's fills; shadow/live_dry_run log what would be sent (LIVE LOCKED).</span>
      </div>
      {error !== null && <ErrorBox error={error} />}
    </div>
  );
}
