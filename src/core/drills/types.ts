/**
 * The records a drill (or an imported session, SPEC §7) is analysed from. Times are epoch ms; latencies ms.
 * A signal's `bar` indexes the drill's price series (close[]), so outcomes can look 20 bars ahead.
 */
import { z } from 'zod';

export const RECOMMENDED_ACTIONS = ['ENTER_LONG', 'ENTER_SHORT', 'EXIT', 'NONE'] as const;
export const RecommendedAction = z.enum(RECOMMENDED_ACTIONS);
export type RecommendedAction = z.infer<typeof RecommendedAction>;

/** SPEC §7 user_action vocabulary (OVERSIZED is read like OVERSIZE). */
export const USER_ACTIONS = ['EXECUTED', 'SKIPPED', 'FOMO', 'RULE_BREAK', 'OVERSIZE', 'OVERSIZED'] as const;
export const UserAction = z.enum(USER_ACTIONS);
export type UserAction = z.infer<typeof UserAction>;

export const DrillSignal = z.object({
  signalId: z.string().min(1).max(64),
  bar: z.number().int().nonnegative(),
  time: z.number(),
  /** +1 long, −1 short, 0 flat (the strategy's new state) */
  state: z.number().int().min(-1).max(1),
  recommended: RecommendedAction,
  tags: z.array(z.string().max(64)).max(16),
});
export type DrillSignal = z.infer<typeof DrillSignal>;

export const DrillAction = z.object({
  /** null: an off-signal entry (the trader acted with no signal on screen) */
  signalId: z.string().max(64).nullable(),
  time: z.number(),
  userAction: UserAction,
  /** ms from the signal's paint to the key press (null for off-signal actions) */
  latencyMs: z.number().min(0).max(3_600_000).nullable(),
  note: z.string().max(500).default(''),
});
export type DrillAction = z.infer<typeof DrillAction>;

export const REACTION_CATEGORIES = ['MISSED', 'SKIPPED', 'IMPULSIVE', 'LATE', 'ON_TIME'] as const;
export type ReactionCategory = (typeof REACTION_CATEGORIES)[number];

export const OUTCOMES = ['HIT', 'MISSED', 'LATE', 'FOMO', 'RULE_BREAK', 'OTHER'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const CLUSTERS = ['trend_follow', 'counter_trend', 'breakout', 'exit', 'reentry', 'other'] as const;
export type Cluster = (typeof CLUSTERS)[number];

export const DIMENSIONS = ['fomo', 'loss_fear', 'impulsivity', 'hesitation', 'rule_break'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** SPEC §7 row names (German, as in the original report), in display order. */
export const CLUSTER_LABELS_DE: Record<Cluster, string> = {
  trend_follow: 'Trend-Folge Einstiege',
  counter_trend: 'Counter-Trend Einstiege',
  breakout: 'Breakout / Breakdowns',
  exit: 'Take-Profit / Exits',
  reentry: 'Re-Entries / Scaling',
  other: 'Sonstige Setups',
};
export const CLUSTER_LABELS_EN: Record<Cluster, string> = {
  trend_follow: 'Trend-following entries',
  counter_trend: 'Counter-trend entries',
  breakout: 'Breakouts / breakdowns',
  exit: 'Take-profit / exits',
  reentry: 'Re-entries / scaling',
  other: 'Other setups',
};
export const DIMENSION_LABELS_DE: Record<Dimension, string> = {
  fomo: 'FOMO', loss_fear: 'Verlustangst', impulsivity: 'Impulsivität', hesitation: 'Zögern', rule_break: 'Regelbruch',
};
export const DIMENSION_LABELS_EN: Record<Dimension, string> = {
  fomo: 'FOMO', loss_fear: 'Loss fear', impulsivity: 'Impulsivity', hesitation: 'Hesitation', rule_break: 'Rule break',
};
