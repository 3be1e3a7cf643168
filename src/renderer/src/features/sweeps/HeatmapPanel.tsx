import { useEffect, useMemo, useState } from 'react';
import { api, type CommandOutput } from '../../api/client';
import { Panel } from '../../components/Panel';
import { Empty, ErrorBox, Loading } from '../../components/States';
import { Heatmap } from '../../charts/Heatmap';
import { metricInfo } from '../../lib/format';
import { SWEEP_METRICS } from './metrics';
import { cellHoverTexts } from './cell-hover';
import { fetchCellBest, useOpenCombination } from './open-combination';

type Heat = CommandOutput<'sweeps:heatmap'>;

/** A metric over two swept parameters; a click runs and opens the backtest of the cell's best combination. */
export function HeatmapPanel({ sweepId, paramNames, defaultMetric, version }: { sweepId: number; paramNames: string[]; defaultMetric: string; version: number }) {
  const [x, setX] = useState(paramNames[0]);
  const [y, setY] = useState(paramNames[1] ?? paramNames[0]);
  const [metric, setMetric] = useState(defaultMetric);
  const [heat, setHeat] = useState<Heat | null>(null);
  const [error, setError] = useState<unknown>(null);
  const openCell = useOpenCombination();
  const hoverText = useMemo(() => (heat ? cellHoverTexts(heat.cells, x, y, heat.metric) : undefined), [heat, x, y]);
  // Refetch as results arrive, once per 5 % of progress (`version` = progress in twentieths).
  const bucket = version;
  useEffect(() => {
    if (!paramNames.includes(x)) setX(paramNames[0]);
    if (!paramNames.includes(y)) setY(paramNames[1] ?? paramNames[0]);
  }, [paramNames, x, y]);
  useEffect(() => {
    if (x === y) return;
    api
      .call('sweeps:heatmap', { id: sweepId, x, y, metric })
      .then((h) => {
        setHeat(h);
        setError(null);
      })
      .catch(setError);
  }, [sweepId, x, y, metric, bucket]);

  async function onCell(cx: number | string | boolean | null, cy: number | string | boolean | null) {
    try {
      const params = await fetchCellBest(sweepId, x, cx, y, cy, metric);
      if (params) await openCell(sweepId, params);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <Panel
      title="Heatmap"
      actions={
        <div className="actions" style={{ textTransform: 'none', letterSpacing: 0, fontWeight: 400 }}>
          <label className="check">
            x
            <select aria-label="Heatmap x" value={x} onChange={(e) => setX(e.target.value)} style={{ width: 120 }}>
              {paramNames.map((p) => (
                <option key={p}>{p}</option>
              ))}
            </select>
          </label>
          <label className="check">
            y
            <select aria-label="Heatmap y" value={y} onChange={(e) => setY(e.target.value)} style={{ width: 120 }}>
              {paramNames.map((p) => (
                <option key={p}>{p}</option>
              ))}
            </select>
          </label>
          <label className="check">
            metric
            <select aria-label="Heatmap metric" value={metric} onChange={(e) => setMetric(e.target.value)} style={{ width: 130 }}>
              {SWEEP_METRICS.map((m) => (
                <option key={m} value={m}>
                  {metricInfo(m).label}
                </option>
              ))}
            </select>
          </label>
        </div>
      }
    >
      {x === y ? (
        <Empty title="Pick two different parameters" />
      ) : error ? (
        <ErrorBox error={error} />
      ) : !heat ? (
        <Loading />
      ) : (
        <>
          <Heatmap x={heat.x} y={heat.y} z={heat.z} xLabel={x} yLabel={y} metric={metricInfo(heat.metric).label} hoverText={hoverText} onCell={(cx, cy) => void onCell(cx, cy)} />
          <div className="muted" style={{ fontSize: 11 }}>
            Each cell: the best {metricInfo(heat.metric).label} over the other parameters; ★ marks the best cell. Click a cell to run and open its backtest.
          </div>
        </>
      )}
    </Panel>
  );
}
