/**
 * Sweeps, the pure part: the resolved sweep configuration (what is hashed and stored, so a sweep can be resumed
 * and replayed), planning the combinations in canonical order (./grid.ts), fixed-size chunking, and the chunk
 * kernel run in a worker: for each parameter set, signals (indicators through the data set's shared
 * IndicatorCache) → engine → metrics + PBO block statistics. Equity curves are dropped as soon as each
 * combination is measured, so memory stays bounded whatever the sweep size.
 */
import { z } from 'zod';
import type { Bars } from '../data/bars';
import { canonicalJson } from '../hash';
import { PeakError } from '../errors';
import type { BacktestResult, EngineConfig } from '../engine/types';
import { ParamValueSchema, SweepRangeSchema, type IndicatorCache, type StrategyDef } from '../strategies/types';
import { computeBlockStats, DEFAULT_BLOCKS } from './block-stats';
import { createKernelScratch, fusedSupported, measureFused, type KernelScratch } from './sweep-kernel';
import {
  checkConstraint, expandGrid, parseConstraint, planGrid, sampleGrid,
  type Constraint, type GridSpec, type ParamSet, type ParamValue,
} from './grid';

export { ParamValueSchema, SweepRangeSchema } from '../strategies/types';

/**
 * Everything that determines a sweep's results. Stored with the sweep; its canonical JSON (with the data set's
 * content hash) is the config hash. Combination i of the sweep is `planSweep(config)[i]`, chunk c holds
 * combinations [c·chunkSize, (c+1)·chunkSize).
 */
export const SweepConfigSchema = z.object({
  strategyId: z.string().min(1),
  grid: z.record(z.string(), SweepRangeSchema),
  /** extra rules between parameters ("stop_loss_pct < take_profit_pct"); the strategy's own constraint always applies */
  constraints: z.array(z.string()).default([]),
  /** parameters held fixed (not swept); the strategy's defaults fill the rest */
  fixed: z.record(z.string(), ParamValueSchema).default({}),
  /** random search: N distinct combinations of the grid drawn with `seed`; null = the full grid */
  random: z.number().int().positive().nullable().default(null),
  seed: z.number().int().default(42),
  engine: z.custom<EngineConfig>((v) => typeof v === 'object' && v !== null),
  /** the metric the sweep is ranked by (any computeMetrics field) */
  metric: z.string().default('sharpe'),
  blocks: z.number().int().min(2).max(64).default(DEFAULT_BLOCKS),
  chunkSize: z.number().int().positive(),
  /** the preset this came from, if any (informational) */
  preset: z.string().nullable().default(null),
});
export type SweepConfig = z.output<typeof SweepConfigSchema>;

export { canonicalJson };

/** Parameter names of a strategy = the keys of its defaults (every param has a default, SPEC §1). */
export function strategyParamNames(s: StrategyDef): string[] {
  const d = s.params.safeParse({});
  return d.success && typeof d.data === 'object' && d.data !== null ? Object.keys(d.data) : [];
}

/**
 * Validity of a combination for a strategy: the full parameter object (defaults ← fixed ← combination) must
 * parse and satisfy the strategy's constraint and the extra constraints. Combinations outside the schema's
 * bounds are dropped like constraint violations (`slow_window=2:100` with fast < slow is the classic 4,851-run
 * grid although slow_window ≥ 3); the first such reason is kept so an all-invalid grid can say why.
 */
export function combinationFilter(s: StrategyDef, fixed: Readonly<Record<string, ParamValue>>, constraints: readonly Constraint[], swept: readonly string[]) {
  const swSet = new Set(swept);
  const f = (combo: ParamSet): boolean => {
    for (const c of constraints) if (!checkConstraint(c, { ...fixed, ...combo })) return false;
    const r = s.params.safeParse({ ...fixed, ...combo });
    if (!r.success) {
      if (f.firstInvalid === null) {
        const issue = r.error.issues.find((i) => i.path.length > 0) ?? r.error.issues[0];
        const key = issue.path.length > 0 ? String(issue.path[0]) : '';
        const v = key in combo ? combo[key] : fixed[key];
        f.firstInvalid = key ? `${swSet.has(key) ? 'grid' : 'parameter'} ${key}=${JSON.stringify(v)}: ${issue.message}` : issue.message;
      }
      return false;
    }
    return s.constraint?.(r.data) == null;
  };
  f.firstInvalid = null as string | null;
  return f;
}

/** Check the config against the strategy (unknown keys named) and return the combinations in canonical order. */
export function planSweep(config: SweepConfig, s: StrategyDef): ParamSet[] {
  const known = strategyParamNames(s);
  const check = (k: string, what: string) => {
    if (known.length > 0 && !known.includes(k)) {
      throw new PeakError('BAD_INPUT', `sweep ${s.meta.id}: unknown ${what} "${k}" (parameters: ${known.join(', ')})`);
    }
  };
  for (const k of Object.keys(config.grid)) check(k, 'grid parameter');
  for (const k of Object.keys(config.fixed)) check(k, 'fixed parameter');
  const constraints = config.constraints.map(parseConstraint);
  for (const c of constraints) {
    check(c.left, 'constraint parameter');
    if (typeof c.right === 'string') check(c.right, 'constraint parameter');
  }
  const plan = planGrid(config.grid);
  const fixed = Object.fromEntries(Object.entries(config.fixed).filter(([k]) => !Object.hasOwn(config.grid, k)));
  const valid = combinationFilter(s, fixed, constraints, plan.keys);
  const combos = config.random === null ? expandGrid(plan, valid) : sampleGrid(plan, config.random, config.seed, valid);
  if (combos.length === 0) {
    throw new PeakError('BAD_INPUT', `sweep ${s.meta.id}: no parameter combination satisfies the constraints${valid.firstInvalid ? ` (e.g. ${valid.firstInvalid})` : ''}`);
  }
  return combos;
}

/**
 * Combinations per chunk: a chunk should take ≤ ~200 ms so cancellation is prompt and progress smooth
 * (budget ≈ 4·10⁶ bar-evaluations per chunk), yet there should be enough chunks to keep every worker busy
 * (≥ 8 per worker) and few enough that per-task overhead stays negligible (≤ 500 combinations).
 */
export function chooseChunkSize(total: number, bars: number, workers: number): number {
  const byCost = Math.max(1, Math.floor(4_000_000 / Math.max(1, bars)));
  const byBalance = Math.max(1, Math.ceil(total / (Math.max(1, workers) * 8)));
  return Math.max(1, Math.min(500, byCost, byBalance));
}

export const chunkCount = (total: number, chunkSize: number): number => Math.ceil(total / chunkSize);

/** Per-combination result: metrics (computeMetrics fields) and packed block statistics (3·S numbers). */
export interface SweepRow {
  /** combination index in the sweep's canonical order */
  index: number;
  params: ParamSet;
  metrics: Record<string, number | null>;
  blocks: Float64Array;
}

export interface SweepKernel {
  strategy: StrategyDef;
  runBacktest(bars: Bars, signals: { target: Float64Array; warmup: number }, cfg: EngineConfig): BacktestResult;
  /** returns computeMetrics' record (numbers or null) */
  metrics(result: BacktestResult, bars: Bars): Record<string, number | null>;
}

/** Plain record of numbers/nulls; non-finite → null so JSON and SQLite stay valid. */
export function cleanMetrics(m: Readonly<Record<string, unknown>>): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [k, v] of Object.entries(m)) {
    if (typeof v === 'number') out[k] = Number.isFinite(v) ? v : null;
    else if (v === null) out[k] = null;
  }
  return out;
}

/**
 * One chunk: each parameter set measured on the cached data set. With a default-engine configuration without
 * intrabar stops and `periodsPerYear` given, the fused kernel (./sweep-kernel.ts) does engine + metrics + block
 * statistics in one pass with reused buffers (bit-identical to the slow path); otherwise strategy → runBacktest →
 * metrics → block statistics. Errors name the strategy and the parameters of the failing combination.
 */
export function runSweepChunk(
  k: SweepKernel,
  bars: Bars,
  ind: IndicatorCache,
  combos: readonly ParamSet[],
  opts: {
    fixed: Readonly<Record<string, ParamValue>>; engine: EngineConfig; blocks: number; startIndex: number;
    periodsPerYear?: number; scratch?: KernelScratch;
  },
): SweepRow[] {
  const rows: SweepRow[] = [];
  const fused = opts.periodsPerYear !== undefined && fusedSupported(opts.engine);
  const scratch = opts.scratch ?? createKernelScratch();
  for (let i = 0; i < combos.length; i++) {
    const combo = combos[i];
    try {
      const p = k.strategy.params.parse({ ...opts.fixed, ...combo });
      if (scratch.target.length !== bars.close.length) scratch.target = new Float64Array(bars.close.length);
      const sig = k.strategy.signals(bars, p, { ind, targetScratch: scratch.target });
      if (fused) {
        const blocks = new Float64Array(3 * opts.blocks);
        const metrics = measureFused(bars, sig.target, sig.warmup, opts.engine, opts.periodsPerYear as number, blocks, scratch);
        rows.push({ index: opts.startIndex + i, params: combo, metrics, blocks });
        continue;
      }
      const res = k.runBacktest(bars, sig, opts.engine);
      const metrics = cleanMetrics(k.metrics(res, bars));
      rows.push({ index: opts.startIndex + i, params: combo, metrics, blocks: computeBlockStats(res.equity, opts.blocks) });
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      const code = e instanceof PeakError ? e.code : 'INTERNAL';
      throw new PeakError(code, `sweep ${k.strategy.meta.id} combination #${opts.startIndex + i} ${canonicalJson(combo)}: ${msg}`);
    }
  }
  return rows;
}

/** Order rows for a results hash / ranking tie-break: by combination index. */
export const sortRows = <T extends { index: number }>(rows: T[]): T[] => rows.sort((a, b) => a.index - b.index);

// ---- presets (config/sweeps/*.toml) ---------------------------------------------------------------------

const PresetValues = z.union([
  z.array(ParamValueSchema).min(1),
  z.object({ min: z.number(), max: z.number(), step: z.number().positive() }).strict(),
]);

/**
 * A sweep preset file: `strategy = "ma_crossover"`, `[grid]` with lists or `{ min, max, step }` tables,
 * optional `constraints = ["a < b"]` and `[fixed]`. TOML has no null: the string "none" in a list means null
 * (e.g. a trailing stop that is off).
 */
export const SweepPresetSchema = z.object({
  strategy: z.string().min(1),
  description: z.string().default(''),
  grid: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), PresetValues).refine((g) => Object.keys(g).length > 0, 'grid is empty'),
  constraints: z.array(z.string()).default([]),
  fixed: z.record(z.string(), ParamValueSchema).default({}),
}).strict();
export type SweepPreset = z.output<typeof SweepPresetSchema>;

export function presetGrid(p: SweepPreset): GridSpec {
  const out: GridSpec = {};
  for (const [k, v] of Object.entries(p.grid)) {
    out[k] = Array.isArray(v)
      ? { kind: 'values', values: v.map((x) => (typeof x === 'string' && /^(none|null)$/i.test(x) ? null : x)) }
      : { kind: 'range', ...v };
  }
  return out;
}

/** Parse one preset (already TOML-decoded). Errors name the file and the key. */
export function parseSweepPreset(raw: unknown, file: string): SweepPreset {
  const r = SweepPresetSchema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    const key = i.path.length > 0 ? i.path.join('.') : '(top level)';
    throw new PeakError('BAD_FILE', `${file}: ${key}: ${i.message}`);
  }
  for (const c of r.data.constraints) {
    try {
      parseConstraint(c);
    } catch (e) {
      throw new PeakError('BAD_FILE', `${file}: constraints: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return r.data;
}
