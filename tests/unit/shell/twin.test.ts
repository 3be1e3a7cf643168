// The browser twin over real HTTP + WebSocket with fake services (the e2e security suite uses the real ones).
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ApiResult } from '../../../src/core/api/contract';
import { startWebTwin, type TwinServices, type WebTwin } from '../../../src/node/web/twin';
import { createWebClient, type WebSocketLike } from '../../../src/renderer/src/api/client';

function fakeServices() {
  const subs = new Set<(e: string, p: unknown) => void>();
  const calls: Array<[string, unknown]> = [];
  const services: TwinServices = {
    invokeByName(name, raw) {
      calls.push([name, raw]);
      if (name === 'runs:get') return { ok: false, error: { code: 'NOT_FOUND', message: 'run "x" not found' } } as ApiResult<unknown>;
      if (name === 'jobs:cancel') throw new Error('kaboom');
      return { ok: true, value: { name, raw, pf: Infinity } } as ApiResult<unknown>;
    },
    onAny(cb) {
      subs.add(cb);
      return () => void subs.delete(cb);
    },
  };
  const emit = (event: string, payload: unknown) => subs.forEach((cb) => cb(event, payload));
  return { services, calls, emit, subs };
}

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}
function raw(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let b = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (b += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: b }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

describe('browser twin (fake services)', () => {
  let dir: string;
  let twin: WebTwin;
  let fake: ReturnType<typeof fakeServices>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'peak-twin-'));
    const r = join(dir, 'renderer');
    mkdirSync(join(r, 'assets'), { recursive: true });
    writeFileSync(join(r, 'index.html'), '<!doctype html><title>Peak Trade</title>');
    writeFileSync(join(r, 'assets', 'a.js'), 'export {}');
    writeFileSync(join(dir, 'secret.txt'), 'top secret');
    symlinkSync(join(dir, 'secret.txt'), join(r, 'assets', 'link.js'));
    fake = fakeServices();
    twin = await startWebTwin({ services: fake.services, rendererDir: r, token: 'tok' });
  });
  afterAll(async () => {
    await twin.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints a loopback URL with the token', () => {
    expect(twin.url).toBe(`http://127.0.0.1:${twin.port}/?token=tok`);
    expect(twin.origin).toBe(`http://127.0.0.1:${twin.port}`);
  });

  it('serves the renderer with CSP and hardening headers; SPA routes fall back to index.html', async () => {
    const r = await raw(twin.port, 'GET', '/');
    expect(r.status).toBe(200);
    expect(r.body).toContain('Peak Trade');
    expect(r.headers['content-security-policy']).toContain(`ws://127.0.0.1:${twin.port}`);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect((await raw(twin.port, 'GET', '/backtest')).body).toContain('Peak Trade');
    expect((await raw(twin.port, 'GET', '/assets/missing.js')).status).toBe(404);
    expect((await raw(twin.port, 'GET', '/assets/a.js')).headers['content-type']).toMatch(/javascript/);
  });

  it('refuses traversal (plain, encoded, backslash) and symlinks out of the renderer', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt']) {
      const r = await raw(twin.port, 'GET', p);
      expect(r.status, p).toBe(403);
      expect(r.body).not.toContain('top secret');
    }
    const l = await raw(twin.port, 'GET', '/assets/link.js');
    expect(l.status).toBe(403);
    expect(l.body).not.toContain('top secret');
  });

  it('refuses a non-loopback Host header (DNS rebinding)', async () => {
    expect((await raw(twin.port, 'GET', '/', { host: `evil.example:${twin.port}` })).status).toBe(421);
  });

  it('API: token, origin, method, unknown command, JSON and content-type checks', async () => {
    const hdr = { 'x-peak-token': 'tok', 'content-type': 'application/json' };
    expect((await raw(twin.port, 'POST', '/api/data:list', { 'content-type': 'application/json' }, '{}')).status).toBe(401);
    expect((await raw(twin.port, 'POST', '/api/data:list', { ...hdr, 'x-peak-token': 'tok2' }, '{}')).status).toBe(401);
    expect((await raw(twin.port, 'POST', '/api/data:list', { ...hdr, origin: 'https://evil.example' }, '{}')).status).toBe(403);
    expect((await raw(twin.port, 'POST', '/api/data:list', { ...hdr, origin: `http://127.0.0.1:${twin.port + 1}` }, '{}')).status).toBe(403);
    expect((await raw(twin.port, 'POST', '/api/data:list', { ...hdr, origin: twin.origin }, '{}')).status).toBe(200);
    expect((await raw(twin.port, 'GET', '/api/data:list', hdr)).status).toBe(405);
    const nf = await raw(twin.port, 'POST', '/api/nope:nope', hdr, '{}');
    expect(nf.status).toBe(404);
    expect(JSON.parse(nf.body)).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'unknown command "nope:nope"' } });
    const bad = await raw(twin.port, 'POST', '/api/data:list', hdr, '{oops');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.code).toBe('BAD_INPUT');
    expect((await raw(twin.port, 'POST', '/api/data:list', { 'x-peak-token': 'tok', 'content-type': 'text/plain' }, '{}')).status).toBe(415);
    expect(fake.calls.every(([n]) => n === 'data:list')).toBe(true);
  });

  it('maps envelope errors to HTTP status and keeps a throwing invoke as INTERNAL', async () => {
    const hdr = { 'x-peak-token': 'tok', 'content-type': 'application/json' };
    const r = await raw(twin.port, 'POST', '/api/runs:get', hdr, '{"id":"x"}');
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body).error).toEqual({ code: 'NOT_FOUND', message: 'run "x" not found' });
    const t = await raw(twin.port, 'POST', '/api/jobs:cancel', hdr, '{"jobId":"j"}');
    expect(t.status).toBe(500);
    expect(JSON.parse(t.body).error.code).toBe('INTERNAL');
  });

  it('renderer client round-trip over HTTP, and push events over the WebSocket', async () => {
    const c = createWebClient({
      baseUrl: twin.origin,
      token: twin.token,
      openSocket: (u) => new WebSocket(u) as unknown as WebSocketLike,
    });
    const v = (await c.call('data:list', { limit: 2 })) as unknown as { raw: unknown; pf: number };
    expect(v.raw).toEqual({ limit: 2 });
    expect(v.pf).toBe(Infinity);
    await expect(c.call('runs:get', { id: 1 })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const got = new Promise<unknown>((resolve) => c.on('jobs:did-progress', (p) => resolve(p)));
    // wait until the socket is registered server-side, then emit
    for (let i = 0; i < 100; i++) {
      fake.emit('jobs:did-progress', { jobId: 'j1', done: 5, etaSec: NaN });
      const r = await Promise.race([got, new Promise((res) => setTimeout(() => res(null), 20))]);
      if (r) break;
    }
    const p = (await got) as { jobId: string; etaSec: number };
    expect(p.jobId).toBe('j1');
    expect(Number.isNaN(p.etaSec)).toBe(true);
    c.dispose();
  });

  it('events socket: wrong token → 401, foreign origin → 403', async () => {
    const status = (url: string, origin?: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url, origin ? { origin } : {});
        ws.on('unexpected-response', (_req, res) => {
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
    expect(await status(`${base}?token=nope`)).toBe(401);
    expect(await status(base)).toBe(401);
    expect(await status(`${base}?token=tok`, 'https://evil.example')).toBe(403);
    expect(await status(`${base}?token=tok`, twin.origin)).toBe(101);
  });
});
