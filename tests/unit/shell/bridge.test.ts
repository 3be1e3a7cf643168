import { describe, expect, it, vi } from 'vitest';
import { commandNames } from '../../../src/core/api/names';
import { buildBridge, EVENT_CHANNEL } from '../../../src/preload/bridge';
import { createElectronClient, type PeakBridge } from '../../../src/renderer/src/api/client';

function fakeIo() {
  const listeners = new Set<(msg: unknown) => void>();
  const invoke = vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } }));
  return {
    invoke,
    listeners,
    subscribe: vi.fn((channel: string, l: (msg: unknown) => void) => {
      expect(channel).toBe(EVENT_CHANNEL);
      listeners.add(l);
      return () => listeners.delete(l);
    }),
    emit: (msg: unknown) => [...listeners].forEach((l) => l(msg)),
  };
}

describe('preload bridge (window.peak)', () => {
  it('is frozen and exposes one named function per command plus call/on', () => {
    const b = buildBridge(fakeIo());
    expect(Object.isFrozen(b)).toBe(true);
    for (const name of commandNames) expect(typeof (b as Record<string, unknown>)[name]).toBe('function');
    expect(() => {
      (b as { call: unknown }).call = () => 0;
    }).toThrow();
    expect(Object.keys(b).filter((k) => !(commandNames as readonly string[]).includes(k)).sort()).toEqual(['call', 'commands', 'events', 'on']);
  });

  it('invokes only contract channels', async () => {
    const io = fakeIo();
    const b = buildBridge(io);
    expect(await b.call('data:list', { limit: 1 })).toEqual({ ok: true, value: { channel: 'data:list', input: { limit: 1 } } });
    expect(await (b['runs:get'] as (i: unknown) => Promise<unknown>)({ id: 'x' })).toMatchObject({ ok: true });
    const bad = (await b.call('peak:event', {})) as { ok: boolean; error: { code: string } };
    expect(bad.ok).toBe(false);
    expect(bad.error.code).toBe('NOT_FOUND');
    expect(io.invoke).toHaveBeenCalledTimes(2);
  });

  it('delivers only the subscribed event and unsubscribes', () => {
    const io = fakeIo();
    const b = buildBridge(io);
    const got: unknown[] = [];
    const off = b.on('jobs:did-progress', (p) => got.push(p));
    io.emit({ event: 'jobs:did-progress', payload: { done: 1 } });
    io.emit({ event: 'runs:did-change', payload: {} });
    io.emit('garbage');
    off();
    off();
    io.emit({ event: 'jobs:did-progress', payload: { done: 2 } });
    expect(got).toEqual([{ done: 1 }]);
    expect(io.listeners.size).toBe(0);
    expect(() => b.on('not:an-event', () => {})).toThrow(/unknown event/);
  });

  it('fits the renderer client (Electron transport): values unwrap, errors reject with ApiError', async () => {
    const io = fakeIo();
    const client = createElectronClient(buildBridge(io) as PeakBridge);
    expect(client.transport).toBe('electron');
    expect(await client.call('runs:get', { id: 1 })).toEqual({ channel: 'runs:get', input: { id: 1 } });
    io.invoke.mockResolvedValueOnce({ ok: false, error: { code: 'NOT_FOUND', message: 'run r not found' } } as never);
    await expect(client.call('runs:get', { id: 1 })).rejects.toMatchObject({ name: 'ApiError', code: 'NOT_FOUND', message: 'run r not found' });
    io.invoke.mockRejectedValueOnce(new Error('No handler registered'));
    await expect(client.call('app:info')).rejects.toMatchObject({ code: 'TRANSPORT' });
    const seen: unknown[] = [];
    const off = client.on('jobs:did-finish', (p) => seen.push(p.status));
    io.emit({ event: 'jobs:did-finish', payload: { jobId: 'j', kind: 'k', status: 'done' } });
    off();
    expect(seen).toEqual(['done']);
  });
});
