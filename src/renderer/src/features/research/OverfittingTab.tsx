import { useEffect, useMemo, useState } from 'react';
import { api, type CommandOutput } from '../../api/client';
import { useResearch, type Run } from './store';
import { Panel } from '../../components/Panel';
import { Empty, Loading } from '../../components/States';
import { Histogram } from '../../charts/Histogram';
import { Plot } from '../../charts/Plot';
import { fmtInt, fmtNum, fmtPct } from '../../lib/format';
import { useJob } from '../../lib/use-job';
import { Metric, Study } from './Study';

type Sweep = CommandOutput<'sweeps:list'>['sweeps'][number];

/** PSR, Deflated Sharpe (N = the sweep's size) and PBO by CSCV of a finished sweep. */
export function OverfittingTab({ run }: { run: Run | null }) {
  const { overfit, set } = useResearch();
  const [sweeps, setSweeps] = useState<Sweep[] | null>(null);
  const [sweepId, setSweepId] = useState<number | null>(null);
  const job = useJob<CommandOutput<'research:overfitting'>>();
  useEffect(() => {
    api
      .call('sweeps:list', { limit: 100, offset: 0 })
      .then((r) => {
        const done = r.sweeps.filter((s) => s.status === 'done');
        setSweeps(done);
        setSweepId(done.find((s) => s.strategyId === run?.strategyId && s.datasetId === run?.datasetId)?.id ?? done[0]?.id ?? null);
      })
      .catch(() => setSweeps([]));
  }, [run?.strategyId, run?.datasetId]);
  const submit = async () => {
    if (sweepId === null) return;
    set({ overfit: await job.start((jobId) => api.call('research:overfitting', { sweepId, jobId })) });
  };
  const o = overfit;
  const scatter = useMemo(
    () =>
      o
        ? [
            { type: 'scatter', mode: 'markers', x: o.isOos.map((p) => p[0]), y: o.isOos.map((p) => p[1]), marker: { size: 4, color: 'rgba(76,154,255,0.6)' }, name: 'splits', hovertemplate: 'IS %{x:.3f} → OOS %{y:.3f}<extra></extra>' },
          ]
        : [],
    [o],
  );
  return (
    <Study
      runLabel="Compute PSR / DSR / PBO"
      job={job}
      onRun={() => void submit()}
      form={
        !sweeps ? (
          <Loading />
        ) : sweeps.length === 0 ? (
          <Empty title="No finished sweep">Overfitting statistics need a finished sweep (its size is the number of trials).</Empty>
        ) : (
          <label className="field">
            Sweep (trials)
            <select value={sweepId ?? ''} onChange={(e) => setSweepId(Number(e.target.value))}>
              {sweeps.map((s) => (
                <option key={s.id} value={s.id}>
                  #{s.id} · {s.preset ?? s.strategyId} · {fmtInt(s.total)} combos
                </option>
              ))}
            </select>
          </label>
        )
      }
    >
      {!o ? (
        <Panel title="Overfitting statistics">
          <Empty title="Not computed yet">Probabilistic and Deflated Sharpe of the sweep's best combination, and the Probability of Backtest Overfitting (CSCV).</Empty>
        </Panel>
      ) : (
        <>
          <Panel title={`Sweep #${o.sweepId} · ${fmtInt(o.nTrials)} trials · S = ${o.blocks} blocks · ${fmtInt(o.nSplits)} splits`}>
            <div className="metrics">
              <Metric k="PSR" v={fmtNum(o.psr, 4)} cls={o.psr >= 0.95 ? 'pos' : 'neg'} hint="P(true Sharpe > 0)" />
              <Metric k="DSR" v={fmtNum(o.dsr, 4)} cls={o.dsr >= 0.95 ? 'pos' : 'neg'} hint="PSR against the deflated benchmark SR*" />
              <Metric k="PBO" v={fmtNum(o.pbo, 4)} cls={o.pbo <= 0.5 ? 'pos' : 'neg'} hint="share of splits where the IS-best ranks below the OOS median" />
              <Metric k="SR* (ann.)" v={fmtNum(o.srStarAnnual, 3)} />
              <Metric k="Best Sharpe (ann.)" v={fmtNum(o.best.sharpe, 3)} />
              <Metric k="P(OOS loss)" v={fmtPct(o.probOosLoss)} />
              <Metric k="Skew" v={fmtNum(o.skew, 3)} />
              <Metric k="Kurtosis (raw)" v={fmtNum(o.kurtosis, 3)} />
            </div>
            <div className="muted mono" style={{ fontSize: 11, marginTop: 6 }}>
              best: {Object.entries(o.best.params).map(([k, v]) => `${k}=${String(v)}`).join(' ')} · per-period SR {fmtNum(o.perPeriodSharpe, 5)} over n = {fmtInt(o.n)}
            </div>
          </Panel>
          <div className="grid cols-2">
            <Panel title="Logit distribution (lambda ≤ 0 → overfit)">
              <Histogram bins={edgesToBins(o.logitHistogram)} unit="λ" label="PBO logit histogram" />
            </Panel>
            <Panel title="IS vs OOS Sharpe of the IS-best (per period)">
              <Plot data={scatter} layout={{ xaxis: { title: { text: 'IS' } }, yaxis: { title: { text: 'OOS' } }, hovermode: 'closest' }} height={220} label="IS vs OOS Sharpe" />
            </Panel>
          </div>
        </>
      )}
    </Study>
  );
}

/** Histogram given as edges + counts (edges one longer) → centres, counts and bar width. */
export function edgesToBins(h: { edges: number[]; counts: number[] }): { centers: number[]; counts: number[]; width: number } {
  const centers = h.counts.map((_, i) => (h.edges[i] + h.edges[i + 1]) / 2);
  return { centers, counts: h.counts, width: h.edges.length > 1 ? h.edges[1] - h.edges[0] : 1 };
}

