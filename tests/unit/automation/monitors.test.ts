import { describe, expect, it } from 'vitest';
import { marketMonitor, performanceMonitor, sampleStd, signalMonitor } from '../../../src/core/automation/monitors';

const H = 3_600_000;
const Q = 15 * 60_000;

describe('market monitor', () => {
  // 9 quarter-hour bars: 2 h; the last hour is bars 5..8 (after the bar at last − 1 h = bar 4)
  const close = [100, 101, 100, 102, 104, 103, 105, 105, 106];
  const bars = {
    time: close.map((_, i) => i * Q),
    close,
    high: close.map((c) => c + 1),
    low: close.map((c) => c - 1),
    volume: [10, 10, 10, 10, 10, 20, 20, 20, 20],
    periodsPerYear: 35_040,
    calendar: '24/7' as const,
    label: 'test',
  };
  it('computes the documented figures by hand', () => {
    const m = marketMonitor(bars, Date.UTC(2026, 0, 3)).metrics; // a Saturday
    const rets = close.slice(1).map((c, i) => c / (close[i] as number) - 1);
    const mean = rets.reduce((a, b) => a + b) / rets.length;
    const sd = Math.sqrt(rets.reduce((a, r) => a + (r - mean) ** 2, 0) / (rets.length - 1));
    expect(m.volatility).toBeCloseTo(sd * Math.sqrt(35_040), 12);
    // last hour mean volume 20 ÷ window mean 130/9
    expect(m.volume_ratio).toBeCloseTo(20 / (130 / 9), 12);
    expect(m.price_change_1h).toBeCloseTo(106 / 104 - 1, 12);
    // 7 of 8 bar-to-bar moves changed the close (105 → 105 did not)
    expect(m.activity_level).toBeCloseTo(7 / 8, 12);
    expect(m.bar_range).toBeCloseTo((2 / 103 + 2 / 105 + 2 / 105 + 2 / 106) / 4, 12);
    expect(m.is_market_hours).toBe(1);
    expect(marketMonitor({ ...bars, calendar: 'exchange' }, Date.UTC(2026, 0, 3)).metrics.is_market_hours).toBe(0);
  });
  it('changing the data changes the numbers; > 15 % in an hour is critical; thin volume warns', () => {
    const crash = marketMonitor({ ...bars, close: [...close.slice(0, -1), 80] }, 0);
    expect(crash.metrics.price_change_1h).toBeCloseTo(80 / 104 - 1, 12);
    expect(crash.status).toBe('critical');
    const thin = marketMonitor({ ...bars, volume: [100, 100, 100, 100, 100, 1, 1, 1, 1] }, 0);
    expect(thin.metrics.volume_ratio).toBeCloseTo(1 / (504 / 9), 12);
    expect(thin.status).toBe('warning');
  });
});

describe('signal monitor', () => {
  it('strength = gains ÷ (gains + |losses|), consistency, false-signal rate, frequency', () => {
    const r = signalMonitor([{ tradePnls: [10, -5, 20], bars: 1000 }, { tradePnls: [-10, -5], bars: 1000 }], 0);
    expect(r.metrics.signal_strength).toBeCloseTo(30 / 50, 12);
    expect(r.metrics.signal_consistency).toBe(0.5);
    expect(r.metrics.false_signal_rate).toBeCloseTo(3 / 5, 12);
    expect(r.metrics.signal_frequency).toBeCloseTo(5 / 2000 * 1000, 12);
    expect(r.status).toBe('warning'); // false rate 0.6 > 0.3
    expect(signalMonitor([{ tradePnls: [5, 5, 5, -1], bars: 10 }], 0).status).toBe('ok');
    expect(signalMonitor([], 0)).toMatchObject({ status: 'warning', alerts: ['no closed trades in the latest runs'] });
  });
});

describe('performance monitor', () => {
  it('drawdown, daily P&L over 24 h, Sharpe from equity, win rate', () => {
    const equity = [100, 110, 99, 105];
    const time = [0, 12 * H, 24 * H, 36 * H];
    const r = performanceMonitor({ equity, time, tradePnls: [10, -11, 6], periodsPerYear: 730, positionSizeFraction: 0.5, label: 't' }, 0);
    expect(r.metrics.current_drawdown).toBeCloseTo(1 - 105 / 110, 12);
    expect(r.metrics.max_drawdown).toBeCloseTo(0.1, 12);
    expect(r.metrics.daily_pnl).toBeCloseTo(105 / 110 - 1, 12); // equity at or before 36 h − 24 h = 12 h
    const rets = [0.1, 99 / 110 - 1, 105 / 99 - 1];
    const mean = rets.reduce((a, b) => a + b) / 3;
    expect(r.metrics.sharpe).toBeCloseTo((mean / sampleStd(rets)) * Math.sqrt(730), 10);
    expect(r.metrics.win_rate).toBeCloseTo(2 / 3, 12);
    expect(r.metrics.position_size_pct).toBe(0.5);
    expect(r.status).toBe('ok');
    const crash = performanceMonitor({ equity: [100, 120, 90], time: [0, H, 2 * H], tradePnls: [-30], periodsPerYear: 8760, positionSizeFraction: 1, label: 't' }, 0);
    expect(crash.metrics.current_drawdown).toBeCloseTo(0.25, 12);
    expect(crash.status).toBe('critical');
  });
});
