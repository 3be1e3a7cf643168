/**
 * Portfolio recipes: member backtests → allocation → walk-forward OOS check → Monte-Carlo → stress → overfitting
 * → Go/No-Go, stored as one run with its report.
 */
import type { CommandOutput, CommandParsedInput } from '../../core/api/contract';
import type { WfSummary as WfOut } from '../../core/api/commands/research';
import type { EngineConfigPatch } from '../../core/api/schemas';
import { periodsPerYear, sliceBars } from '../../core/data/bars';
import { PeakError } from '../../core/errors';
import { timeRange } from '../../core/lod';
import { evaluateGoNoGo, type GoNoGoInput } from '../../core/research/gonogo';
import { defaultMcConfig, equityReturns, type McConfig } from '../../core/research/montecarlo';
import { dsr as deflatedSharpe, psr, returnMoments } from '../../core/research/overfitting';
import { allocate, combineEquity } from '../../core/research/portfolio';
import { checkRecipeMembers, type Recipe } from '../../core/research/recipes';
import { returnSeriesMetrics, type StressKind, type StressScenario } from '../../core/research/stress';
import type { FoldResult, WfWindowSpec } from '../../core/research/walkforward';
import { makeWindows, assembleWalkForward } from '../../core/research/walkforward';
import { getStrategy, resolveParams } from '../../core/strategies/registry';
import type { Tier } from '../../core/strategies/types';
import { shareBars } from '../../workers/shared-data';
import type { SweepResultRow } from '../db/sweeps';
import { equitySections, gonogoSection, mcSections, stressSections, wfSections } from '../files/reports/builders';
import type { Section } from '../files/reports/model';
import { fmtNum, fmtPct } from '../files/reports/model';
import type { Job } from '../jobs/registry';
import { runPooledBacktest } from '../backtest/service';
import { barsPerDay, engineFor, finRecord, hashOf, type ResearchDeps } from './deps';
import { isKnownMember, resolveMember } from './members';
import { monteCarlo } from './montecarlo';
import { overfitting } from './overfitting';
import { reportBase, saveReport, storeRun } from './reports';
import { stress } from './stress';
import { runFolds, wfOut } from './walkforward';

export function tierOfMembers(ids: string[]): Tier {
  const tiers = ids.map((id) => getStrategy(id).meta.tier);
  if (tiers.includes('r_and_d')) return 'r_and_d';
  if (tiers.includes('legacy')) return 'legacy';
  if (tiers.every((t) => t === 'core')) return 'core';
  return 'aux';
}

export function recipeMembers(deps: ResearchDeps, recipe: Recipe, datasetId: string): { names: string[]; members: ReturnType<typeof resolveMember>[]; nTrials: number; sweepId: number | null } {
  if (recipe.strategies) {
    checkRecipeMembers(recipe, isKnownMember);
    const members = recipe.strategies.map(resolveMember);
    return { names: recipe.strategies, members, nTrials: 1, sweepId: null };
  }
  // validateRecipes guarantees a sweep name for a recipe without a strategy list
  const sweepName = recipe.sweep_name ?? '';
  const sw = deps.store.sweeps.latestDone(sweepName, datasetId);
  if (!sw) throw new PeakError('BAD_INPUT', `recipe ${recipe.id} takes the top ${recipe.top_n} of sweep preset '${recipe.sweep_name}': run \`peak sweep --preset ${recipe.sweep_name}\` on data set ${datasetId} first`);
  const score = (r: SweepResultRow): number => {
    const v = r.metrics[sw.metric];
    return typeof v === 'number' && Number.isFinite(v) ? v : -Infinity;
  };
  const top = deps.store.sweeps.rows(sw.id).sort((a, b) => score(b) - score(a) || a.index - b.index).slice(0, recipe.top_n);
  const members = top.map((r) => ({ name: `${recipe.sweep_name}#${r.index}`, strategyId: sw.strategyId, params: { ...sw.config.fixed, ...r.params }, engine: sw.config.engine as EngineConfigPatch }));
  return { names: members.map((m) => m.name), members, nTrials: sw.total, sweepId: sw.id };
}

export async function runPortfolio(deps: ResearchDeps, input: CommandParsedInput<'research:portfolio'>, job: Job): Promise<CommandOutput<'research:portfolio'>> {
  const { recipes, warnings } = deps.research.recipes();
  const recipe = recipes.find((r) => r.id === input.preset);
  if (!recipe) throw new PeakError('NOT_FOUND', `portfolio recipe '${input.preset}' not found (have: ${recipes.map((r) => r.id).join(', ')})`);
  const ds = deps.store.datasets.require(input.datasetId);
  const all = deps.bars(ds.id);
  const [s, e] = timeRange(all.time, input.from, input.to);
  const bars = s === 0 && e === all.time.length ? all : sliceBars(all, s, e);
  const n = bars.time.length;
  const seed = input.seed ?? deps.config.backtest.seed;
  const { members, nTrials, sweepId } = recipeMembers(deps, recipe, ds.id);
  const t0 = deps.clock();
  // 1. member backtests (full range; one `backtest` task each, in parallel) and allocation
  const runs = await Promise.all(members.map(async (m) => {
    const strategy = getStrategy(m.strategyId);
    const params = resolveParams(strategy.meta.id, m.params);
    const engine = engineFor(deps, { ...input.engine, ...m.engine });
    const out = await runPooledBacktest(deps, { datasetId: ds.id, contentHash: ds.contentHash, start: s, end: e, strategyId: strategy.meta.id, params, engine, signal: job.signal });
    return { m: { ...m, strategyId: strategy.meta.id, params }, engine, out };
  }));
  job.progress(1, 5, 'member backtests');
  const cash = engineFor(deps, input.engine).cash;
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
    const perMember = await Promise.all(runs.map((r) => runFolds(deps, data, windows, r.m.strategyId, r.m.params, [{}], r.engine, 'sharpe', null, 'walk-forward')));
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
  const mc = recipe.run_montecarlo ? await monteCarlo(deps, pReturns, mcCfg, null) : null;
  job.progress(3, 5, 'Monte-Carlo');
  const kinds: StressKind[] = recipe.stress_scenarios ?? ['single_crash_bar', 'vol_spike'];
  const scenarios: StressScenario[] = kinds.map((kind) => ({ kind, ...(recipe.stress_severity !== undefined && { severity: recipe.stress_severity }) }));
  const st = recipe.run_stress_tests ? await stress(deps, pReturns, scenarios, ppy, barsPerDay(bars, ppy), cash, null) : null;
  job.progress(4, 5, 'stress');
  // 5. overfitting (sweep-based recipes: N = the sweep's size; fixed recipes: N = 1, no selection → DSR = PSR)
  const mom = returnMoments(pReturns);
  let dsrValue: number | undefined;
  let pbo: number | undefined;
  if (sweepId !== null) {
    // only PBO and the Sharpe variance are needed here: skip the best combination's re-run
    const o = await overfitting(deps, sweepId, undefined, false);
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
  const gonogo = evaluateGoNoGo(gInput, deps.research.gonogo());
  const durationMs = deps.clock() - t0;
  const memberOut = runs.map((r, i) => ({ name: members[i].name, strategyId: r.m.strategyId, params: r.m.params, weight: alloc.weights[i], metrics: finRecord(Object.fromEntries(Object.entries(r.out.metrics).map(([k, v]) => [k, v ?? NaN]))) }));
  const configHash = hashOf({ kind: 'portfolio', recipe, dataset: ds.contentHash, members: memberOut.map((m) => [m.strategyId, m.params]), engine: input.engine, wfSpec, nPaths, seed, range: { from: input.from ?? null, to: input.to ?? null } });
  const result = {
    kind: 'portfolio' as const, seed, configHash, durationMs, recipe: recipe.id, members: memberOut, metrics,
    walkforward: wf, montecarlo: mc, stress: st, gonogo, warnings,
  };
  const runId = input.save ? storeRun(deps, 'portfolio', { datasetId: ds.id, strategyId: null, params: { recipe: recipe.id }, engine: null, bars }, seed, configHash,
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
  const report = saveReport(deps, reportBase(deps, 'portfolio', `Portfolio · ${recipe.portfolio_name} · ${ds.name}`, runId, seed, configHash, ds.name, sections, result,
    `recipe ${recipe.id}; annualised with ${ppy.toFixed(1)} periods per year`), formats);
  job.progress(5, 5, 'report');
  if (runId > 0) job.setResult({ kind: 'run', id: String(runId) });
  return { ...result, runId, report, jobId: job.id };
}
