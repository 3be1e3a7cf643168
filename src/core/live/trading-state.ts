/**
 * Trading state (NautilusTrader's ACTIVE / REDUCING / HALTED): ACTIVE passes every order the risk check allows,
 * REDUCING only orders that reduce exposure, HALTED nothing. A breach, the kill switch or an operator set it;
 * leaving HALTED needs an explicit reset (the caller audits it). Pure transitions; the node side persists them.
 */
import { PeakError } from '../errors';

export type TradingState = 'ACTIVE' | 'REDUCING' | 'HALTED';
export type TradingStateCause = 'breach' | 'kill_switch' | 'manual' | 'reset';

export interface TradingStatus {
  state: TradingState;
  cause: TradingStateCause | null;
  reason: string | null;
  /** epoch ms of the last change (0 = never changed) */
  since: number;
  actor: string | null;
}

export const initialTradingStatus: TradingStatus = { state: 'ACTIVE', cause: null, reason: null, since: 0, actor: null };

/** Is an order with this reduce-flag allowed in the state? */
export function stateAllows(state: TradingState, reduces: boolean): { allowed: boolean; reason: string | null } {
  if (state === 'HALTED') return { allowed: false, reason: 'trading state HALTED: no order passes until an audited reset' };
  if (state === 'REDUCING' && !reduces) return { allowed: false, reason: 'trading state REDUCING: only orders that reduce exposure pass' };
  return { allowed: true, reason: null };
}

/**
 * The next status. HALTED can only be left by cause 'reset' (with a reason); a reset of a state that is not
 * HALTED is refused too, so the audit log never shows a meaningless reset.
 */
export function transition(cur: TradingStatus, to: TradingState, cause: TradingStateCause, actor: string, reason: string, now: number): TradingStatus {
  if (reason.trim() === '') throw new PeakError('BAD_INPUT', 'trading state: reason must not be empty');
  if (cause === 'reset') {
    if (cur.state !== 'HALTED') throw new PeakError('CONFLICT', `trading state is ${cur.state}, not HALTED: nothing to reset`);
    if (to === 'HALTED') throw new PeakError('BAD_INPUT', 'trading state: a reset must leave HALTED (to ACTIVE or REDUCING)');
  } else if (cur.state === 'HALTED' && to !== 'HALTED') {
    throw new PeakError('CONFLICT', `trading state is HALTED: leaving it needs an explicit reset (peak live kill-switch reset --reason …)`);
  }
  // a breach never loosens: REDUCING stays REDUCING or goes to HALTED, never back to ACTIVE by itself
  if (cause === 'breach' && to === 'ACTIVE') throw new PeakError('BAD_INPUT', 'trading state: a breach cannot set ACTIVE');
  return { state: to, cause, reason, since: now, actor };
}
