/**
 * Research handlers: walkforward:run, montecarlo:run, stress:run, research:overfitting, research:gonogo,
 * research:portfolio, research:recipes, reports:get.
 *
 * Heavy work goes to the worker pool (kinds wf-fold, mc-batch, stress-scenario); the handler plans the tasks,
 * merges the results, stores the run (kind walkforward | montecarlo | stress | portfolio, with seed and config
 * hash = sha256 of the canonical JSON of everything that determines the result) and writes the report into
 * <dataDir>/reports/<runId>/. Single backtests (a Monte-Carlo/stress baseline, portfolio members, a sweep's best
 * combination re-run) are `backtest` tasks via runPooledBacktest; PBO/PSR/DSR is one `overfitting` task.
 */
import { parse as parseToml } from 'smol-toml';
import type { z } from 'zod';
import type {
  GoNoGoResultSchema, McSummarySchema, ReportRef, ReturnSourceSchema, StressSummarySchema, WfSummarySchema,
} from '../../core/api/commands/research';
import { engineDefaultsFromConfig } from '../../core/api/config';
import { resolveEngineConfig } from '../../core/api/engine-config';
import type { EngineConfigPatch } from '../../core/api/schemas';
import { detectCalendar, periodsPerYear, sliceBars, type Bars } from '../../core/data/bars';
import type { EngineConfig, Trade } from '../../core/engine/types';
import { PeakError } from '../../core/errors';
import { canonicalJson } from '../../core/hash';
import { timeRange } from '../../core/lod';
import { evaluateGoNoGo, type GoNoGoInput } from '../../core/research/gonogo';
import { batchCount, defaultMcConfig, equityReturns, summarizeMc, tradesPerYear, type McConfig, type McMethod, type McSummary } from '../../core/research/montecarlo';
import { dsr as deflatedSharpe, psr, returnMoments } from '../../core/research/overfitting';
import { allocate, combineEquity } from '../../core/research/portfolio';
import { checkRecipeMembers, type Recipe } from '../../core/research/recipes';
import { returnSeriesMetrics, type StressKind, type StressScenario, type StressSummary } from '../../core/research/stress';
import { parseSweepPreset, planSweep, presetGrid, type SweepConfig } from '../../core/research/sweep';
import type { GridSpec, ParamSet } from '../../core/research/grid';
import { restateStress } from '../../core/research/stress-baseline';
import type { BacktestOutcome } from '../../core/api/run-backtest';
import { reproduceRun } from '../research/baselines';
import { assembleWalkForward, makeWindows, type FoldResult, type WfSummary, type WfWindowSpec } from '../../core/research/walkforward';
import { getStrategy, resolveParams } from '../../core/strategies/registry';
import type { Tier } from '../../core/strategies/types';
import { blobToF64 } from '../db/blob';
import { sha256Hex } from '../db/hash';
import { equitySections, gonogoSection, mcSections, stressSections, wfSections } from '../files/reports/builders';
import type { Report, Section } from '../files/reports/model';
import { fmtNum, fmtPct } from '../files/reports/model';
import { writeReport } from '../files/reports/write';
import { sharedPool } from '../pool/context-pool';
import type { Pool } from '../pool/pool';
import { shareBars, type SharedBars } from '../../workers/shared-data';
import { runPooledBacktest } from './backtest';
import type { HandlerContext } from './context';
import type { Handlers } from './handlers';
import type { Job } from './job-registry';
import { loadGoNoGoConfig, loadRecipes } from './research-config';
import { isKnownMember, resolveMember } from './research-members';

type WfOut = z.infer<typeof WfSummarySchema>;
type McOut = z.infer<typeof McSummarySchema>;
type StressOut = z.infer<typeof StressSummarySchema>;
type GoNoGoOut = z.infer<typeof GoNoGoResultSchema>;
type Source = z.output<typeof ReturnSourceSchema>;

const sweepPresetFiles = import.meta.glob<string>('../../../config/sweeps/*.toml', { query: '?raw', import: 'default', eager: true });

/** non-finite → null, so results are valid JSON and fit the contract's nullable numbers */
const fin = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : x);
const finRecord = (r: Record<string, number>): Record<string, number | null> => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, fin(v)]));
const hashOf = (v: unknown): string => sha256Hex(canonicalJson(v));

/** bars per calendar day, for the stress regimes' day spans */
const barsPerDay = (bars: Bars, ppy: number): number => ppy / (detectCalendar(bars.time) === '24/7' ? 365 : 252);

/** A loaded return source: the backtest's bars, equity and trades. */
interface Loaded {
  datasetId: string;
  datasetName: string;
  contentHash: string;
  strategyId: string;
  params: Record<string, unknown>;
  engine: EngineConfig;
  bars: Bars;
  /** equity per bar of `bars` (index-aligned) */
  equity: Float64Array;
  /** first bar the strategy could act on */
  startBar: number;
  trades: Trade[];
  ppy: number;
  range: { from: number | null; to: number | null };
  sourceRunId: number | null;
  /** the backtest itself (the stored run reproduced, or the fresh one): the baseline of every study (Trust #5) */
  outcome: BacktestOutcome;
}

export function createResearchHandlers(ctx: HandlerContext) {
  const { store } = ctx;
  const pool = (): Pool => sharedPool(ctx);
  const engineFor = (patch: EngineConfigPatch): EngineConfig => resolveEngineConfig(patch, engineDefaultsFromConfig(ctx.config));

  async function loadSource(src: Source, signal?: AbortSignal): Promise<Loaded> {
    if ('runId' in src) {
      const run = store.runs.require(src.runId);
      if (run.datasetId === null || run.strategyId === null || run.engine === null) throw new PeakError('BAD_INPUT', `run ${src.runId} (kind ${run.kind}) is not a backtest with a data set and a strategy`);
      const ds = store.datasets.require(run.datasetId);
      const eq = store.runs.equity(src.runId);
      if (!eq) throw new PeakError('NOT_FOUND', `run ${src.runId} has no stored equity curve`);
      const all = ctx.bars(ds.id);
      const bars = sliceBars(all, eq.startBar, eq.startBar + eq.equity.length);
      // the run itself, reproduced (true warm-up, checked against the stored metrics)
      const outcome = await reproduceRun(ctx, run, eq.startBar, eq.startBar + eq.equity.length, signal);
      return {
        datasetId: ds.id, datasetName: ds.name, contentHash: ds.contentHash, strategyId: run.strategyId, params: run.params,
        engine: run.engine, bars, equity: outcome.result.equity, startBar: outcome.result.startBar, trades: outcome.result.trades,
        ppy: periodsPerYear(bars.time), range: { from: run.fromTime, to: run.toTime }, sourceRunId: src.runId, outcome,
      };
    }
    const ds = store.datasets.require(src.datasetId);
    const all = ctx.bars(ds.id);
    const [s, e] = timeRange(all.time, src.from, src.to);
    if (e - s < 3) throw new PeakError('BAD_INPUT', `data set "${ds.id}" has ${e - s} bar(s) in the requested range; needs at least 3`);
    const bars = s === 0 && e === all.time.length ? all : sliceBars(all, s, e);
    const strategy = getStrategy(src.strategyId);
    const params = resolveParams(src.strategyId, src.params);
    const engine = engineFor(src.engine);
    const out = await runPooledBacktest(ctx, { datasetId: ds.id, contentHash: ds.contentHash, start: s, end: e, strategyId: strategy.meta.id, params, engine, signal });
    return {
      datasetId: ds.id, datasetName: ds.name, contentHash: ds.contentHash, strategyId: strategy.meta.id, params, engine, bars,
      equity: out.result.equity, startBar: out.result.startBar, trades: out.result.trades, ppy: periodsPerYear(bars.time),
      range: { from: src.from ?? null, to: src.to ?? null }, sourceRunId: null, outcome: out,
    };
  }

  /** per-bar simple returns from the last bar before the first possible fill (computeMetrics' window) */
  const barReturns = (l: Pick<Loaded, 'equity' | 'startBar'>): Float64Array => equityReturns(l.equity.subarray(Math.max(0, l.startBar - 1)));

  /** trade returns as a fraction of the equity before the trade (for the trade-order shuffle) */
  function tradeReturns(l: Loaded): Float64Array {
    return Float64Array.from(l.trades, (t) => {
      const e = l.equity[Math.max(0, t.entryBar - 1)] ?? l.engine.cash;
      return e > 0 ? Math.max(-0.999999, t.pnl / e) : 0;
    });
  }

  function saveReport(report: Report, formats: readonly ('html' | 'md' | 'json')[] = ['html', 'md', 'json']): ReportRef {
    const ref = writeReport(ctx.dataDir, report, formats);
    if (report.runId > 0) {
      store.db.prepare(`INSERT INTO run_reports (run_id, dir, html_path, md_path, json_path, created_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT(run_id) DO UPDATE SET dir = excluded.dir, html_path = excluded.html_path, md_path = excluded.md_path, json_path = excluded.json_path, created_at = excluded.created_at`)
        .run(report.runId, ref.dir, ref.html, ref.md, ref.json, ctx.clock());
    }
    return ref;
  }

  function storeRun(kind: string, l: { datasetId: string; strategyId: string | null; params: Record<string, unknown>; engine: EngineConfig | null; bars: Bars },
    seed: number, configHash: string, metrics: Record<string, number | null>, durationMs: number, extra: unknown, note: string | null = null): number {
    const run = store.runs.insert({
      kind, datasetId: l.datasetId, strategyId: l.strategyId, params: l.params, engine: l.engine, seed, configHash, metrics, stats: null,
      trades: [], openTrades: [], fromTime: l.bars.time[0], toTime: l.bars.time[l.bars.time.length - 1], durationMs, note, extra,
    });
    ctx.events.emit('runs:did-change', { action: 'created', id: run.id, kind: run.kind });
    return run.id;
  }

  // ---- Monte-Carlo --------------------------------------------------------------------------------------

  async function monteCarlo(returns: Float64Array, cfg: McConfig, job: Job | null): Promise<McSummary> {
    const nb = batchCount(cfg);
    const shared = new Float64Array(new SharedArrayBuffer(returns.length * 8));
    shared.set(returns);
    const batches = await pool().runMany('mc-batch', Array.from({ length: nb }, (_, b) => ({ returns: shared, config: cfg, batchIndex: b })), {
      signal: job?.signal, onProgress: (p) => job?.progress(p.done, p.total, 'Monte-Carlo batches'),
    });
    return summarizeMc(batches, cfg, returns.length);
  }

  const mcMetrics = (s: McSummary): Record<string, number | null> => finRecord({
    probLoss: s.probLoss, finalEquityP50: s.finalEquity.p50, totalReturnP5: s.totalReturn.p5, totalReturnP50: s.totalReturn.p50,
    maxDrawdownP5: s.maxDrawdown.p5, maxDrawdownP50: s.maxDrawdown.p50, sharpeP50: s.sharpe.p50, cagrP50: s.cagr.p50,
  });

  // ---- stress ------------------------------------------------------------------------------------------

  async function stress(returns: Float64Array, scenarios: StressScenario[], ppy: number, bpd: number, cash: number, job: Job | null): Promise<StressSummary> {
    const shared = new Float64Array(new SharedArrayBuffer(returns.length * 8));
    shared.set(returns);
    const results = await pool().runMany('stress-scenario', scenarios.map((scenario) => ({ returns: shared, scenario, barsPerDay: bpd, periodsPerYear: ppy, initialEquity: cash })), {
      signal: job?.signal, onProgress: (p) => job?.progress(p.done, p.total, 'stress scenarios'),
    });
    return { baseline: returnSeriesMetrics(returns, ppy, cash), results };
  }

  // ---- walk-forward ------------------------------------------------------------------------------------

  function wfOut(s: WfSummary<Record<string, unknown>>, bars: Bars, gridSize: number, metric: string): WfOut {
    const t = (i: number): number => bars.time[Math.min(bars.time.length - 1, Math.max(0, i))];
    const rec = (m: Record<string, number>) => finRecord(m);
    return {
      folds: s.folds.map((f) => ({
        window: f.window, trainFrom: t(f.window.trainStart), trainTo: t(f.window.trainEnd - 1), testFrom: t(f.window.testStart), testTo: t(f.window.testEnd - 1),
        params: f.params, is: rec(f.is), oos: rec(f.oos),
      })),
      aggregates: finRecord({ ...s.aggregates }),
      stitched: { time: s.stitched.bar.map(t), equity: s.stitched.equity },
      stitchedTotalReturn: fin(s.stitchedTotalReturn), stitchedMaxDrawdown: fin(s.stitchedMaxDrawdown), stitchedSharpe: fin(s.stitchedSharpe),
      efficiency: fin(s.efficiency), meanIsAnnualReturn: fin(s.meanIsAnnualReturn), meanOosAnnualReturn: fin(s.meanOosAnnualReturn),
      gridSize, metric,
    };
  }

  function wfGrid(strategyId: string, fixed: Record<string, unknown>, grid: GridSpec, constraints: string[], engine: EngineConfig, seed: number, metric: string): ParamSet[] {
    if (Object.keys(grid).length === 0) return [{}];
    const cfg: SweepConfig = {
      strategyId, grid, constraints, fixed: fixed as SweepConfig['fixed'], random: null, seed, engine, metric, blocks: 16, chunkSize: 1, preset: null,
    };
    return planSweep(cfg, getStrategy(strategyId));
  }

  function sweepPresetGrid(name: string): { strategy: string; grid: GridSpec; constraints: string[]; fixed: Record<string, unknown> } {
    const entry = Object.entries(sweepPresetFiles).find(([p]) => p.endsWith(`/${name}.toml`));
    if (!entry) throw new PeakError('NOT_FOUND', `sweep preset '${name}' not found in config/sweeps (have: ${Object.keys(sweepPresetFiles).map((p) => p.slice(p.lastIndexOf('/') + 1, -5)).join(', ')})`);
    const p = parseSweepPreset(parseTomlText(entry[1], `config/sweeps/${name}.toml`), `config/sweeps/${name}.toml`);
    return { strategy: p.strategy, grid: presetGrid(p), constraints: p.constraints, fixed: p.fixed };
  }

  /** one wf-fold task per window; `data` is shared with the workers once per job (SharedArrayBuffer) */
  async function runFolds(data: SharedBars, windows: ReturnType<typeof makeWindows>, strategyId: string, fixed: Record<string, unknown>,
    grid: ParamSet[], engine: EngineConfig, metric: string, job: Job | null, label: string): Promise<FoldResult<Record<string, unknown>>[]> {
    return pool().runMany('wf-fold', windows.map((window) => ({ data, strategyId, fixed, grid, engine, metric, window })), {
      signal: job?.signal, onProgress: (p) => job?.progress(p.done, p.total, label),
    });
  }

  // ---- overfitting -------------------------------------------------------------------------------------

  interface SweepRowDb { idx: number; params_json: string; metrics_json: string; blocks: Buffer }
  interface SweepDb { id: number; dataset_id: string; strategy_id: string; config_json: string; metric: string; total: number; status: string; preset: string | null }

  /**
   * PBO/PSR/DSR of a finished sweep. The handler only reads and packs the stored block statistics and picks the
   * best combination by the metric; the best combination's re-run (its return moments: the sweep keeps block
   * sums, not skew/kurtosis) is a `backtest` task and the statistics one `overfitting` task. `withBest: false`
   * skips the re-run (PSR/DSR then null) for callers that need only PBO and the Sharpe variance.
   */
  async function overfitting(sweepId: number, metricOverride?: string, withBest = true) {
    const sw = store.db.prepare('SELECT id, dataset_id, strategy_id, config_json, metric, total, status, preset FROM sweeps WHERE id = ?').get(sweepId) as SweepDb | undefined;
    if (!sw) throw new PeakError('NOT_FOUND', `sweep ${sweepId} not found`);
    const rows = store.db.prepare('SELECT idx, params_json, metrics_json, blocks FROM sweep_results WHERE sweep_id = ? ORDER BY idx').all(sweepId) as SweepRowDb[];
    if (rows.length < 2) throw new PeakError('BAD_INPUT', `sweep ${sweepId} has ${rows.length} result(s); PBO needs at least 2 (status ${sw.status})`);
    // N (the number of trials) must be the sweep's size: an unfinished sweep would understate it.
    if (rows.length < sw.total) throw new PeakError('BAD_INPUT', `sweep ${sweepId} is not finished (${rows.length}/${sw.total} combinations, status ${sw.status}); resume it first: peak sweep resume ${sweepId}`);
    const metric = metricOverride ?? sw.metric;
    const S = blobToF64(rows[0].blocks).length / 3;
    // Shared memory: zero-copy to the worker, and still intact if a crashed task is retried.
    const stats = new Float64Array(new SharedArrayBuffer(rows.length * S * 3 * 8));
    let best = -1, bestScore = -Infinity;
    rows.forEach((r, c) => {
      const b = blobToF64(r.blocks);
      if (b.length !== S * 3) throw new PeakError('INTERNAL', `sweep ${sweepId} result ${r.idx}: ${b.length / 3} blocks, expected ${S}`);
      stats.set(b, c * S * 3);
      const m = (JSON.parse(r.metrics_json) as Record<string, number | null>)[metric];
      const score = typeof m === 'number' && Number.isFinite(m) ? m : -Infinity;
      if (best < 0 || score > bestScore) { best = c; bestScore = score; }
    });
    const bars = ctx.bars(sw.dataset_id);
    const ppy = periodsPerYear(bars.time);
    const bestParams = JSON.parse(rows[best].params_json) as Record<string, unknown>;
    let bestEquity: Float64Array | null = null;
    if (withBest) {
      const cfg = JSON.parse(sw.config_json) as { fixed?: Record<string, unknown>; engine: EngineConfig };
      const strategy = getStrategy(sw.strategy_id);
      const params = strategy.params.parse({ ...(cfg.fixed ?? {}), ...bestParams }) as Record<string, unknown>;
      const ds = store.datasets.require(sw.dataset_id);
      bestEquity = (await runPooledBacktest(ctx, { datasetId: ds.id, contentHash: ds.contentHash, strategyId: strategy.meta.id, params, engine: cfg.engine })).result.equity;
    }
    const o = await pool().run('overfitting', { stats, nCombos: rows.length, nBlocks: S, best, bestEquity, periodsPerYear: ppy, histogramBins: 24, maxScatterPoints: 2000 });
    const mom = o.moments ?? { n: 0, skew: NaN, kurtosis: NaN };
    return {
      sweepId, nTrials: rows.length, blocks: S, metric,
      best: { index: rows[best].idx, params: bestParams, sharpe: fin(o.sr * Math.sqrt(ppy)) },
      perPeriodSharpe: o.sr, n: mom.n, skew: mom.skew, kurtosis: mom.kurtosis, periodsPerYear: ppy, varianceOfSharpes: o.varianceOfSharpes,
      psr: o.psr ?? NaN, dsr: o.dsr ?? NaN, srStar: o.srStar ?? NaN, srStarAnnual: (o.srStar ?? NaN) * Math.sqrt(ppy),
      pbo: o.pbo, nSplits: o.nSplits, probOosLoss: o.probOosLoss,
      degradation: { slope: fin(o.degradation.slope), intercept: fin(o.degradation.intercept) },
      logitHistogram: o.logitHistogram, isOos: o.isOos,
    };
  }

  const reportBase = (kind: string, title: string, runId: number, seed: number, configHash: string, dataset: string | null, sections: Section[], data: unknown, subtitle?: string): Report =>
    ({ title, kind, runId, seed, configHash, createdAt: ctx.clock(), dataset, sections, data, ...(subtitle ? { subtitle } : {}) });

  // ---- portfolio ---------------------------------------------------------------------------------------

  function tierOfMembers(ids: string[]): Tier {
    const tiers = ids.map((id) => getStrategy(id).meta.tier);
    if (tiers.includes('r_and_d')) return 'r_and_d';
    if (tiers.includes('legacy')) return 'legacy';
    if (tiers.every((t) => t === 'core')) return 'core';
    return 'aux';
  }

  function recipeMembers(recipe: Recipe, datasetId: string): { names: string[]; members: ReturnType<typeof resolveMember>[]; nTrials: number; sweepId: number | null } {
    if (recipe.strategies) {
      checkRecipeMembers(recipe, isKnownMember);
      const members = recipe.strategies.map(resolveMember);
      return { names: recipe.strategies, members, nTrials: 1, sweepId: null };
    }
    const sw = store.db.prepare(`SELECT id, strategy_id, config_json, metric, total FROM sweeps WHERE preset = ? AND dataset_id = ? AND status = 'done' ORDER BY id DESC LIMIT 1`)
      .get(recipe.sweep_name, datasetId) as { id: number; strategy_id: string; config_json: string; metric: string; total: number } | undefined;
    if (!sw) throw new PeakError('BAD_INPUT', `recipe ${recipe.id} takes the top ${recipe.top_n} of sweep preset '${recipe.sweep_name}': run \`peak sweep --preset ${recipe.sweep_name}\` on data set ${datasetId} first`);
    const cfg = JSON.parse(sw.config_json) as { fixed?: Record<string, unknown>; engine?: EngineConfigPatch };
    const rows = store.db.prepare('SELECT idx, params_json, metrics_json FROM sweep_results WHERE sweep_id = ?').all(sw.id) as Omit<SweepRowDb, 'blocks'>[];
    const score = (r: Omit<SweepRowDb, 'blocks'>): number => {
      const v = (JSON.parse(r.metrics_json) as Record<string, number | null>)[sw.metric];
      return typeof v === 'number' && Number.isFinite(v) ? v : -Infinity;
    };
    const top = rows.sort((a, b) => score(b) - score(a) || a.idx - b.idx).slice(0, recipe.top_n);
    const members = top.map((r) => ({ name: `${recipe.sweep_name}#${r.idx}`, strategyId: sw.strategy_id, params: { ...(cfg.fixed ?? {}), ...(JSON.parse(r.params_json) as Record<string, unknown>) }, engine: cfg.engine ?? {} }));
    return { names: members.map((m) => m.name), members, nTrials: sw.total, sweepId: sw.id };
  }

  return {
    'walkforward:run': async (input) => ctx.jobs.run('walkforward', async (job) => {
      const ds = store.datasets.require(input.datasetId);
      const all = ctx.bars(ds.id);
      const [s, e] = timeRange(all.time, input.from, input.to);
      const bars = s === 0 && e === all.time.length ? all : sliceBars(all, s, e);
      let strategyId = input.strategyId;
      let grid: GridSpec = input.grid;
      let constraints = input.constraints;
      let fixed: Record<string, unknown> = input.params;
      if (input.sweepPreset) {
        const p = sweepPresetGrid(input.sweepPreset);
        if (p.strategy !== strategyId) throw new PeakError('BAD_INPUT', `sweep preset '${input.sweepPreset}' is for strategy ${p.strategy}, not ${strategyId}`);
        grid = { ...p.grid, ...grid };
        constraints = [...p.constraints, ...constraints];
        fixed = { ...p.fixed, ...fixed };
      }
      getStrategy(strategyId);
      strategyId = getStrategy(strategyId).meta.id;
      const engine = engineFor(input.engine);
      const seed = input.seed ?? ctx.config.backtest.seed;
      const combos = wfGrid(strategyId, fixed, grid, constraints, engine, seed, input.metric);
      resolveParams(strategyId, { ...fixed, ...combos[0] }); // bad fixed parameters are BAD_INPUT here, not a worker failure
      const spec: WfWindowSpec = { train: input.train, test: input.test, step: input.step ?? null, mode: input.mode };
      const windows = makeWindows(bars.time, spec);
      if (windows.length === 0) throw new PeakError('BAD_INPUT', `walk-forward: no complete window of train ${input.train} + test ${input.test} fits the ${bars.time.length} bars of data set ${ds.id}`);
      const configHash = hashOf({ kind: 'walkforward', dataset: ds.contentHash, strategy: strategyId, fixed, grid, constraints, spec, metric: input.metric, engine, seed, range: { from: input.from ?? null, to: input.to ?? null } });
      const t0 = ctx.clock();
      job.progress(0, windows.length, 'walk-forward windows');
      const folds = await runFolds(shareBars(`${ds.contentHash}:${s}:${e}`, bars), windows, strategyId, fixed, combos, engine, input.metric, job, 'walk-forward windows');
      const ppy = periodsPerYear(bars.time);
      const summary = wfOut(assembleWalkForward(folds, engine.cash, ppy), bars, combos.length, input.metric);
      const durationMs = ctx.clock() - t0;
      const metrics = finRecord({ oosSharpe: summary.stitchedSharpe ?? NaN, oosTotalReturn: summary.stitchedTotalReturn ?? NaN, oosMaxDrawdown: summary.stitchedMaxDrawdown ?? NaN, efficiency: summary.efficiency ?? NaN, windows: windows.length, winRateWindows: summary.aggregates.winRateWindows ?? NaN });
      const runId = input.save ? storeRun('walkforward', { datasetId: ds.id, strategyId, params: fixed, engine, bars }, seed, configHash, metrics, durationMs, summary) : 0;
      const report = input.report ? saveReport(reportBase('walkforward', `Walk-forward · ${strategyId} · ${ds.name}`, runId, seed, configHash, ds.name, wfSections(summary), summary,
        `${input.mode} windows train ${input.train} / test ${input.test}${input.step ? ` / step ${input.step}` : ''}; annualised with ${ppy.toFixed(1)} periods per year`)) : null;
      return { runId, kind: 'walkforward' as const, seed, configHash, durationMs, report, summary };
    }),

    'montecarlo:run': async (input) => ctx.jobs.run('montecarlo', async (job) => {
      const l = await loadSource(input.source, job.signal);
      const seed = input.seed ?? ctx.config.backtest.seed;
      const returns = input.method === 'trade_shuffle' ? tradeReturns(l) : barReturns(l);
      if (returns.length < 2) throw new PeakError('BAD_INPUT', `montecarlo: ${input.method === 'trade_shuffle' ? `${returns.length} closed trade(s)` : `${returns.length} return(s)`}; needs at least 2`);
      const ppy = input.method === 'trade_shuffle' ? tradesPerYear(returns.length, l.bars.time.length, l.ppy) : l.ppy;
      const cfg: McConfig = { ...defaultMcConfig, method: input.method as McMethod, nPaths: input.nPaths, seed, blockSize: input.blockSize, initialEquity: l.engine.cash, periodsPerYear: ppy };
      const configHash = hashOf({ kind: 'montecarlo', dataset: l.contentHash, strategy: l.strategyId, params: l.params, engine: l.engine, range: l.range, sourceRun: l.sourceRunId, cfg });
      const t0 = ctx.clock();
      const s = await monteCarlo(returns, cfg, job);
      const durationMs = ctx.clock() - t0;
      const runId = input.save ? storeRun('montecarlo', l, seed, configHash, mcMetrics(s), durationMs, s) : 0;
      const report = input.report ? saveReport(reportBase('montecarlo', `Monte-Carlo · ${l.strategyId} · ${l.datasetName}`, runId, seed, configHash, l.datasetName,
        [...equitySections('Baseline backtest', l.bars.time, l.equity), ...mcSections(s)], s)) : null;
      return { runId, kind: 'montecarlo' as const, seed, configHash, durationMs, report, summary: s as McOut };
    }),

    'stress:run': async (input) => ctx.jobs.run('stress', async (job) => {
      const l = await loadSource(input.source, job.signal);
      const seed = input.seed ?? ctx.config.backtest.seed;
      const returns = barReturns(l);
      const scenarios: StressScenario[] = input.scenarios.map((kind) => ({ kind, position: input.position, ...(input.severity !== undefined && { severity: input.severity }) }));
      const configHash = hashOf({ kind: 'stress', dataset: l.contentHash, strategy: l.strategyId, params: l.params, engine: l.engine, range: l.range, sourceRun: l.sourceRunId, scenarios });
      const t0 = ctx.clock();
      const pooled = await stress(returns, scenarios, l.ppy, barsPerDay(l.bars, l.ppy), l.engine.cash, job);
      // baseline = the run's own metrics; every scenario measured the same way (Trust #5)
      const s = restateStress(pooled, l.outcome.result, l.bars, l.outcome.metrics, returns, scenarios, { barsPerDay: barsPerDay(l.bars, l.ppy), periodsPerYear: l.ppy });
      const durationMs = ctx.clock() - t0;
      const worst = Math.min(...s.results.map((r) => r.stressed.maxDrawdown));
      const metrics = finRecord({ baselineMaxDrawdown: s.baseline.maxDrawdown, worstStressedMaxDrawdown: worst, baselineTotalReturn: s.baseline.totalReturn, scenarios: s.results.length });
      const runId = input.save ? storeRun('stress', l, seed, configHash, metrics, durationMs, s) : 0;
      const report = input.report ? saveReport(reportBase('stress', `Stress tests · ${l.strategyId} · ${l.datasetName}`, runId, seed, configHash, l.datasetName,
        [...equitySections('Baseline backtest', l.bars.time, l.equity), ...stressSections(s)], s)) : null;
      return { runId, kind: 'stress' as const, seed, configHash, durationMs, report, summary: s as StressOut };
    }),

    'research:overfitting': (input) => overfitting(input.sweepId, input.metric),

    'research:gonogo': (input) => evaluateGoNoGo(input, loadGoNoGoConfig()) as GoNoGoOut,

    'research:recipes': () => {
      const { recipes, warnings } = loadRecipes();
      return {
        recipes: recipes.map((r) => ({ id: r.id, portfolioName: r.portfolio_name, riskProfile: r.risk_profile, members: r.strategies ?? [`top ${r.top_n} of ${r.sweep_name}`], weights: r.weights })),
        warnings,
      };
    },

    'research:portfolio': async (input) => ctx.jobs.run('portfolio', async (job) => {
      const { recipes, warnings } = loadRecipes();
      const recipe = recipes.find((r) => r.id === input.preset);
      if (!recipe) throw new PeakError('NOT_FOUND', `portfolio recipe '${input.preset}' not found (have: ${recipes.map((r) => r.id).join(', ')})`);
      const ds = store.datasets.require(input.datasetId);
      const all = ctx.bars(ds.id);
      const [s, e] = timeRange(all.time, input.from, input.to);
      const bars = s === 0 && e === all.time.length ? all : sliceBars(all, s, e);
      const n = bars.time.length;
      const seed = input.seed ?? ctx.config.backtest.seed;
      const { members, nTrials, sweepId } = recipeMembers(recipe, ds.id);
      const t0 = ctx.clock();
      // 1. member backtests (full range; one `backtest` task each, in parallel) and allocation
      const runs = await Promise.all(members.map(async (m) => {
        const strategy = getStrategy(m.strategyId);
        const params = resolveParams(strategy.meta.id, m.params);
        const engine = engineFor({ ...input.engine, ...m.engine });
        const out = await runPooledBacktest(ctx, { datasetId: ds.id, contentHash: ds.contentHash, start: s, end: e, strategyId: strategy.meta.id, params, engine, signal: job.signal });
        return { m: { ...m, strategyId: strategy.meta.id, params }, engine, out };
      }));
      job.progress(1, 5, 'member backtests');
      const cash = engineFor(input.engine).cash;
      const memberReturns = runs.map((r) => equityReturns(r.out.result.equity));
      const alloc = allocate(recipe.allocation, memberReturns, { manualWeights: recipe.weights, ...(recipe.allocation_estimation_bars !== undefined && { estimationBars: recipe.allocation_estimation_bars }) });
      const combined = combineEquity(runs.map((r) => r.out.result.equity), alloc.weights, cash);
      const firstStart = Math.min(...runs.map((r) => r.out.result.startBar));
      const pReturns = equityReturns(combined.subarray(Math.max(0, firstStart - 1)));
      const ppy = periodsPerYear(bars.time);
      const pm = returnSeriesMetrics(pReturns, ppy, cash);
      let wins = 0, losses = 0, trades = 0;
      runs.forEach((r, i) => r.out.result.trades.forEach((t) => { trades++; if (t.pnl > 0) wins += alloc.weights[i] * t.pnl; else losses -= alloc.weights[i] * t.pnl; }));
      const metrics = finRecord({
        sharpe: pm.sharpe, totalReturnPct: pm.totalReturn * 100, maxDrawdownPct: pm.maxDrawdown * 100, cagrPct: pm.cagr * 100,
        annVolatilityPct: pm.volatility * 100, trades, profitFactor: losses > 0 ? wins / losses : NaN,
      });
      // 2. walk-forward OOS check of the fixed members: per window, each member on the test bars, combined with the weights
      const wfSpec: WfWindowSpec = input.walkforward
        ? { train: input.walkforward.train, test: input.walkforward.test, step: input.walkforward.step ?? null, mode: input.walkforward.mode }
        : { train: Math.max(2, Math.floor(n * 0.4)), test: Math.max(2, Math.floor(n * 0.12)), mode: 'anchored' };
      const windows = makeWindows(bars.time, wfSpec);
      let wf: WfOut | null = null;
      if (windows.length > 0) {
        const data = shareBars(`${ds.contentHash}:${s}:${e}`, bars);
        const perMember = await Promise.all(runs.map((r) => runFolds(data, windows, r.m.strategyId, r.m.params, [{}], r.engine, 'sharpe', null, 'walk-forward')));
        job.progress(2, 5, 'walk-forward');
        const folds: FoldResult<Record<string, unknown>>[] = windows.map((w, k) => {
          const len = perMember[0][k].oosCurve.length;
          const curve = new Array<number>(len).fill(0);
          perMember.forEach((f, i) => f[k].oosCurve.forEach((v, j) => { curve[j] += alloc.weights[i] * v; }));
          const rs = equityReturns([1, ...curve]);
          const om = returnSeriesMetrics(rs, ppy, 1);
          const isAnn = perMember.reduce((a, f, i) => a + alloc.weights[i] * f[k].is.annualReturn, 0);
          const isSh = perMember.reduce((a, f, i) => a + alloc.weights[i] * f[k].is.sharpe, 0);
          return {
            window: w, bestIndex: 0, params: {}, candidates: 1, oosCurve: curve,
            is: { sharpe: isSh, totalReturn: NaN, maxDrawdown: NaN, annualReturn: isAnn, trades: perMember.reduce((a, f) => a + f[k].is.trades, 0) },
            oos: { sharpe: om.sharpe, totalReturn: om.totalReturn, maxDrawdown: om.maxDrawdown, annualReturn: om.cagr, trades: perMember.reduce((a, f) => a + f[k].oos.trades, 0) },
          };
        });
        wf = wfOut(assembleWalkForward(folds, cash, ppy), bars, 1, 'sharpe');
      } else {
        warnings.push(`walk-forward skipped: no complete window of train ${wfSpec.train} + test ${wfSpec.test} in ${n} bars`);
      }
      // 3. Monte-Carlo and 4. stress on the portfolio's per-bar returns
      const nPaths = input.nPaths ?? recipe.mc_num_runs ?? 1000;
      const mcCfg: McConfig = { ...defaultMcConfig, method: recipe.mc_method ?? 'iid', nPaths, seed, initialEquity: cash, periodsPerYear: ppy };
      const mc = recipe.run_montecarlo ? await monteCarlo(pReturns, mcCfg, null) : null;
      job.progress(3, 5, 'Monte-Carlo');
      const kinds: StressKind[] = recipe.stress_scenarios ?? ['single_crash_bar', 'vol_spike'];
      const scenarios: StressScenario[] = kinds.map((kind) => ({ kind, ...(recipe.stress_severity !== undefined && { severity: recipe.stress_severity }) }));
      const st = recipe.run_stress_tests ? await stress(pReturns, scenarios, ppy, barsPerDay(bars, ppy), cash, null) : null;
      job.progress(4, 5, 'stress');
      // 5. overfitting (sweep-based recipes: N = the sweep's size; fixed recipes: N = 1, no selection → DSR = PSR)
      const mom = returnMoments(pReturns);
      let dsrValue: number | undefined;
      let pbo: number | undefined;
      if (sweepId !== null) {
        // only PBO and the Sharpe variance are needed here: skip the best combination's re-run
        const o = await overfitting(sweepId, undefined, false);
        pbo = o.pbo;
        dsrValue = deflatedSharpe({ sr: mom.sharpe, n: mom.n, skew: mom.skew, kurtosis: mom.kurtosis }, nTrials, o.varianceOfSharpes).dsr;
      } else if (mom.n > 1) {
        dsrValue = psr(mom.sharpe, mom.n, mom.skew, mom.kurtosis, 0);
        warnings.push('fixed recipe: DSR uses N = 1 (no parameter search) and equals the PSR; PBO needs a sweep and is not available');
      }
      const crash = st?.results.find((r) => r.scenario.kind === 'single_crash_bar');
      const gInput: GoNoGoInput = {
        tier: tierOfMembers(runs.map((r) => r.m.strategyId)), riskProfile: recipe.risk_profile,
        metrics: { sharpe: metrics.sharpe, maxDrawdownPct: metrics.maxDrawdownPct, trades, profitFactor: metrics.profitFactor },
        oosSharpe: wf?.stitchedSharpe ?? null, dsr: dsrValue ?? null, pbo: pbo ?? null,
        crashDrawdown: crash?.stressed.maxDrawdown ?? null, mc: mc ? { maxDrawdownP5: mc.maxDrawdown.p5, probLoss: mc.probLoss } : null,
      };
      const gonogo = evaluateGoNoGo(gInput, loadGoNoGoConfig()) as GoNoGoOut;
      const durationMs = ctx.clock() - t0;
      const memberOut = runs.map((r, i) => ({ name: members[i].name, strategyId: r.m.strategyId, params: r.m.params, weight: alloc.weights[i], metrics: finRecord(Object.fromEntries(Object.entries(r.out.metrics).map(([k, v]) => [k, v ?? NaN]))) }));
      const configHash = hashOf({ kind: 'portfolio', recipe, dataset: ds.contentHash, members: memberOut.map((m) => [m.strategyId, m.params]), engine: input.engine, wfSpec, nPaths, seed, range: { from: input.from ?? null, to: input.to ?? null } });
      const result = {
        kind: 'portfolio' as const, seed, configHash, durationMs, recipe: recipe.id, members: memberOut, metrics,
        walkforward: wf, montecarlo: (mc as McOut | null), stress: (st as StressOut | null), gonogo, warnings,
      };
      const runId = input.save ? storeRun('portfolio', { datasetId: ds.id, strategyId: null, params: { recipe: recipe.id }, engine: null, bars }, seed, configHash,
        { ...metrics, verdict: gonogo.verdict === 'GO' ? 1 : gonogo.verdict === 'NO_GO' ? -1 : 0 }, durationMs, result, recipe.portfolio_name) : 0;
      const sections: Section[] = [
        gonogoSection(gonogo),
        { type: 'table', title: `Members (allocation: ${recipe.allocation})`, columns: ['member', 'strategy', 'parameters', 'weight', 'Sharpe', 'return', 'max DD', 'trades'],
          rows: memberOut.map((m) => [m.name, m.strategyId, Object.entries(m.params).map(([k, v]) => `${k}=${String(v)}`).join(' '), fmtPct(m.weight, 1), fmtNum(m.metrics.sharpe), fmtNum(m.metrics.totalReturnPct) + ' %', fmtNum(m.metrics.maxDrawdownPct) + ' %', fmtNum(m.metrics.trades, 0)]) },
        { type: 'kv', title: 'Portfolio', rows: [
          ['recipe', `${recipe.id} — ${recipe.portfolio_name}`], ['risk profile', recipe.risk_profile],
          ['Sharpe (annualised)', fmtNum(metrics.sharpe)], ['total return', fmtPct(pm.totalReturn)], ['CAGR', fmtPct(pm.cagr)], ['max drawdown', fmtPct(pm.maxDrawdown)],
          ['volatility (annualised)', fmtPct(pm.volatility)], ['trades · profit factor', `${trades} · ${fmtNum(metrics.profitFactor)}`],
          ['PSR / DSR', `${fmtNum(mom.n > 1 ? psr(mom.sharpe, mom.n, mom.skew, mom.kurtosis) : NaN, 3)} / ${fmtNum(dsrValue, 3)} (N = ${nTrials})`], ['PBO', pbo === undefined ? '— (no sweep)' : fmtNum(pbo, 3)],
          ['periods per year', fmtNum(ppy, 1)],
        ] },
        ...equitySections('Portfolio', bars.time, combined, runs.map((r, i) => ({ name: members[i].name, x: Array.from(bars.time.filter((_, j) => j % Math.max(1, Math.ceil(n / 2000)) === 0 || j === n - 1)), y: Array.from(r.out.result.equity.filter((_, j) => j % Math.max(1, Math.ceil(n / 2000)) === 0 || j === n - 1), (v) => (v / r.out.result.equity[0]) * cash), line: { width: 1 } }))),
        ...(wf ? wfSections(wf) : []),
        ...(mc ? mcSections(mc) : []),
        ...(st ? stressSections(st) : []),
        ...(warnings.length ? [{ type: 'text' as const, title: 'Notes', text: warnings.join(' · ') }] : []),
      ];
      const formats = recipe.format === 'both' ? (['html', 'md', 'json'] as const) : recipe.format === 'html' ? (['html', 'json'] as const) : (['md', 'json'] as const);
      const report = saveReport(reportBase('portfolio', `Portfolio · ${recipe.portfolio_name} · ${ds.name}`, runId, seed, configHash, ds.name, sections, result,
        `recipe ${recipe.id}; annualised with ${ppy.toFixed(1)} periods per year`), formats);
      job.progress(5, 5, 'report');
      return { ...result, runId, report };
    }),

    'reports:get': ({ runId }) => {
      store.runs.require(runId);
      const r = store.db.prepare('SELECT dir, html_path, md_path, json_path FROM run_reports WHERE run_id = ?').get(runId) as { dir: string; html_path: string | null; md_path: string | null; json_path: string | null } | undefined;
      return { runId, report: r ? { dir: r.dir, html: r.html_path, md: r.md_path, json: r.json_path } : null };
    },
  } satisfies Partial<Handlers>;
}

function parseTomlText(text: string, file: string): unknown {
  try {
    return parseToml(text);
  } catch (e) {
    throw new PeakError('BAD_FILE', `${file}: ${(e as Error).message.split('\n')[0]}`);
  }
}
