import { describe, expect, it, vi } from 'vitest';
import { commandNames } from '../../../src/core/api/names';
import type { ApiResult } from '../../../src/core/api/contract';
import { invoke as invokeWithContract } from '../../../src/node/api/invoke';
import type { Handlers } from '../../../src/node/api/handlers';
import { PeakError } from '../../../src/core/errors';
import { createIpcGate, EVENT_CHANNEL, forwardEvents, isTrustedSender, type IpcInvokeEventLike, type IpcMainLike } from '../../../src/main/ipc';
import { EVENT_CHANNEL as PRELOAD_EVENT_CHANNEL } from '../../../src/preload/bridge';

type Listener = (event: IpcInvokeEventLike, ...args: unknown[]) => unknown;

function fakeIpcMain(): IpcMainLike & { handlers: Map<string, Listener> } {
  const handlers = new Map<string, Listener>();
  return {
    handlers,
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
  };
}

const top = (url: string): IpcInvokeEventLike => ({ senderFrame: { url, parent: null } });
const appFrame = top('app://peak/index.html');

describe('IPC gate', () => {
  it('registers exactly one channel per contract command and removes them on dispose', () => {
    const ipc = fakeIpcMain();
    const gate = createIpcGate({ ipcMain: ipc, invoke: () => ({ ok: true, value: null }) as ApiResult<unknown> });
    expect([...ipc.handlers.keys()].sort()).toEqual([...commandNames].sort());
    gate.dispose();
    expect(ipc.handlers.size).toBe(0);
  });

  it.each([
    ['an iframe', { senderFrame: { url: 'app://peak/index.html', parent: {} } }],
    ['a foreign page', top('https://evil.example/')],
    ['a file:// page', top('file:///tmp/x.html')],
    ['another app host', top('app://peek/index.html')],
    ['a destroyed frame', { senderFrame: null }],
    ['a dev-server page when dev is off', top('http://localhost:5173/')],
  ])('refuses %s with UNSAFE and never calls the handler', async (_label, event) => {
    const ipc = fakeIpcMain();
    const invoke = vi.fn();
    createIpcGate({ ipcMain: ipc, invoke });
    const res = (await ipc.handlers.get('data:list')!(event as IpcInvokeEventLike, {})) as ApiResult<unknown>;
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('UNSAFE');
    expect(invoke).not.toHaveBeenCalled();
  });

  it('passes the command name and raw input to invoke and returns its envelope unchanged', async () => {
    const ipc = fakeIpcMain();
    const invoke = vi.fn(async (name: string, raw: unknown) => ({ ok: true, value: { name, raw } }) as ApiResult<unknown>);
    createIpcGate({ ipcMain: ipc, invoke });
    const res = await ipc.handlers.get('runs:get')!(appFrame, { id: 'r1' });
    expect(res).toEqual({ ok: true, value: { name: 'runs:get', raw: { id: 'r1' } } });
    const err = { ok: false, error: { code: 'BAD_INPUT', message: 'runs:get: id: expected string' } };
    invoke.mockResolvedValueOnce(err as ApiResult<unknown>);
    expect(await ipc.handlers.get('runs:get')!(appFrame, { id: 5 })).toEqual(err);
  });

  it('with the contract invoke: bad input → BAD_INPUT naming the field, PeakError → its code, success → value', async () => {
    const ipc = fakeIpcMain();
    const seen: unknown[] = [];
    const handlers = {
      'runs:get': async (input: unknown) => {
        seen.push(input);
        throw new PeakError('NOT_FOUND', 'run 7 not found');
      },
      'jobs:cancel': async (input: { jobId: string }) => ({ cancelled: input.jobId === 'j1' }),
    } as unknown as Handlers;
    createIpcGate({ ipcMain: ipc, invoke: (name, raw) => invokeWithContract(handlers, name, raw) });
    const bad = (await ipc.handlers.get('runs:get')!(appFrame, { id: 'seven' })) as ApiResult<unknown>;
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('BAD_INPUT');
      expect(bad.error.message).toContain('id');
    }
    expect(seen).toEqual([]); // the handler never saw unparsed input
    expect(await ipc.handlers.get('runs:get')!(appFrame, { id: 7 })).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'run 7 not found' } });
    expect(await ipc.handlers.get('jobs:cancel')!(appFrame, { jobId: 'j1' })).toEqual({ ok: true, value: { cancelled: true } });
  });

  it('turns a throwing invoke into an INTERNAL envelope (never a rejected IPC call)', async () => {
    const ipc = fakeIpcMain();
    createIpcGate({ ipcMain: ipc, invoke: () => { throw new Error('boom'); } });
    const res = (await ipc.handlers.get('app:info')!(appFrame)) as ApiResult<unknown>;
    expect(res).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'app:info: boom' } });
  });

  it('trusts the dev server origin only when configured', () => {
    expect(isTrustedSender(top('http://localhost:5173/'), ['app://peak', 'http://localhost:5173'])).toBe(true);
    expect(isTrustedSender(top('http://localhost:5174/'), ['app://peak', 'http://localhost:5173'])).toBe(false);
    expect(isTrustedSender(top('app://peak/index.html'))).toBe(true);
    expect(isTrustedSender(top('app://peak.evil/index.html'))).toBe(false);
  });

  it('forwards every event on one channel and unsubscribes', () => {
    const subs = new Set<(e: string, p: unknown) => void>();
    const sent: unknown[] = [];
    const off = forwardEvents({
      onAny: (cb) => {
        subs.add(cb);
        return () => subs.delete(cb);
      },
      send: (msg) => sent.push(msg),
    });
    subs.forEach((cb) => cb('jobs:did-progress', { jobId: 'j', done: 1 }));
    expect(sent).toEqual([{ event: 'jobs:did-progress', payload: { jobId: 'j', done: 1 } }]);
    off();
    expect(subs.size).toBe(0);
    expect(EVENT_CHANNEL).toBe(PRELOAD_EVENT_CHANNEL);
  });
});
