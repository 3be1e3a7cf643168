import { useEffect, useState } from 'react';

/**
 * Resolves once the page has painted its equity curve (its canvas preview or the plotly chart marks it with
 * performance.mark), or after `maxWaitMs`. The price chart waits for it before asking for its series:
 * the back end answers one request at a time, and the equity curve (the first thing a researcher looks at) should
 * not queue behind the heavier price-chart request.
 */
const FIRST_PAINT = /^peak:(preview-painted|painted:Equity curve)$/;

export function afterFirstChartPaint(sinceMs: number, maxWaitMs: number): Promise<void> {
  const seen = () => performance.getEntriesByType('mark').some((m) => FIRST_PAINT.test(m.name) && m.startTime >= sinceMs);
  if (seen() || typeof PerformanceObserver === 'undefined') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      obs.disconnect();
      clearTimeout(timer);
      resolve();
    };
    const obs = new PerformanceObserver((list) => {
      if (list.getEntries().some((m) => FIRST_PAINT.test(m.name) && m.startTime >= sinceMs)) done();
    });
    obs.observe({ type: 'mark' });
    const timer = setTimeout(done, maxWaitMs);
  });
}

/**
 * False until the equity curve has painted (or `maxWaitMs` passed) since `key` last changed: panels below it
 * (histogram, price chart) render after it, so the first thing a researcher looks at is not queued behind them.
 */
export function useAfterEquityPaint(key: unknown, maxWaitMs: number): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    setReady(false);
    void afterFirstChartPaint(performance.now(), maxWaitMs).then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, [key, maxWaitMs]);
  return ready;
}
