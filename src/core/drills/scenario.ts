/**
 * Scenario library schema (config/drills/*.toml): a seeded generator (SPEC §5 regime session or GARCH-Markov)
 * or a stored data set window, the strategy that emits the signals, replay defaults and the psychological tags
 * the signals carry (per recommended action). Unknown keys are rejected so a typo names its key.
 */
import { z } from 'zod';
import type { Bars } from '../data/bars';
import { GarchRegime, synthGarchMarkov, synthRegimeSession } from '../data/synthetic';

const tagList = z.array(z.string().min(1).max(64)).max(16);
const seed = z.union([z.number().int(), z.string().max(64)]);

export const ScenarioSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('regime'), seed, n_regimes: z.number().int().min(1).max(20).default(3), volatility: z.number().positive().max(1).default(0.002), base: z.number().positive().default(50_000) }).strict(),
  z.object({ kind: z.literal('garch'), seed, regimes: z.array(GarchRegime.strict()).min(1).max(8).optional(), transition: z.array(z.array(z.number().nonnegative())).optional(), start_price: z.number().positive().default(100) }).strict(),
  z.object({ kind: z.literal('dataset'), dataset: z.string().min(1).max(120), start: z.number().int().nonnegative().default(0) }).strict(),
]);
export type ScenarioSource = z.infer<typeof ScenarioSource>;

export const Scenario = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'lower-case id: letters, digits, _ or -'),
  name: z.string().min(1).max(80),
  description: z.string().max(500).default(''),
  /** bars replayed (after the strategy's warm-up, which is replayed too but carries no signals) */
  length: z.number().int().min(30).max(20_000).default(300),
  speed_bars_per_s: z.number().positive().max(1000).default(4),
  countdown_ms: z.number().int().min(500).max(60_000).default(5000),
  source: ScenarioSource,
  strategy: z.object({ id: z.string().min(1).max(60), params: z.record(z.string(), z.unknown()).default({}) }).strict(),
  tags: z.object({ enter_long: tagList.default([]), enter_short: tagList.default([]), exit: tagList.default([]) }).strict().default({ enter_long: [], enter_short: [], exit: [] }),
}).strict();
export type Scenario = z.infer<typeof Scenario>;

/** Bars for a generator source (1-minute bars from 2025-01-01, the SPEC §7 demo's calendar). */
export function generatorBars(src: Exclude<ScenarioSource, { kind: 'dataset' }>, n: number): Bars {
  const startMs = Date.UTC(2025, 0, 1);
  if (src.kind === 'regime') {
    return synthRegimeSession({ nSteps: n, nRegimes: Math.min(src.n_regimes, n), seed: src.seed, volatility: src.volatility, base: src.base, startMs }).bars;
  }
  return synthGarchMarkov({ n, seed: src.seed, startPrice: src.start_price, startMs, ...(src.regimes && { regimes: src.regimes }), ...(src.transition && { transition: src.transition }) }).bars;
}
