/** Pure helpers of the cluster panel (unit-tested): heartbeat ages and the cluster's totals. */

export interface WorkerRowLike {
  cores: number;
  concurrency: number;
  live: boolean;
  compatible: boolean;
  tasksDone: number;
  busy: number;
}

/** "now", "4 s ago", "2 min ago", "1 h ago" — from epoch ms (clamped at 0 for small clock skew between machines). */
export function heartbeatAge(now: number, last: number): string {
  const s = Math.max(0, Math.floor((now - last) / 1000));
  if (s < 1) return 'now';
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  return `${Math.floor(s / 3600)} h ago`;
}

export interface ClusterTotals {
  live: number;
  /** live workers whose version matches this app */
  usable: number;
  /** task threads of usable workers */
  threads: number;
  busy: number;
  tasksDone: number;
}

export function clusterTotals(workers: readonly WorkerRowLike[]): ClusterTotals {
  const live = workers.filter((w) => w.live);
  const usable = live.filter((w) => w.compatible);
  return {
    live: live.length,
    usable: usable.length,
    threads: usable.reduce((s, w) => s + w.concurrency, 0),
    busy: usable.reduce((s, w) => s + w.busy, 0),
    tasksDone: workers.reduce((s, w) => s + w.tasksDone, 0),
  };
}

/** Only redis:// and rediss:// URLs are sent to the back end (which checks again). */
export function redisUrlProblem(url: string): string | null {
  const t = url.trim();
  if (t === '') return 'enter a redis:// or rediss:// URL';
  if (!/^rediss?:\/\/[^\s/]+/i.test(t)) return 'the URL must start with redis:// or rediss:// and name a host';
  return null;
}
