import { useEffect, useMemo, useRef, useState } from 'react';
import { CodeLabel } from '../../components/CodeLabel';
import { codePhrase } from '../../lib/labels';
import { api, type CommandOutput } from '../../api/client';
import { Panel } from '../../components/Panel';
import { ErrorBox, Loading } from '../../components/States';
import { Plot } from '../../charts/Plot';
import { Histogram } from '../../charts/Histogram';
import { fmtNum } from '../../lib/format';
import { paintReplay } from './ReplayCanvas';
import { heatMatrix, visibleWindow } from './replay-model';
import { HEAT_COLOURS, HEAT_NAMES, HEAT_SCALE } from './heat';
import { CLUSTERS, COL_DE, COL_EN, DIMS, ROW_DE, ROW_EN } from './psych-labels';

type Detail = CommandOutput<'drills:get'>;

/** Result of one drill: reaction histogram and stats, outcome table, pain points (→ bar on the chart), heatmap. */
export function DrillResult({ drillId }: { drillId: string }) {
  const [d, setD] = useState<Detail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [lang, setLang] = useState<'de' | 'en'>('de');
  const [method, setMethod] = useState<'report' | 'features' | null>(null);
  const [focusBar, setFocusBar] = useState<number | null>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    setD(null);
    api.call('drills:get', { drillId }).then(setD, setError);
  }, [drillId]);
  useEffect(() => {
    if (!d || !canvas.current) return;
    const bar = focusBar ?? d.prices.close.length - 1;
    const [from, to] = visibleWindow(Math.min(d.prices.close.length - 1, bar + 40), 120);
    paintReplay(canvas.current, { ...d.prices, indicators: [], signals: d.signals }, from, to, focusBar);
  }, [d, focusBar]);
  const m = method ?? d?.config.method ?? 'report';
  const heat = d?.analysis ? (m === 'report' ? d.analysis.heatmapReport : d.analysis.heatmapFeatures) : null;
  const plot = useMemo(() => {
    if (!heat) return null;
    const mx = heatMatrix(heat.cells, CLUSTERS, DIMS);
    return [{
      type: 'heatmap', x: lang === 'de' ? COL_DE : COL_EN, y: lang === 'de' ? ROW_DE : ROW_EN, z: mx.z, text: mx.text, zmin: 0, zmax: 3.999,
      colorscale: HEAT_SCALE, showscale: false, xgap: 2, ygap: 2, hovertemplate: '%{y} · %{x}<br>%{text}<extra></extra>',
    }, {
      type: 'scatter', mode: 'text', x: (lang === 'de' ? COL_DE : COL_EN).flatMap((c) => CLUSTERS.map(() => c)),
      y: (lang === 'de' ? COL_DE : COL_EN).flatMap(() => (lang === 'de' ? ROW_DE : ROW_EN)),
      text: DIMS.flatMap((_, j) => CLUSTERS.map((__, i) => mx.scores[i][j].toFixed(2))), textfont: { color: '#fff', size: 13 }, hoverinfo: 'skip', showlegend: false,
    }];
  }, [heat, lang]);
  if (error) return <ErrorBox error={error} />;
  if (!d) return <Loading />;
  const a = d.analysis;
  if (!a) return <Panel title={`Drill ${codePhrase(d.drill.status)}`}><span className="muted">This drill was {codePhrase(d.drill.status)}; {d.actions.length} actions stored, no analysis.</span></Panel>;
  const s = a.summary;
  return (
    <div className="grid">
      <div className="grid cols-2">
        <Panel title={<>Psychology heatmap <span className="muted">· method {heat?.method}{heat?.method === 'report' ? `, quirks ${heat.quirks}` : ''}</span></>} id="drill-heatmap"
          actions={<span className="actions">
            <select aria-label="Scoring method" value={m} onChange={(e) => setMethod(e.target.value as 'report' | 'features')}><option value="report">Report method</option><option value="features">Feature-based</option></select>
            <select aria-label="Row labels" value={lang} onChange={(e) => setLang(e.target.value as 'de' | 'en')}><option value="de">Deutsch</option><option value="en">English</option></select>
          </span>}>
          {plot && <Plot data={plot as never} layout={{ margin: { l: 170, r: 10, t: 10, b: 40 }, xaxis: { type: 'category', side: 'bottom' }, yaxis: { type: 'category', autorange: 'reversed' } } as never} height={330} label="Psychology heatmap" />}
          <div className="heat-legend">{HEAT_NAMES.map((n, i) => <span key={n}><span className="heat-swatch" style={{ background: HEAT_COLOURS[i] }} />{n}</span>)}
            <span className="muted">problem clusters (≥ 2.5): {heat && heat.problemClusters.length ? heat.problemClusters.map((c) => (lang === 'de' ? ROW_DE : ROW_EN)[CLUSTERS.indexOf(c)]).join(', ') : 'none'}</span></div>
        </Panel>
        <Panel title="Reaction times">
          <div className="kv mono" data-testid="drill-summary">
            <span>signals</span><span>{d.signals.length} · missed {s.counts.MISSED} · skipped {s.counts.SKIPPED} · impulsive {s.counts.IMPULSIVE} · late {s.counts.LATE} · on time {s.counts.ON_TIME}</span>
            <span>mean / median</span><span>{fmtNum(s.mean, 1)} / {fmtNum(s.median, 1)} ms (std {fmtNum(s.std, 1)})</span>
            <span>p90 / p95 / p99</span><span>{fmtNum(s.p90, 0)} / {fmtNum(s.p95, 0)} / {fmtNum(s.p99, 0)} ms</span>
            <span>min / max</span><span>{fmtNum(s.min, 0)} / {fmtNum(s.max, 0)} ms</span>
            <span>paper P&amp;L</span><span>{fmtNum(a.pnl, 2)} (fees {fmtNum(a.fees, 2)}, {a.trades.length} trades; next-open fills)</span>
          </div>
          <Histogram values={a.reactions.flatMap((r) => (r.reactionMs === null ? [] : [r.reactionMs]))} label="Reaction time histogram" unit="ms" height={200} />
        </Panel>
      </div>
      <Panel title="Events and outcomes (20-bar lookahead)" flush>
          <div className="table-wrap"><table className="table" data-testid="drill-events"><thead><tr><th>signal</th><th>bar</th><th>recommended</th><th>action</th><th>reaction ms</th><th>category</th><th>outcome</th><th>pnl after</th></tr></thead>
            <tbody>{a.events.map((e, i) => (<tr key={e.signalId} data-signal={e.signalId}><td>{e.signalId}</td><td>{e.bar}</td><td><CodeLabel code={e.recommended} /></td><td>{e.userAction ? <CodeLabel code={e.userAction} /> : '—'}</td>
              <td className="mono">{a.reactions[i].reactionMs === null ? '—' : a.reactions[i].reactionMs!.toFixed(1)}</td><td><CodeLabel code={a.reactions[i].category} /></td><td><CodeLabel code={e.outcome} /></td><td className="mono">{fmtNum(e.pnlAfterBars, 4)}</td></tr>))}</tbody></table></div>
      </Panel>
      <Panel title="Pain points (missed, late or rule-breaking signals followed by a favourable move)">
          {a.painPoints.length === 0 ? <span className="muted">None: no missed, late or rule-breaking signal was followed by a favourable move.</span> : (
            <ul>{a.painPoints.map((e) => <li key={e.signalId}><button className="btn small" onClick={() => setFocusBar(e.bar)}>bar {e.bar}</button> {e.signalId} · <CodeLabel code={e.outcome} /> · pnl after 20 bars {fmtNum(e.pnlAfterBars, 4)}</li>)}</ul>)}
          <canvas ref={canvas} className="drill-canvas" style={{ height: 260, marginTop: 8 }} aria-label="Chart at the selected bar" />
      </Panel>
    </div>
  );
}
