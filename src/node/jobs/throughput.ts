/**
 * Rate and ETA of a job from measured throughput AFTER warm-up. The first unit of work carries the start-up cost
 * (worker boot, sharing the data, first indicator computations), so a rate averaged from the job's start predicts
 * far too long early on (3 m 38 s for a 70 s sweep). The clock for the rate starts at the first report that shows
 * progress; until half a second of post-warm-up work has been seen, the average since the start is used.
 */
export interface Throughput {
  /** units/s and seconds left (null without a total or a rate) at time `nowMs` with `done` units finished */
  update(done: number, total: number | null, nowMs: number): { ratePerSec: number; etaSec: number | null };
}

const MIN_WINDOW_MS = 500;

export function createThroughput(startedAtMs: number): Throughput {
  let firstDone: number | null = null;
  let anchor: { t: number; done: number } | null = null;
  return {
    update(done, total, now) {
      firstDone ??= done;
      if (anchor === null && done > firstDone) anchor = { t: now, done };
      const warm = anchor !== null && now - anchor.t >= MIN_WINDOW_MS && done > anchor.done;
      const ratePerSec = warm && anchor
        ? (done - anchor.done) / ((now - anchor.t) / 1000)
        : (done - firstDone) / Math.max(1e-3, (now - startedAtMs) / 1000);
      const etaSec = total !== null && ratePerSec > 0 ? Math.max(0, (total - done) / ratePerSec) : null;
      return { ratePerSec, etaSec };
    },
  };
}
