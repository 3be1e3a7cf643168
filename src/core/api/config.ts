/**
 * Schema of config/config.toml (read-only at run time). Sections are strict: an unknown key is an error naming
 * it, so a typo never silently falls back to a default. Units: bps = 1/10,000; *_pct in percent; notional in
 * the base currency.
 */
import { z } from 'zod';
import { defaultEngineConfig, type EngineConfig } from '../engine/types';

const EnvironmentSectionSchema = z.strictObject({
  mode: z.enum(['paper', 'shadow', 'testnet', 'live_dry_run', 'live']).default('paper'),
  enable_live_trading: z.boolean().default(false),
  require_confirm_token: z.boolean().default(true),
  /** absent = None; never exported in audit snapshots */
  confirm_token: z.string().optional(),
  testnet_dry_run: z.boolean().default(true),
  log_all_orders: z.boolean().default(true),
  live_mode_armed: z.boolean().default(false),
  live_dry_run_mode: z.boolean().default(true),
  bounded_pilot_mode: z.boolean().default(false),
});

/** SPEC §11 `[live_alerts]`: sinks with a per-sink minimum level; webhook URLs live here only, never in a request. */
const AlertLevelName = z.enum(['INFO', 'WARNING', 'CRITICAL']);
const LiveAlertsSectionSchema = z.strictObject({
  enabled: z.boolean().default(true),
  min_level: AlertLevelName.default('WARNING'),
  /** same code + source within this window is one alert with a count */
  dedup_window_s: z.number().min(0).max(86_400).default(60),
  /** write alerts_YYYY-MM-DD.jsonl under <data dir>/alerts */
  daily_jsonl: z.boolean().default(true),
  sinks: z
    .array(
      z.strictObject({
        kind: z.enum(['log', 'stderr', 'webhook', 'slack_webhook']),
        /** webhook kinds only; credentials in it are never logged or exported */
        url: z.url({ protocol: /^https?$/ }).optional(),
        min_level: AlertLevelName.optional(),
        timeout_ms: z.number().int().min(100).max(3000).default(3000),
      }),
    )
    .default([{ kind: 'log', timeout_ms: 3000 }]),
  /** rules (SPEC §11): PNL_DROP percent below the session's equity peak */
  pnl_drop_pct: z.number().positive().max(100).default(10),
  /** NO_EVENTS: WARNING beyond this silence, CRITICAL beyond twice */
  no_events_max_silence_s: z.number().positive().default(120),
  /** ERROR_SPIKE: rejected orders / error events per session above this → WARNING, above 2× → CRITICAL */
  error_spike_max: z.number().int().min(0).default(5),
  /** PnL divergence drill: percent of starting cash between a session and its backtest replay */
  pnl_divergence_pct: z.number().positive().default(1),
});

/** SPEC §6 `[shadow_paper]` defaults for paper/shadow sessions. */
const ShadowPaperSectionSchema = z.strictObject({
  symbol: z.string().min(1).max(40).default('BTC/EUR'),
  timeframe: z.string().min(1).max(10).default('1m'),
  fee_rate: z.number().min(0).max(0.5).default(0.0026),
  slippage_bps: z.number().min(0).max(5000).default(5),
  position_fraction: z.number().positive().max(100).default(0.1),
  warmup: z.number().int().min(0).default(200),
  /** a session stops by itself after this long (wall clock) */
  max_duration_s: z.number().positive().default(86_400),
});

export const AppConfigSchema = z.strictObject({
  backtest: z
    .strictObject({
      initial_cash: z.number().positive().default(10_000),
      fee_bps: z.number().min(0).max(5000).default(10),
      slippage_bps: z.number().min(0).max(5000).default(5),
      /** default seed recorded with runs */
      seed: z.number().int().default(42),
      fill: z.enum(['next_open', 'close']).default('next_open'),
      /** default sizing: fraction of equity per unit of |target| */
      position_fraction: z.number().positive().max(100).default(1),
      finalize: z.boolean().default(true),
    })
    .prefault({}),
  environment: EnvironmentSectionSchema.prefault({}),
  risk: z
    .strictObject({
      /** fraction of equity per position (SPEC §2 execution pipeline) */
      max_position_size: z.number().positive().max(1).default(0.25),
      risk_per_trade: z.number().positive().max(1).default(0.01),
      max_drawdown_pct: z.number().positive().max(100).default(20),
      max_daily_loss_pct: z.number().positive().max(100).default(5),
      max_position_pct: z.number().positive().max(100).default(10),
      min_position_value: z.number().min(0).default(50),
      min_stop_distance: z.number().min(0).default(0.005),
    })
    .prefault({}),
  live_risk: z
    .strictObject({
      enabled: z.boolean().default(true),
      base_currency: z.string().default('EUR'),
      max_order_notional: z.number().positive().default(25),
      max_symbol_exposure_notional: z.number().positive().default(500),
      max_total_exposure_notional: z.number().positive().default(500),
      max_open_positions: z.number().int().positive().default(1),
      max_daily_loss_abs: z.number().positive().default(25),
      max_daily_loss_pct: z.number().positive().default(5),
      block_on_violation: z.boolean().default(true),
      use_experiments_for_daily_pnl: z.boolean().default(true),
      warning_threshold_factor: z.number().positive().max(1).default(0.8),
    })
    .prefault({})
    .check((ctx) => {
      const v = ctx.value;
      if (v.max_symbol_exposure_notional > v.max_total_exposure_notional) {
        ctx.issues.push({
          code: 'custom',
          input: v.max_symbol_exposure_notional,
          path: ['max_symbol_exposure_notional'],
          message: `must not exceed max_total_exposure_notional (${v.max_total_exposure_notional})`,
        });
      }
    }),
  validation: z
    .strictObject({
      min_sharpe: z.number().default(1.5),
      /** maxDD as a negative fraction: a run passes when maxDD ≥ this */
      max_drawdown: z.number().max(0).default(-0.15),
      min_trades: z.number().int().min(0).default(50),
      min_profit_factor: z.number().min(0).default(1.3),
      min_backtest_months: z.number().min(0).default(6),
    })
    .prefault({}),
  research: z
    .strictObject({
      allow_r_and_d_strategies: z.boolean().default(false),
    })
    .prefault({}),
  live_alerts: LiveAlertsSectionSchema.prefault({}),
  shadow_paper: ShadowPaperSectionSchema.prefault({}),
  data: z
    .strictObject({
      /** seed the named synthetic data sets into an empty store on first run */
      seed_on_first_run: z.boolean().default(true),
    })
    .prefault({}),
});
export type AppConfig = z.output<typeof AppConfigSchema>;

export const defaultAppConfig: AppConfig = AppConfigSchema.parse({});

/** The 'default' preset's engine config from [backtest]. */
export function engineDefaultsFromConfig(c: AppConfig): EngineConfig {
  return {
    ...defaultEngineConfig,
    preset: 'default',
    cash: c.backtest.initial_cash,
    commission: c.backtest.fee_bps / 10_000,
    slippage: c.backtest.slippage_bps / 10_000,
    fill: c.backtest.fill,
    sizing: { mode: 'fraction', fraction: c.backtest.position_fraction },
    finalize: c.backtest.finalize,
  };
}
