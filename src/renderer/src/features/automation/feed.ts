/**
 * Pure helpers of the Automation screen (unit-tested): event level icons, the activity-feed filters (time range
 * presets, phase, event type), heartbeat age and uptime, and merging live events into the loaded feed.
 */
import type { RunEvent, RunSummaryFile } from '../../../../core/automation/schemas';

export const LEVEL_ICON: Record<RunEvent['level'], string> = { debug: '·', info: 'ℹ', warning: '⚠', error: '✖' };
export const TYPE_ICON: Partial<Record<RunEvent['type'], string>> = {
  runner_start: '▶', runner_end: '■', phase_start: '▷', phase_end: '✓', heartbeat: '♥', checkpoint: '◆', retry: '↻', backoff: '⏳', error: '✖', summary_updated: 'Σ',
};
export const eventIcon = (e: Pick<RunEvent, 'type' | 'level'>): string =>
  e.level === 'error' || e.level === 'warning' ? LEVEL_ICON[e.level] : (TYPE_ICON[e.type] ?? LEVEL_ICON[e.level]);

/** seed 001's presets: 15 min, 1 h, 4 h, today (UTC), all */
export const TIME_PRESETS = [
  { id: '15m', label: '15 min' },
  { id: '1h', label: '1 h' },
  { id: '4h', label: '4 h' },
  { id: 'today', label: 'Today' },
  { id: 'all', label: 'All' },
] as const;
export type TimePreset = (typeof TIME_PRESETS)[number]['id'];

/** the earliest event time a preset keeps (epoch ms), null for all */
export function presetSince(preset: TimePreset, nowMs: number): number | null {
  switch (preset) {
    case '15m': return nowMs - 15 * 60_000;
    case '1h': return nowMs - 3_600_000;
    case '4h': return nowMs - 4 * 3_600_000;
    case 'today': { const d = new Date(nowMs); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()); }
    case 'all': return null;
  }
}

export interface FeedFilter {
  preset: TimePreset;
  /** '' = every phase */
  phase: string;
  /** empty = every type */
  types: readonly RunEvent['type'][];
}

export function filterEvents(events: readonly RunEvent[], f: FeedFilter, nowMs: number): RunEvent[] {
  const since = presetSince(f.preset, nowMs);
  const types = f.types.length ? new Set(f.types) : null;
  return events.filter((e) => (since === null || Date.parse(e.timestamp) >= since) && (!f.phase || e.phase === f.phase) && (!types || types.has(e.type)));
}

/** newest first, unique by seq, at most `max` */
export function mergeEvents(current: readonly RunEvent[], incoming: readonly RunEvent[], max = 500): RunEvent[] {
  const bySeq = new Map<number, RunEvent>();
  for (const e of current) bySeq.set(e.seq, e);
  for (const e of incoming) bySeq.set(e.seq, e);
  return [...bySeq.values()].sort((a, b) => b.seq - a.seq).slice(0, max);
}

/** seconds since the last heartbeat (or since the last update when none came yet); null without a summary */
export function heartbeatAgeSec(s: Pick<RunSummaryFile, 'last_heartbeat' | 'updated_at'> | null, nowMs: number): number | null {
  if (!s) return null;
  const t = Date.parse(s.last_heartbeat ?? s.updated_at);
  return Math.max(0, (nowMs - t) / 1000);
}

/** seconds the run has been going (until its last update once it has ended) */
export function uptimeSec(s: Pick<RunSummaryFile, 'started_at' | 'updated_at' | 'status'> | null, nowMs: number): number | null {
  if (!s) return null;
  const end = s.status === 'running' ? nowMs : Date.parse(s.updated_at);
  return Math.max(0, (end - Date.parse(s.started_at)) / 1000);
}

export const STATUS_CLASS: Record<string, string> = { completed: 'go', failed: 'nogo', interrupted: 'locked', running: 'info', ok: 'go', skipped: 'locked' };
