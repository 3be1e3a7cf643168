/**
 * Drill service: start (bars + the strategy's signals, computed server-side with the core strategy code),
 * record key presses, finish (analysis, paper trades, reports) or abandon; plus the SPEC §7 demo and the scripted
 * drill the automation suites call (runScriptedDrill).
 */
import { randomUUID } from 'node:crypto';
import { PeakError } from '../../core/errors';
import type { Bars } from '../../core/data/bars';
import { makeBars, sliceBars } from '../../core/data/bars';
import { getStrategy, resolveParams } from '../../core/strategies';
import {
  analyseDrill, categorise, demoActions, demoBars, demoSignals, generatorBars, indicatorLines, scoreTrends, reactionTrends,
  scriptTrader, signalsFromStrategy, userActionFor, type DrillConfig, type DrillDetail, type DrillKey, type DrillSignal,
  type IndicatorLine, type Policy, type Prices, type QuirkMode, type Scenario, type StoredAction, type DrillAnalysis,
} from '../../core/drills';
import type { HandlerContext } from '../api/context';
import { getScenario } from './scenarios';
import { writeDrillReport, type DrillReportRef } from './report';

export interface StartDrillInput {
  scenario?: string;
  datasetId?: string;
  start?: number;
  strategy?: string;
  params?: Record<string, unknown>;
  length?: number;
  speedBarsPerS?: number;
  countdownMs?: number;
  seed?: number | string;
  quirks?: QuirkMode;
  method?: 'report' | 'features';
}

export interface StartedDrill {
  drillId: string;
  config: DrillConfig;
  prices: Prices;
  indicators: IndicatorLine[];
  signals: DrillSignal[];
}

export interface ActInput {
  drillId: string;
  signalId: string | null;
  key: DrillKey;
  latencyMs: number | null;
  bar: number;
  note?: string;
}

const DEFAULT_TAGS = { enter_long: ['trend'], enter_short: ['trend'], exit: ['exit'] };

function toPrices(b: Bars): Prices {
  return { time: Array.from(b.time), open: Array.from(b.open), high: Array.from(b.high), low: Array.from(b.low), close: Array.from(b.close) };
}
export function pricesToBars(p: Prices): Bars {
  const b = makeBars(p.close.length);
  b.time.set(p.time); b.open.set(p.open); b.high.set(p.high); b.low.set(p.low); b.close.set(p.close);
  return b;
}

export function createDrillService(ctx: HandlerContext) {
  const repo = ctx.store.drills;
  const emit = (id: string, status: 'running' | 'finished' | 'abandoned') => ctx.events.emit('drills:did-change', { id, status });

  function resolveBars(scenario: Scenario | null, input: StartDrillInput, n: number): { bars: Bars; source: DrillConfig['source'] } {
    const datasetId = input.datasetId ?? null;
    const src = scenario?.source;
    if (datasetId !== null || src?.kind === 'dataset') {
      let id = datasetId;
      if (id === null && src?.kind === 'dataset') {
        const found = ctx.store.datasets.findByName(src.dataset)[0];
        if (!found) throw new PeakError('NOT_FOUND', `scenario "${scenario?.id}": data set "${src.dataset}" is not in the store`);
        id = found.id;
      }
      if (!ctx.store.datasets.get(id as string)) throw new PeakError('NOT_FOUND', `datasetId: data set "${id}" not found`);
      const all = ctx.bars(id as string);
      const start = input.start ?? (src?.kind === 'dataset' ? src.start : 0);
      if (start + n > all.close.length) throw new PeakError('BAD_INPUT', `length: the window [${start}, ${start + n}) (incl. ${n - (input.length ?? scenario?.length ?? 0)} warm-up bars) exceeds the data set's ${all.close.length} bars`);
      return { bars: sliceBars(all, start, start + n), source: { kind: 'dataset', seed: null, dataset: id, start } };
    }
    if (!src) throw new PeakError('BAD_INPUT', 'scenario or datasetId: one is required');
    const seeded = { ...src, seed: input.seed ?? src.seed };
    return { bars: generatorBars(seeded, n), source: { kind: src.kind, seed: seeded.seed, dataset: null, start: 0 } };
  }

  function start(input: StartDrillInput): StartedDrill {
    const scenario = input.scenario !== undefined ? getScenario(input.scenario) : null;
    const strategy = input.strategy ?? scenario?.strategy.id;
    if (!strategy) throw new PeakError('BAD_INPUT', 'strategy: required without a scenario');
    const def = getStrategy(strategy);
    const rawParams = input.params ?? (input.strategy === undefined ? scenario?.strategy.params ?? {} : {});
    const params = resolveParams(strategy, rawParams);
    const length = input.length ?? scenario?.length ?? 300;
    const warmup = def.minBars(params);
    const { bars, source } = resolveBars(scenario, input, warmup + length);
    const tags = scenario?.tags ?? DEFAULT_TAGS;
    const signals = signalsFromStrategy(bars, strategy, params, tags).filter((s) => s.bar >= warmup);
    const config: DrillConfig = {
      scenarioId: scenario?.id ?? null, source, strategy, params, length, speedBarsPerS: input.speedBarsPerS ?? scenario?.speed_bars_per_s ?? 4,
      countdownMs: input.countdownMs ?? scenario?.countdown_ms ?? 5000, replayFrom: warmup, quirks: input.quirks ?? 'intended', method: input.method ?? 'report', tags,
    };
    const drillId = `drill-${randomUUID()}`;
    const prices = toPrices(bars);
    repo.create(drillId, ctx.clock(), config, prices, signals);
    emit(drillId, 'running');
    return { drillId, config, prices, indicators: indicatorLines(bars, strategy, params), signals };
  }

  function running(drillId: string) {
    const s = repo.summary(drillId);
    if (s.status !== 'running') throw new PeakError('CONFLICT', `drill "${drillId}" is ${s.status}`);
    return s;
  }

  function act(input: ActInput) {
    running(input.drillId);
    return actOn(input, { config: repo.config(input.drillId), prices: repo.prices(input.drillId), signals: repo.signals(input.drillId) });
  }

  /**
   * One key press against a drill whose config, prices and signals the caller already holds: a scripted drill
   * presses hundreds of keys, and re-reading (and re-parsing) every price per press made a 20,000-bar drills:auto
   * quadratic (17 s on the event loop).
   */
  function actOn(input: ActInput, held: { config: DrillConfig; prices: Prices; signals: readonly DrillSignal[] }) {
    const cfg = held.config;
    const prices = held.prices;
    if (input.bar >= prices.close.length) throw new PeakError('BAD_INPUT', `bar: ${input.bar} is past the drill's last bar ${prices.close.length - 1}`);
    let signal: DrillSignal | null = null;
    if (input.signalId !== null) {
      signal = held.signals.find((s) => s.signalId === input.signalId) ?? null;
      if (!signal) throw new PeakError('BAD_INPUT', `signalId: "${input.signalId}" is not a signal of drill "${input.drillId}"`);
      if (input.latencyMs === null) throw new PeakError('BAD_INPUT', 'latencyMs: required for an action on a signal');
    }
    const userAction = userActionFor(input.key, signal?.recommended ?? null, input.latencyMs, cfg.countdownMs);
    const time = signal ? signal.time + (input.latencyMs ?? 0) : prices.time[input.bar];
    const id = repo.addAction(input.drillId, { signalId: input.signalId, key: input.key, userAction, latencyMs: signal ? input.latencyMs : null, bar: input.bar, time, note: input.note ?? '' }, ctx.clock());
    return { actionId: id, userAction, category: signal ? categorise(userAction, input.latencyMs) : null };
  }

  function analyse(d: DrillDetail): DrillAnalysis {
    const actions: StoredAction[] = d.actions.map((a) => ({ signalId: a.signalId, time: a.time, userAction: a.userAction, latencyMs: a.latencyMs, note: a.note, key: a.key, bar: a.bar }));
    return analyseDrill(pricesToBars(d.prices), d.signals, actions, d.config.quirks);
  }

  function finish(drillId: string): { detail: DrillDetail; report: DrillReportRef } {
    running(drillId);
    repo.finish(drillId, ctx.clock(), analyse(repo.detail(drillId)));
    const detail = repo.detail(drillId);
    const report = writeDrillReport(ctx.dataDir, detail);
    emit(drillId, 'finished');
    return { detail, report };
  }

  function abandon(drillId: string) {
    running(drillId);
    repo.abandon(drillId, ctx.clock());
    emit(drillId, 'abandoned');
    return repo.summary(drillId);
  }

  /** The SPEC §7 offline demo session, stored as a finished drill. */
  function demo(quirks: QuirkMode = 'intended') {
    const bars = demoBars();
    const config: DrillConfig = {
      scenarioId: null, source: { kind: 'demo', seed: null, dataset: null, start: 0 }, strategy: 'spec_demo', params: {}, length: 60,
      speedBarsPerS: 1, countdownMs: 5000, replayFrom: 0, quirks, method: 'report', tags: { enter_long: [], enter_short: [], exit: [] },
    };
    const drillId = `drill-${randomUUID()}`;
    repo.create(drillId, ctx.clock(), config, toPrices(bars), demoSignals());
    for (const a of demoActions()) repo.addAction(drillId, { ...a, note: a.note }, ctx.clock());
    return finish(drillId);
  }

  function trends(method: 'report' | 'features') {
    const pts = repo.finished().flatMap(({ summary, analysis }) => (analysis && summary.finishedAt !== null
      ? [{ drillId: summary.id, finishedAt: summary.finishedAt, heatmap: method === 'report' ? analysis.heatmapReport : analysis.heatmapFeatures, summary: analysis.summary }]
      : []));
    return { method, scores: scoreTrends(pts), reactions: reactionTrends(pts) };
  }

  function report(drillId: string): DrillReportRef {
    const d = repo.detail(drillId);
    if (d.drill.status !== 'finished') throw new PeakError('CONFLICT', `drill "${drillId}" is ${d.drill.status}: only finished drills have a report`);
    return writeDrillReport(ctx.dataDir, d);
  }

  return { start, act, actOn, finish, abandon, demo, trends, report, list: repo.list, detail: repo.detail, repo };
}
export type DrillService = ReturnType<typeof createDrillService>;

export interface ScriptedDrillResult {
  total_signals: number;
  missed_signals: number;
  avg_reaction_ms: number | null;
  drillId: string;
}

/**
 * A whole drill played by a scripted trader (for the automation suites, the CLI's --auto and tests): start the
 * scenario, press the policy's keys at the bar its latency falls on (bars advance at the scenario's speed), finish.
 */
export function runScriptedDrill(service: DrillService, opts: { scenario: string; policy: Policy; seed?: number | string; length?: number }): ScriptedDrillResult {
  const started = service.start({ scenario: opts.scenario, ...(opts.seed !== undefined && { seed: opts.seed }), ...(opts.length !== undefined && { length: opts.length }) });
  const { config, signals, prices } = started;
  const last = prices.close.length - 1;
  const byId = new Map(signals.map((x) => [x.signalId, x]));
  for (const p of scriptTrader(opts.policy, signals, opts.seed ?? 0, config.countdownMs)) {
    const s = byId.get(p.signalId) as DrillSignal;
    const bar = Math.min(last, s.bar + Math.floor((p.latencyMs * config.speedBarsPerS) / 1000));
    service.actOn({ drillId: started.drillId, signalId: p.signalId, key: p.key, latencyMs: p.latencyMs, bar, note: p.note }, { config, prices, signals: [s] });
  }
  const { detail } = service.finish(started.drillId);
  const a = detail.analysis as DrillAnalysis;
  return { total_signals: signals.length, missed_signals: a.summary.counts.MISSED, avg_reaction_ms: a.summary.mean, drillId: started.drillId };
}
