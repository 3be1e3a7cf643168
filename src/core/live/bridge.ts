/**
 * Strategy → target bridge for sessions: the SAME StrategyDef as backtests, fed bar by bar.
 *
 * Bars arrive one at a time into a growing columnar buffer (capacity doubling: O(1) amortised append). Each bar
 * yields the strategy's target at that bar's close. Two ways to get it:
 * - an incremental stepper (the core tier: ma_crossover, rsi_reversion with Wilder RSI, bollinger_bands; and
 *   macd, momentum_1h): O(1)
 *   amortised per bar (the indicators' periodic exact re-sums included), written to reproduce
 *   the batch indicator's floating-point operations in the same order, so targets are bit-identical;
 * - otherwise the strategy's own `signals()` over the growing prefix (the strategies are causal: target[t]
 *   reads bars ≤ t only). That is exact but O(t) per bar — the parity test holds both to the batch result.
 */
import type { Bars } from '../data/bars';
import { createIndicatorCache, type AnyStrategyDefLike } from './strategy-like';

export class GrowingBars implements Bars {
  n = 0;
  time: Float64Array<ArrayBuffer> = new Float64Array(1024);
  open: Float64Array<ArrayBuffer> = new Float64Array(1024);
  high: Float64Array<ArrayBuffer> = new Float64Array(1024);
  low: Float64Array<ArrayBuffer> = new Float64Array(1024);
  close: Float64Array<ArrayBuffer> = new Float64Array(1024);
  volume: Float64Array<ArrayBuffer> = new Float64Array(1024);

  push(t: number, o: number, h: number, l: number, c: number, v: number): number {
    if (this.n === this.close.length) this.grow();
    const i = this.n++;
    this.time[i] = t; this.open[i] = o; this.high[i] = h; this.low[i] = l; this.close[i] = c; this.volume[i] = v;
    return i;
  }

  private grow(): void {
    const g = (a: Float64Array): Float64Array<ArrayBuffer> => { const b = new Float64Array(a.length * 2); b.set(a); return b; };
    this.time = g(this.time); this.open = g(this.open); this.high = g(this.high);
    this.low = g(this.low); this.close = g(this.close); this.volume = g(this.volume);
  }

  /** the first n bars as views (no copy) */
  prefix(n = this.n): Bars {
    return {
      time: this.time.subarray(0, n), open: this.open.subarray(0, n), high: this.high.subarray(0, n),
      low: this.low.subarray(0, n), close: this.close.subarray(0, n), volume: this.volume.subarray(0, n),
    };
  }
}

export interface TargetStepper {
  /** 'incremental' or 'prefix' (see header) */
  readonly kind: 'incremental' | 'prefix';
  /** the strategy's warm-up as known after the latest bar */
  warmup: number;
  /** bar i (the newest in `bars`) has arrived: its target at the close */
  step(bars: GrowingBars, i: number): number;
}

/** The batch sma() of core/indicators/moving.ts, one value at a time (same block re-sum every 1024 steps). */
export class IncSma {
  private sum = 0;
  private readonly inv: number;
  constructor(private readonly n: number) { this.inv = 1 / n; }
  /** value at index i of x (NaN before n − 1); x must be NaN-free (checked by the caller's data validation) */
  at(x: Float64Array, i: number): number {
    const n = this.n;
    if (i < n - 1) return NaN;
    if ((i - (n - 1)) % 1024 === 0) {
      let s = 0;
      for (let k = i - n + 1; k <= i; k++) s += x[k];
      this.sum = s;
    } else {
      this.sum += x[i] - x[i - n];
    }
    return this.sum * this.inv;
  }
}

/** Wilder RSI of core/indicators/oscillators.ts (method 'wilder'), one value at a time. */
export class IncWilderRsi {
  private ag = 0;
  private al = 0;
  constructor(private readonly n: number) {}
  at(c: Float64Array, t: number): number {
    const n = this.n;
    if (t === 0) return NaN;
    const d = c[t] - c[t - 1];
    if (t <= n) {
      if (d > 0) this.ag += d; else this.al -= d;
      if (t < n) return NaN;
      this.ag /= n;
      this.al /= n;
    } else {
      this.ag += ((d > 0 ? d : 0) - this.ag) / n;
      this.al += ((d < 0 ? -d : 0) - this.al) / n;
    }
    return this.al === 0 ? (this.ag > 0 ? 100 : 50) : 100 - 100 / (1 + this.ag / this.al);
  }
}

/** rollingStd of core/indicators/moving.ts (Welford add/remove + exact re-sum every n steps), one value at a time. */
export class IncRollingStd {
  private nanCount = 0;
  private mean = 0;
  private m2 = 0;
  private count = 0;
  private sinceResum = 0;
  private equalRun = 0;
  constructor(private readonly n: number, private readonly ddof: 0 | 1 = 1) {}
  at(x: Float64Array, t: number): number {
    const n = this.n;
    if (n < 1 || n - this.ddof < 1) return NaN;
    const v = x[t];
    this.equalRun = t > 0 && v === x[t - 1] ? this.equalRun + 1 : 1;
    if (Number.isNaN(v)) this.nanCount++;
    else {
      this.count++;
      const d = v - this.mean;
      this.mean += d / this.count;
      this.m2 += d * (v - this.mean);
    }
    if (t >= n) {
      const o = x[t - n];
      if (Number.isNaN(o)) this.nanCount--;
      else {
        this.count--;
        if (this.count === 0) { this.mean = 0; this.m2 = 0; }
        else {
          const d = o - this.mean;
          this.mean -= d / this.count;
          this.m2 -= d * (o - this.mean);
        }
      }
    }
    if (++this.sinceResum >= n && this.count > 0) {
      this.sinceResum = 0;
      let s = 0;
      const from = Math.max(0, t - n + 1);
      for (let k = from; k <= t; k++) if (!Number.isNaN(x[k])) s += x[k];
      this.mean = s / this.count;
      let q = 0;
      for (let k = from; k <= t; k++) if (!Number.isNaN(x[k])) { const d = x[k] - this.mean; q += d * d; }
      this.m2 = q;
    }
    return t >= n - 1 && this.nanCount === 0 ? (this.equalRun >= n ? 0 : Math.sqrt(Math.max(0, this.m2) / (n - this.ddof))) : NaN;
  }
}

/** bollinger_bands: lower = SMA − k·std (core/indicators/channels.ts), the strategy's own state machine. */
function bollingerStepper(p: Record<string, unknown>): TargetStepper {
  const period = p.period as number, numStd = p.num_std as number, k = p.entry_threshold as number;
  const sma = new IncSma(period), sd = new IncRollingStd(period, 1);
  const warmup = period - 1;
  const start = Math.max(warmup, 1);
  let pos = 0, mid0 = NaN, low0 = NaN;
  return {
    kind: 'incremental',
    warmup,
    step(bars, t) {
      const c = bars.close;
      const mid = sma.at(c, t);
      const low = mid - numStd * sd.at(c, t);
      if (t >= start) {
        if (pos === 0) {
          if (c[t - 1] >= low0 * k && c[t] < low * k) pos = 1;
        } else if (c[t - 1] <= mid0 && c[t] > mid) pos = 0;
      }
      mid0 = mid; low0 = low;
      return t >= start ? pos : 0;
    },
  };
}

/** ema(x, n, 'first') of core/indicators/moving.ts on NaN-free input: y₀ = x₀, then y += α·(x − y), α = 2/(n+1). */
export class IncEma {
  private y = NaN;
  private readonly alpha: number;
  constructor(n: number) { this.alpha = 2 / (n + 1); }
  next(v: number, t: number): number {
    if (t === 0) this.y = v;
    else this.y += this.alpha * (v - this.y);
    return this.y;
  }
}

/** macd: EMA(fast) − EMA(slow) crossing its EMA(signal) (core/indicators/channels.ts macd), adjust=False from bar 0. */
function macdStepper(p: Record<string, unknown>): TargetStepper {
  const fast = new IncEma(p.fast_period as number), slow = new IncEma(p.slow_period as number), sig = new IncEma(p.signal_period as number);
  const down = p.side === 'long_short' ? -1 : 0;
  let pos = 0, m0 = NaN, s0 = NaN;
  return {
    kind: 'incremental',
    warmup: 0,
    step(bars, t) {
      const c = bars.close[t];
      const m = fast.next(c, t) - slow.next(c, t);
      const s = sig.next(m, t);
      if (t >= 1) {
        if (m > s && m0 <= s0) pos = 1;
        else if (m < s && m0 >= s0) pos = down;
      }
      m0 = m; s0 = s;
      return t >= 1 ? pos : 0;
    },
  };
}

/** momentum_1h: the lookback return c[t]/c[t−n] − 1 rising through entry / falling through exit. */
function momentumStepper(p: Record<string, unknown>): TargetStepper {
  const n = p.lookback as number, up = p.entry_threshold as number, dn = p.exit_threshold as number;
  const down = p.side === 'long_short' ? -1 : 0;
  const start = Math.max(n, 1);
  let pos = 0, prev = NaN;
  return {
    kind: 'incremental',
    warmup: n,
    step(bars, t) {
      const c = bars.close;
      const mom = t >= n ? c[t] / c[t - n] - 1 : NaN;
      if (t >= start) {
        if (mom > up && prev <= up) pos = 1;
        else if (mom < dn && prev >= dn) pos = down;
      }
      prev = mom;
      return t >= start ? pos : 0;
    },
  };
}

function maCrossoverStepper(p: Record<string, unknown>): TargetStepper {
  const fw = p.fast_window as number, sw = p.slow_window as number;
  const fast = new IncSma(fw), slow = new IncSma(sw);
  const warmup = Math.max(fw, sw) - 1;
  const start = Math.max(warmup, 1);
  const down = p.side === 'long_short' ? -1 : 0;
  let pos = 0, f0 = NaN, s0 = NaN;
  return {
    kind: 'incremental',
    warmup,
    step(bars, i) {
      const c = bars.close;
      const f1 = fast.at(c, i), s1 = slow.at(c, i);
      if (i >= start) {
        if (f0 < s0 && f1 > s1) pos = 1;
        else if (f0 > s0 && f1 < s1) pos = down;
      }
      f0 = f1; s0 = s1;
      return i >= start ? pos : 0;
    },
  };
}

function rsiReversionStepper(p: Record<string, unknown>): TargetStepper | null {
  if (p.use_wilder !== true || p.wilder_seed !== 'sma') return null;
  const n = p.rsi_window as number;
  const trend = p.use_trend_filter === true;
  const tw = p.trend_ma_window as number;
  const r = new IncWilderRsi(n);
  const ma = trend ? new IncSma(tw) : null;
  const warmup = Math.max(n, trend ? tw - 1 : 0);
  const allowShort = p.side === 'long_short';
  const lower = p.lower as number, upper = p.upper as number, exitLower = p.exit_lower as number, exitUpper = p.exit_upper as number;
  let pos = 0;
  return {
    kind: 'incremental',
    warmup,
    step(bars, t) {
      const c = bars.close;
      const v = r.at(c, t);
      const m = ma === null ? NaN : ma.at(c, t);
      if (t < warmup) return 0;
      const longOk = v < lower && (ma === null || c[t] > m);
      const shortOk = allowShort && v > upper && (ma === null || c[t] < m);
      if (pos === 1) {
        if (v >= exitLower) pos = shortOk ? -1 : 0;
      } else if (pos === -1) {
        if (v <= exitUpper) pos = longOk ? 1 : 0;
      } else {
        pos = longOk ? 1 : shortOk ? -1 : 0;
      }
      return pos;
    },
  };
}

/** The strategy's own signals() over the growing prefix (exact; O(t) per bar). */
function prefixStepper(def: AnyStrategyDefLike, p: Record<string, unknown>): TargetStepper {
  const s: TargetStepper = {
    kind: 'prefix',
    warmup: Number.MAX_SAFE_INTEGER,
    step(bars, i) {
      const out = def.signals(bars.prefix(i + 1), p, { ind: createIndicatorCache() });
      s.warmup = out.warmup;
      return out.target[i];
    },
  };
  return s;
}

const INCREMENTAL: Record<string, (p: Record<string, unknown>) => TargetStepper | null> = {
  ma_crossover: maCrossoverStepper,
  rsi_reversion: rsiReversionStepper,
  bollinger_bands: bollingerStepper,
  macd: macdStepper,
  momentum_1h: momentumStepper,
};

export function createTargetStepper(def: AnyStrategyDefLike, params: Record<string, unknown>): TargetStepper {
  const make = Object.hasOwn(INCREMENTAL, def.meta.id) ? INCREMENTAL[def.meta.id] : undefined;
  return make?.(params) ?? prefixStepper(def, params);
}
