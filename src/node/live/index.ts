/**
 * The live feature's services for a HandlerContext: the alert service and the session service, created once per
 * handler context on first use and registered as long-lived services (stopped in reverse order on close, health in
 * app:info). Sessions a dead process left running are marked "stopped (interrupted)" when the service starts.
 */
import { join } from 'node:path';
import type { HandlerContext } from '../api/context';
import { AlertService } from './alert-sinks';
import { LiveSessionService } from './session-service';
import { RISK_LIMIT_KEYS } from '../../core/live/risk-limits';
import type { ReviewedLiveOverrides } from '../../core/live/effective-config';
import { governanceOf } from '../governance';

export interface LiveServices { sessions: LiveSessionService; alerts: AlertService }

const instances = new WeakMap<HandlerContext, LiveServices>();

export function liveServices(ctx: HandlerContext): LiveServices {
  let live = instances.get(ctx);
  if (!live) instances.set(ctx, (live = createLiveServices(ctx)));
  return live;
}

function createLiveServices(ctx: HandlerContext): LiveServices {
  const repo = ctx.store.live;
  const alerts = new AlertService({
    config: ctx.config.live_alerts, repo, audit: ctx.store.audit, logger: ctx.logger, clock: ctx.clock,
    jsonlDir: ctx.dbPath === ':memory:' ? null : join(ctx.dataDir, 'alerts'),
    onDelivered: (e) => ctx.events.emit('live:did-event', { ...repo.addEvent({ sessionId: null, ts: e.ts, kind: 'alert', level: e.level, message: `${e.code}: ${e.message}${e.count > 1 ? ` (×${e.count})` : ''}`, data: { source: e.source, code: e.code, count: e.count } }) }),
  });
  const sessions = new LiveSessionService(ctx, repo, alerts);
  sessions.reviewedOverrides = () => reviewedRiskOverrides(ctx);
  // registered in this order so shutdown stops the sessions before their alert sink; a registry that is
  // already running starts them on registration, otherwise they start now (both starts are idempotent)
  const started = ctx.services.started;
  ctx.services.register(alerts);
  ctx.services.register(sessions);
  if (!started) {
    alerts.start();
    sessions.start();
  }
  return { sessions, alerts };
}

/**
 * The live risk limits the governance loop has promoted: only keys `live_risk.<limit>` whose effective source is
 * "override" (so only in a live-like environment, never with the governance kill switch on, never from a file that
 * is not the recorded version). Anything unreadable fails closed: no override, the config's limits apply.
 */
export function reviewedRiskOverrides(ctx: HandlerContext): ReviewedLiveOverrides | undefined {
  try {
    const eff = governanceOf(ctx).effective();
    if (!eff.applied) return undefined;
    const risk: Record<string, number> = {};
    for (const k of eff.keys) {
      if (k.source !== 'override' || !k.key.startsWith('live_risk.')) continue;
      const name = k.key.slice('live_risk.'.length);
      if ((RISK_LIMIT_KEYS as readonly string[]).includes(name) || name === 'warning_threshold_factor') {
        if (typeof k.effective === 'number' && Number.isFinite(k.effective)) risk[name] = k.effective;
      }
    }
    return Object.keys(risk).length ? { live_risk: risk } : undefined;
  } catch (e) {
    ctx.logger.warn('live overrides not applied (governance config unreadable)', { error: (e as Error).message });
    return undefined;
  }
}
