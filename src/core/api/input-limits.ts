/**
 * Bounds a form (renderer) and a door (CLI, handlers) apply to engine inputs before anything runs. Declared once
 * here so the renderer shows the same limits the back end enforces. Pure constants.
 */

/** Starting cash above this is not a backtest but an overflow waiting to happen (1e300 made every figure Infinity). */
export const MAX_ENGINE_CASH = 1e12;

/**
 * Default cap on `sizing.fraction` (fraction > 1 = leverage). A configuration (config.toml [backtest]
 * max_leverage) may lower or raise it; the contract's own hard bound (SizingSchema, 100) stays the outer limit.
 */
export const DEFAULT_MAX_LEVERAGE = 10;

/** Sweeps above this many combinations ask the user to confirm before they start. */
export const SWEEP_CONFIRM_COMBINATIONS = 10_000;
