// The twin client names its connection (jobs it starts are its own) and reports reachability to the banner.
import { describe, expect, it } from 'vitest';
import { createWebClient, inputError, type WebSocketLike } from '../../../src/renderer/src/api/client';
import { connectionState, reportConnection } from '../../../src/renderer/src/api/connection';
import { CONNECTION_HEADER } from '../../../src/core/api/wire';

function fakeSocket(): WebSocketLike & { url?: string } {
  return { readyState: 0, onopen: null, onmessage: null, onclose: null, onerror: null, close() {} };
}

describe('web client connection', () => {
  it('sends the page\'s connection id on every request and on the events socket', async () => {
    const seen: { url: string; headers: Record<string, string> }[] = [];
    let socketUrl = '';
    const client = createWebClient({
      baseUrl: 'http://127.0.0.1:5173',
      token: 't',
      connectionId: 'page-1',
      fetch: (async (url: string, init: RequestInit) => {
        seen.push({ url, headers: init.headers as Record<string, string> });
        return new Response(JSON.stringify({ ok: true, value: { cancelled: true } }));
      }) as typeof fetch,
      openSocket: (url) => {
        socketUrl = url;
        return fakeSocket();
      },
    });
    await client.call('jobs:cancel', { jobId: 'j1' });
    expect(seen[0].headers[CONNECTION_HEADER]).toBe('page-1');
    client.on('jobs:did-progress', () => undefined);
    expect(socketUrl).toContain('connection=page-1');
    client.dispose();
  });

  it('an unreachable twin reports the connection down; the next answer brings it back', async () => {
    reportConnection(true);
    let up = false;
    const client = createWebClient({
      baseUrl: 'http://127.0.0.1:1',
      token: 't',
      fetch: (async () => {
        if (!up) throw new TypeError('fetch failed');
        return new Response(JSON.stringify({ ok: true, value: {} }));
      }) as unknown as typeof fetch,
      openSocket: () => fakeSocket(),
    });
    await expect(client.call('app:info')).rejects.toMatchObject({ code: 'TRANSPORT' });
    expect(connectionState()).toMatchObject({ up: false, reason: 'fetch failed' });
    up = true;
    await client.call('app:info');
    expect(connectionState().up).toBe(true);
    client.dispose();
  });

  it('a form\'s own validation error is a typed BAD_INPUT', () => {
    expect(inputError('sweeps:start', 'fast_window: …')).toMatchObject({ code: 'BAD_INPUT', command: 'sweeps:start', message: 'fast_window: …' });
  });
});
