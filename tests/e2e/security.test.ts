// The browser twin's security rules against the REAL services (temp SQLite store), over plain Node http —
// no browser needed. A temp renderer dir stands in for out/renderer so this suite never waits for a build.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createWebClient, type WebSocketLike } from '../../src/renderer/src/api/client';
import { http, smallSeedSpecs, startTwin, type HttpReply, type TwinServer } from '../support/e2e';

describe('browser twin security (real services)', () => {
  let twin: TwinServer;
  let api: (name: string, body: string, extra?: Record<string, string>) => Promise<HttpReply>;

  beforeAll(async () => {
    twin = await startTwin({
      renderer: 'stub', // <dataDir>/renderer with a one-line index.html: no build to wait for
      workers: 1,
      seed: smallSeedSpecs(2_000).slice(1), // the daily decade and the session: small and fast
    });
    // a file next to the served renderer, for the path traversal test
    writeFileSync(join(twin.dataDir, 'outside.txt'), 'outside the renderer');
    api = (name, body, extra = {}) =>
      http(twin.port, 'POST', `/api/${name}`, { 'content-type': 'application/json', 'x-peak-token': twin.token, ...extra }, body);
  });
  afterAll(async () => {
    await twin?.close();
  });

  it('uses a fresh random 256-bit token per launch and prints it in the URL', () => {
    expect(twin.token).toMatch(/^[0-9a-f]{64}$/);
    expect(twin.url).toBe(`http://127.0.0.1:${twin.port}/?token=${twin.token}`);
  });

  it('requires the token: none or a wrong one → 401, and nothing runs', async () => {
    const none = await http(twin.port, 'POST', '/api/data:list', { 'content-type': 'application/json' }, '{}');
    expect(none.status).toBe(401);
    expect(none.json().error?.code).toBe('UNSAFE');
    const wrong = await api('data:list', '{}', { 'x-peak-token': twin.token.replace(/.$/, (c) => (c === '0' ? '1' : '0')) });
    expect(wrong.status).toBe(401);
    // The token is not accepted as a query parameter on the API (it would leak into logs/history).
    const q = await http(twin.port, 'POST', `/api/data:list?token=${twin.token}`, { 'content-type': 'application/json' }, '{}');
    expect(q.status).toBe(401);
  });

  it('refuses a foreign Origin with 403 even with the right token', async () => {
    for (const origin of ['https://evil.example', 'http://localhost:1', 'null', `http://127.0.0.1:${twin.port}.evil.example`]) {
      const r = await api('data:list', '{}', { origin });
      expect(r.status, origin).toBe(403);
    }
    expect((await api('data:list', '{}', { origin: twin.origin })).status).toBe(200);
  });

  it('refuses path traversal out of the renderer', async () => {
    for (const p of ['/../outside.txt', '/%2e%2e/outside.txt', '/%2E%2E%2Foutside.txt', '/..%5coutside.txt', '/.%2e/outside.txt']) {
      const r = await http(twin.port, 'GET', p);
      expect(r.status, p).toBe(403);
      expect(r.body).not.toContain('outside the renderer');
    }
    const ok = await http(twin.port, 'GET', '/');
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('Peak Trade');
  });

  it('bad input → 400 BAD_INPUT naming the field; unknown command → 404', async () => {
    const bad = await api('runs:get', '{"id":"not-a-number"}');
    expect(bad.status).toBe(400);
    expect(bad.json().error?.code).toBe('BAD_INPUT');
    expect(bad.json().error?.message).toMatch(/runs:get: id/);
    const notJson = await api('data:list', '{');
    expect(notJson.status).toBe(400);
    expect(notJson.json().error?.code).toBe('BAD_INPUT');
    const unknown = await api('data:explode', '{}');
    expect(unknown.status).toBe(404);
    expect(unknown.json().error?.code).toBe('NOT_FOUND');
  });

  it('round-trips a real command (data:list) through HTTP and the renderer client', async () => {
    const r = await api('data:list', '{}');
    expect(r.status).toBe(200);
    const body = r.json();
    expect(body.ok).toBe(true);
    const client = createWebClient({
      baseUrl: twin.origin,
      token: twin.token,
      openSocket: (u) => new WebSocket(u) as unknown as WebSocketLike,
    });
    const list = await client.call('data:list', {});
    expect(list).toEqual(body.value);
    expect(JSON.stringify(list)).toContain('Daily decade');
    const info = await client.call('app:info');
    expect(info.environment.badge).toBe('LIVE LOCKED');
    client.dispose();
  });

  it('events socket: token and origin enforced', async () => {
    const status = (url: string, origin?: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url, origin ? { origin } : {});
        ws.on('unexpected-response', (_q, res) => {
          resolve(res.statusCode ?? 0);
          ws.terminate();
        });
        ws.on('open', () => {
          resolve(101);
          ws.close();
        });
        ws.on('error', () => {});
      });
    const base = `ws://127.0.0.1:${twin.port}/events`;
    expect(await status(base)).toBe(401);
    expect(await status(`${base}?token=${twin.token}`, 'https://evil.example')).toBe(403);
    expect(await status(`${base}?token=${twin.token}`, twin.origin)).toBe(101);
  });
});
