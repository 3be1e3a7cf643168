import { useEffect, useState } from 'react';
import { CodeLabel } from '../../components/CodeLabel';
import { api, type CommandOutput } from '../../api/client';
import { Panel } from '../../components/Panel';
import { ErrorBox, Loading, Empty } from '../../components/States';
import { Plot } from '../../charts/Plot';
import { fmtNum, fmtTime } from '../../lib/format';
import { clusterName } from './psych-labels';

type List = CommandOutput<'drills:list'>;
type Trends = CommandOutput<'drills:trends'>;
const DIMS = [['fomo', 'FOMO'], ['loss_fear', 'Loss fear'], ['impulsivity', 'Impulsivity'], ['hesitation', 'Hesitation'], ['rule_break', 'Rule break']] as const;

/** Drills so far and trend lines across them: reaction percentiles per drill, a dimension's score per cluster. */
export function DrillHistory({ onOpen }: { onOpen(id: string): void }) {
  const [list, setList] = useState<List | null>(null);
  const [trends, setTrends] = useState<Trends | null>(null);
  const [dim, setDim] = useState<string>('hesitation');
  const [error, setError] = useState<unknown>(null);
  const [scenarioNames, setScenarioNames] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    api.call('drills:list', { limit: 200 }).then(setList, setError);
    api.call('drills:trends', { method: 'report' }).then(setTrends, setError);
    // the library's names for the scenario column; without them the id is shown
    api.call('drills:scenarios', {}).then((l) => setScenarioNames(new Map(l.map((x) => [x.id, x.name]))), () => undefined);
  }, []);
  if (error) return <ErrorBox error={error} />;
  if (!list || !trends) return <Loading />;
  if (!list.length) return <Empty title="No drills yet">Start one on the Drill tab, or run `peak drill demo`.</Empty>;
  const r = trends.reactions;
  // x = the drill's number in finishing order (1 = first finished drill): even spacing, readable with few drills
  const order = new Map(r.map((p, i) => [p.drillId, i + 1]));
  return (
    <div className="grid">
      <div className="grid cols-2">
        <Panel title="Reaction time per drill (ms)">
          <TrendPlot label="Reaction percentiles" yTitle="ms" series={(['p50', 'p90', 'p95'] as const).map((k) => ({ name: k, x: r.map((p) => order.get(p.drillId) ?? 0), y: r.map((p) => p[k]) }))} />
        </Panel>
        <Panel title="Score trend per cluster" actions={<select aria-label="Dimension" value={dim} onChange={(e) => setDim(e.target.value)}>{DIMS.map(([k, l]) => <option key={k} value={k}>{l}</option>)}</select>}>
          <TrendPlot label="Score trends" yTitle="score 0–3" series={trends.scores.filter((s) => s.dimension === dim).map((s) => ({ name: clusterName(s.cluster), x: s.points.map((p) => order.get(p.drillId) ?? 0), y: s.points.map((p) => p.score) }))} />
        </Panel>
      </div>
      <Panel title="Drills" flush>
        <div className="table-wrap"><table className="table"><thead><tr><th>created</th><th>status</th><th>scenario</th><th>strategy</th><th>signals</th><th>missed</th><th>mean ms</th><th>P&amp;L</th></tr></thead>
          <tbody>{list.map((d) => (<tr key={d.id} onClick={() => d.status === 'finished' && onOpen(d.id)} style={{ cursor: d.status === 'finished' ? 'pointer' : 'default' }}>
            <td>{fmtTime(d.createdAt, true)}</td><td><CodeLabel code={d.status} /></td><td title={d.scenarioId ?? ''}>{d.scenarioId ? (scenarioNames.get(d.scenarioId) ?? d.scenarioId) : '—'}</td><td>{d.strategy}</td><td>{d.totalSignals}</td><td>{d.missedSignals ?? '—'}</td><td>{fmtNum(d.avgReactionMs, 0)}</td><td>{fmtNum(d.pnl, 2)}</td></tr>))}</tbody></table></div>
      </Panel>
    </div>
  );
}

function TrendPlot({ series, label, yTitle }: { series: { name: string; x: number[]; y: (number | null)[] }[]; label: string; yTitle: string }) {
  const data = series.map((s) => ({ type: 'scatter', mode: 'lines+markers', x: s.x, y: s.y, name: s.name, marker: { size: 7 } }));
  const layout = { xaxis: { title: { text: 'drill #' }, dtick: 1 }, yaxis: { title: { text: yTitle } }, showlegend: true, margin: { l: 56, r: 10, t: 10, b: 44 } };
  return <Plot data={data as never} layout={layout as never} height={260} label={label} />;
}
