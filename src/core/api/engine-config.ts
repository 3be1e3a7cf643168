/**
 * Engine config resolution: a preset supplies the defaults, the caller's patch overrides them.
 * - 'default': the product's conventions from config.toml [backtest] (cash 10,000, fee 10 bps, slippage 5 bps,
 *   fraction-of-equity sizing, next-open fills, finalize on).
 * - 'backtesting-py': backtesting.py 0.6.x — commission 0, no slippage, all-in whole units, next-open fills,
 *   finalize off (open trades excluded from trade stats) unless asked.
 */
import { defaultEngineConfig, type EngineConfig } from '../engine/types';
import { EngineConfigSchema, type EngineConfigPatch } from './schemas';

export function presetDefaults(preset: EngineConfig['preset'], base: EngineConfig = defaultEngineConfig): EngineConfig {
  if (preset === 'backtesting-py') {
    return {
      preset: 'backtesting-py',
      cash: base.cash,
      commission: 0,
      slippage: 0,
      fill: 'next_open',
      sizing: { mode: 'all_in_units' },
      stopLossPct: null,
      takeProfitPct: null,
      trailingStopPct: null,
      finalize: false,
    };
  }
  return { ...base, preset: 'default' };
}

export function resolveEngineConfig(patch: EngineConfigPatch, base: EngineConfig = defaultEngineConfig): EngineConfig {
  const defaults = presetDefaults(patch.preset ?? base.preset, base);
  const merged: Record<string, unknown> = { ...defaults };
  for (const [k, v] of Object.entries(patch)) if (v !== undefined) merged[k] = v;
  return EngineConfigSchema.parse(merged);
}
