// Test helpers for strategy tests: small hand-built bar sets, seeded random walks, and a runner.
import type { Bars } from '../../../src/core/data/bars';
import { createRng } from '../../../src/core/rng';
import { createIndicatorCache, type StrategyDef } from '../../../src/core/strategies/types';

/** Bars from closes; open = previous close, high/low = max/min(open, close) ± `wick` unless given. */
export function barsFrom(close: number[], opts: { high?: number[]; low?: number[]; wick?: number } = {}): Bars {
  const n = close.length;
  const wick = opts.wick ?? 0;
  const open = close.map((c, i) => (i === 0 ? c : close[i - 1]));
  return {
    time: Float64Array.from({ length: n }, (_, i) => i * 3_600_000),
    open: Float64Array.from(open),
    high: Float64Array.from(opts.high ?? close.map((c, i) => Math.max(c, open[i]) + wick)),
    low: Float64Array.from(opts.low ?? close.map((c, i) => Math.min(c, open[i]) - wick)),
    close: Float64Array.from(close),
    volume: new Float64Array(n).fill(1),
  };
}

/** Seeded geometric random walk with plausible OHLC (hourly). */
export function randomBars(n: number, seed: number | string, vol = 0.01): Bars {
  const r = createRng(seed);
  const close: number[] = [], high: number[] = [], low: number[] = [];
  let p = 100;
  for (let i = 0; i < n; i++) {
    const o = p;
    p *= Math.exp(vol * r.normal());
    close.push(p);
    high.push(Math.max(o, p) * (1 + 0.3 * vol * r.uniform()));
    low.push(Math.min(o, p) * (1 - 0.3 * vol * r.uniform()));
  }
  return barsFrom(close, { high, low });
}

/** Run a strategy with its defaults overridden by `over` (validated through its own schema). */
export function run<P extends Record<string, unknown>>(
  def: StrategyDef<P>, bars: Bars, over: Partial<P> = {}, decisionStart?: number,
): { target: number[]; warmup: number } {
  const p = def.params.parse(over);
  const s = def.signals(bars, p, { ind: createIndicatorCache(), decisionStart });
  return { target: Array.from(s.target), warmup: s.warmup };
}

/** Event vector (1 enter long, −1 exit/enter short, 0 nothing) → held positions from `start` on. */
export function held(events: number[], start: number, longShort: boolean): number[] {
  const out = new Array<number>(events.length).fill(0);
  let pos = 0;
  for (let t = start; t < events.length; t++) {
    if (events[t] === 1) pos = 1;
    else if (events[t] === -1) pos = longShort ? -1 : 0;
    out[t] = pos;
  }
  return out;
}

/** Independent naive rolling window helpers. */
export const win = (x: ArrayLike<number>, t: number, n: number): number[] => Array.from(x).slice(t - n + 1, t + 1);
export const naiveMean = (w: number[]) => w.reduce((s, v) => s + v, 0) / w.length;
export const naiveStd = (w: number[]) => {
  const m = naiveMean(w);
  return Math.sqrt(w.reduce((s, v) => s + (v - m) ** 2, 0) / (w.length - 1));
};
