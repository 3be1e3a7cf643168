/**
 * armstrong_cycle (R&D): Martin Armstrong's 3141-day (π·1000) economic confidence cycle, anchored at
 * reference_date (UTC). Position in the cycle p ∈ [0, 1) → phase: < .15 post_crisis, < .45 expansion,
 * < .50 pre_crisis, < .85 contraction, < .95 pre_crisis, else crisis.
 * phase_map 'default': expansion and post_crisis → long, others flat; 'aggressive' also shorts pre_crisis and
 * crisis. A calendar rule, not a price rule: research only.
 */
import { z } from 'zod';
import { MS_PER_DAY } from '../data/bars';
import { decisionStart, numParam, targetArray } from './common';
import type { StrategyDef } from './types';

export type ArmstrongPhase = 'post_crisis' | 'expansion' | 'pre_crisis' | 'contraction' | 'crisis';

export const armstrongCycleParams = z
  .object({
    cycle_days: numParam(3141, 1, 100_000),
    reference_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').default('2015-10-01'),
    phase_map: z.enum(['default', 'aggressive']).default('default'),
  })
  .strict();
export type ArmstrongCycleParams = z.infer<typeof armstrongCycleParams>;

/** Epoch ms of a YYYY-MM-DD date at 00:00 UTC. */
export function utcDateMs(d: string): number {
  const [y, m, day] = d.split('-').map(Number);
  return Date.UTC(y, m - 1, day);
}

/** Fraction of the cycle elapsed at `timeMs`, in [0, 1). */
export function armstrongPosition(timeMs: number, cycleDays: number, refMs: number): number {
  const x = (timeMs - refMs) / (cycleDays * MS_PER_DAY);
  return x - Math.floor(x);
}

export function armstrongPhase(position: number): ArmstrongPhase {
  if (position < 0.15) return 'post_crisis';
  if (position < 0.45) return 'expansion';
  if (position < 0.5) return 'pre_crisis';
  if (position < 0.85) return 'contraction';
  if (position < 0.95) return 'pre_crisis';
  return 'crisis';
}

const MAPS: Record<ArmstrongCycleParams['phase_map'], Record<ArmstrongPhase, number>> = {
  default: { post_crisis: 1, expansion: 1, pre_crisis: 0, contraction: 0, crisis: 0 },
  aggressive: { post_crisis: 1, expansion: 1, pre_crisis: -1, contraction: 0, crisis: -1 },
};

export const armstrongCycle: StrategyDef<ArmstrongCycleParams> = {
  meta: {
    id: 'armstrong_cycle',
    name: 'Armstrong cycle (R&D)',
    description: 'Position by phase of the 3141-day economic confidence cycle (calendar rule).',
    version: '1.0.0',
    author: 'peak-trade',
    regime: 'any',
    tags: ['r_and_d', 'cycle', 'calendar'],
    tier: 'r_and_d',
    style: 'state',
  },
  params: armstrongCycleParams,
  sweep: { phase_map: { kind: 'values', values: ['default', 'aggressive'] } },
  minBars: () => 1,
  signals(bars, p, ctx) {
    const n = bars.close.length;
    const ref = utcDateMs(p.reference_date);
    const map = MAPS[p.phase_map];
    const target = targetArray(ctx, n);
    for (let t = decisionStart(0, ctx, 0); t < n; t++) {
      target[t] = map[armstrongPhase(armstrongPosition(bars.time[t], p.cycle_days, ref))];
    }
    return { target, warmup: 0 };
  },
};
