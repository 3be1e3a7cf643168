/**
 * Resolves a portfolio recipe member name to { strategyId, params, engine patch }: a named strategy preset
 * (src/core/strategies/presets.ts — stops/targets become the engine's stop-loss / take-profit fractions), or a
 * bare strategy id meaning that strategy's default parameters.
 */
import type { EngineConfigPatch } from '../../core/api/schemas';
import { PeakError } from '../../core/errors';
import { strategyPresets } from '../../core/strategies/presets';
import { getStrategy } from '../../core/strategies/registry';

export interface Member {
  name: string;
  strategyId: string;
  params: Record<string, unknown>;
  engine: EngineConfigPatch;
}

const isStrategyId = (name: string): boolean => {
  try {
    getStrategy(name);
    return true;
  } catch {
    return false;
  }
};

export const isKnownMember = (name: string): boolean => Object.hasOwn(strategyPresets, name) || isStrategyId(name);

export function resolveMember(name: string): Member {
  if (Object.hasOwn(strategyPresets, name)) {
    const p = strategyPresets[name];
    const engine: EngineConfigPatch = {};
    if (p.stopLossPct !== undefined) engine.stopLossPct = p.stopLossPct;
    if (p.takeProfitPct !== undefined) engine.takeProfitPct = p.takeProfitPct;
    return { name, strategyId: p.strategyId, params: { ...p.params }, engine };
  }
  if (!isStrategyId(name)) throw new PeakError('NOT_FOUND', `portfolio member '${name}' is neither a strategy preset nor a strategy id`);
  return { name, strategyId: name, params: {}, engine: {} };
}
