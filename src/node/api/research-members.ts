/**
 * Resolves a recipe member name to { strategyId, params, engine patch }:
 * 1. helper A's strategy presets (src/core/strategies/presets.ts, `strategyPresets`), when that module exists —
 *    picked up at build time with import.meta.glob so this file builds with or without it;
 * 2. otherwise the SPEC §1 presets below (rsi_reversion_{btc,eth}_*, ma_trend_btc_*, trend_following_eth_*),
 *    stops/targets as engine stop-loss / take-profit fractions;
 * 3. a bare strategy id = that strategy's default parameters.
 */
import { z } from 'zod';
import type { EngineConfigPatch } from '../../core/api/schemas';
import { PeakError } from '../../core/errors';
import { getStrategy } from '../../core/strategies/registry';

export interface Member {
  name: string;
  strategyId: string;
  params: Record<string, unknown>;
  engine: EngineConfigPatch;
}

const presetModules = import.meta.glob<Record<string, unknown>>('../../core/strategies/presets.ts', { eager: true });

const PresetLike = z.object({
  strategyId: z.string().optional(),
  strategy: z.string().optional(),
  params: z.record(z.string(), z.unknown()).default({}),
  engine: z.record(z.string(), z.unknown()).optional(),
  stopLossPct: z.number().nullable().optional(),
  takeProfitPct: z.number().nullable().optional(),
}).loose();

function externalPresets(): Map<string, Member> {
  const out = new Map<string, Member>();
  for (const mod of Object.values(presetModules)) {
    const raw = mod.strategyPresets;
    const entries: [string, unknown][] = Array.isArray(raw)
      ? raw.map((p: unknown, i) => [String((p as { name?: unknown; id?: unknown })?.name ?? (p as { id?: unknown })?.id ?? i), p])
      : raw && typeof raw === 'object' ? Object.entries(raw) : [];
    for (const [name, v] of entries) {
      const r = PresetLike.safeParse(v);
      if (!r.success) continue;
      const strategyId = r.data.strategyId ?? r.data.strategy;
      if (!strategyId) continue;
      const engine: EngineConfigPatch = { ...(r.data.engine as EngineConfigPatch | undefined) };
      if (r.data.stopLossPct !== undefined) engine.stopLossPct = r.data.stopLossPct;
      if (r.data.takeProfitPct !== undefined) engine.takeProfitPct = r.data.takeProfitPct;
      out.set(name, { name, strategyId, params: r.data.params, engine });
    }
  }
  return out;
}

/** SPEC §1 presets (used when presets.ts does not provide the name). */
function specPresets(): Map<string, Member> {
  const m = new Map<string, Member>();
  const add = (name: string, strategyId: string, params: Record<string, unknown>, sl: number, tp: number) =>
    m.set(name, { name, strategyId, params, engine: { stopLossPct: sl, takeProfitPct: tp } });
  const rsi = { conservative: [21, 25, 75, 0.03, 0.06], moderate: [14, 30, 70, 0.04, 0.08], aggressive: [10, 20, 80, 0.05, 0.1] } as const;
  const ma = { conservative: [20, 100], moderate: [20, 60], aggressive: [10, 40] } as const;
  const tf = { conservative: [50, 0.04, 0.12], moderate: [30, 0.05, 0.15], aggressive: [20, 0.06, 0.2] } as const;
  for (const level of ['conservative', 'moderate', 'aggressive'] as const) {
    const [w, lo, up, sl, tp] = rsi[level];
    for (const asset of ['btc', 'eth']) add(`rsi_reversion_${asset}_${level}`, 'rsi_reversion', { rsi_window: w, lower: lo, upper: up }, sl, tp);
    add(`ma_trend_btc_${level}`, 'ma_crossover', { fast_window: ma[level][0], slow_window: ma[level][1] }, tf[level][1], tf[level][2]);
    add(`trend_following_eth_${level}`, 'trend_following', { ma_period: tf[level][0] }, tf[level][1], tf[level][2]);
  }
  return m;
}

let cache: Map<string, Member> | null = null;
const all = (): Map<string, Member> => (cache ??= new Map([...specPresets(), ...externalPresets()]));

export function isKnownMember(name: string): boolean {
  if (all().has(name)) return true;
  try {
    getStrategy(name);
    return true;
  } catch {
    return false;
  }
}

export function resolveMember(name: string): Member {
  const p = all().get(name);
  if (p) return p;
  try {
    getStrategy(name);
  } catch {
    throw new PeakError('NOT_FOUND', `portfolio member '${name}' is neither a strategy preset nor a strategy id`);
  }
  return { name, strategyId: name, params: {}, engine: {} };
}
