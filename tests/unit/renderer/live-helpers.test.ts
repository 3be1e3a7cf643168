import { describe, expect, it } from 'vitest';
import { barWidth, drawdownPct, emptyFilters, filterSessions, sessionTiles, sortSessions, thin, utilisationColor } from '../../../src/renderer/src/features/live/live-helpers';

const row = (id: number, o: Partial<{ name: string; mode: string; strategyId: string; status: string; createdAt: number; pnlPct: number }> = {}) => ({
  id, name: o.name ?? `s${id}`, mode: o.mode ?? 'paper', strategyId: o.strategyId ?? 'ma_crossover', status: o.status ?? 'completed',
  createdAt: o.createdAt ?? Date.UTC(2026, 0, id), pnlPct: o.pnlPct ?? 0, equityLast: 10_000, tradeCount: id, barsDone: 10 * id,
});

describe('live helpers', () => {
  it('utilisation colours follow the 0.8 warning factor', () => {
    expect(utilisationColor(0.79)).toBe('green');
    expect(utilisationColor(0.8)).toBe('yellow');
    expect(utilisationColor(1)).toBe('red');
    expect(barWidth(1.7)).toBe(100);
    expect(barWidth(0.256)).toBeCloseTo(25.6, 12);
    expect(barWidth(NaN)).toBe(0);
  });
  it('filters by text/id, strategy, mode, profitability and UTC date range (to-day inclusive)', () => {
    const rows = [row(1, { pnlPct: 2 }), row(2, { mode: 'shadow', pnlPct: -1 }), row(3, { strategyId: 'rsi_reversion', name: 'Night run' })];
    expect(filterSessions(rows, { ...emptyFilters, text: 'night' }).map((r) => r.id)).toEqual([3]);
    expect(filterSessions(rows, { ...emptyFilters, text: '2' }).map((r) => r.id)).toEqual([2]);
    expect(filterSessions(rows, { ...emptyFilters, mode: 'shadow' }).map((r) => r.id)).toEqual([2]);
    expect(filterSessions(rows, { ...emptyFilters, profit: 'profitable' }).map((r) => r.id)).toEqual([1]);
    expect(filterSessions(rows, { ...emptyFilters, from: '2026-01-02', to: '2026-01-02' }).map((r) => r.id)).toEqual([2]);
  });
  it('sorts newest first by default and numerically', () => {
    const rows = [row(1, { pnlPct: 5 }), row(3, { pnlPct: -2 }), row(2, { pnlPct: 1 })];
    expect(sortSessions(rows, 'createdAt', true).map((r) => r.id)).toEqual([3, 2, 1]);
    expect(sortSessions(rows, 'pnlPct', false).map((r) => r.id)).toEqual([3, 2, 1]);
    expect(sortSessions(rows, 'pnlPct', true).map((r) => r.id)).toEqual([1, 2, 3]);
  });
  it('tiles count running (and paused) sessions and modes', () => {
    const t = sessionTiles([row(1, { status: 'running' }), row(2, { status: 'paused', mode: 'shadow' }), row(3)]);
    expect(t).toEqual({ total: 3, running: 2, byMode: [['paper', 2], ['shadow', 1]] });
  });
  it('drawdown is percent below the running peak', () => {
    expect(drawdownPct([100, 110, 99, 120])).toEqual([0, 0, -10, 0]);
  });
  it('thin keeps the last point', () => {
    const xs = Array.from({ length: 10 }, (_, i) => i);
    expect(thin(xs, 4)).toEqual([0, 3, 6, 9]);
    expect(thin(xs, 20)).toBe(xs);
  });
});
