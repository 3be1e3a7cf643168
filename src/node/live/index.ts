/**
 * The live feature's services for a HandlerContext: the alert service and the session service, created once
 * per process on first use (ctx.resource) and stopped on close. Sessions a dead process left running are marked
 * "stopped (interrupted)" when the service starts.
 */
import { join } from 'node:path';
import type { HandlerContext } from '../api/context';
import { AlertService } from './alert-sinks';
import { createLiveRepository } from './repository';
import { LiveSessionService } from './session-service';

export interface LiveServices { sessions: LiveSessionService; alerts: AlertService }

export function liveServices(ctx: HandlerContext): LiveServices {
  return ctx.resource('live', () => {
    const repo = createLiveRepository(ctx.store.db);
    const alerts = new AlertService({
      config: ctx.config.live_alerts, repo, audit: ctx.store.audit, logger: ctx.logger, clock: ctx.clock,
      jsonlDir: ctx.dbPath === ':memory:' ? null : join(ctx.dataDir, 'alerts'),
      onDelivered: (e) => ctx.events.emit('live:did-event', { ...repo.addEvent({ sessionId: null, ts: e.ts, kind: 'alert', level: e.level, message: `${e.code}: ${e.message}${e.count > 1 ? ` (×${e.count})` : ''}`, data: { source: e.source, code: e.code, count: e.count } }) }),
    });
    const sessions = new LiveSessionService(ctx, repo, alerts);
    alerts.start();
    sessions.start();
    return { sessions, alerts };
  }, async (l) => {
    await l.sessions.stop();
    await l.alerts.stop();
  });
}
