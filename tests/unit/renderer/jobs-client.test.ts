// The renderer's side of the job lifecycle: its own job id, only its events, a failed run clears the old result.
import { describe, expect, it } from 'vitest';
import { commandReducer, idleCommand } from '../../../src/renderer/src/lib/command-state';
import { isOwnJobEvent, newJobId, progressText } from '../../../src/renderer/src/lib/job-events';
import { sweepProgressOf } from '../../../src/renderer/src/features/sweeps/store';
import { JobIdSchema } from '../../../src/core/api/commands/jobs';
import { connectionState, onConnection, reportConnection } from '../../../src/renderer/src/api/connection';

describe('job ids', () => {
  it('a UUID is a valid contract job id; odd characters are stripped', () => {
    const id = newJobId();
    expect(JobIdSchema.safeParse(id).success).toBe(true);
    expect(newJobId(() => 'a b/c{d}')).toBe('abcd');
  });
  it('only the events of this hook\'s job match (another tab\'s job never moves this progress)', () => {
    expect(isOwnJobEvent({ jobId: 'mine' }, 'mine')).toBe(true);
    expect(isOwnJobEvent({ jobId: 'theirs' }, 'mine')).toBe(false);
    expect(isOwnJobEvent({ jobId: 'x' }, null)).toBe(false);
  });
  it('progress text', () => {
    expect(progressText({ jobId: 'j', kind: 'walkforward', done: 3, total: 12, etaSec: 4.2, message: 'window 3' })).toBe('walkforward: 3 / 12 · ETA 4 s · window 3');
    expect(progressText({ jobId: 'j', kind: 'download', done: 1500, total: null, etaSec: null })).toBe('download: 1,500');
  });
});

describe('command state', () => {
  it('starting clears the old error and result; a failure leaves no result beside the error', () => {
    let s = idleCommand<number>();
    s = commandReducer(s, { type: 'start' });
    s = commandReducer(s, { type: 'done', seq: s.seq, result: 41 });
    expect(s).toMatchObject({ busy: false, result: 41, error: null });
    s = commandReducer(s, { type: 'start' });
    expect(s).toMatchObject({ busy: true, result: null, error: null });
    s = commandReducer(s, { type: 'fail', seq: s.seq, error: 'boom' });
    expect(s).toMatchObject({ busy: false, result: null, error: 'boom' });
  });
  it('a late answer of an older start is ignored', () => {
    let s = commandReducer(idleCommand<number>(), { type: 'start' });
    const first = s.seq;
    s = commandReducer(s, { type: 'start' });
    s = commandReducer(s, { type: 'done', seq: first, result: 1 });
    expect(s).toMatchObject({ busy: true, result: null });
  });
});

describe('sweep progress is the sweep job\'s progress', () => {
  const base = { jobId: 'sw-1', done: 10, total: 100, ratePerSec: 5, etaSec: 18 };
  it('reads kind "sweep" with its detail', () => {
    expect(sweepProgressOf({ ...base, kind: 'sweep', detail: { sweepId: 3, status: 'running', chunksDone: 1, chunks: 10 } })).toEqual({ sweepId: 3, jobId: 'sw-1', done: 10, total: 100, ratePerSec: 5, etaSec: 18, status: 'running' });
  });
  it('ignores other kinds and malformed details', () => {
    expect(sweepProgressOf({ ...base, kind: 'download', detail: { sweepId: 3, status: 'running', chunksDone: 1, chunks: 10 } })).toBeNull();
    expect(sweepProgressOf({ ...base, kind: 'sweep' })).toBeNull();
    expect(sweepProgressOf({ ...base, kind: 'sweep', detail: { sweepId: 'x' } })).toBeNull();
  });
});

describe('connection state', () => {
  it('notifies once per change, with the reason', () => {
    const seen: boolean[] = [];
    const off = onConnection((s) => seen.push(s.up));
    reportConnection(true);
    reportConnection(false, 'fetch failed', 1000);
    reportConnection(false, 'again');
    expect(connectionState()).toEqual({ up: false, since: 1000, reason: 'fetch failed' });
    reportConnection(true, '', 2000);
    off();
    reportConnection(false);
    expect(seen).toEqual([false, true]);
    reportConnection(true);
  });
});
