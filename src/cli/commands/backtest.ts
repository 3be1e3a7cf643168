/**
 * `peak backtest`: one backtest through the backtest:run handler. With --json, ONE JSON document:
 * { runId, configHash, seed, dataset, strategy, params, engine, metrics, stats, trades, openTrades }.
 */
import { formatStat } from '../../core/metrics/format-stats';
import { calendarMsPerBar, formatBarsWithCount } from '../../core/data/bar-duration';
import { Option, type Command } from 'commander';
import type { EngineConfigPatch, RunDetail } from '../../core/api/schemas';
import { PeakError } from '../../core/errors';
import type { CliContext } from '../context';
import { fmt, iso, table } from '../format';
import { collectKv, num, oneOf, sizing, time } from '../parse';
import { asParamFlagError, resolveDataArg } from './shared';
import { ENGINE_PRESETS } from '../../core/engine/types';

/** The engine flags (same names in backtest, sweep and walk-forward); `preset` is --preset / --engine-preset. */
export interface EngineFlags {
  preset: string;
  finalize?: boolean;
  commission?: string;
  feeBps?: string;
  slippageBps?: string;
  cash?: string;
  sizing?: string;
  fill?: string;
  sl?: string;
  tp?: string;
  trail?: string;
}

interface BacktestFlags extends EngineFlags {
  data: string;
  strategy: string;
  param?: Record<string, string>;
  seed?: string;
  from?: string;
  to?: string;
  note?: string;
  save: boolean;
  json?: boolean;
}

export function engineFromFlags(o: EngineFlags): EngineConfigPatch {
  const e: EngineConfigPatch = { preset: oneOf('--preset', o.preset, ENGINE_PRESETS) };
  if (o.finalize !== undefined) e.finalize = o.finalize;
  if (o.commission !== undefined && o.feeBps !== undefined) throw new PeakError('BAD_INPUT', '--commission and --fee-bps: give one of them');
  if (o.commission !== undefined) e.commission = num('--commission', o.commission, { min: 0, max: 0.5 });
  if (o.feeBps !== undefined) e.commission = num('--fee-bps', o.feeBps, { min: 0, max: 5000 }) / 10_000;
  if (o.slippageBps !== undefined) e.slippage = num('--slippage-bps', o.slippageBps, { min: 0, max: 5000 }) / 10_000;
  if (o.cash !== undefined) e.cash = num('--cash', o.cash, { positive: true });
  if (o.sizing !== undefined) e.sizing = sizing('--sizing', o.sizing);
  if (o.fill !== undefined) e.fill = oneOf('--fill', o.fill, ['next-open', 'close'] as const) === 'close' ? 'close' : 'next_open';
  if (o.sl !== undefined) e.stopLossPct = num('--sl', o.sl, { positive: true, max: 10 });
  if (o.tp !== undefined) e.takeProfitPct = num('--tp', o.tp, { positive: true, max: 10 });
  if (o.trail !== undefined) e.trailingStopPct = num('--trail', o.trail, { positive: true, max: 10 });
  return e;
}

export function runToJson(run: RunDetail, dataset: unknown) {
  const t = (x: RunDetail['trades'][number]) => ({
    entryBar: x.entryBar, exitBar: x.exitBar, entryTime: x.entryTime, exitTime: x.exitTime,
    entryPrice: x.entryPrice, exitPrice: x.exitPrice, size: x.size, pnl: x.pnl, returnPct: x.returnPct,
    exitReason: x.exitReason, fees: x.fees,
  });
  return {
    runId: run.id,
    configHash: run.configHash,
    seed: run.seed,
    dataset,
    strategy: run.strategyId,
    params: run.params,
    engine: run.engine,
    metrics: run.metrics,
    stats: run.stats,
    trades: run.trades.map(t),
    openTrades: run.openTrades.map(t),
  };
}

const METRIC_ROWS: [string, string, number][] = [
  ['totalReturnPct', 'Total return [%]', 2], ['cagrPct', 'CAGR [%]', 2], ['annReturnPct', 'Return (ann.) [%]', 2],
  ['annVolatilityPct', 'Volatility (ann.) [%]', 2], ['sharpe', 'Sharpe', 3], ['sortino', 'Sortino', 3], ['calmar', 'Calmar', 3],
  ['maxDrawdownPct', 'Max drawdown [%]', 2], ['maxDrawdownDurationBars', 'Max DD duration', 0],
  ['trades', 'Trades', 0], ['winRatePct', 'Win rate [%]', 2], ['profitFactor', 'Profit factor', 3], ['expectancy', 'Expectancy', 2],
  ['sqn', 'SQN', 3], ['bestTradePct', 'Best trade [%]', 2], ['worstTradePct', 'Worst trade [%]', 2], ['exposurePct', 'Exposure [%]', 2],
  ['buyHoldReturnPct', 'Buy & hold [%]', 2], ['feesPaid', 'Fees paid', 2], ['equityFinal', 'Equity final', 2],
];

export function printRun(ctx: CliContext, run: RunDetail, maxTrades = 10): void {
  ctx.out(`Run ${run.id || '(not saved)'}  ${run.strategyId}  on ${run.datasetName ?? run.datasetId}  (${iso(run.fromTime)} … ${iso(run.toTime)})`);
  ctx.out(`params ${JSON.stringify(run.params)}`);
  if (run.engine) {
    const e = run.engine;
    ctx.out(`engine preset ${e.preset}, cash ${fmt(e.cash)}, commission ${e.commission}, slippage ${e.slippage}, fill ${e.fill}, ` +
      `sizing ${JSON.stringify(e.sizing)}, finalize ${e.finalize}`);
  }
  ctx.out(`seed ${run.seed}  config hash ${run.configHash.slice(0, 16)}…`);
  ctx.out();
  const m = run.metrics as Record<string, number | null | undefined>;
  // a bar count reads as time from the run's bars per year, like the app ("12 d 4 h · 17,520 bars"); JSON keeps bars
  const value = (k: string, d: number): string => (k === 'maxDrawdownDurationBars' ? formatBarsWithCount(m[k], calendarMsPerBar(m.periodsPerYear)) : fmt(m[k], d));
  ctx.out(table(['metric', 'value'], METRIC_ROWS.filter(([k]) => k in m).map(([k, label, d]) => [label, value(k, d)]), [false, true]));
  if (run.stats) {
    ctx.out();
    ctx.out(table(['backtesting.py stat', 'value'], Object.entries(run.stats).map(([k, v]) => [k, formatStat(k, v)]), [false, true]));
  }
  if (run.trades.length || run.openTrades.length) {
    ctx.out();
    // open trades (no finalize) are listed after the closed ones, exit "open"; they are not in the stats
    const shown = [...run.trades.slice(-maxTrades), ...run.openTrades];
    ctx.out(`${run.trades.length} closed trade(s)${run.trades.length > maxTrades ? `, last ${maxTrades} shown (--json for all)` : ''}; ${run.openTrades.length} open`);
    ctx.out(table(['entry', 'exit', 'size', 'entry price', 'exit price', 'pnl', 'return %', 'reason'],
      shown.map((t) => [iso(t.entryTime), t.exitBar < 0 ? 'open' : iso(t.exitTime), fmt(t.size, 4), fmt(t.entryPrice, 4), fmt(t.exitPrice, 4), fmt(t.pnl), fmt(t.returnPct * 100), t.exitReason]),
      [false, false, true, true, true, true, true, false]));
  }
}

export function registerBacktest(program: Command, ctx: CliContext): void {
  program
    .command('backtest')
    .description('run one backtest (imports a CSV given with --data) and store it')
    .requiredOption('--data <csv|id>', 'CSV file to import (dedup by content), or a data set id or name')
    .requiredOption('--strategy <id>', 'strategy id (see `peak strategies`)')
    .option('--param <k=v>', 'strategy parameter, repeatable (e.g. --param fast_window=10)', collectKv('--param'))
    .addOption(new Option('--preset <name>', 'engine preset').choices([...ENGINE_PRESETS]).default('default'))
    .option('--finalize', 'close open trades at the end (backtesting-py preset: off unless given)')
    .option('--no-finalize', 'leave open trades open at the end')
    .option('--commission <fraction>', 'fee per fill as a fraction of notional (0.001 = 10 bps)')
    .option('--fee-bps <bps>', 'fee per fill in basis points (alternative to --commission)')
    .option('--slippage-bps <bps>', 'slippage per fill in basis points, against the trader')
    .option('--cash <amount>', 'initial cash (default 10000)')
    .option('--sizing <mode>', 'fraction[:f] | all-in | notional:<q>')
    .option('--fill <when>', 'next-open (default) | close')
    .option('--sl <fraction>', 'stop-loss distance from entry (0.02 = 2 %)')
    .option('--tp <fraction>', 'take-profit distance from entry')
    .option('--trail <fraction>', 'trailing-stop distance from the best price since entry')
    .option('--seed <n>', 'seed recorded with the run (default from config)')
    .option('--from <date>', 'first bar time (ISO date or epoch s/ms)')
    .option('--to <date>', 'last bar time (ISO date or epoch s/ms)')
    .option('--note <text>', 'note stored with the run')
    .option('--no-save', 'do not store the run')
    .option('--json', 'print ONE JSON document')
    .action(async (o: BacktestFlags) => {
      const engine = engineFromFlags(o);
      const seed = o.seed !== undefined ? num('--seed', o.seed, { integer: true }) : undefined;
      const from = o.from !== undefined ? time('--from', o.from) : undefined;
      const to = o.to !== undefined ? time('--to', o.to) : undefined;
      const { dataset } = await resolveDataArg(ctx, o.data);
      let run: RunDetail;
      try {
        run = await ctx.call('backtest:run', {
          datasetId: dataset.id,
          strategyId: o.strategy,
          params: o.param ?? {},
          engine,
          save: o.save,
          ...(seed !== undefined && { seed }),
          ...(from !== undefined && { from }),
          ...(to !== undefined && { to }),
          ...(o.note !== undefined && { note: o.note }),
        });
      } catch (e) {
        const err = asParamFlagError(e);
        if (err instanceof PeakError && err.code === 'NOT_FOUND' && /strategy/.test(err.message)) {
          throw new PeakError('BAD_INPUT', `--strategy: ${err.message}`);
        }
        throw err;
      }
      if (o.json) {
        ctx.json(runToJson(run, { id: dataset.id, name: dataset.name, symbol: dataset.symbol, bars: dataset.bars, intervalLabel: dataset.intervalLabel, firstTime: dataset.firstTime, lastTime: dataset.lastTime, contentHash: dataset.contentHash }));
      } else {
        printRun(ctx, run);
      }
    });
}
