import { Fragment, useState } from 'react';
import { api, inputError, type CommandOutput } from '../../api/client';
import { useResearch, type Run } from './store';
import { Panel } from '../../components/Panel';
import { Empty } from '../../components/States';
import { fmtMetricCell, fmtPct, metricInfo, signClass } from '../../lib/format';
import { useJob } from '../../lib/use-job';
import { Study } from './Study';
import { buildStress, STRESS_KINDS, type StressKind } from './requests';
import { stressLabel } from './stress-labels';
import { deltaOf, DELTA_UNIT, fmtPp, fmtSharpeDelta, stressDeltaRows } from './stress-deltas';

/** Stress: crashes, gaps, volatility spikes and regimes injected into the run's returns, against the baseline. */
export function StressTab({ run }: { run: Run }) {
  const { stress, set } = useResearch();
  const [picked, setPicked] = useState<Partial<Record<StressKind, boolean>>>(Object.fromEntries(STRESS_KINDS.map((k) => [k, true])));
  const [position, setPosition] = useState<'start' | 'middle' | 'end'>('middle');
  const [severity, setSeverity] = useState('');
  const job = useJob<CommandOutput<'stress:run'>>();
  const submit = async () => {
    const check = buildStress(run, { picked, position, severityPct: severity });
    if (!check.ok) return job.fail(inputError('stress:run', Object.values(check.errors).join('\n')));
    // null on failure: an old result never stays beside the new error
    set({ stress: await job.start((jobId) => api.call('stress:run', { ...check.value, jobId })) });
  };
  const s = stress?.summary;
  const deltas = s ? stressDeltaRows(s) : [];
  const cols = ['totalReturn', 'maxDrawdown', 'sharpe', 'cagr', 'volatility'] as const;
  // CAGR and volatility drop out below 1400 px (CSS .col-low) so the return / drawdown / Sharpe deltas stay visible
  const low = (c: (typeof cols)[number]): string => (c === 'cagr' || c === 'volatility' ? ' col-low' : '');
  return (
    <Study
      runLabel="Run stress tests"
      job={job}
      onRun={() => void submit()}
      form={
        <>
          <fieldset>
            <legend>Scenarios</legend>
            <div className="grid" style={{ gap: 4 }}>
              {STRESS_KINDS.map((k) => (
                <label key={k} className="check">
                  <input type="checkbox" checked={!!picked[k]} onChange={(e) => setPicked({ ...picked, [k]: e.target.checked })} />
                  <span title={k}>{stressLabel(k)}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <div className="field-row">
            <label className="field">
              Position
              <select value={position} onChange={(e) => setPosition(e.target.value as typeof position)}>
                <option value="start">start</option>
                <option value="middle">middle</option>
                <option value="end">end</option>
              </select>
            </label>
            <label className="field">
              Severity % (blank = scenario default)
              <input inputMode="decimal" value={severity} onChange={(e) => setSeverity(e.target.value)} />
            </label>
          </div>
        </>
      }
    >
      {!s ? (
        <Panel title="Stress">
          <Empty title="Not run yet">Injects crashes, gaps, volatility spikes and regimes into the run's returns and compares with the baseline.</Empty>
        </Panel>
      ) : (
        <Panel title="Baseline vs stressed" flush>
          <div className="table-wrap">
            <table className="table" aria-label="Stress results">
              <thead>
                <tr>
                  <th>Scenario</th>
                  {cols.map((c) => (
                    <Fragment key={c}>
                      <th className={`num${low(c)}`}>{metricInfo(c).label}</th>
                      {DELTA_UNIT[c] === 'pp' && <th className={`num${low(c)}`} title="stressed − baseline, in percentage points">Δ pp</th>}
                      {DELTA_UNIT[c] === 'ratio' && <th className={`num${low(c)}`} title="stressed − baseline Sharpe (a ratio)">Δ</th>}
                    </Fragment>
                  ))}
                </tr>
              </thead>
              <tbody>
                <tr style={{ fontWeight: 600 }}>
                  <td>baseline</td>
                  {cols.map((c) => (
                    <Fragment key={c}>
                      <td className={`num${low(c)}`}>{fmtMetricCell(c, s.baseline[c])}</td>
                      {DELTA_UNIT[c] && <td className={low(c).trim()} />}
                    </Fragment>
                  ))}
                </tr>
                {s.results.map((r, i) => (
                  <tr key={i}>
                    <td title={r.scenario.kind} style={{ whiteSpace: 'normal' }}>
                      {stressLabel(r.scenario.kind)}
                      <div className="muted" style={{ fontSize: '0.85em', whiteSpace: 'nowrap' }}>
                        {r.scenario.position} · severity {fmtPct(r.scenario.severity, 1)}
                      </div>
                    </td>
                    {cols.map((c) => {
                      const d = deltaOf(c, deltas[i]);
                      return (
                        <Fragment key={c}>
                          <td className={`num${low(c)}`}>{fmtMetricCell(c, r.stressed[c])}</td>
                          {DELTA_UNIT[c] && <td className={`num ${signClass(d)}${low(c)}`}>{DELTA_UNIT[c] === 'pp' ? fmtPp(d) : fmtSharpeDelta(d)}</td>}
                        </Fragment>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Panel>
      )}
    </Study>
  );
}
