/**
 * Automation screen state: the run list, the selected run (log, summary.json, events), the meta report and the
 * scheduler. Live updates arrive as `automation:did-event` push events (one per written event) and are merged in.
 */
import { create } from 'zustand';
import { api, type CommandOutput } from '../../api/client';
import { errorInfo } from '../../lib/errors';
import type { RunEvent, RunSummaryFile } from '../../../../core/automation/schemas';
import { mergeEvents } from './feed';

export type AutomationRun = CommandOutput<'automation:runs'>['runs'][number];
export type RunDetail = CommandOutput<'automation:get'>;
export type MetaReport = CommandOutput<'automation:meta'>;
export type SchedulerStatus = CommandOutput<'scheduler:status'>;

interface AutomationState {
  runs: AutomationRun[] | null;
  selected: string | null;
  detail: RunDetail | null;
  events: RunEvent[];
  liveSummary: RunSummaryFile | null;
  meta: MetaReport | null;
  metaDays: 7 | 30;
  scheduler: SchedulerStatus | null;
  error: string | null;
  starting: boolean;
  loadRuns(): Promise<void>;
  select(runId: string): Promise<void>;
  start(suite: 'daily' | 'weekly', quick: boolean): Promise<void>;
  loadMeta(days: 7 | 30): Promise<void>;
  loadScheduler(): Promise<void>;
  onLive(runId: string, event: RunEvent, summary: RunSummaryFile): void;
}

let reloadTimer: ReturnType<typeof setTimeout> | null = null;
// responses can arrive out of order while a run writes: a response is applied only when no later request's
// response was applied before it (an older answer never overwrites a newer one; a slow one is not discarded)
let runsSeq = 0, runsApplied = 0;
let detailSeq = 0, detailApplied = 0;

export const useAutomation = create<AutomationState>((set, get) => ({
  runs: null,
  selected: null,
  detail: null,
  events: [],
  liveSummary: null,
  meta: null,
  metaDays: 7,
  scheduler: null,
  error: null,
  starting: false,
  async loadRuns() {
    const seq = ++runsSeq;
    try {
      const { runs } = await api.call('automation:runs', { limit: 100 });
      if (seq < runsApplied) return;
      runsApplied = seq;
      set({ runs, error: null });
      if (!get().selected && runs[0]) await get().select(runs[0].runId);
    } catch (e) {
      set({ error: errorInfo(e).message });
    }
  },
  async select(runId) {
    set({ selected: runId });
    const seq = ++detailSeq;
    try {
      const detail = await api.call('automation:get', { runId, limit: 500 });
      if (get().selected !== runId || seq < detailApplied) return;
      detailApplied = seq;
      // live events that arrived while loading are kept (merge by seq)
      set({ detail, events: mergeEvents(get().events.filter((e) => e.session_id === runId), detail.events), liveSummary: detail.summary, error: null });
    } catch (e) {
      set({ error: errorInfo(e).message });
    }
  },
  async start(suite, quick) {
    set({ starting: true });
    try {
      const { runId } = await api.call('automation:run', { suite, quick, pauseMs: quick ? 600 : 0 });
      set({ selected: runId, detail: null, events: [], liveSummary: null });
      await get().loadRuns();
      await get().select(runId);
    } catch (e) {
      set({ error: errorInfo(e).message });
    } finally {
      set({ starting: false });
    }
  },
  async loadMeta(days) {
    set({ metaDays: days });
    try {
      const meta = await api.call('automation:meta', { days, write: false });
      if (get().metaDays === days) set({ meta });
    } catch (e) {
      set({ error: errorInfo(e).message });
    }
  },
  async loadScheduler() {
    try {
      set({ scheduler: await api.call('scheduler:status', {}) });
    } catch (e) {
      set({ error: errorInfo(e).message });
    }
  },
  onLive(runId, event, summary) {
    const s = get();
    if (s.selected === runId) set({ events: mergeEvents(s.events, [event]), liveSummary: summary });
    // the list (status, counts) and the job table refresh after each job (debounced 100 ms)
    if (event.type === 'runner_start' || event.type === 'phase_end' || event.type === 'runner_end') {
      if (reloadTimer) clearTimeout(reloadTimer);
      reloadTimer = setTimeout(() => {
        reloadTimer = null;
        void get().loadRuns();
        // the job table of the followed run refreshes after each job
        if (get().selected === runId) void get().select(runId);
        if (event.type === 'runner_end') void get().loadMeta(get().metaDays);
      }, event.type === 'runner_end' ? 0 : 100);
    }
  },
}));
