import { describe, expect, it } from 'vitest';
import { MS_PER_DAY } from '../../../src/core/data/bars';
import {
  assembleWalkForward, makeWindows, parseDuration, runWalkForward, selectBest, type FoldResult, type SegmentMetrics,
} from '../../../src/core/research/walkforward';

const days = (n: number, start = Date.UTC(2024, 0, 1)) => Float64Array.from({ length: n }, (_, i) => start + i * MS_PER_DAY);
const w = (x: { trainStart: number; trainEnd: number; testEnd: number }[]) => x.map((o) => [o.trainStart, o.trainEnd, o.testEnd]);
const metrics = (o: Partial<SegmentMetrics>): SegmentMetrics => ({ sharpe: 0, totalReturn: 0, maxDrawdown: 0, annualReturn: 0, trades: 0, ...o });

describe('walk-forward windows', () => {
  it('rolling without step tiles the OOS windows back to back (step = test length), complete windows only', () => {
    const ws = w(makeWindows(days(100), { train: 30, test: 10, mode: 'rolling' }));
    expect(ws).toEqual([[0, 30, 40], [10, 40, 50], [20, 50, 60], [30, 60, 70], [40, 70, 80], [50, 80, 90], [60, 90, 100]]);
    // every bar after the first training period is tested exactly once
    for (let i = 1; i < ws.length; i++) expect(ws[i][1]).toBe(ws[i - 1][2]);
  });
  it("the original's step (train + test) is still available as an explicit step", () => {
    expect(w(makeWindows(days(100), { train: 30, test: 10, step: 40, mode: 'rolling' }))).toEqual([[0, 30, 40], [40, 70, 80]]);
  });
  it('a window count beyond the limit is refused before any window is built', () => {
    expect(() => makeWindows(days(20_000), { train: 2, test: 1, mode: 'rolling' })).toThrow(/19998 windows exceeds the limit of 5000/);
  });
  it('rolling with an explicit step (may overlap) and [start, end) bounds', () => {
    expect(w(makeWindows(days(50), { train: 30, test: 10, step: 5, mode: 'rolling' }))).toEqual([[0, 30, 40], [5, 35, 45], [10, 40, 50]]);
  });
  it('anchored = expanding train from bar 0, step defaults to the test length', () => {
    expect(w(makeWindows(days(60), { train: 30, test: 10, mode: 'anchored' }))).toEqual([[0, 30, 40], [0, 40, 50], [0, 50, 60]]);
  });
  it('durations on timestamps: 180d/30d on daily bars', () => {
    const ws = makeWindows(days(500), { train: '180d', test: '30d', step: '30d', mode: 'rolling' });
    expect(w(ws).slice(0, 2)).toEqual([[0, 180, 210], [30, 210, 240]]);
    // last complete window: start + 210 days ≤ 500 days of data
    expect(ws[ws.length - 1].testEnd).toBeLessThanOrEqual(500);
    expect(ws.length).toBe(Math.floor((500 - 210) / 30) + 1);
    // hourly bars: '1d' train = 24 bars
    const hours = Float64Array.from({ length: 100 }, (_, i) => i * 3_600_000);
    expect(w(makeWindows(hours, { train: '1d', test: '12h', mode: 'rolling' }))).toEqual([[0, 24, 36], [12, 36, 48], [24, 48, 60], [36, 60, 72], [48, 72, 84], [60, 84, 96]]);
  });
  it('rejects mixed units and bad durations naming the field', () => {
    expect(() => makeWindows(days(10), { train: 5, test: '2d', mode: 'rolling' })).toThrow(/all be bar counts or all durations/);
    expect(() => parseDuration('3x', 'test')).toThrow(/test '3x'/);
    expect(() => makeWindows(days(10), { train: 0, test: 2, mode: 'rolling' })).toThrow(/train/);
    expect(parseDuration('180d')).toBe(180 * MS_PER_DAY);
  });
});

describe('selection tie-break', () => {
  it('score ↑, then maxDD closer to 0, then return ↑, then grid order; NaN ranks last', () => {
    expect(selectBest([metrics({ sharpe: 1 }), metrics({ sharpe: 2 })], 'sharpe')).toBe(1);
    expect(selectBest([metrics({ sharpe: 2, maxDrawdown: -0.2 }), metrics({ sharpe: 2, maxDrawdown: -0.1 })], 'sharpe')).toBe(1);
    expect(selectBest([metrics({ sharpe: 2, maxDrawdown: -0.1, totalReturn: 0.1 }), metrics({ sharpe: 2, maxDrawdown: -0.1, totalReturn: 0.3 })], 'sharpe')).toBe(1);
    expect(selectBest([metrics({ sharpe: 2 }), metrics({ sharpe: 2 })], 'sharpe')).toBe(0);
    expect(selectBest([metrics({ sharpe: NaN }), metrics({ sharpe: -5 })], 'sharpe')).toBe(1);
  });
});

describe('walk-forward run', () => {
  // Synthetic evaluator: param k earns k·1 % per bar in train segments of even windows; OOS always earns
  // 0.1 % per bar × k (so the stitched curve is checkable by hand).
  const time = days(100);
  const grid = [{ k: 1 }, { k: 3 }, { k: 2 }];
  const evaluate = (seg: { start: number; end: number; role: 'train' | 'test' }, p: { k: number }) => {
    const len = seg.end - seg.start;
    const r = seg.role === 'train' ? 0.01 * p.k : 0.001 * p.k;
    const equity = Float64Array.from({ length: len }, (_, i) => 1000 * (1 + r) ** (i + 1));
    const tr = (1 + r) ** len - 1;
    return {
      metrics: metrics({ sharpe: p.k, totalReturn: tr, annualReturn: (1 + r) ** 365 - 1, maxDrawdown: 0, trades: 1 }),
      equity, initialEquity: 1000,
    };
  };
  it('optimises IS, evaluates OOS, stitches by compounding and computes WFE', () => {
    const s = runWalkForward(time, { train: 30, test: 10, step: 10, mode: 'rolling' }, grid, evaluate, { metric: 'sharpe', initialEquity: 10_000, periodsPerYear: 365 });
    expect(s.folds.length).toBe(7);
    expect(s.folds.every((f) => f.params.k === 3 && f.bestIndex === 1)).toBe(true);
    // 7 contiguous OOS segments of 10 bars at 0.3 % per bar
    expect(s.stitchedTotalReturn).toBeCloseTo(1.003 ** 70 - 1, 12);
    expect(s.stitched.equity[s.stitched.equity.length - 1]).toBeCloseTo(10_000 * 1.003 ** 70, 8);
    expect(s.stitched.bar[0]).toBe(29);
    expect(s.aggregates.totalWindows).toBe(7);
    expect(s.aggregates.positiveWindows).toBe(7);
    expect(s.aggregates.winRateWindows).toBe(1);
    expect(s.efficiency).toBeCloseTo((1.003 ** 365 - 1) / (1.03 ** 365 - 1), 12);
    expect(s.stitchedMaxDrawdown).toBe(0);
  });
  it('stitching compounds each segment from the previous end (losses included); WFE null when IS ≤ 0', () => {
    const mk = (i: number, curve: number[], isAnn: number): FoldResult<null> => ({
      window: { index: i, trainStart: 0, trainEnd: 10 + i * 2, testStart: 10 + i * 2, testEnd: 12 + i * 2 },
      bestIndex: 0, params: null, candidates: 1,
      is: metrics({ annualReturn: isAnn }), oos: metrics({ totalReturn: curve[curve.length - 1] - 1 }), oosCurve: curve,
    });
    const s = assembleWalkForward([mk(1, [0.9, 1.1], -0.1), mk(0, [1.1, 1.2], -0.2)], 100, 365);
    expect(s.stitched.equity.map((x) => +x.toFixed(10))).toEqual([100, 110, 120, 108, 132]);
    expect(s.stitchedMaxDrawdown).toBeCloseTo(108 / 120 - 1, 12);
    expect(s.efficiency).toBeNull();
    expect(s.aggregates.minReturn).toBeCloseTo(0.1, 12);
  });
  it('windows without trades count in the aggregates (their undefined Sharpe enters as 0)', () => {
    const mk = (i: number, sharpe: number): FoldResult<null> => ({
      window: { index: i, trainStart: 0, trainEnd: 10, testStart: 10 + i, testEnd: 11 + i }, bestIndex: 0, params: null, candidates: 1,
      is: metrics({ annualReturn: 0.1 }), oos: metrics({ sharpe, totalReturn: 0 }), oosCurve: [1],
    });
    const s = assembleWalkForward([mk(0, NaN), mk(1, 1), mk(2, 3)], 1, 365);
    expect([s.aggregates.avgSharpe, s.aggregates.minSharpe, s.aggregates.maxSharpe]).toEqual([4 / 3, 0, 3]);
    expect(s.aggregates.totalWindows).toBe(3);
  });
  it('reports no complete window clearly', () => {
    expect(() => runWalkForward(days(20), { train: 30, test: 10, mode: 'rolling' }, grid, evaluate, { metric: 'sharpe', initialEquity: 1, periodsPerYear: 365 })).toThrow(/no complete window/);
    expect(() => runWalkForward(time, { train: 30, test: 10, mode: 'rolling' }, grid, evaluate, { metric: 'nope', initialEquity: 1, periodsPerYear: 365 })).toThrow(/'nope'/);
  });
});
