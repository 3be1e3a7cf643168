/** Trends across drills: per cluster × dimension score over time, and reaction percentiles per drill. */
import type { Cluster, Dimension } from './types';
import type { Heatmap } from './psychology';
import type { ReactionSummary } from './reaction';

export interface DrillPoint {
  drillId: string;
  finishedAt: number;
  heatmap: Heatmap;
  summary: ReactionSummary;
}

export interface TrendSeries {
  cluster: Cluster;
  dimension: Dimension;
  points: { drillId: string; t: number; score: number }[];
}

export function scoreTrends(drills: readonly DrillPoint[]): TrendSeries[] {
  const sorted = [...drills].sort((a, b) => a.finishedAt - b.finishedAt);
  const map = new Map<string, TrendSeries>();
  for (const d of sorted) {
    for (const c of d.heatmap.cells) {
      if (d.heatmap.counts[c.cluster] === 0) continue; // a cluster without events says nothing about that drill
      const k = `${c.cluster}/${c.dimension}`;
      let s = map.get(k);
      if (!s) map.set(k, (s = { cluster: c.cluster, dimension: c.dimension, points: [] }));
      s.points.push({ drillId: d.drillId, t: d.finishedAt, score: c.score });
    }
  }
  return [...map.values()];
}

export function reactionTrends(drills: readonly DrillPoint[]): { drillId: string; t: number; p50: number | null; p90: number | null; p95: number | null; p99: number | null }[] {
  return [...drills].sort((a, b) => a.finishedAt - b.finishedAt).map((d) => ({ drillId: d.drillId, t: d.finishedAt, p50: d.summary.p50, p90: d.summary.p90, p95: d.summary.p95, p99: d.summary.p99 }));
}
