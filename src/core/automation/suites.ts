/**
 * The daily and weekly suites of SPEC §8, translated to this project: every job is a call of an existing
 * handler (the node runner maps `kind` to it), described here as plain data so the plan (which jobs run, which
 * are skipped and why) is pure and testable.
 *
 * - self_check: the project's own fast self-check (config validation + a deterministic backtest of a known
 *   synthetic data set compared to its pinned result) — SPEC's `pytest_fast`, without running a test runner.
 * - synth: a seeded contiguous-regime session (SPEC §5: 3 regimes, seed 42) generated and backtested.
 * - replay: a configured strategy replayed over a seeded symbol data set (SPEC's "realtime" runs).
 * - drill: trigger-training drills with a scripted trader (node/drills), one per scenario of config/drills/.
 */
import { z } from 'zod';
import { PeakError } from '../errors';
import type { SuiteName } from './schemas';

export const SuiteJobSchema = z.discriminatedUnion('kind', [
  z.object({ name: z.string(), kind: z.literal('self_check') }),
  z.object({ name: z.string(), kind: z.literal('synth'), steps: z.number().int().min(2), regimes: z.number().int().min(1), seed: z.number().int() }),
  z.object({
    name: z.string(),
    kind: z.literal('replay'),
    symbol: z.string(),
    /** the label of SPEC §8 (baseline / r_and_d) */
    strategyLabel: z.string(),
    strategyId: z.string(),
    params: z.record(z.string(), z.number()),
    steps: z.number().int().min(2),
    seed: z.number().int(),
  }),
  z.object({ name: z.string(), kind: z.literal('drill'), scenario: z.string() }),
]);
export type SuiteJob = z.infer<typeof SuiteJobSchema>;

const ma = (fast: number, slow: number) => ({ fast_window: fast, slow_window: slow });
/** one seed per symbol so BTC/EUR and ETH/EUR are different paths, stable across runs */
const SYMBOL_SEEDS: Record<string, number> = { 'BTC/EUR': 101, 'BTC/USD': 102, 'ETH/EUR': 103 };
const replay = (name: string, symbol: string, label: string, fast: number, slow: number, steps: number): SuiteJob => ({
  name, kind: 'replay', symbol, strategyLabel: label, strategyId: 'ma_crossover', params: ma(fast, slow), steps, seed: SYMBOL_SEEDS[symbol] ?? 100,
});

export const DAILY_JOBS: readonly SuiteJob[] = [
  { name: 'self_check', kind: 'self_check' },
  { name: 'offline_synth_small', kind: 'synth', steps: 1000, regimes: 3, seed: 42 },
  { name: 'offline_synth_medium', kind: 'synth', steps: 5000, regimes: 3, seed: 42 },
  replay('offline_realtime_baseline', 'BTC/EUR', 'baseline', 20, 50, 1000),
  // SPEC §8: the "r_and_d" run is the same replay with MA 10/30, not an R&D-tier strategy
  replay('offline_realtime_r_and_d', 'BTC/EUR', 'r_and_d', 10, 30, 1000),
  { name: 'trigger_training_drill', kind: 'drill', scenario: 'fomo' },
];

export const WEEKLY_JOBS: readonly SuiteJob[] = [
  { name: 'offline_synth_long', kind: 'synth', steps: 20_000, regimes: 3, seed: 42 },
  replay('offline_realtime_btceur_baseline', 'BTC/EUR', 'baseline', 20, 50, 2000),
  replay('offline_realtime_btceur_r_and_d', 'BTC/EUR', 'r_and_d', 10, 30, 2000),
  replay('offline_realtime_btcusd_baseline', 'BTC/USD', 'baseline', 20, 50, 2000),
  replay('offline_realtime_etheur_baseline', 'ETH/EUR', 'baseline', 15, 40, 2000),
  // SPEC §8: the label changes only ids and dirs; the drill data is the same
  { name: 'trigger_training_fomo', kind: 'drill', scenario: 'fomo' },
  { name: 'trigger_training_overtrading', kind: 'drill', scenario: 'overtrading' },
  { name: 'trigger_training_freeze', kind: 'drill', scenario: 'freeze' },
];

/** weekly --quick keeps the BTC/EUR baseline and the fomo drill (SPEC §8) */
const WEEKLY_QUICK = new Set(['offline_realtime_btceur_baseline', 'trigger_training_fomo']);
/** daily --quick: the same jobs on a fifth of the steps (min 200), so CI and the e2e test finish in seconds */
const QUICK_STEP_DIVISOR = 5;
const QUICK_MIN_STEPS = 200;

export const suiteJobs = (suite: SuiteName): readonly SuiteJob[] => (suite === 'daily' ? DAILY_JOBS : WEEKLY_JOBS);

export interface PlanOptions {
  dryRun?: boolean;
  quick?: boolean;
  /** job names to run (all others are left out of the plan) */
  only?: readonly string[];
  /** job names to skip (kept in the plan, status skipped) */
  skip?: readonly string[];
}

export interface PlannedJob {
  job: SuiteJob;
  /** null: run it; otherwise why it is skipped */
  skipReason: string | null;
}

/** Which jobs a run executes, in order. Unknown names in --only/--skip are a BAD_INPUT naming the flag. */
export function planSuite(suite: SuiteName, opts: PlanOptions = {}): PlannedJob[] {
  const all = suiteJobs(suite);
  const names = new Set(all.map((j) => j.name));
  for (const [flag, list] of [['--only', opts.only], ['--skip', opts.skip]] as const) {
    for (const n of list ?? []) {
      if (!names.has(n)) throw new PeakError('BAD_INPUT', `${flag}: unknown ${suite} job "${n}" (jobs: ${[...names].join(', ')})`);
    }
  }
  let jobs = [...all];
  if (opts.quick) {
    jobs = suite === 'weekly'
      ? jobs.filter((j) => WEEKLY_QUICK.has(j.name))
      : jobs.map((j) => (j.kind === 'synth' || j.kind === 'replay' ? { ...j, steps: Math.max(QUICK_MIN_STEPS, Math.round(j.steps / QUICK_STEP_DIVISOR)) } : j));
  }
  const only = opts.only?.length ? new Set(opts.only) : null;
  if (only) jobs = jobs.filter((j) => only.has(j.name));
  const skip = new Set(opts.skip ?? []);
  return jobs.map((job) => ({
    job,
    skipReason: opts.dryRun ? 'dry run' : skip.has(job.name) ? 'skipped by --skip' : null,
  }));
}
