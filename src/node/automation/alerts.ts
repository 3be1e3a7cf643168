/**
 * Where automation alerts go. The live track's alert sinks (SPEC §11) are built elsewhere; until they are merged,
 * alerts go to the logger through this one-method interface, so wiring the real sinks is one line in
 * createAutomationDeps. Levels and fields follow SPEC §11's AlertEvent.
 */
import type { Logger } from '../api/context';

export type AlertLevel = 'info' | 'warning' | 'critical';

export interface AutomationAlert {
  level: AlertLevel;
  /** e.g. "automation.suite", "automation.scheduler", "autonomous.monitor" */
  source: string;
  /** e.g. "SUITE_JOB_FAILED", "SCHEDULE_MISSED", "MONITOR_CRITICAL" */
  code: string;
  message: string;
  context: Record<string, unknown>;
}

export interface AlertSink {
  send(alert: AutomationAlert): void;
}

export function logAlertSink(logger: Logger): AlertSink {
  return {
    send(a) {
      const f = a.level === 'critical' ? logger.error : a.level === 'warning' ? logger.warn : logger.info;
      f.call(logger, `[alert ${a.level}] ${a.source} ${a.code}: ${a.message}`, a.context);
    },
  };
}

/** keeps alerts in memory too (tests, the CLI's --json output) */
export function recordingAlertSink(next?: AlertSink): AlertSink & { alerts: AutomationAlert[] } {
  const alerts: AutomationAlert[] = [];
  return { alerts, send(a) { alerts.push(a); next?.send(a); } };
}
