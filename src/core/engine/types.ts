/**
 * Engine configuration and results. Prices and cash in quote currency; rates are fractions (0.001 = 10 bps).
 */
export type FillMode = 'next_open' | 'close';

export type Sizing =
  /** fraction of current equity per unit of |target|; fractional units */
  | { mode: 'fraction'; fraction: number }
  /** all available cash, whole units (floor) */
  | { mode: 'all_in_units' }
  /** fixed quote notional per unit of |target|; fractional units */
  | { mode: 'fixed_notional'; notional: number };

/** Engine presets, declared once (the contract, the CLI's --preset choices and the renderer's forms use this list). */
export const ENGINE_PRESETS = ['default', 'backtesting-py'] as const;
export type EnginePreset = (typeof ENGINE_PRESETS)[number];

export interface EngineConfig {
  preset: EnginePreset;
  cash: number;
  /** fee per fill as a fraction of notional (10 bps = 0.001) */
  commission: number;
  /** slippage per fill as a fraction of price, always against the trader */
  slippage: number;
  fill: FillMode;
  sizing: Sizing;
  /** stop-loss distance from entry as a fraction (0.02 = 2 %), null = off */
  stopLossPct: number | null;
  takeProfitPct: number | null;
  trailingStopPct: number | null;
  /** close open trades at the end (default preset: last close; backtesting-py: last bar's open) */
  finalize: boolean;
}

export const defaultEngineConfig: EngineConfig = {
  preset: 'default',
  cash: 10_000,
  commission: 0.001,
  slippage: 0.0005,
  fill: 'next_open',
  sizing: { mode: 'fraction', fraction: 1 },
  stopLossPct: null,
  takeProfitPct: null,
  trailingStopPct: null,
  finalize: true,
};

/** 'ruin': closed by the default engine because equity at a bar's close was ≤ 0 (see ./engine.ts) */
export type ExitReason = 'signal' | 'stop_loss' | 'take_profit' | 'trailing_stop' | 'end_of_data' | 'ruin' | 'open';

export interface Trade {
  entryBar: number;
  /** -1 while open */
  exitBar: number;
  entryTime: number;
  exitTime: number;
  /** signed units: > 0 long, < 0 short */
  size: number;
  entryPrice: number;
  exitPrice: number;
  /** net of all fees of this trade */
  pnl: number;
  /** net return on the entry notional, fraction */
  returnPct: number;
  fees: number;
  exitReason: ExitReason;
}

export interface BacktestResult {
  /** equity per bar, marked to market at each bar's close */
  equity: Float64Array;
  /** closed trades in exit order (finalized ones included) */
  trades: Trade[];
  /** trades still open at the end (finalize off) */
  openTrades: Trade[];
  /** number of bars with a position held at some point of the bar */
  exposureBars: number;
  feesPaid: number;
  /** first bar on which the strategy could act */
  startBar: number;
  warmup: number;
}
