/**
 * The autonomous workflow engine (SPEC §9, seed 002): gather the monitors from real data, decide (core decision
 * engine), execute the chosen workflow as a call of existing handlers — or simulate it (dry run) — alert, and store
 * the decision with every metric it saw.
 *   signal_analysis    → backtest:run of the strategy on the data set (save: false): the current signal
 *   risk_check         → the performance monitor's figures against the risk limits (runs:get, runs:equity)
 *   market_scan        → the market monitor over every stored data set (data:list, data:bars)
 *   portfolio_analysis → research:portfolio with the first recipe of config/portfolio_recipes.toml
 *   auto               → performance critical ⇒ risk_check; strong signals ⇒ signal_analysis; else market_scan
 */
import { chooseWorkflow, decide, type Decision, type WorkflowType } from '../../core/automation/decision';
import type { MonitorResult } from '../../core/automation/monitors';
import type { AlertSink } from './alerts';
import { marketFor, performanceFor, resolveDataset, signalFor } from './monitor-data';
import type { AutomationRepository } from '../db/automation';
import type { Call } from './suite-jobs';

export interface WorkflowDeps {
  call: Call;
  clock: () => number;
  repo: AutomationRepository;
  alerts: AlertSink;
}

export interface WorkflowRequest {
  type: WorkflowType;
  datasetId?: string;
  strategyId?: string;
  params?: Record<string, number>;
  dryRun?: boolean;
  forceExecute?: boolean;
  forceSkip?: boolean;
  trigger: string;
}

export interface WorkflowOutcome {
  decisionId: number;
  requested: WorkflowType;
  chosen: Exclude<WorkflowType, 'auto'>;
  decision: Decision;
  monitors: MonitorResult[];
  status: 'completed' | 'dry_run' | 'alerted' | 'skipped' | 'failed';
  output: Record<string, unknown>;
  error: string | null;
  datasetId: string | null;
}

const RISK_LIMITS = { max_drawdown: 0.2, min_daily_pnl: -0.05 };

async function execute(deps: WorkflowDeps, type: Exclude<WorkflowType, 'auto'>, req: WorkflowRequest, datasetId: string, perf: MonitorResult): Promise<Record<string, unknown>> {
  const { call } = deps;
  switch (type) {
    case 'signal_analysis': {
      const strategyId = req.strategyId ?? 'ma_crossover';
      const run = await call('backtest:run', { datasetId, strategyId, params: req.params ?? {}, save: false, engine: { finalize: false } });
      const open = run.openTrades[run.openTrades.length - 1];
      return {
        strategy: strategyId, signal: open ? (open.size > 0 ? 'long' : 'short') : 'flat', trades: run.tradeCount,
        total_return_pct: run.metrics.totalReturnPct ?? null, sharpe: run.metrics.sharpe ?? null,
      };
    }
    case 'risk_check': {
      const dd = perf.metrics.current_drawdown ?? 0, daily = perf.metrics.daily_pnl ?? 0;
      const checks = [
        { check: 'current_drawdown < 0.2', value: dd, passed: dd < RISK_LIMITS.max_drawdown },
        { check: 'daily_pnl > -0.05', value: daily, passed: daily > RISK_LIMITS.min_daily_pnl },
      ];
      return { source: perf.source, checks, passed: checks.every((c) => c.passed) };
    }
    case 'market_scan': {
      const { datasets } = await call('data:list', { limit: 20, offset: 0 });
      const scanned: ({ datasetId: string; symbol: string; status: string } & Record<string, unknown>)[] = [];
      for (const ds of datasets) {
        const m = await marketFor(call, ds, deps.clock());
        scanned.push({ datasetId: ds.id, symbol: ds.symbol ?? ds.name, status: m.status, ...m.metrics });
      }
      scanned.sort((a, b) => Number(b.activity_level ?? 0) - Number(a.activity_level ?? 0));
      return { scanned: scanned.length, top: scanned.slice(0, 5) };
    }
    case 'portfolio_analysis': {
      const { recipes } = await call('research:recipes', {});
      const recipe = recipes[0];
      if (!recipe) return { skipped: 'no portfolio recipes configured' };
      const r = await call('research:portfolio', { preset: recipe.id, datasetId });
      return { recipe: recipe.id, runId: r.runId, verdict: r.gonogo.verdict, warnings: r.warnings.slice(0, 5) };
    }
  }
}

export async function runWorkflow(deps: WorkflowDeps, req: WorkflowRequest): Promise<WorkflowOutcome> {
  const now = deps.clock();
  let datasetId: string | null = null;
  const monitors: MonitorResult[] = [];
  let chosen: Exclude<WorkflowType, 'auto'> = req.type === 'auto' ? 'market_scan' : req.type;
  let decision: Decision | null = null;
  let status: WorkflowOutcome['status'] = 'failed';
  let output: Record<string, unknown> = {};
  let error: string | null = null;
  try {
    const ds = await resolveDataset(deps.call, req.datasetId);
    datasetId = ds.id;
    const [market, signal, perf] = [await marketFor(deps.call, ds, now), await signalFor(deps.call, now), await performanceFor(deps.call, now)];
    monitors.push(market, signal, perf);
    if (req.type === 'auto') chosen = chooseWorkflow(perf.status, signal.metrics.signal_strength);
    const metrics = { ...market.metrics, ...signal.metrics, ...perf.metrics };
    decision = decide(chosen, metrics, { forceExecute: req.forceExecute, forceSkip: req.forceSkip });
    for (const m of monitors) {
      if (m.status === 'critical') deps.alerts.send({ level: 'critical', source: `autonomous.${m.monitor_name}`, code: 'MONITOR_CRITICAL', message: m.alerts.join('; '), context: { source: m.source } });
    }
    if (decision.action === 'SKIP') {
      status = 'skipped';
    } else if (decision.action === 'ALERT') {
      status = 'alerted';
      deps.alerts.send({ level: 'warning', source: 'autonomous.decision', code: 'LOW_CONFIDENCE', message: `${chosen}: ${decision.reasoning}`, context: { confidence: decision.confidence } });
    } else if (req.dryRun) {
      status = 'dry_run';
      output = { simulated: true, would_run: chosen, datasetId };
    } else {
      output = await execute(deps, chosen, req, ds.id, perf);
      status = 'completed';
      if (chosen === 'risk_check' && output.passed === false) {
        deps.alerts.send({ level: 'critical', source: 'autonomous.risk_check', code: 'RISK_LIMIT_VIOLATION', message: `risk check failed on ${perf.source}`, context: { checks: output.checks } });
      }
    }
  } catch (e) {
    error = (e as Error).message;
    status = 'failed';
    deps.alerts.send({ level: 'warning', source: 'autonomous.workflow', code: 'WORKFLOW_FAILED', message: `${req.type}: ${error}`, context: {} });
  }
  const d = decision ?? decide(chosen, {}, { forceSkip: true });
  const outcome: Omit<WorkflowOutcome, 'decisionId'> = { requested: req.type, chosen, decision: d, monitors, status, output, error, datasetId };
  const decisionId = deps.repo.insertDecision({
    createdAt: now, workflowType: chosen, action: decision ? d.action : 'SKIP', confidence: decision ? d.confidence : 0,
    dryRun: !!req.dryRun, trigger: req.trigger, outcome: { ...outcome },
  });
  return { decisionId, ...outcome };
}
