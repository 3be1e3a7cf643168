/**
 * Event outcomes (SPEC §7, hooks.py): one event per signal with its earliest action, the outcome class, the
 * P&L of holding the recommended side for 20 bars, auto tags, and the top-10 pain points.
 * pnl_after_bars is in price units per unit held: (close[t+20] − close[t]) · (+1 long / −1 short).
 */
import type { DrillAction, DrillSignal, Outcome } from './types';
import { earliestActions, reactionMsOf } from './reaction';

export const LOOKAHEAD_BARS = 20;
export const LATE_OUTCOME_MS = 5000;
export const PAIN_THRESHOLD = 0;
export const PAIN_POINTS_MAX = 10;

export interface DrillEvent {
  signalId: string;
  bar: number;
  time: number;
  recommended: DrillSignal['recommended'];
  tags: string[];
  userAction: DrillAction['userAction'] | null;
  /** seconds from signal to the earliest action; 0 when there is none (SPEC: "a missed event has delay 0") */
  delayS: number;
  hasAction: boolean;
  outcome: Outcome;
  /** null when the lookahead bar is past the end of the data */
  pnlAfterBars: number | null;
  autoTags: string[];
  note: string;
}

/** Side of a recommendation for pnl_after_bars: EXIT looks at the side being left (the signal's state is 0). */
function sideOf(s: DrillSignal, prevState: number): number {
  if (s.recommended === 'ENTER_LONG') return 1;
  if (s.recommended === 'ENTER_SHORT') return -1;
  if (s.recommended === 'EXIT') return prevState === 0 ? 1 : prevState;
  return s.state;
}

export function classifyOutcome(s: DrillSignal, a: DrillAction | undefined, delayMs: number): Outcome {
  if (s.recommended === 'NONE') return 'OTHER';
  if (!a) return 'MISSED';
  if (a.userAction === 'FOMO') return 'FOMO';
  if (a.userAction === 'RULE_BREAK' || a.userAction === 'OVERSIZE' || a.userAction === 'OVERSIZED') return 'RULE_BREAK';
  if (delayMs > LATE_OUTCOME_MS) return 'LATE';
  return 'HIT';
}

export function buildEvents(signals: readonly DrillSignal[], actions: readonly DrillAction[], close: ArrayLike<number>): DrillEvent[] {
  const first = earliestActions(signals, actions);
  let prevState = 0;
  return signals.map((s) => {
    const a = first.get(s.signalId);
    const delayMs = a ? reactionMsOf(a, s) : 0;
    const outcome = classifyOutcome(s, a, delayMs);
    const j = s.bar + LOOKAHEAD_BARS;
    const side = sideOf(s, prevState);
    prevState = s.state;
    const pnl = j < close.length && s.bar < close.length ? (close[j] - close[s.bar]) * side : null;
    const autoTags: string[] = [];
    if (outcome === 'MISSED' && pnl !== null && pnl > 0) autoTags.push('missed_opportunity');
    if (outcome === 'LATE' && pnl !== null && pnl > 0) autoTags.push('late_entry');
    if (outcome === 'HIT') autoTags.push('rule_follow');
    return {
      signalId: s.signalId, bar: s.bar, time: s.time, recommended: s.recommended, tags: s.tags,
      userAction: a?.userAction ?? null, delayS: delayMs / 1000, hasAction: a !== undefined,
      outcome, pnlAfterBars: pnl, autoTags, note: a?.note ?? '',
    };
  });
}

/** Top 10 MISSED / LATE / RULE_BREAK events with pnl_after above the pain threshold, largest first. */
export function painPoints(events: readonly DrillEvent[]): DrillEvent[] {
  return events
    .filter((e) => (e.outcome === 'MISSED' || e.outcome === 'LATE' || e.outcome === 'RULE_BREAK') && e.pnlAfterBars !== null && e.pnlAfterBars > PAIN_THRESHOLD)
    .sort((a, b) => (b.pnlAfterBars ?? 0) - (a.pnlAfterBars ?? 0) || a.bar - b.bar)
    .slice(0, PAIN_POINTS_MAX);
}

export function outcomeCounts(events: readonly DrillEvent[]): Record<Outcome, number> {
  const out: Record<Outcome, number> = { HIT: 0, MISSED: 0, LATE: 0, FOMO: 0, RULE_BREAK: 0, OTHER: 0 };
  for (const e of events) out[e.outcome]++;
  return out;
}
