/**
 * Alerts (SPEC §11): levels, events, the rules PNL_DROP / NO_EVENTS / ERROR_SPIKE / RISK_BLOCKED, status lights
 * green → yellow → red with their transition alerts, and debounce/dedup. Pure: time is passed in (epoch ms).
 */
export const ALERT_LEVELS = { INFO: 10, WARNING: 20, CRITICAL: 30 } as const;
export type AlertLevel = keyof typeof ALERT_LEVELS;
export const ALERT_LEVEL_NAMES = ['INFO', 'WARNING', 'CRITICAL'] as const;

export const ALERT_CODES = [
  'PNL_DROP', 'NO_EVENTS', 'ERROR_SPIKE', 'RISK_BLOCKED', 'STATUS_CHANGE',
  'RISK_LIMIT_VIOLATION_ORDERS', 'RISK_LIMIT_WARNING_ORDERS', 'RISK_LIMIT_VIOLATION_PORTFOLIO', 'RISK_LIMIT_WARNING_PORTFOLIO',
  'TRADING_STATE', 'KILL_SWITCH', 'PNL_DIVERGENCE', 'SINK_FAILURE', 'DRILL',
  // automation (suites, scheduler, the autonomous workflow) sends through the same sinks
  'SUITE_JOB_FAILED', 'SCHEDULE_MISSED', 'SCHEDULED_JOB_FAILED', 'WORKFLOW_FAILED', 'MONITOR_CRITICAL', 'LOW_CONFIDENCE',
  'RISK_LIMIT_VIOLATION',
] as const;
export type AlertCode = (typeof ALERT_CODES)[number];

export interface AlertEvent {
  ts: number;
  level: AlertLevel;
  /** e.g. `live_risk.orders`, `session:12` */
  source: string;
  code: AlertCode;
  message: string;
  context: Record<string, unknown>;
  /** how many equal alerts (code + source) the dedup window folded into this one */
  count: number;
}

export const levelAtLeast = (l: AlertLevel, min: AlertLevel): boolean => ALERT_LEVELS[l] >= ALERT_LEVELS[min];

// ---- rules -------------------------------------------------------------------------------------------------

/** PNL_DROP: CRITICAL when equity fell more than `dropPct` percent from its peak within the window. */
export function pnlDropRule(equityPeakInWindow: number, equityNow: number, dropPct: number): { level: AlertLevel; dropPct: number } | null {
  if (!(equityPeakInWindow > 0)) return null;
  const drop = ((equityPeakInWindow - equityNow) / equityPeakInWindow) * 100;
  return drop > dropPct ? { level: 'CRITICAL', dropPct: drop } : null;
}

/** NO_EVENTS: WARNING beyond max silence, CRITICAL beyond twice that. */
export function noEventsRule(silenceMs: number, maxSilenceMs: number): AlertLevel | null {
  if (silenceMs > 2 * maxSilenceMs) return 'CRITICAL';
  if (silenceMs > maxSilenceMs) return 'WARNING';
  return null;
}

/** ERROR_SPIKE: errors (rejected orders, error events) in the window: WARNING above max, CRITICAL above 2×. */
export function errorSpikeRule(errors: number, maxErrors: number): AlertLevel | null {
  if (errors > 2 * maxErrors) return 'CRITICAL';
  if (errors > maxErrors) return 'WARNING';
  return null;
}

/** RISK_BLOCKED: CRITICAL when an order was blocked and block_on_violation, else WARNING (SPEC §11). */
export const riskBlockedLevel = (blocked: boolean, blockOnViolation: boolean): AlertLevel => (blocked && blockOnViolation ? 'CRITICAL' : 'WARNING');

// ---- status lights -------------------------------------------------------------------------------------------

export type StatusLight = 'green' | 'yellow' | 'red';

/** green→yellow WARNING; →red CRITICAL; red→yellow WARNING; →green INFO (recovery); no change → null. */
export function statusTransitionLevel(from: StatusLight, to: StatusLight): AlertLevel | null {
  if (from === to) return null;
  if (to === 'red') return 'CRITICAL';
  if (to === 'yellow') return 'WARNING';
  return 'INFO';
}

export const lightOf = (sev: 'ok' | 'warning' | 'breach'): StatusLight => (sev === 'ok' ? 'green' : sev === 'warning' ? 'yellow' : 'red');

// ---- debounce / dedup -----------------------------------------------------------------------------------------

/**
 * Same code + source within `windowMs` of the first occurrence is ONE alert: the first is delivered at once, the
 * repeats only raise its count; after the window, the next one is delivered with the count of what was folded.
 * A higher level is never held back (an escalation from WARNING to CRITICAL is delivered at once).
 */
export class AlertDeduper {
  private readonly open = new Map<string, { first: number; level: AlertLevel; folded: number }>();
  constructor(private readonly windowMs: number) {}

  /** the alert to deliver now (count = 1 + repeats folded since the last delivery), or null when folded */
  offer(e: Omit<AlertEvent, 'count'>): AlertEvent | null {
    const key = `${e.code}\u0000${e.source}`;
    const cur = this.open.get(key);
    if (cur && e.ts - cur.first < this.windowMs && ALERT_LEVELS[e.level] <= ALERT_LEVELS[cur.level]) {
      cur.folded++;
      return null;
    }
    const count = 1 + (cur?.folded ?? 0);
    this.open.set(key, { first: e.ts, level: e.level, folded: 0 });
    return { ...e, count };
  }

  /** repeats folded so far for code + source (for summaries) */
  pending(code: AlertCode, source: string): number {
    return this.open.get(`${code}\u0000${source}`)?.folded ?? 0;
  }
}
