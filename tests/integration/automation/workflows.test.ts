/**
 * The autonomous workflow through the contract: monitors read the real data (the newest data set, the latest
 * runs); changing that data changes the numbers; decisions are stored with the metrics they saw.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTestServices, type TestServices } from '../../support/services';

let s: TestServices | undefined;
afterEach(async () => { await s?.dispose(); s = undefined; });

async function ok<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const csv = (closes: number[], volumes: number[]) =>
  ['time,open,high,low,close,volume', ...closes.map((c, i) => `${Date.UTC(2026, 0, 1) / 1000 + i * 900},${c},${c + 1},${c - 1},${c},${volumes[i]}`)].join('\n');

describe('autonomous workflow on real metrics', () => {
  it('market numbers follow the data set; performance and signal numbers follow the latest runs', async () => {
    s = createTestServices();
    const calm = Array.from({ length: 40 }, (_, i) => 100 + (i % 2));
    const a = await ok(s.invoke('data:import', { csvText: csv(calm, calm.map(() => 10)), name: 'calm' }));
    const first = await ok(s.invoke('automation:decide', { type: 'market_scan', datasetId: a.dataset.id, dryRun: true }));
    const m1 = first.monitors.find((m) => m.monitor_name === 'market');
    expect(m1?.metrics.price_change_1h).toBeCloseTo(101 / 101 - 1, 12); // bar 39 (101) vs bar 35 (101)
    expect(m1?.metrics.volume_ratio).toBeCloseTo(1, 12);

    // a crash in the last hour with heavy volume: the same monitor on the new data set moves
    const crash = [...calm.slice(0, 36), 95, 90, 85, 80];
    const b = await ok(s.invoke('data:import', { csvText: csv(crash, [...calm.slice(0, 36).map(() => 10), 50, 50, 50, 50]), name: 'crash' }));
    const second = await ok(s.invoke('automation:decide', { type: 'market_scan', dryRun: true })); // newest data set by default
    expect(second.datasetId).toBe(b.dataset.id);
    const m2 = second.monitors.find((m) => m.monitor_name === 'market');
    expect(m2?.metrics.price_change_1h).toBeCloseTo(80 / 101 - 1, 12);
    expect(m2?.metrics.volume_ratio).toBeCloseTo(50 / ((36 * 10 + 200) / 40), 12);
    expect(m2?.status).toBe('critical');

    // performance: no runs → zero trades; after a backtest the numbers are that run's
    expect(first.monitors.find((m) => m.monitor_name === 'performance')?.metrics.trades).toBe(0);
    const datasets = await ok(s.invoke('data:list', { text: 'Test GARCH' }));
    const run = await ok(s.invoke('backtest:run', { datasetId: datasets.datasets[0]?.id ?? '', strategyId: 'ma_crossover', params: { fast_window: 10, slow_window: 30 } }));
    const third = await ok(s.invoke('automation:decide', { type: 'risk_check', datasetId: b.dataset.id, dryRun: true }));
    const perf = third.monitors.find((m) => m.monitor_name === 'performance');
    expect(perf?.metrics.trades).toBe(run.tradeCount);
    expect(perf?.metrics.win_rate).toBeCloseTo(run.trades.filter((t) => t.pnl > 0).length / run.tradeCount, 12);
    const sig = third.monitors.find((m) => m.monitor_name === 'signal');
    const gains = run.trades.filter((t) => t.pnl > 0).reduce((x, t) => x + t.pnl, 0);
    const losses = -run.trades.filter((t) => t.pnl < 0).reduce((x, t) => x + t.pnl, 0);
    expect(sig?.metrics.signal_strength).toBeCloseTo(gains / (gains + losses), 10);
    // risk_check sees the run's sizing: fraction 1 (all equity) → position_size_pct 1 ≥ 0.15: that criterion fails
    expect(third.decision.criteria.find((c) => c.name === 'position_size_pct')).toMatchObject({ value: 1, met: false });

    const listed = await ok(s.invoke('automation:decisions', { limit: 10 }));
    expect(listed.decisions).toHaveLength(3);
    expect(listed.decisions[0]).toMatchObject({ workflowType: 'risk_check', dryRun: true });
  }, 60_000);

  it('executes signal_analysis and market_scan through the handlers when forced', async () => {
    s = createTestServices();
    const sig = await ok(s.invoke('automation:decide', { type: 'signal_analysis', forceExecute: true }));
    expect(sig.status).toBe('completed');
    expect(['long', 'short', 'flat']).toContain(sig.output.signal);
    const scan = await ok(s.invoke('automation:decide', { type: 'market_scan', forceExecute: true }));
    expect(scan.output.scanned).toBe(2);
    const skip = await ok(s.invoke('automation:decide', { type: 'market_scan', forceSkip: true }));
    expect(skip.status).toBe('skipped');
  }, 60_000);
});
