/**
 * The time axis of a session's equity series: the running session's own bars; else the stored data set's bars
 * when they still start where the session started; else evenly spaced between the stored first and last bar
 * times (a generated feed, or a data set deleted since).
 */
import type { Bars } from '../../core/data/bars';

export function equityTimes(
  n: number,
  runningTimes: ArrayLike<number> | null,
  stored: { firstTime: number | null; lastTime: number | null },
  datasetBars: () => Bars | null,
): number[] {
  const time: number[] = [];
  if (runningTimes) {
    for (let i = 0; i < n; i++) time.push(runningTimes[i]);
    return time;
  }
  if (stored.firstTime === null || n === 0) return time;
  const bars = datasetBars();
  if (bars && bars.time[0] === stored.firstTime) {
    for (let i = 0; i < n; i++) time.push(bars.time[i]);
    return time;
  }
  const step = n > 1 && stored.lastTime !== null ? (stored.lastTime - stored.firstTime) / (n - 1) : 0;
  for (let i = 0; i < n; i++) time.push(stored.firstTime + i * step);
  return time;
}
