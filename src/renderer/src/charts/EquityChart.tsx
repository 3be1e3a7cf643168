import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, type CommandOutput } from '../api/client';
import { Plot, type XRange } from './Plot';
import { ErrorBox } from '../components/States';
import { maxPointsFor } from '../lib/series';
import { fmtInt } from '../lib/format';
import { drawEquityPreview } from './equity-preview';
import { takePrefetchedEquity } from './equity-source';
import { useUi } from '../stores/ui';

type Equity = CommandOutput<'runs:equity'>;

/**
 * Equity (top, quote currency) with drawdown (bottom, % from the running peak) on a shared time axis.
 * Level of detail: the back end returns min/max/last per bucket for at most maxPoints buckets (≈ 2 per pixel);
 * min/max are drawn as a thin band so single-bar spikes survive downsampling. Zoom re-requests the window.
 * No trade markers: the price chart right below draws every trade (grouped when dense, hover with the trade) on
 * its own equity panel, and markers here would redraw this chart when the run's trades arrive after its curve.
 */
export function EquityChart({ runId, height = 420, onFirstPaint }: { runId: number; height?: number; onFirstPaint?: (ms: number) => void }) {
  const [series, setSeries] = useState<Equity | null>(null);
  const [error, setError] = useState<unknown>(null);
  const wrap = useRef<HTMLDivElement>(null);
  const seq = useRef(0);
  const firstPaint = useRef(false);
  const t0 = useRef(performance.now());

  const load = useCallback(
    (range: XRange | null) => {
      const s = ++seq.current;
      const request =
        (range ? null : takePrefetchedEquity(runId)) ??
        api.call('runs:equity', { id: runId, maxPoints: maxPointsFor(wrap.current?.clientWidth ?? 1000), ...(range ? { from: Math.floor(range.from), to: Math.ceil(range.to) } : {}) });
      request
        .then((r) => {
          if (s === seq.current) {
            setSeries(r);
            setError(null);
          }
        })
        .catch((e: unknown) => s === seq.current && setError(e));
    },
    [runId],
  );

  useEffect(() => {
    setSeries(null);
    firstPaint.current = false;
    t0.current = performance.now();
    load(null);
  }, [load]);

  const data = useMemo(() => {
    if (!series) return [];
    const x = series.time;
    const downsampled = series.barsPerPoint > 1;
    const dd = series.drawdownMin.map((v) => v * 100);
    const traces: Record<string, unknown>[] = [];
    if (downsampled) {
      traces.push(
        { type: 'scatter', mode: 'lines', x, y: series.equityMax, line: { width: 0 }, hoverinfo: 'skip', yaxis: 'y', name: 'max' },
        { type: 'scatter', mode: 'lines', x, y: series.equityMin, line: { width: 0 }, fill: 'tonexty', fillcolor: 'rgba(76,154,255,0.25)', hoverinfo: 'skip', yaxis: 'y', name: 'min' },
      );
    }
    // buy & hold over the run's first → last bar, the same line for every strategy on the same data (Trust #4)
    if (series.buyHold?.length) traces.push({ type: 'scatter', mode: 'lines', x, y: series.buyHold, line: { color: '#9aa3b5', width: 1, dash: 'dot' }, name: 'Buy & hold', yaxis: 'y', hovertemplate: '%{y:,.2f}<extra>buy & hold</extra>' });
    traces.push({ type: 'scatter', mode: 'lines', x, y: series.equityLast, line: { color: '#4c9aff', width: 1.5 }, name: 'Equity', yaxis: 'y', hovertemplate: '%{y:,.2f}<extra>equity</extra>' });
    traces.push({ type: 'scatter', mode: 'lines', x, y: dd, fill: 'tozeroy', line: { color: '#ef5350', width: 1 }, fillcolor: 'rgba(239,83,80,0.25)', name: 'Drawdown', yaxis: 'y2', hovertemplate: '%{y:.2f} %<extra>drawdown</extra>' });
    return traces;
  }, [series]);

  const layout = useMemo(
    () => ({
      xaxis: { type: 'date', anchor: 'y2' },
      yaxis: { domain: [0.32, 1], title: { text: 'Equity' } },
      yaxis2: { domain: [0, 0.26], title: { text: 'DD %' }, ticksuffix: '' },
      hovermode: 'x',
    }),
    [],
  );

  const last = series && series.equityLast.length ? series.equityLast[series.equityLast.length - 1] : null;
  return (
    <div ref={wrap}>
      {error ? <ErrorBox error={error} title="Could not load equity" /> : null}
      <Plot
        data={data}
        layout={layout}
        height={height}
        label="Equity curve"
        onXRange={load}
        pending={!series && !error}
        placeholder={series ? <EquityPreview series={series} height={height} /> : undefined}
        onPainted={(ms) => {
          if (!firstPaint.current && series) {
            firstPaint.current = true;
            const total = performance.now() - t0.current;
            (window as unknown as { __peakEquityPaintMs?: number }).__peakEquityPaintMs = total;
            onFirstPaint?.(total);
            void ms;
          }
        }}
      />
      {series && (
        <div className="muted" style={{ fontSize: 11, marginTop: 4 }} data-testid="equity-meta" data-last={last ?? ''}>
          {fmtInt(series.time.length)} points for {fmtInt(series.totalPoints)} bars
          {series.barsPerPoint > 1 ? ` · ${series.barsPerPoint} bars per point (min/max band; zoom to re-sample)` : ' · full resolution'}
        </div>
      )}
    </div>
  );
}

/** Canvas stand-in painted as soon as the series arrives, until plotly is ready (first paint on big runs). */
function EquityPreview({ series, height }: { series: Equity; height: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const theme = useUi((s) => s.theme);
  useEffect(() => {
    const c = ref.current;
    if (!c) return;
    drawEquityPreview(c, series, {
      line: '#4c9aff',
      band: 'rgba(76,154,255,0.25)',
      dd: '#ef5350',
      ddFill: 'rgba(239,83,80,0.25)',
      grid: theme === 'dark' ? '#2a2f3a' : '#e3e6eb',
    });
    c.dataset.painted = 'true';
    performance.mark('peak:preview-painted');
  }, [series, theme]);
  return <canvas ref={ref} data-testid="equity-preview" aria-hidden style={{ width: '100%', height, display: 'block' }} />;
}
