import { useEffect, useMemo, useState } from 'react';
import { api, inputError, type CommandOutput } from '../../api/client';
import { useResearch, type Run } from './store';
import { Panel } from '../../components/Panel';
import { Empty } from '../../components/States';
import { FanChart } from '../../charts/FanChart';
import { fmtInt, fmtNum, fmtPct } from '../../lib/format';
import { useJob } from '../../lib/use-job';
import { Metric, Study } from './Study';
import { buildMonteCarlo } from './requests';
import { actualOnSteps, fanBarOffset, stepToTime, type EquityLod } from '../../charts/fan-axis';

/** Monte-Carlo: the run's returns resampled into many alternative histories (fan chart, percentiles, P(loss)). */
export function MonteCarloTab({ run }: { run: Run }) {
  const { mc, set } = useResearch();
  const [method, setMethod] = useState<'iid' | 'block' | 'trade_shuffle'>('block');
  const [nPaths, setNPaths] = useState('2000');
  const [block, setBlock] = useState('20');
  const [seed, setSeed] = useState(String(run.seed));
  const job = useJob<CommandOutput<'montecarlo:run'>>();
  const submit = async () => {
    const check = buildMonteCarlo(run, { method, nPaths, block, seed });
    if (!check.ok) return job.fail(inputError('montecarlo:run', Object.values(check.errors).join('\n')));
    // null on failure: an old result never stays beside the new error
    set({ mc: await job.start((jobId) => api.call('montecarlo:run', { ...check.value, jobId })) });
  };
  const s = mc?.summary;
  // The run's own equity over the fan (bar methods only: a trade shuffle's steps are trades, not bars).
  const [eq, setEq] = useState<EquityLod | null>(null);
  const barMethod = s ? s.method !== 'trade_shuffle' : false;
  useEffect(() => {
    setEq(null);
    if (!s || !barMethod) return;
    let live = true;
    api
      .call('runs:equity', { id: run.id, maxPoints: 1500 })
      .then((r) => live && setEq(r))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [s, barMethod, run.id]);
  // Path step k is run bar offset + k (the paths start after the strategy's warm-up): both lines on the paths' steps.
  const offset = eq && s ? fanBarOffset(eq.totalPoints, s.length) : 0;
  const actual = useMemo(() => {
    if (!eq) return null;
    const a = actualOnSteps(eq);
    return { step: a.step.map((b) => b - offset), equity: a.equity };
  }, [eq, offset]);
  const toTime = useMemo(() => {
    const barTime = barMethod && eq ? stepToTime(run.fromTime, run.toTime, eq.totalPoints) : null;
    return barTime ? (step: number) => barTime(step + offset) : null;
  }, [barMethod, eq, run.fromTime, run.toTime, offset]);
  const rows: [string, keyof NonNullable<typeof s>, 'money' | 'frac' | 'ratio'][] = [
    ['Final equity', 'finalEquity', 'money'],
    ['Total return', 'totalReturn', 'frac'],
    ['CAGR', 'cagr', 'frac'],
    ['Max drawdown', 'maxDrawdown', 'frac'],
    ['Sharpe (ann.)', 'sharpe', 'ratio'],
  ];
  const fmt = (v: number, k: 'money' | 'frac' | 'ratio') => (k === 'money' ? fmtNum(v, 0) : k === 'frac' ? fmtPct(v) : fmtNum(v, 3));
  return (
    <Study
      runLabel="Run Monte-Carlo"
      job={job}
      onRun={() => void submit()}
      form={
        <div className="field-row">
          <label className="field">
            Method
            <select value={method} onChange={(e) => setMethod(e.target.value as typeof method)}>
              <option value="iid">iid bootstrap (bars)</option>
              <option value="block">Block bootstrap (bars)</option>
              <option value="trade_shuffle">Trade-order shuffle</option>
            </select>
          </label>
          <label className="field">
            Paths
            <input inputMode="numeric" value={nPaths} onChange={(e) => setNPaths(e.target.value)} />
          </label>
          {method === 'block' && (
            <label className="field">
              Block size (bars)
              <input inputMode="numeric" value={block} onChange={(e) => setBlock(e.target.value)} />
            </label>
          )}
          <label className="field">
            Seed
            <input inputMode="numeric" value={seed} onChange={(e) => setSeed(e.target.value)} />
          </label>
        </div>
      }
    >
      {!s ? (
        <Panel title="Monte-Carlo">
          <Empty title="Not run yet">Resamples the run's returns into many alternative histories: how bad can it plausibly get?</Empty>
        </Panel>
      ) : (
        <>
          <Panel title={`Fan chart · ${fmtInt(s.nPaths)} paths · ${s.method}`}>
            <div className="metrics" style={{ marginBottom: 10 }}>
              <Metric k="P(loss)" v={fmtPct(s.probLoss)} cls={s.probLoss > 0.5 ? 'neg' : ''} />
              <Metric k="Median final equity" v={fmtNum(s.finalEquity.p50, 0)} />
              <Metric k="p5 final equity" v={fmtNum(s.finalEquity.p5, 0)} />
              <Metric k="p5 max drawdown" v={fmtPct(s.maxDrawdown.p5)} />
              <Metric k="Median Sharpe" v={fmtNum(s.sharpe.p50, 3)} />
              <Metric k="Seed" v={String(s.seed)} />
            </div>
            <FanChart fan={s.fan} initial={s.initialEquity} actual={barMethod ? actual : null} toTime={toTime} unit={barMethod ? 'bars' : 'trades'} />
          </Panel>
          <Panel title="Distributions" flush>
            <div className="table-wrap">
            <table className="table" aria-label="Monte-Carlo percentiles">
              <thead>
                <tr>
                  <th>Figure</th>
                  {['p5', 'p25', 'p50', 'p75', 'p95', 'mean', 'std'].map((p) => (
                    <th key={p} className={p === 'mean' || p === 'std' ? 'num col-low' : 'num'}>
                      {p}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map(([label, key, kind]) => {
                  const d = s[key] as { p5: number; p25: number; p50: number; p75: number; p95: number; mean: number; std: number };
                  return (
                    <tr key={label}>
                      <td className="muted">{label}</td>
                      {(['p5', 'p25', 'p50', 'p75', 'p95', 'mean', 'std'] as const).map((p) => (
                        <td key={p} className={p === 'mean' || p === 'std' ? 'num col-low' : 'num'}>
                          {fmt(d[p], kind)}
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
            </div>
          </Panel>
        </>
      )}
    </Study>
  );
}
