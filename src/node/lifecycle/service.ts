/**
 * Long-lived services (live sessions, the scheduler, alert sinks): things that run for hours. They are started in
 * registration order when the app, the twin or a long-running CLI command starts, and stopped in reverse order on
 * quit/SIGTERM (drain jobs, flush SQLite). Their health is reported by `app:info`.
 *
 * A feature implements `LongLivedService` in its own node/<feature>/ folder; createServices registers it.
 */
export type ServiceStatus = 'starting' | 'ok' | 'degraded' | 'down' | 'stopped';

export interface ServiceHealth {
  status: ServiceStatus;
  /** one line a user can read, e.g. "2 sessions running" or "webhook sink unreachable" */
  detail?: string;
}

export interface LongLivedService {
  /** stable, lower-case, e.g. 'live-sessions', 'scheduler', 'alerts' */
  readonly name: string;
  start(): Promise<void> | void;
  /** must be idempotent; drains what it runs and flushes what it wrote */
  stop(): Promise<void> | void;
  health(): ServiceHealth;
}
