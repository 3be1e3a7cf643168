import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, type CommandOutput } from '../api/client';
import { Plot, type XRange } from './Plot';
import { ErrorBox } from '../components/States';
import { fmtInt } from '../lib/format';

type Ohlc = CommandOutput<'data:bars'>;

/**
 * Candlestick preview of a data set. Requests at most ~2 points per pixel (maxPoints = width × 2, capped at 4000)
 * and re-requests the visible window on zoom, so a year of 1-minute bars stays responsive.
 */
export function CandleChart({ datasetId, height = 340 }: { datasetId: string; height?: number }) {
  const [series, setSeries] = useState<Ohlc | null>(null);
  const [error, setError] = useState<unknown>(null);
  const wrap = useRef<HTMLDivElement>(null);
  const reqSeq = useRef(0);

  const load = useCallback(
    (range: XRange | null) => {
      const width = wrap.current?.clientWidth ?? 1000;
      const maxPoints = Math.max(200, Math.min(4000, Math.round(width * 2)));
      const seq = ++reqSeq.current;
      api
        .call('data:bars', { id: datasetId, maxPoints, ...(range ? { from: Math.floor(range.from), to: Math.ceil(range.to) } : {}) })
        .then((s) => {
          if (seq === reqSeq.current) {
            setSeries(s);
            setError(null);
          }
        })
        .catch((e: unknown) => seq === reqSeq.current && setError(e));
    },
    [datasetId],
  );

  useEffect(() => {
    setSeries(null);
    load(null);
  }, [load]);

  const data = useMemo(() => {
    if (!series) return [];
    return [
      {
        type: 'candlestick',
        x: series.time,
        open: series.open,
        high: series.high,
        low: series.low,
        close: series.close,
        increasing: { line: { color: '#26a69a', width: 1 }, fillcolor: '#26a69a' },
        decreasing: { line: { color: '#ef5350', width: 1 }, fillcolor: '#ef5350' },
        name: 'OHLC',
        yaxis: 'y',
      },
      {
        type: 'bar',
        x: series.time,
        y: series.volume,
        marker: { color: 'rgba(120,140,170,0.35)' },
        name: 'Volume',
        yaxis: 'y2',
        hoverinfo: 'skip',
      },
    ];
  }, [series]);

  const layout = useMemo(
    () => ({
      xaxis: { type: 'date', rangeslider: { visible: false }, anchor: 'y2' }, // ticks under the volume panel, not across it
      yaxis: { domain: [0.22, 1], title: { text: 'Price' } },
      yaxis2: { domain: [0, 0.18], showgrid: false, title: { text: 'Vol' } },
      hovermode: 'x',
    }),
    [],
  );

  return (
    <div ref={wrap}>
      {error ? <ErrorBox error={error} title="Could not load bars" /> : null}
      <Plot data={data} layout={layout} height={height} label="Candlestick preview" onXRange={load} />
      {series && (
        <div className="muted" style={{ fontSize: 11, marginTop: 4 }}>
          {fmtInt(series.time.length)} points for {fmtInt(series.totalBars)} bars
          {series.barsPerPoint > 1 ? ` · ${series.barsPerPoint} bars per candle (zoom to see more detail)` : ' · full resolution'}
        </div>
      )}
    </div>
  );
}
