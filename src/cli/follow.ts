/**
 * THE progress follower of the CLI: every long command (download, backtest, walk-forward, Monte-Carlo, stress,
 * portfolio, sweeps) runs as a job whose id the CLI chooses, so it follows exactly that job's jobs:did-progress
 * on stderr (a bar with rate/ETA on a TTY, one line per 10 % otherwise — stdout stays one --json document) and
 * Ctrl-C cancels exactly that job.
 */
import type { JobProgress } from '../core/api/commands/jobs';
import { PeakError } from '../core/errors';
import type { CliContext } from './context';
import { fmt } from './format';

export interface FollowOptions {
  /** follow this existing job (resume) instead of a fresh CLI-made id */
  jobId?: string;
  /** one plain line: `<label>: done/total (pct%) <what> ETA …`; default: the job's kind */
  label?: (p: JobProgress) => string;
  /** the middle part of a line; default: the progress message (else the kind) */
  what?: (p: JobProgress) => string;
  /** false: no progress output at all (e.g. --json on a pipe) */
  show?: boolean;
  /** what to throw when Ctrl-C cancelled the job; default: "<kind> cancelled (Ctrl-C)" */
  onCancelled?: (jobId: string) => Promise<PeakError> | PeakError;
}

let seq = 0;
/** a fresh job id of this CLI process */
export function cliJobId(ctx: CliContext, kind: string): string {
  return `cli-${kind}-${ctx.io.clock().toString(36)}-${(++seq).toString(36)}`;
}

export const etaText = (etaSec: number | null): string =>
  etaSec === null ? '—' : `${etaSec < 10 ? etaSec.toFixed(1) : Math.round(etaSec)}s`;

/** Runs `start(jobId)` while drawing that job's progress; Ctrl-C cancels it. */
export async function followJob<T>(ctx: CliContext, kind: string, start: (jobId: string) => Promise<T>, opts: FollowOptions = {}): Promise<T> {
  const jobId = opts.jobId ?? cliJobId(ctx, kind);
  const err = ctx.io.stderr;
  const tty = err.isTTY === true;
  let lastPct = -10;
  let drew = false;
  const off = opts.show === false ? () => {} : ctx.services().on('jobs:did-progress', (p) => {
    if (p.jobId !== jobId) return;
    const total = p.total ?? 0;
    const pct = total > 0 ? Math.floor((100 * p.done) / total) : 0;
    const eta = etaText(p.etaSec);
    const what = opts.what ? opts.what(p) : (p.message ?? kind);
    if (tty) {
      const w = 30;
      const fill = Math.round((w * pct) / 100);
      err.write(`\r[${'#'.repeat(fill)}${'.'.repeat(w - fill)}] ${String(pct).padStart(3)}%  ${p.done}/${total}  ${what}  ETA ${eta}   `);
      drew = true;
    } else if (pct >= lastPct + 10 || (total > 0 && p.done === total && pct !== lastPct)) {
      lastPct = pct;
      err.write(`${opts.label ? opts.label(p) : kind}: ${p.done}/${total} (${pct}%) ${what} ETA ${eta}\n`);
    }
  });
  let interrupted = false;
  void ctx.io.interrupted?.then(async () => {
    interrupted = true;
    // The command may still be planning (no job yet): retry until the job exists or the command ended.
    for (let i = 0; i < 600; i++) {
      const r = await ctx.services().invoke('jobs:cancel', { jobId }, ctx.callContext);
      if (r.ok && r.value.cancelled) return;
      if (settled) return;
      await new Promise((res) => setTimeout(res, 50));
    }
  });
  let settled = false;
  try {
    return await start(jobId);
  } catch (e) {
    if (interrupted && e instanceof PeakError && e.code === 'CANCELLED') {
      throw opts.onCancelled ? await opts.onCancelled(jobId) : new PeakError('CANCELLED', `${kind} cancelled (Ctrl-C); nothing was stored`);
    }
    throw e;
  } finally {
    settled = true;
    off();
    if (tty && drew) err.write('\n');
  }
}

/** sweeps: `sweep <id>` lines with the rate */
export const sweepProgress: FollowOptions = {
  label: (p) => `sweep ${typeof p.detail?.sweepId === 'number' ? p.detail.sweepId : '?'}`,
  what: (p) => `${fmt(p.ratePerSec, 0)}/s`,
};
