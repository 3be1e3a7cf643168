/**
 * Valid starting templates for the operating half's commands (live, audit, governance, drills, automation,
 * scheduler, cluster) in the twin fuzz test, and the fixtures they need: a finished drill, a running drill, a
 * finished paper session, a governance proposal and a finished (quick, dry-run) automation run. Templates keep the
 * work tiny: the 500-bar data set, 60-bar drills, quick dry-run suites, a job id answered at once for long work.
 */
import type { TestServices } from './services';

export interface FuzzFixtures {
  finishedDrillId: string;
  runningDrillId: string;
  scenario: string;
  sessionId: number;
  proposalId: string;
  automationRunId: string;
}

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }, what: string): T {
  if (!r.ok) throw new Error(`${what}: ${r.error.message}`);
  return r.value;
}

export async function createFuzzFixtures(s: TestServices, ds: string): Promise<FuzzFixtures> {
  const demo = must(await s.invoke('drills:demo', {}), 'drills:demo');
  const scenarios = must(await s.invoke('drills:scenarios', {}), 'drills:scenarios');
  const scenario = scenarios[0].id;
  const running = must(await s.invoke('drills:start', { scenario, length: 60 }), 'drills:start');
  const ses = must(await s.invoke('live:session-start', {
    feed: { kind: 'replay', datasetId: ds, speed: 'max' }, strategyId: 'ma_crossover', params: { fast_window: 5, slow_window: 20 }, riskMode: 'monitor', wait: true,
  }), 'live:session-start');
  must(await s.invoke('learn:emit', { target: 'portfolio.leverage', value: 1.25, confidence: 0.9, reason: 'fuzz fixture', datasetId: ds }), 'learn:emit');
  must(await s.invoke('learn:validate', { datasetId: ds }), 'learn:validate');
  const cyc = must(await s.invoke('promote:cycle', { mode: 'manual_only' }), 'promote:cycle');
  if (!cyc.proposalId) throw new Error(`promote:cycle made no proposal: ${cyc.note}`);
  const finished = new Promise<void>((res) => s.on('jobs:did-finish', (p) => { if (p.kind === 'automation-run') res(); }));
  const auto = must(await s.invoke('automation:run', { suite: 'daily', quick: true, dryRun: true }), 'automation:run');
  await finished;
  return {
    finishedDrillId: demo.detail.drill.id, runningDrillId: running.drillId, scenario,
    sessionId: ses.id, proposalId: cyc.proposalId, automationRunId: auto.runId,
  };
}

/** One representative command per new domain that must get at least one OK answer from a valid mutation. */
export const OK_REPRESENTATIVES = [
  'live:session-get', 'audit:list', 'promote:show', 'overrides:show', 'drills:get', 'automation:get', 'scheduler:status', 'cluster:get', 'gonogo:list',
] as const;

export function operatingTemplates(fx: FuzzFixtures, ds: string, runId: number): Record<string, Record<string, unknown>> {
  const id = fx.sessionId;
  const replay = { feed: { kind: 'replay', datasetId: ds, speed: 'max' }, strategyId: 'ma_crossover', params: { fast_window: 5, slow_window: 20 }, riskMode: 'monitor' };
  return {
    // live track: the finished fixture session; starts answer at once (the session runs as a job)
    'live:status': {}, 'live:health': {}, 'live:portfolio': {},
    'live:kill-switch': { action: 'reset', reason: 'fuzz', confirm: true, to: 'ACTIVE' },
    'live:session-start': { ...replay, name: 'fuzz' },
    'live:session-list': { status: 'done', text: 'fuzz', limit: 5 },
    'live:session-get': { id, events: 5 }, 'live:session-events': { id, afterId: 0, limit: 5 },
    'live:session-pause': { id }, 'live:session-resume': { id }, 'live:session-stop': { id },
    'live:session-report': { id },
    'live:drills-run': {}, 'live:incident-drill': { drill: 'risk_violation', stepsTicked: ['step 1'], notes: 'fuzz' },
    'live:drill-log': { limit: 5 }, 'live:runbooks': {}, 'live:alerts': { minLevel: 'WARN', limit: 5 },
    'audit:verify': {}, 'audit:list': { category: 'live', limit: 5 }, 'audit:snapshot': { save: false },
    // governance: the fixture proposal; apply/reject refused (checklist unticked / already decided) or carried out
    'learn:list': { limit: 5 },
    'learn:emit': { target: 'portfolio.leverage', value: 1.1, confidence: 0.5, reason: 'fuzz', datasetId: ds, evidence: { kind: 'run', id: String(runId) } },
    'learn:from-walkforward': { runId }, 'learn:from-sweep': { sweepId: 1 },
    'learn:validate': { patchId: 'patch-none', datasetId: ds },
    'promote:cycle': { mode: 'manual_only', dryRun: true }, 'promote:list': { limit: 5 }, 'promote:show': { id: fx.proposalId },
    'promote:apply': { proposalId: fx.proposalId, checklist: { a: true }, confirmation: 'no' },
    'promote:reject': { proposalId: fx.proposalId, reason: 'fuzz' },
    'overrides:show': {}, 'overrides:history': {}, 'overrides:diff': { from: 0 }, 'overrides:rollback': { version: 0, reason: 'fuzz' },
    'governance:status': {}, 'governance:kill-switch': { on: false, reason: 'fuzz' },
    // drills: 60-bar drills, a running fixture drill for act/abandon
    'drills:scenarios': {}, 'drills:start': { scenario: fx.scenario, length: 60, seed: 1 },
    'drills:act': { drillId: fx.runningDrillId, signalId: null, key: 'skip', latencyMs: 300, bar: 3 },
    'drills:finish': { drillId: fx.runningDrillId }, 'drills:abandon': { drillId: fx.runningDrillId },
    'drills:list': { limit: 5 }, 'drills:get': { drillId: fx.finishedDrillId }, 'drills:trends': { method: 'report' },
    'drills:report': { drillId: fx.finishedDrillId }, 'drills:demo': { quirks: 'intended' },
    'drills:auto': { scenario: fx.scenario, policy: 'disciplined', seed: 1, length: 60 },
    // automation: quick dry-run suites (a job id at once), reads of the fixture run
    'automation:run': { suite: 'daily', dryRun: true, quick: true, only: ['self_check'] },
    'automation:runs': { suite: 'daily', limit: 5 },
    'automation:get': { runId: fx.automationRunId, types: ['phase_end'], limit: 5 },
    'automation:meta': { days: 7, suite: 'daily', write: false },
    'automation:decide': { type: 'risk_check', datasetId: ds, dryRun: true },
    'automation:decisions': { limit: 5 }, 'scheduler:status': {},
    // cluster: local compute and the stored setting's test (a URL is refused over the twin)
    'cluster:get': {}, 'cluster:set': { compute: 'local' }, 'cluster:test': {},
  };
}
