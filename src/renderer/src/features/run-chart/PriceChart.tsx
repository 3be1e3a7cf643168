import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../../api/client';
import { Plot, type XRange } from '../../charts/Plot';
import type { Layout, PlotData } from 'plotly.js-dist-min';
import { ErrorBox } from '../../components/States';
import { fmtInt } from '../../lib/format';
import { COLORS, priceLayout, priceTraces, type PriceChartData } from './price-traces';
import { afterFirstChartPaint } from './paint-gate';
import './run-chart.css';

export interface ChartFocus {
  from: number;
  to: number;
  /** bumps on every request, so clicking the same trade twice zooms again */
  seq: number;
}

/**
 * The backtest price chart: candles (level of detail: ≈ 1 candle per 1.5 px, re-requested for the visible window
 * on zoom), the strategy's own indicators, entry/exit markers (grouped when dense), equity with buy & hold and
 * drawdown — one figure, one linked time axis. `focus` zooms to a window (a click in the trades table);
 * a click on a trade marker reports the trade index.
 */
export function PriceChart({ runId, focus, onTrade, height = 640 }: { runId: number; focus?: ChartFocus | null; onTrade?: (index: number) => void; height?: number }) {
  const [data, setData] = useState<PriceChartData | null>(null);
  const [range, setRange] = useState<{ from: number; to: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const wrap = useRef<HTMLDivElement>(null);
  const seq = useRef(0);
  const t0 = useRef(performance.now());
  const painted = useRef(false);

  const load = useCallback(
    (r: XRange | null) => {
      const s = ++seq.current;
      const width = wrap.current?.clientWidth ?? 1000;
      const maxPoints = Math.max(100, Math.min(3000, Math.round(width / 1.5)));
      api
        .call('charts:price', { id: runId, maxPoints, ...(r ? { from: Math.floor(r.from), to: Math.ceil(r.to) } : {}) })
        .then((d) => {
          if (s !== seq.current) return;
          setData(d);
          setError(null);
        })
        .catch((e: unknown) => s === seq.current && setError(e));
    },
    [runId],
  );

  useEffect(() => {
    setData(null);
    setRange(null);
    painted.current = false;
    t0.current = performance.now();
    let live = true;
    void afterFirstChartPaint(t0.current, 300).then(() => live && load(null));
    return () => {
      live = false;
    };
  }, [load]);

  useEffect(() => {
    if (!focus) return;
    setRange({ from: focus.from, to: focus.to });
    load(focus);
    // A click in the trades table (below the fold) zooms here: bring the chart into view.
    wrap.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, [focus, load]);

  const traces = useMemo(() => (data ? (priceTraces(data) as unknown as PlotData[]) : []), [data]);
  const layout = useMemo(() => priceLayout(data, range) as unknown as Layout, [data, range]);

  return (
    <div ref={wrap} data-testid="price-chart" data-markers={data ? data.markers.length : ''} data-clusters={data ? data.clusters.length : ''} data-indicators={data ? data.indicators.map((i) => i.label).join('|') : ''}>
      {error ? <ErrorBox error={error} title="Could not load the price chart" /> : null}
      <Plot
        data={traces}
        layout={layout}
        height={height}
        label="Price and trades"
        onXRange={(r) => {
          setRange(r);
          load(r);
        }}
        onClick={(p) => {
          if (typeof p.customdata === 'number') onTrade?.(p.customdata);
        }}
        onPainted={() => {
          if (!painted.current && data) {
            painted.current = true;
            (window as unknown as { __peakPricePaintMs?: number }).__peakPricePaintMs = performance.now() - t0.current;
          }
        }}
      />
      {data && (
        <div className="muted price-chart-meta" data-testid="price-meta">
          <span>
            {fmtInt(data.time.length)} candles for {fmtInt(data.totalBars)} bars
            {data.barsPerPoint > 1 ? ` · ${data.barsPerPoint} bars per candle (zoom to see more)` : ' · full resolution'}
          </span>
          <span>
            {fmtInt(data.markerTotal)} trade events in view{data.clusters.length ? ` · grouped into ${fmtInt(data.clusters.length)} bubbles (zoom in for single trades)` : ''}
          </span>
          <span>
            <span className="swatch" style={{ background: COLORS.win }} />
            win <span className="swatch" style={{ background: COLORS.loss, marginLeft: 6 }} />
            loss · ▲ long entry ▼ short entry ● exit
          </span>
        </div>
      )}
    </div>
  );
}
