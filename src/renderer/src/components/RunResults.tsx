import { useMemo, useState } from 'react';
import { formatStat } from '../../../core/metrics/format-stats';
import type { CommandOutput } from '../api/client';
import { Panel } from './Panel';
import { MetricsGrid } from './MetricsGrid';
import { Empty, Loading } from './States';
import { EquityChart } from '../charts/EquityChart';
import { Histogram } from '../charts/Histogram';
import { fmtNum } from '../lib/format';
import { RunChartPanels, RunTradesPanel, useRunFocus } from '../features/run-chart/RunPanels';
import { EQUITY_PAINTED, PRICE_PAINTED, useAfterPaint } from '../features/run-chart/paint-gate';

export type RunDetail = CommandOutput<'runs:get'>;

/**
 * Everything a researcher reads after a backtest: equity + drawdown, metrics, return histogram, trades.
 * The equity chart needs only the run id, so it loads in parallel with the run's detail (trades can be
 * megabytes on a 1M-bar run); the rest appears when `run` arrives.
 */
export function RunResults({ run, runId }: { run: RunDetail | null; runId?: number }) {
  const [showStats, setShowStats] = useState(false);
  const returns = useMemo(() => (run ? run.trades.map((t) => t.returnPct * 100) : []), [run]);
  const id = run?.id ?? runId ?? 0;
  const finalEquity = run?.metrics.equityFinal ?? null;
  const focus = useRunFocus(run);
  // The histogram and the trades table (below the fold) render after the charts above them have painted: a
  // plotly chart and a 200-row table would otherwise delay the equity curve and the price chart.
  const chartsFirst = useAfterPaint(id, id > 0 ? PRICE_PAINTED : EQUITY_PAINTED, id > 0 ? 1500 : 0);
  // The equity panel keeps one position in the tree, so the chart is not remounted (and refetched) when
  // the detail arrives.
  return (
    <div className="grid">
      <Panel
        title={<>Equity · run #{id || 'unsaved'}</>}
        actions={
          run ? (
            <span className="muted" style={{ textTransform: 'none', letterSpacing: 0, fontWeight: 400 }}>
              Final equity{' '}
              <strong data-testid="final-equity" data-value={finalEquity ?? ''} style={{ color: 'var(--text)', fontFamily: 'var(--mono)' }}>
                {fmtNum(finalEquity, 2)}
              </strong>
            </span>
          ) : null
        }
      >
        {id > 0 ? <EquityChart key={id} runId={id} /> : <Empty title="Unsaved run">Equity charts are available for stored runs.</Empty>}
      </Panel>
      {id > 0 ? <RunChartPanels runId={id} focus={focus} /> : null}
      {!run ? (
        <Panel title="Metrics">
          <Loading label={`Loading run #${id}…`} />
        </Panel>
      ) : (
        <>
          <div className="grid" style={{ gridTemplateColumns: 'minmax(0,2fr) minmax(0,1fr)' }}>
            <Panel
              title="Metrics"
              actions={
                run.stats ? (
                  <button className="btn small" onClick={() => setShowStats(!showStats)} aria-pressed={showStats}>
                    {showStats ? 'Show metrics' : 'backtesting.py stats'}
                  </button>
                ) : null
              }
            >
              {showStats && run.stats ? <StatsTable stats={run.stats} /> : <MetricsGrid metrics={run.metrics} />}
            </Panel>
            <Panel title={`Trade returns (${run.trades.length})`}>
              {!returns.length ? <Empty title="No closed trades" /> : chartsFirst ? <Histogram values={returns} label="Trade return histogram" height={260} /> : <Loading label="Drawing the charts above first…" />}
            </Panel>
          </div>
          {chartsFirst ? (
            <RunTradesPanel run={run} focus={focus} />
          ) : (
            <Panel title={`Trades (${run.trades.length})`}>
              <Loading label="Drawing the charts above first…" />
            </Panel>
          )}
        </>
      )}
    </div>
  );
}

function StatsTable({ stats }: { stats: Record<string, number | null> }) {
  return (
    <table className="table" aria-label="backtesting.py stats">
      <tbody>
        {Object.entries(stats).map(([k, v]) => (
          <tr key={k}>
            <td className="muted">{k}</td>
            <td className="num">{formatStat(k, v)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
