/**
 * Walk-forward: optimise a grid in-sample per window by a metric (one wf-fold task per window on the worker
 * pool), evaluate out-of-sample, stitch, store the run and write the report.
 */
import type { CommandOutput, CommandParsedInput } from '../../core/api/contract';
import type { WfSummary as WfOut } from '../../core/api/commands/research';
import { periodsPerYear, sliceBars, type Bars } from '../../core/data/bars';
import type { EngineConfig } from '../../core/engine/types';
import { PeakError } from '../../core/errors';
import { timeRange } from '../../core/lod';
import type { GridSpec, ParamSet } from '../../core/research/grid';
import { planSweep, presetGrid, type SweepConfig } from '../../core/research/sweep';
import { assembleWalkForward, makeWindows, type FoldResult, type WfSummary, type WfWindowSpec } from '../../core/research/walkforward';
import { getStrategy, resolveParams } from '../../core/strategies/registry';
import { shareBars, type SharedBars } from '../../workers/shared-data';
import { wfSections } from '../files/reports/builders';
import type { Job } from '../jobs/registry';
import { fin, finRecord, engineFor, hashOf, researchPool, type ResearchDeps } from './deps';
import { reportBase, saveReport, storeRun } from './reports';

export function wfOut(s: WfSummary<Record<string, unknown>>, bars: Bars, gridSize: number, metric: string): WfOut {
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

export function wfGrid(strategyId: string, fixed: Record<string, unknown>, grid: GridSpec, constraints: string[], engine: EngineConfig, seed: number, metric: string): ParamSet[] {
  if (Object.keys(grid).length === 0) return [{}];
  const cfg: SweepConfig = {
    strategyId, grid, constraints, fixed: fixed as SweepConfig['fixed'], random: null, seed, engine, metric, blocks: 16, chunkSize: 1, preset: null,
  };
  return planSweep(cfg, getStrategy(strategyId));
}

export function sweepPresetGrid(deps: ResearchDeps, name: string): { strategy: string; grid: GridSpec; constraints: string[]; fixed: Record<string, unknown> } {
  const presets = deps.research.sweepPresets();
  const p = presets.get(name);
  if (!p) throw new PeakError('NOT_FOUND', `sweep preset '${name}' not found in config/sweeps (have: ${[...presets.keys()].join(', ')})`);
  return { strategy: p.strategy, grid: presetGrid(p), constraints: p.constraints, fixed: p.fixed };
}

/** one wf-fold task per window; `data` is shared with the workers once per job (SharedArrayBuffer) */
export async function runFolds(deps: ResearchDeps, data: SharedBars, windows: ReturnType<typeof makeWindows>, strategyId: string, fixed: Record<string, unknown>,
  grid: ParamSet[], engine: EngineConfig, metric: string, job: Job | null, label: string): Promise<FoldResult<Record<string, unknown>>[]> {
  return researchPool(deps).runMany('wf-fold', windows.map((window) => ({ data, strategyId, fixed, grid, engine, metric, window })), {
    signal: job?.signal, onProgress: (p) => job?.progress(p.done, p.total, label),
  });
}

export async function runWalkForward(deps: ResearchDeps, input: CommandParsedInput<'walkforward:run'>, job: Job): Promise<CommandOutput<'walkforward:run'>> {
  const ds = deps.store.datasets.require(input.datasetId);
  const all = deps.bars(ds.id);
  const [s, e] = timeRange(all.time, input.from, input.to);
  const bars = s === 0 && e === all.time.length ? all : sliceBars(all, s, e);
  let strategyId = input.strategyId;
  let grid: GridSpec = input.grid;
  let constraints = input.constraints;
  let fixed: Record<string, unknown> = input.params;
  if (input.sweepPreset) {
    const p = sweepPresetGrid(deps, input.sweepPreset);
    if (p.strategy !== strategyId) throw new PeakError('BAD_INPUT', `sweep preset '${input.sweepPreset}' is for strategy ${p.strategy}, not ${strategyId}`);
    grid = { ...p.grid, ...grid };
    constraints = [...p.constraints, ...constraints];
    fixed = { ...p.fixed, ...fixed };
  }
  getStrategy(strategyId);
  strategyId = getStrategy(strategyId).meta.id;
  const engine = engineFor(deps, input.engine);
  const seed = input.seed ?? deps.config.backtest.seed;
  const combos = wfGrid(strategyId, fixed, grid, constraints, engine, seed, input.metric);
  resolveParams(strategyId, { ...fixed, ...combos[0] }); // bad fixed parameters are BAD_INPUT here, not a worker failure
  const spec: WfWindowSpec = { train: input.train, test: input.test, step: input.step ?? null, mode: input.mode };
  const windows = makeWindows(bars.time, spec);
  if (windows.length === 0) throw new PeakError('BAD_INPUT', `walk-forward: no complete window of train ${input.train} + test ${input.test} fits the ${bars.time.length} bars of data set ${ds.id}`);
  const configHash = hashOf({ kind: 'walkforward', dataset: ds.contentHash, strategy: strategyId, fixed, grid, constraints, spec, metric: input.metric, engine, seed, range: { from: input.from ?? null, to: input.to ?? null } });
  const t0 = deps.clock();
  job.progress(0, windows.length, 'walk-forward windows');
  const folds = await runFolds(deps, shareBars(`${ds.contentHash}:${s}:${e}`, bars), windows, strategyId, fixed, combos, engine, input.metric, job, 'walk-forward windows');
  const ppy = periodsPerYear(bars.time);
  const summary = wfOut(assembleWalkForward(folds, engine.cash, ppy), bars, combos.length, input.metric);
  const durationMs = deps.clock() - t0;
  const metrics = finRecord({ oosSharpe: summary.stitchedSharpe ?? NaN, oosTotalReturn: summary.stitchedTotalReturn ?? NaN, oosMaxDrawdown: summary.stitchedMaxDrawdown ?? NaN, efficiency: summary.efficiency ?? NaN, windows: windows.length, winRateWindows: summary.aggregates.winRateWindows ?? NaN });
  const runId = input.save ? storeRun(deps, 'walkforward', { datasetId: ds.id, strategyId, params: fixed, engine, bars }, seed, configHash, metrics, durationMs, summary) : 0;
  const report = input.report ? saveReport(deps, reportBase(deps, 'walkforward', `Walk-forward · ${strategyId} · ${ds.name}`, runId, seed, configHash, ds.name, wfSections(summary), summary,
    `${input.mode} windows train ${input.train} / test ${input.test}${input.step ? ` / step ${input.step}` : ''}; annualised with ${ppy.toFixed(1)} periods per year`)) : null;
  if (runId > 0) job.setResult({ kind: 'run', id: String(runId) });
  return { jobId: job.id, runId, kind: 'walkforward' as const, seed, configHash, durationMs, report, summary };
}
