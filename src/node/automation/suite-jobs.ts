/**
 * What each suite job kind does — every one a call of the existing handlers (data:synth, backtest:run), never a
 * shell-out. Durations and throughput use the injected clock, so a test can script time.
 */
import { loadConfig } from '../config/load';
import type { CommandInput, CommandName, CommandOutput } from '../../core/api/contract';
import type { Extra, SuiteName } from '../../core/automation/schemas';
import type { SuiteJob } from '../../core/automation/suites';
import { PeakError } from '../../core/errors';
import { loadSchedulerConfig } from './scheduler-config';

export type Call = <K extends CommandName>(name: K, input: CommandInput<K>) => Promise<CommandOutput<K>>;

/** trigger-training drills (another feature); null until it exists */
export type DrillRunner = (scenario: string, signal: AbortSignal) => Promise<{ session_id: string; total_signals: number; missed_signals: number; avg_reaction_ms: number }>;

export interface JobEnv {
  call: Call;
  clock: () => number;
  runId: string;
  suite: SuiteName;
  signal: AbortSignal;
  drills: DrillRunner | null;
  /** progress inside a job, written as a checkpoint event */
  checkpoint(message: string, metrics?: Record<string, number>): void;
}

/** a job outcome that is not a failure */
export class SkipJob extends Error {}

/**
 * The self-check's known answer: ma_crossover 20/50 on the seed-42, 1,000-step, 3-regime session with the
 * engine below. Pinned from this project's engine; if a change moves it, the self-check fails and says by how
 * much — the point of the job.
 */
export const SELF_CHECK = {
  synth: { kind: 'regime', bars: 1000, seed: 42, regimes: 3, name: 'automation self-check (regime 1000 seed 42)', symbol: 'SYN-SESSION' },
  engine: { preset: 'default', cash: 10_000, commission: 0.001, slippage: 0.0005, fill: 'next_open', sizing: { mode: 'fraction', fraction: 1 }, stopLossPct: null, takeProfitPct: null, trailingStopPct: null, finalize: true },
  pinned: { trades: 11, equityFinal: 10367.111323587975 },
} as const;

async function selfCheck(env: JobEnv): Promise<Extra> {
  // config validation: the bundled TOML files parse against their schemas (throws BAD_FILE naming the file)
  loadConfig();
  const sched = loadSchedulerConfig();
  env.checkpoint('config valid', { scheduler_jobs: sched.job.length });
  const { dataset } = await env.call('data:synth', { ...SELF_CHECK.synth });
  const run = await env.call('backtest:run', { datasetId: dataset.id, strategyId: 'ma_crossover', params: { fast_window: 20, slow_window: 50 }, engine: SELF_CHECK.engine, seed: 42, save: false });
  const trades = run.tradeCount;
  const equityFinal = run.metrics.equityFinal ?? NaN;
  const p = SELF_CHECK.pinned;
  if (trades !== p.trades || Math.abs(equityFinal - p.equityFinal) > 1e-6) {
    throw new PeakError('INTERNAL', `self-check backtest differs from its pinned result: trades ${trades} (pinned ${p.trades}), equity final ${equityFinal} (pinned ${p.equityFinal})`);
  }
  return { config_files: 2, trades, equity_final: equityFinal, pinned_match: true };
}

async function backtestJob(env: JobEnv, datasetId: string, strategyId: string, params: Record<string, number>, steps: number, label: string) {
  const t0 = env.clock();
  const run = await env.call('backtest:run', { datasetId, strategyId, params, seed: 42, note: `automation ${env.runId} ${label}` });
  const sec = Math.max(1e-3, (env.clock() - t0) / 1000);
  return { run, ticksPerSec: steps / sec };
}

export async function executeJob(job: SuiteJob, env: JobEnv): Promise<Extra> {
  switch (job.kind) {
    case 'self_check':
      return selfCheck(env);
    case 'synth': {
      const { dataset } = await env.call('data:synth', {
        kind: 'regime', bars: job.steps, seed: job.seed, regimes: job.regimes,
        name: `automation synth ${job.steps}x${job.regimes} seed ${job.seed}`, symbol: 'SYN-SESSION',
      });
      env.checkpoint(`data set ${dataset.id} (${dataset.bars} bars)`, { n_steps: dataset.bars });
      const { run, ticksPerSec } = await backtestJob(env, dataset.id, 'ma_crossover', { fast_window: 20, slow_window: 50 }, job.steps, job.name);
      return { n_steps: job.steps, n_regimes: job.regimes, ticks_per_sec: ticksPerSec, run_id: run.id, n_trades: run.tradeCount, net_pnl: (run.metrics.equityFinal ?? 0) - (run.engine?.cash ?? 0) };
    }
    case 'replay': {
      const { dataset } = await env.call('data:synth', {
        kind: 'garch', bars: job.steps, seed: job.seed, symbol: job.symbol, intervalMs: 60_000,
        name: `automation replay ${job.symbol} ${job.steps} seed ${job.seed}`,
      });
      env.checkpoint(`data set ${dataset.id} (${dataset.bars} bars)`, { n_ticks: dataset.bars });
      const { run, ticksPerSec } = await backtestJob(env, dataset.id, job.strategyId, job.params, job.steps, job.name);
      // every closed trade is two fills (entry, exit); an open trade one
      const orders = run.tradeCount * 2 + (run.openTrades?.length ?? 0);
      return {
        symbol: job.symbol, strategy_label: job.strategyLabel, n_ticks: job.steps, n_orders: orders, n_trades: run.tradeCount,
        net_pnl: (run.metrics.equityFinal ?? 0) - (run.engine?.cash ?? 0), ticks_per_sec: ticksPerSec, run_id: run.id,
      };
    }
    case 'drill': {
      if (!env.drills) throw new SkipJob('skipped: drills not available');
      const r = await env.drills(job.scenario, env.signal);
      return { ...r, missed_trigger_rate: r.total_signals ? r.missed_signals / r.total_signals : 0, scenario: job.scenario };
    }
  }
}
