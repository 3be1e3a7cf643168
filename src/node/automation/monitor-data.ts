/**
 * Feeds the pure monitors (core/automation/monitors.ts) with real data through the existing handlers: the latest
 * bars of a data set (data:get, data:bars), the latest backtest runs (runs:list, runs:get, runs:equity).
 */
import { marketMonitor, performanceMonitor, signalMonitor, type MonitorResult } from '../../core/automation/monitors';
import type { DatasetSummary, RunDetail } from '../../core/api/schemas';
import { periodsPerYear } from '../../core/data/bars';
import { PeakError } from '../../core/errors';
import type { Call } from './suite-jobs';

const DAY_MS = 86_400_000;
/** at least this many bars in the market window, even for daily data */
const MIN_MARKET_BARS = 30;
/** the signal monitor looks at this many latest runs */
export const SIGNAL_RUNS = 10;

export async function resolveDataset(call: Call, datasetId?: string): Promise<DatasetSummary> {
  if (datasetId) return (await call('data:get', { id: datasetId })).dataset;
  const { datasets } = await call('data:list', { limit: 1, offset: 0 });
  const ds = datasets[0];
  if (!ds) throw new PeakError('NOT_FOUND', 'no data set stored: import, download or synthesise one first');
  return ds;
}

/** the last 24 h of bars (at least MIN_MARKET_BARS), unsampled */
export async function marketFor(call: Call, ds: DatasetSummary, nowMs: number): Promise<MonitorResult> {
  const from = Math.min(ds.lastTime - DAY_MS, ds.lastTime - (MIN_MARKET_BARS - 1) * ds.intervalMs);
  const b = await call('data:bars', { id: ds.id, from, maxPoints: 1_000_000 });
  const time = Float64Array.from(b.time);
  return marketMonitor({ ...b, time, periodsPerYear: periodsPerYear(time, ds.intervalMs, ds.calendar), calendar: ds.calendar, label: `${ds.symbol ?? ds.name}` }, nowMs);
}

async function latestRuns(call: Call, n: number): Promise<RunDetail[]> {
  const { runs } = await call('runs:list', { kind: 'backtest', sortBy: 'createdAt', desc: true, limit: n, offset: 0 });
  return Promise.all(runs.map((r) => call('runs:get', { id: r.id })));
}

export async function signalFor(call: Call, nowMs: number): Promise<MonitorResult> {
  const runs = await latestRuns(call, SIGNAL_RUNS);
  const withBars = await Promise.all(runs.map(async (r) => {
    const eq = await call('runs:equity', { id: r.id, maxPoints: 2 });
    return { tradePnls: r.trades.map((t) => t.pnl), bars: eq.totalPoints };
  }));
  return signalMonitor(withBars, nowMs);
}

function sizingFraction(r: RunDetail): number {
  const s = r.engine?.sizing;
  if (!s) return 1;
  if (s.mode === 'fraction') return s.fraction;
  if (s.mode === 'fixed_notional') return s.notional / (r.engine?.cash ?? s.notional);
  return 1;
}

export async function performanceFor(call: Call, nowMs: number): Promise<MonitorResult> {
  const [run] = await latestRuns(call, 1);
  if (!run) return performanceMonitor({ equity: [], time: [], tradePnls: [], periodsPerYear: 1, positionSizeFraction: 0, label: 'no runs stored' }, nowMs);
  const eq = await call('runs:equity', { id: run.id, maxPoints: 1_000_000 });
  const time = Float64Array.from(eq.time);
  return performanceMonitor({
    equity: eq.equityLast, time, tradePnls: run.trades.map((t) => t.pnl),
    periodsPerYear: time.length > 1 ? periodsPerYear(time) : 1, positionSizeFraction: sizingFraction(run),
    label: `run ${run.id} ${run.strategyId ?? ''} on ${run.datasetName ?? run.datasetId ?? '?'}`,
  }, nowMs);
}
