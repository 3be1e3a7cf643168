import { create } from 'zustand';
import { api, type CommandOutput, type EventPayload } from '../../api/client';
import { errorInfo } from '../../lib/errors';
import { SweepProgressDetailSchema } from '../../../../core/api/commands/sweeps';

export type SweepSummary = CommandOutput<'sweeps:list'>['sweeps'][number];
export type SweepDetail = CommandOutput<'sweeps:get'>;
export type SweepRow = CommandOutput<'sweeps:results'>['rows'][number];
export type SweepProgress = { done: number; total: number; ratePerSec: number; etaSec: number | null; status: SweepSummary['status'] };

/**
 * A sweep's progress is its job's progress (jobs:did-progress, kind 'sweep', detail {sweepId, status, …}).
 * Returns null for any other job's event. Pure; unit-tested.
 */
export function sweepProgressOf(p: EventPayload<'jobs:did-progress'>): (SweepProgress & { sweepId: number; jobId: string }) | null {
  if (p.kind !== 'sweep') return null;
  const d = SweepProgressDetailSchema.safeParse(p.detail);
  if (!d.success) return null;
  return { sweepId: d.data.sweepId, jobId: p.jobId, done: p.done, total: p.total ?? 0, ratePerSec: p.ratePerSec, etaSec: p.etaSec, status: d.data.status };
}

interface SweepState {
  list: SweepSummary[] | null;
  listError: string | null;
  activeId: number | null;
  detail: SweepDetail | null;
  progress: SweepProgress | null;
  rows: SweepRow[] | null;
  rowsTotal: number;
  sortBy: string;
  error: unknown;
  loadList(): Promise<void>;
  open(id: number | null): Promise<void>;
  refresh(): Promise<void>;
  onProgress(p: SweepProgress & { sweepId: number }): void;
  setSort(metric: string): void;
  /** Cancel / resume the active sweep through its job (jobs:cancel / jobs:resume with the sweep's jobId). */
  act(what: 'cancel' | 'resume', force?: boolean): Promise<void>;
  /** Subscribes to sweep job events; returns the unsubscribe function. */
  subscribe(): () => void;
}

/** Live results refresh at most every 700 ms while a sweep runs (progress events can arrive per chunk). */
const REFRESH_MS = 700;
let lastRefresh = 0;
let pending: ReturnType<typeof setTimeout> | null = null;
/**
 * Bumped whenever the open sweep's job ends (final progress event, jobs:did-finish). A refresh that was already
 * on its way reads the sweep as it was before — still "running" — and must not paint that over "Done".
 */
let endedEpoch = 0;
let retriedEpoch = -1;
/** jobs this page asked to follow (a sweep started elsewhere, or before a reload, sends its events only on request) */
const followed = new Set<string>();

function follow(jobId: string | null): void {
  if (!jobId || followed.has(jobId)) return;
  followed.add(jobId);
  void api.call('jobs:follow', { jobId }).catch(() => followed.delete(jobId));
}

export const useSweep = create<SweepState>((set, get) => ({
  list: null,
  listError: null,
  activeId: null,
  detail: null,
  progress: null,
  rows: null,
  rowsTotal: 0,
  sortBy: 'sharpe',
  error: null,
  async loadList() {
    try {
      const r = await api.call('sweeps:list', { limit: 100, offset: 0 });
      set({ list: r.sweeps, listError: null });
    } catch (e) {
      set({ listError: errorInfo(e).message });
    }
  },
  async open(id) {
    set({ activeId: id, detail: null, rows: null, progress: null, error: null });
    if (id !== null) await get().refresh();
  },
  async refresh() {
    const id = get().activeId;
    if (id === null) return;
    lastRefresh = performance.now();
    const epoch = endedEpoch;
    try {
      const detail = await api.call('sweeps:get', { id });
      if (detail.status === 'running' && endedEpoch !== epoch && retriedEpoch !== endedEpoch) {
        // read before the job ended: ask once more for the final state instead of showing this one
        retriedEpoch = endedEpoch;
        if (get().activeId === id) void get().refresh();
        return;
      }
      if (detail.status === 'running') follow(detail.jobId);
      const sortBy = get().sortBy || detail.metric;
      const res = await api.call('sweeps:results', { id, sortBy, desc: !/drawdownDuration|Volatility/i.test(sortBy), limit: 50, offset: 0 });
      if (get().activeId !== id) return;
      set((s) => ({
        detail,
        rows: res.rows,
        rowsTotal: res.total,
        progress: s.progress && s.progress.status === 'running' && detail.status === 'running' ? s.progress : { done: detail.done, total: detail.total, ratePerSec: 0, etaSec: null, status: detail.status },
      }));
    } catch (e) {
      if (get().activeId === id) set({ error: e });
    }
  },
  onProgress(p) {
    // keep the sweep list's done/status columns live too
    const list = get().list;
    if (list?.some((x) => x.id === p.sweepId)) set({ list: list.map((x) => (x.id === p.sweepId ? { ...x, done: p.done, total: p.total, status: p.status } : x)) });
    if (p.sweepId !== get().activeId) {
      if (p.status !== 'running') void get().loadList();
      return;
    }
    set({ progress: { done: p.done, total: p.total, ratePerSec: p.ratePerSec, etaSec: p.etaSec, status: p.status } });
    const finished = p.status !== 'running';
    if (finished) endedEpoch++;
    const wait = Math.max(0, REFRESH_MS - (performance.now() - lastRefresh));
    if (finished) {
      if (pending) clearTimeout(pending);
      pending = null;
      void get().refresh();
      void get().loadList();
    } else if (!pending) {
      pending = setTimeout(() => {
        pending = null;
        void get().refresh();
      }, wait);
    }
  },
  setSort(metric) {
    set({ sortBy: metric });
    void get().refresh();
  },
  async act(what, force = false) {
    const d = get().detail;
    if (!d?.jobId) throw new Error(`sweep #${d?.id ?? '?'} has no job to ${what}`);
    if (what === 'cancel') {
      // A sweep started in another window is that window's job: cancelling it from here needs `force` (FORBIDDEN otherwise).
      await api.call('jobs:cancel', { jobId: d.jobId, force });
    } else {
      follow(d.jobId);
      await api.call('jobs:resume', { jobId: d.jobId });
      set((s) => ({ progress: s.progress ? { ...s.progress, status: 'running' } : s.progress }));
    }
    await get().refresh();
    void get().loadList();
  },
  subscribe() {
    const offProgress = api.on('jobs:did-progress', (p) => {
      const sp = sweepProgressOf(p);
      if (sp) get().onProgress(sp);
    });
    const offFinish = api.on('jobs:did-finish', (f) => {
      if (f.kind !== 'sweep') return;
      followed.delete(f.jobId);
      // the final status (done / cancelled / failed) is the sweep's own: re-read it
      if (get().detail?.jobId === f.jobId) {
        endedEpoch++;
        set((s) => ({ progress: s.progress ? { ...s.progress, status: f.status === 'done' ? 'done' : f.status } : s.progress }));
        void get().refresh();
      }
      void get().loadList();
    });
    return () => {
      offProgress();
      offFinish();
    };
  },
}));
