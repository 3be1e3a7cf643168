import { useEffect, useMemo, useState } from 'react';
import { api, inputError, type CommandOutput } from '../../api/client';
import { useApp } from '../../stores/app';
import { useResearch, type Run } from './store';
import { Panel } from '../../components/Panel';
import { Empty } from '../../components/States';
import { MetricsGrid } from '../../components/MetricsGrid';
import { LineChart } from '../../charts/LineChart';
import { normalizeParamFields, rangeToSpec } from '../../lib/param-form';
import { fmtInt, fmtNum, fmtPct, fmtTime, metricInfo, signClass } from '../../lib/format';
import { useJob } from '../../lib/use-job';
import { Metric, Study } from './Study';
import { buildWalkForward } from './requests';
import { formatParams } from '../../../../core/runs/param-label';

/** Walk-forward: optimise the grid in-sample per window, trade the winner out-of-sample, stitch the OOS segments. */
export function WalkForwardTab({ run }: { run: Run }) {
  const strategies = useApp((s) => s.strategies);
  const { wf, set } = useResearch();
  const fields = useMemo(() => normalizeParamFields(strategies?.find((s) => s.id === run.strategyId)?.params ?? []), [strategies, run.strategyId]);
  const [train, setTrain] = useState('365d');
  const [test, setTest] = useState('90d');
  const [mode, setMode] = useState<'rolling' | 'anchored'>('rolling');
  const [metric, setMetric] = useState('sharpe');
  const [grid, setGrid] = useState<Record<string, string>>({});
  const job = useJob<CommandOutput<'walkforward:run'>>();
  useEffect(() => {
    const g: Record<string, string> = {};
    for (const f of fields) if (f.sweep && f.kind !== 'enum') g[f.name] = rangeToSpec(f.sweep);
    setGrid(g);
  }, [fields]);

  const submit = async () => {
    const check = buildWalkForward(run, fields, { train, test, mode, metric, grid });
    if (!check.ok) return job.fail(inputError('walkforward:run', Object.values(check.errors).join('\n')));
    // null on failure: an old result never stays beside the new error
    set({ wf: await job.start((jobId) => api.call('walkforward:run', { ...check.value, jobId })) });
  };

  const s = wf?.summary;
  const varying = useMemo(() => (s ? varyingKeys(s.folds, Object.keys(run.params)) : []), [s, run.params]);
  return (
    <Study
      runLabel="Run walk-forward"
      job={job}
      onRun={() => void submit()}
      form={
        <>
          <div className="field-row">
            <label className="field">
              Train window
              <input value={train} onChange={(e) => setTrain(e.target.value)} placeholder="365d or bars" />
            </label>
            <label className="field">
              Test window
              <input value={test} onChange={(e) => setTest(e.target.value)} placeholder="90d or bars" />
            </label>
            <label className="field">
              Windows
              <select value={mode} onChange={(e) => setMode(e.target.value as 'rolling' | 'anchored')}>
                <option value="rolling">Rolling</option>
                <option value="anchored">Anchored (expanding)</option>
              </select>
            </label>
            <label className="field">
              Optimise
              <select value={metric} onChange={(e) => setMetric(e.target.value)}>
                {['sharpe', 'totalReturn', 'annualReturn'].map((m) => (
                  <option key={m} value={m}>
                    {metricInfo(m).label}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <fieldset>
            <legend>In-sample grid (empty = fixed at the run's value)</legend>
            <div className="grid" style={{ gap: 6 }}>
              {fields
                .filter((f) => f.kind !== 'enum' && f.kind !== 'boolean')
                .map((f) => (
                  <label key={f.name} className="field">
                    <span className="mono">{f.name}</span>
                    <input aria-label={`Walk-forward range ${f.name}`} value={grid[f.name] ?? ''} placeholder={`fixed ${String(run.params[f.name] ?? '')}`} onChange={(e) => setGrid({ ...grid, [f.name]: e.target.value })} />
                  </label>
                ))}
            </div>
          </fieldset>
        </>
      }
    >
      {!s ? (
        <Panel title="Walk-forward">
          <Empty title="Not run yet">Each window optimises the grid in-sample, then trades the winner out-of-sample; the OOS segments are stitched.</Empty>
        </Panel>
      ) : (
        <>
          <Panel title={`Stitched out-of-sample equity · ${s.folds.length} windows · grid ${fmtInt(s.gridSize)}`}>
            <div className="metrics" style={{ marginBottom: 10 }}>
              <Metric k="OOS total return" v={fmtPct(s.stitchedTotalReturn)} cls={signClass(s.stitchedTotalReturn)} />
              <Metric k="OOS Sharpe" v={fmtNum(s.stitchedSharpe, 3)} />
              <Metric k="OOS max drawdown" v={fmtPct(s.stitchedMaxDrawdown)} />
              <Metric k="WF efficiency" v={fmtNum(s.efficiency, 3)} hint="mean OOS ÷ mean IS annual return" />
              <Metric k="Mean IS ann. return" v={fmtPct(s.meanIsAnnualReturn)} />
              <Metric k="Mean OOS ann. return" v={fmtPct(s.meanOosAnnualReturn)} />
            </div>
            <LineChart series={[{ x: s.stitched.time, y: s.stitched.equity, name: 'OOS equity', color: '#4c9aff' }]} label="Stitched OOS equity" yTitle="Equity" />
          </Panel>
          <Panel title="Windows" flush>
            <div className="table-wrap">
              <table className="table" aria-label="Walk-forward windows">
                <thead>
                  <tr>
                    <th className="num">#</th>
                    <th className="col-lowest">Train</th>
                    <th>Test</th>
                    <th>Chosen params</th>
                    <th className="num col-low">IS Sharpe</th>
                    <th className="num">OOS Sharpe</th>
                    <th className="num">OOS return</th>
                    <th className="num">OOS max DD</th>
                    <th className="num col-low">OOS trades</th>
                  </tr>
                </thead>
                <tbody>
                  {s.folds.map((f) => (
                    <tr key={f.window.index} title={`train ${fmtTime(f.trainFrom, false)} → ${fmtTime(f.trainTo, false)} · test ${fmtTime(f.testFrom, false)} → ${fmtTime(f.testTo, false)}`}>
                      <td className="num muted">{f.window.index + 1}</td>
                      <td className="mono col-lowest">
                        {fmtTime(f.trainFrom, false)} → {fmtTime(f.trainTo, false)}
                      </td>
                      <td className="mono">
                        {fmtTime(f.testFrom, false)} → {fmtTime(f.testTo, false)}
                      </td>
                      {/* long parameter strings truncate (full text in the tooltip) so the OOS figures stay on screen */}
                      <td className="mono cell-clip" title={formatParams(f.params)}>{chosenText(f.params, varying)}</td>
                      <td className="num col-low">{fmtNum(f.is.sharpe, 3)}</td>
                      <td className={`num ${signClass(f.oos.sharpe)}`}>{fmtNum(f.oos.sharpe, 3)}</td>
                      <td className={`num ${signClass(f.oos.totalReturn)}`}>{fmtPct(f.oos.totalReturn)}</td>
                      <td className="num">{fmtPct(f.oos.maxDrawdown)}</td>
                      <td className="num col-low">{fmtInt(f.oos.trades)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Panel>
          <Panel title="Aggregates">
            <MetricsGrid metrics={s.aggregates} label="Walk-forward aggregates" />
          </Panel>
        </>
      )}
    </Study>
  );
}

/**
 * The parameters the windows chose between (those that differ across windows; all when none differ), in the
 * strategy's own order (the subject run's: fast before slow).
 */
function varyingKeys(folds: readonly { params: Record<string, unknown> }[], order: readonly string[]): string[] {
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  const keys = folds.length ? Object.keys(folds[0].params).sort((a, b) => rank(a) - rank(b)) : [];
  const varying = keys.filter((k) => folds.some((f) => JSON.stringify(f.params[k]) !== JSON.stringify(folds[0].params[k])));
  return varying.length ? varying : keys;
}

function chosenText(params: Record<string, unknown>, keys: readonly string[]): string {
  return formatParams(Object.fromEntries(keys.filter((k) => Object.hasOwn(params, k)).map((k) => [k, params[k]])));
}
