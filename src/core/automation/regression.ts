/**
 * Meta report computations over stored suite runs: per job and metric a time series (duration_sec plus every
 * numeric `extra`), the latest value against the trailing median of the earlier runs in the window, and a
 * regression flag when it is more than 10 % worse. "Worse" depends on the metric: slower (duration, reaction
 * time, missed-trigger rate) is worse upward, throughput (ticks/s) downward; for result metrics (trades, net
 * P&L, …) any change of more than 10 % is flagged, because a deterministic seeded job should not move at all.
 */
import type { JobResult } from './schemas';

export const REGRESSION_THRESHOLD = 0.1;
/**
 * Timing metrics (duration, throughput) are only flagged when the job's duration moved by at least this much
 * (seconds): a job of a few milliseconds doubles on timer noise alone, which is not a regression.
 */
export const MIN_TIMING_DELTA_SEC = 0.05;
const TIMING = new Set(['duration_sec', 'ticks_per_sec']);

export type Direction = 'lower_is_better' | 'higher_is_better' | 'stable';
const DIRECTIONS: Record<string, Direction> = {
  duration_sec: 'lower_is_better',
  avg_reaction_ms: 'lower_is_better',
  missed_trigger_rate: 'lower_is_better',
  ticks_per_sec: 'higher_is_better',
};
export const directionOf = (metric: string): Direction => (Object.hasOwn(DIRECTIONS, metric) ? (DIRECTIONS[metric] as Direction) : 'stable');

/** identifiers and parameters, not measurements */
const NOT_TRENDED = new Set(['n_steps', 'n_regimes', 'seed', 'run_id', 'fast_window', 'slow_window', 'attempts']);

export interface StoredRun {
  runId: string;
  /** epoch ms */
  startedAt: number;
  jobs: readonly JobResult[];
}

export interface MetricTrend {
  job: string;
  metric: string;
  direction: Direction;
  points: { t: number; value: number; runId: string }[];
  latest: number;
  /** median of the earlier points in the window; null with no earlier point */
  baseline: number | null;
  /** (latest − baseline) ÷ |baseline|; null without a baseline or when it is 0 */
  change: number | null;
  regression: boolean;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

export function isRegression(direction: Direction, change: number, threshold = REGRESSION_THRESHOLD): boolean {
  if (direction === 'lower_is_better') return change > threshold;
  if (direction === 'higher_is_better') return change < -threshold;
  return Math.abs(change) > threshold;
}

/** Trends of every (job, metric) seen in runs with startedAt in [fromMs, toMs], jobs with status ok only. */
export function computeTrends(runs: readonly StoredRun[], fromMs: number, toMs: number, threshold = REGRESSION_THRESHOLD): MetricTrend[] {
  const inWindow = runs.filter((r) => r.startedAt >= fromMs && r.startedAt <= toMs).sort((a, b) => a.startedAt - b.startedAt);
  const series = new Map<string, MetricTrend['points']>();
  const add = (job: string, metric: string, t: number, value: number, runId: string) => {
    const key = `${job}\u0000${metric}`;
    let s = series.get(key);
    if (!s) series.set(key, (s = []));
    s.push({ t, value, runId });
  };
  for (const r of inWindow) {
    for (const j of r.jobs) {
      if (j.status !== 'ok') continue;
      add(j.job_name, 'duration_sec', r.startedAt, j.duration_sec, r.runId);
      for (const [k, v] of Object.entries(j.extra)) {
        if (typeof v === 'number' && Number.isFinite(v) && !NOT_TRENDED.has(k)) add(j.job_name, k, r.startedAt, v, r.runId);
      }
    }
  }
  const durationBaseline = (job: string): { latest: number; baseline: number } | null => {
    const d = series.get(`${job}\u0000duration_sec`);
    if (!d || d.length < 2) return null;
    return { latest: (d[d.length - 1] as { value: number }).value, baseline: median(d.slice(0, -1).map((p) => p.value)) };
  };
  const out: MetricTrend[] = [];
  for (const [key, points] of series) {
    const [job, metric] = key.split('\u0000') as [string, string];
    const latest = (points[points.length - 1] as { value: number }).value;
    const earlier = points.slice(0, -1).map((p) => p.value);
    const baseline = earlier.length ? median(earlier) : null;
    const change = baseline === null || baseline === 0 ? (baseline === 0 && latest !== 0 ? Infinity : null) : (latest - baseline) / Math.abs(baseline);
    const direction = directionOf(metric);
    const dur = TIMING.has(metric) ? durationBaseline(job) : null;
    const aboveNoise = !TIMING.has(metric) || (dur !== null && Math.abs(dur.latest - dur.baseline) >= MIN_TIMING_DELTA_SEC);
    out.push({ job, metric, direction, points, latest, baseline, change: change === Infinity ? null : change, regression: change !== null && aboveNoise && isRegression(direction, change, threshold) });
  }
  return out.sort((a, b) => a.job.localeCompare(b.job) || a.metric.localeCompare(b.metric));
}
