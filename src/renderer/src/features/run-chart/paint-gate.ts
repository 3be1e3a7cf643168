/**
 * Resolves once the page has painted its first chart data (the equity curve's canvas preview or any plotly chart
 * marks it with performance.mark), or after `maxWaitMs`. The price chart waits for it before asking for its series:
 * the back end answers one request at a time, and the equity curve (the first thing a researcher looks at) should
 * not queue behind the heavier price-chart request.
 */
const FIRST_PAINT = /^peak:(preview-painted|painted:)/;

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
