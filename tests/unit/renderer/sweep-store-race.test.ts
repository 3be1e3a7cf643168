// A refresh already on its way when the sweep's job ends reads the sweep as "running": the store must not paint
// that over "Done" (seen in e2e under load: the badge flipped back to Running after the sweep finished).
import { describe, expect, it, vi } from 'vitest';

type Listener = (p: unknown) => void;
const listeners = new Map<string, Listener[]>();
const gets: { resolve: (v: unknown) => void }[] = [];
vi.mock('../../../src/renderer/src/api/client', () => ({
  api: {
    call: (name: string) => {
      if (name === 'sweeps:get') return new Promise((resolve) => gets.push({ resolve }));
      if (name === 'sweeps:results') return Promise.resolve({ rows: [], total: 0 });
      if (name === 'sweeps:list') return Promise.resolve({ sweeps: [] });
      return Promise.resolve({});
    },
    on: (event: string, cb: Listener) => {
      listeners.set(event, [...(listeners.get(event) ?? []), cb]);
      return () => undefined;
    },
  },
}));

const { useSweep } = await import('../../../src/renderer/src/features/sweeps/store');
const detail = (status: string, done: number) => ({ id: 7, jobId: 'job-7', status, done, total: 10, metric: 'sharpe' });
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('sweep store: stale refresh after the job ended', () => {
  it('a "running" answer to a refresh sent before did-finish is asked again, and "done" stays', async () => {
    useSweep.getState().subscribe();
    const opened = useSweep.getState().open(7);
    gets.shift()!.resolve(detail('running', 3));
    await opened;
    expect(useSweep.getState().progress?.status).toBe('running');

    const stale = useSweep.getState().refresh(); // on its way…
    for (const cb of listeners.get('jobs:did-finish') ?? []) cb({ jobId: 'job-7', kind: 'sweep', status: 'done' }); // …the job ends
    await flush();
    expect(useSweep.getState().progress?.status).toBe('done');
    // the finish handler's own refresh and the stale one are both pending; the stale one answers first
    const [first, ...rest] = gets.splice(0);
    first.resolve(detail('running', 9));
    await stale;
    expect(useSweep.getState().progress?.status).toBe('done'); // not painted back to Running
    for (const g of rest) g.resolve(detail('done', 10));
    await flush();
    // the retry asks once more and gets the final state
    for (const g of gets.splice(0)) g.resolve(detail('done', 10));
    await flush();
    expect(useSweep.getState().progress).toMatchObject({ status: 'done', done: 10 });
    expect(useSweep.getState().detail?.status).toBe('done');
  });
});
