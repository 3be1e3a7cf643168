import { useEffect, useState } from 'react';

/**
 * The result screen paints in the order a researcher reads it: the equity curve, then the price chart, then the
 * panels below (histogram, trades table). The back end answers one request at a time and plotly draws one chart
 * at a time, so each later panel waits for the earlier one's performance.mark (or a time limit) before it asks.
 */
export const EQUITY_PAINTED = /^peak:(preview-painted|painted:Equity curve)$/;
export const PRICE_PAINTED = /^peak:painted:Price and trades$/;

/** Resolves once a mark matching `pattern` was made at or after `sinceMs`, or after `maxWaitMs`. */
export function afterMark(pattern: RegExp, sinceMs: number, maxWaitMs: number): Promise<void> {
  const seen = () => performance.getEntriesByType('mark').some((m) => pattern.test(m.name) && m.startTime >= sinceMs);
  if (seen() || typeof PerformanceObserver === 'undefined') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      obs.disconnect();
      clearTimeout(timer);
      resolve();
    };
    const obs = new PerformanceObserver((list) => {
      if (list.getEntries().some((m) => pattern.test(m.name) && m.startTime >= sinceMs)) done();
    });
    obs.observe({ type: 'mark' });
    const timer = setTimeout(done, maxWaitMs);
  });
}

/** The price chart asks for its series once the equity curve is on screen. */
export function afterFirstChartPaint(sinceMs: number, maxWaitMs: number): Promise<void> {
  return afterMark(EQUITY_PAINTED, sinceMs, maxWaitMs);
}

/**
 * False until a mark matching `pattern` was made (or `maxWaitMs` passed) since `key` last changed: the panels
 * below the charts render after them instead of delaying them.
 */
export function useAfterPaint(key: unknown, pattern: RegExp, maxWaitMs: number): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    setReady(false);
    void afterMark(pattern, performance.now(), maxWaitMs).then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, [key, pattern, maxWaitMs]);
  return ready;
}
