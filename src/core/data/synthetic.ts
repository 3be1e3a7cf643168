import { z } from 'zod';
import { PeakError } from '../errors';
import { createRng, type Rng } from '../rng';
import { type Bars, makeBars, MS_PER_DAY } from './bars';

/** 2024-01-01T00:00:00Z, the SPEC §5 session start. */
export const SYNTH_DEFAULT_START_MS = Date.UTC(2024, 0, 1);

function parseParams<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const r = schema.safeParse(input ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = issue.path.length ? issue.path.join('.') : '(params)';
  throw new PeakError('BAD_INPUT', `${what}: ${path}: ${issue.message}`);
}

// ─────────────────────────────── Offline synth session (SPEC §5) ───────────────────────────────

export const RegimeSessionParams = z.object({
  nSteps: z.number().int().min(1).max(50_000_000).default(1000),
  nRegimes: z.number().int().min(1).max(127).default(3),
  seed: z.union([z.number(), z.string()]).default(42),
  base: z.number().positive().default(50_000),
  volatility: z.number().nonnegative().default(0.02),
  startMs: z.number().default(SYNTH_DEFAULT_START_MS),
  intervalMs: z.number().positive().default(60_000),
});
export type RegimeSessionParams = z.input<typeof RegimeSessionParams>;

/**
 * The "offline synth session" of SPEC §5: regimes are contiguous, equal-length segments (regime k covers
 * bars [⌊k·n/R⌋, ⌊(k+1)·n/R⌋), so lengths differ by at most one bar when R does not divide n).
 * Per regime: drift = N(0,1)·1e-4, vol = |N(0,1)|·volatility; per bar r = drift + vol·ε (log return);
 * close = base·exp(Σr); open = close·(1 + N·1e-4); high/low = close·(1 ± |N|·5e-4), then widened to
 * include open and close; volume ~ U(0.1, 10).
 */
export function synthRegimeSession(input: RegimeSessionParams = {}): { bars: Bars; regimes: Int8Array } {
  const p = parseParams(RegimeSessionParams, input, 'synthRegimeSession');
  if (p.nRegimes > p.nSteps) throw new PeakError('BAD_INPUT', `synthRegimeSession: nRegimes ${p.nRegimes} exceeds nSteps ${p.nSteps}`);
  const n = p.nSteps;
  const rng = createRng(p.seed);
  const bars = makeBars(n);
  const regimes = new Int8Array(n);
  const { time, open, high, low, close, volume } = bars;
  let cum = 0;
  for (let k = 0; k < p.nRegimes; k++) {
    const from = Math.floor((k * n) / p.nRegimes);
    const to = Math.floor(((k + 1) * n) / p.nRegimes);
    const drift = rng.normal() * 1e-4;
    const vol = Math.abs(rng.normal()) * p.volatility;
    for (let i = from; i < to; i++) {
      regimes[i] = k;
      cum += drift + vol * rng.normal();
      close[i] = p.base * Math.exp(cum);
    }
  }
  for (let i = 0; i < n; i++) {
    const c = close[i];
    const o = c * (1 + rng.normal() * 1e-4);
    let h = c * (1 + Math.abs(rng.normal()) * 5e-4);
    let l = c * (1 - Math.abs(rng.normal()) * 5e-4);
    if (o > h) h = o;
    if (o < l) l = o;
    time[i] = p.startMs + i * p.intervalMs;
    open[i] = o;
    high[i] = h;
    low[i] = l;
    volume[i] = 0.1 + rng.uniform() * 9.9;
  }
  return { bars, regimes };
}

// ─────────────────────────────── GARCH(1,1) + Markov regimes (SPEC §5) ───────────────────────────────

export const GarchRegime = z.object({
  omega: z.number().positive(),
  alpha: z.number().nonnegative(),
  beta: z.number().nonnegative(),
  nu: z.number().gt(2, { message: 'nu (Student-t degrees of freedom) must be > 2' }),
});
export type GarchRegime = z.infer<typeof GarchRegime>;

/** SPEC §5 example: a calm and a turbulent regime, sticky transitions. */
export const DEFAULT_GARCH_REGIMES: GarchRegime[] = [
  { omega: 1e-5, alpha: 0.05, beta: 0.9, nu: 5 },
  { omega: 5e-5, alpha: 0.1, beta: 0.85, nu: 4 },
];
export const DEFAULT_TRANSITION: number[][] = [
  [0.98, 0.02],
  [0.05, 0.95],
];

export const GarchMarkovParams = z
  .object({
    n: z.number().int().min(1).max(50_000_000).default(1000),
    seed: z.union([z.number(), z.string()]).default(42),
    regimes: z.array(GarchRegime).min(1).max(127).default(DEFAULT_GARCH_REGIMES),
    transition: z.array(z.array(z.number().nonnegative())).default(DEFAULT_TRANSITION),
    startPrice: z.number().positive().default(100),
    startMs: z.number().default(SYNTH_DEFAULT_START_MS),
    intervalMs: z.number().positive().default(60_000),
    ticksPerBar: z.number().int().min(1).max(10_000).default(1),
    /** regime of the state before the first step */
    initialRegime: z.number().int().nonnegative().default(0),
  })
  .superRefine((p, ctx) => {
    const k = p.regimes.length;
    if (p.transition.length !== k) {
      ctx.addIssue({ code: 'custom', path: ['transition'], message: `must have ${k} rows (one per regime), got ${p.transition.length}` });
      return;
    }
    p.transition.forEach((row, i) => {
      if (row.length !== k) ctx.addIssue({ code: 'custom', path: ['transition', i], message: `must have ${k} entries, got ${row.length}` });
      const s = row.reduce((a, b) => a + b, 0);
      if (Math.abs(s - 1) > 1e-9) ctx.addIssue({ code: 'custom', path: ['transition', i], message: `row sums to ${s}, expected 1 (±1e-9)` });
    });
    if (p.initialRegime >= k) ctx.addIssue({ code: 'custom', path: ['initialRegime'], message: `must be < ${k}` });
  });
export type GarchMarkovParams = z.input<typeof GarchMarkovParams>;

/** Standardised Student-t: z/√(χ²_ν/ν) · √((ν−2)/ν), unit variance for ν > 2. */
export function standardisedT(rng: Rng, nu: number): number {
  return rng.studentT(nu) * Math.sqrt((nu - 2) / nu);
}

/**
 * Markov-switching GARCH(1,1) with standardised Student-t shocks (SPEC §5). Each tick: draw the regime
 * from row P[current]; σ² = ω + α·r₋₁² + β·σ²₋₁ (floored at 1e-12); r = σ·ε (log return); price ·= eʳ;
 * volume = 100·(1 + 0.5·regime)·(1 + 100·|r|). σ²₀ = ω/(1−α−β) of the initial regime, or 100·ω when α+β ≥ 1.
 * Bars: ticksPerBar ticks each; open = first tick, high/low = extremes, close = last tick, volume = Σ.
 * With one tick per bar, a bar opens at the previous close (the start price for bar 0), so bars are not
 * degenerate. `regimes[b]` is the regime of the bar's last tick.
 */
export function synthGarchMarkov(input: GarchMarkovParams = {}): { bars: Bars; regimes: Int8Array } {
  const p = parseParams(GarchMarkovParams, input, 'synthGarchMarkov');
  const K = p.regimes.length;
  const omega = Float64Array.from(p.regimes, (r) => r.omega);
  const alpha = Float64Array.from(p.regimes, (r) => r.alpha);
  const beta = Float64Array.from(p.regimes, (r) => r.beta);
  const nu = Float64Array.from(p.regimes, (r) => r.nu);
  const tScale = Float64Array.from(nu, (v) => Math.sqrt((v - 2) / v));
  // cumulative transition rows, flattened K×K; the last entry of each row forced to 1 against rounding
  const cdf = new Float64Array(K * K);
  for (let i = 0; i < K; i++) {
    let s = 0;
    for (let j = 0; j < K; j++) cdf[i * K + j] = s += p.transition[i][j];
    cdf[i * K + K - 1] = 1;
  }
  const rng = createRng(p.seed);
  const n = p.n, tpb = p.ticksPerBar;
  const bars = makeBars(n);
  const regimes = new Int8Array(n);
  const { time, open, high, low, close, volume } = bars;

  let cur = p.initialRegime;
  const persist = alpha[cur] + beta[cur];
  let sigma2 = persist < 1 ? omega[cur] / (1 - persist) : 100 * omega[cur];
  let rPrev = 0;
  let price = p.startPrice;
  for (let b = 0; b < n; b++) {
    let o = price, h = price, l = price, v = 0;
    for (let t = 0; t < tpb; t++) {
      const u = rng.uniform();
      const base = cur * K;
      let next = 0;
      while (next < K - 1 && u >= cdf[base + next]) next++;
      cur = next;
      sigma2 = omega[cur] + alpha[cur] * rPrev * rPrev + beta[cur] * sigma2;
      if (sigma2 < 1e-12) sigma2 = 1e-12;
      const r = Math.sqrt(sigma2) * rng.studentT(nu[cur]) * tScale[cur];
      price *= Math.exp(r);
      rPrev = r;
      if (t === 0 && tpb > 1) { o = price; h = price; l = price; }
      if (price > h) h = price;
      if (price < l) l = price;
      v += 100 * (1 + 0.5 * cur) * (1 + 100 * Math.abs(r));
    }
    time[b] = p.startMs + b * p.intervalMs;
    open[b] = o;
    high[b] = h;
    low[b] = l;
    close[b] = price;
    volume[b] = v;
    regimes[b] = cur;
  }
  return { bars, regimes };
}

// ─────────────────────────────── Data sets a fresh install is seeded with ───────────────────────────────

export const SeedDatasetSpec = z.discriminatedUnion('generator', [
  z.object({ name: z.string(), symbol: z.string(), description: z.string(), generator: z.literal('garch_markov'), params: z.record(z.string(), z.unknown()) }),
  z.object({ name: z.string(), symbol: z.string(), description: z.string(), generator: z.literal('regime_session'), params: z.record(z.string(), z.unknown()) }),
]);
export type SeedDatasetSpec = z.infer<typeof SeedDatasetSpec>;

/**
 * Per-minute GARCH for a BTC-like year: unconditional variance ω/(1−α−β) = 7e-7 (calm, σ ≈ 0.084 %/min)
 * and 4e-6 (turbulent, σ ≈ 0.2 %/min); mean spells ≈ 1000 and 200 minutes, so ≈ 83 % calm and an
 * annualised volatility near 80 %.
 */
const BTC_1M_REGIMES: GarchRegime[] = [
  { omega: 3.5e-8, alpha: 0.05, beta: 0.9, nu: 5 },
  { omega: 2e-7, alpha: 0.1, beta: 0.85, nu: 4 },
];
/** Daily: σ ≈ 3.5 %/day calm, ≈ 7 %/day turbulent (BTC-like daily returns). */
const DAILY_REGIMES: GarchRegime[] = [
  { omega: 6e-5, alpha: 0.05, beta: 0.9, nu: 5 },
  { omega: 2.5e-4, alpha: 0.1, beta: 0.85, nu: 4 },
];

/**
 * BTC-like regimes for any bar spacing: the daily set with ω scaled by (interval / 1 day), so the per-bar
 * variance ω/(1−α−β) grows linearly with the bar length (≈ 60–80 % annualised volatility at any interval).
 * The generator's own defaults are SPEC §5's example, which is per TICK: on 1-minute bars it means roughly
 * 1,500 % a year, far from any real market — user-facing generation uses this instead.
 */
export function garchRegimesForInterval(intervalMs: number): GarchRegime[] {
  const k = intervalMs / MS_PER_DAY;
  return DAILY_REGIMES.map((r) => ({ ...r, omega: r.omega * k }));
}

/** The named synthetic data sets the store is seeded with on first run (JSON-able, stored as metadata). */
export function seedDatasets(): SeedDatasetSpec[] {
  return [
    {
      name: 'BTC-like 1m (1 year)',
      symbol: 'SYN-BTC/USD',
      description: 'Synthetic: 525,600 one-minute bars (24/7) from 2024-01-01Z, Markov-switching GARCH(1,1), Student-t shocks, start 42,000',
      generator: 'garch_markov',
      params: {
        n: 525_600, seed: 'seed:btc-like-1m', regimes: BTC_1M_REGIMES,
        transition: [[0.999, 0.001], [0.005, 0.995]],
        startPrice: 42_000, startMs: SYNTH_DEFAULT_START_MS, intervalMs: 60_000, ticksPerBar: 1,
      },
    },
    {
      name: 'Daily decade',
      symbol: 'SYN-DAILY/USD',
      description: 'Synthetic: 3,650 daily bars (24/7) from 2015-01-01Z, Markov-switching GARCH(1,1), Student-t shocks, start 300',
      generator: 'garch_markov',
      params: {
        n: 3650, seed: 'seed:daily-decade', regimes: DAILY_REGIMES, transition: DEFAULT_TRANSITION,
        startPrice: 300, startMs: Date.UTC(2015, 0, 1), intervalMs: MS_PER_DAY, ticksPerBar: 1,
      },
    },
    {
      name: 'Regime session 1m',
      symbol: 'SYN-SESSION/USD',
      description: 'Synthetic: SPEC §5 offline synth session, 1,000 one-minute bars, 3 contiguous regimes, seed 42',
      generator: 'regime_session',
      params: { nSteps: 1000, nRegimes: 3, seed: 42, base: 50_000, volatility: 0.02, startMs: SYNTH_DEFAULT_START_MS, intervalMs: 60_000 },
    },
  ];
}

/** Generate a seed data set's bars (deterministic: same spec → same arrays). */
export function generateSeedDataset(spec: SeedDatasetSpec): Bars {
  switch (spec.generator) {
    case 'garch_markov':
      return synthGarchMarkov(parseParams(GarchMarkovParams, spec.params, `seed data set "${spec.name}"`)).bars;
    case 'regime_session':
      return synthRegimeSession(parseParams(RegimeSessionParams, spec.params, `seed data set "${spec.name}"`)).bars;
  }
}
