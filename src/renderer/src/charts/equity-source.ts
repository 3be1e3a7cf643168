import { api, type CommandOutput } from '../api/client';

export type EquitySeries = CommandOutput<'runs:equity'>;

/**
 * One whole-range equity request started before its chart mounts — at start-up for a deep link to a run, or the
 * moment a backtest returns — so the back end works while the screen renders instead of after it. Only the most
 * recent one is kept. It is sized from the viewport's width, which bounds any chart's width, so the chart takes it
 * without measuring itself (a forced layout while the result screen is still being built costs tens of ms).
 */
let pending: { runId: number; maxPoints: number; promise: Promise<EquitySeries> } | null = null;

export function prefetchEquity(runId: number, maxPoints: number): void {
  if (!Number.isInteger(runId) || runId <= 0) return;
  if (pending && pending.runId === runId && pending.maxPoints >= maxPoints) return;
  const promise = api.call('runs:equity', { id: runId, maxPoints });
  // Not an unhandled rejection when nobody takes it: the chart reports the error when it does.
  promise.catch(() => undefined);
  pending = { runId, maxPoints, promise };
}

/** The prefetched whole-range series for `runId`, if one was asked for; taken once. */
export function takePrefetchedEquity(runId: number): Promise<EquitySeries> | null {
  const p = pending;
  if (!p || p.runId !== runId) return null;
  pending = null;
  return p.promise;
}

/** Bucket count for a chart that will be at most `viewportWidth` wide (before layout knows its real width). */
export function prefetchPointsFor(viewportWidth: number): number {
  return Math.max(200, Math.min(4000, Math.round((Number.isFinite(viewportWidth) && viewportWidth > 0 ? viewportWidth : 1000) * 2)));
}
