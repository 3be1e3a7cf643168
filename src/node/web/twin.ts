// The browser twin: the built renderer + the same contract handlers, over HTTP and a WebSocket, on 127.0.0.1.
// It is how the UI runs without the Electron binary and how end-to-end tests drive the app in Chromium.
//
// Security model (a local web server is reachable by every page the user's browser opens):
//  - a per-launch random token, required on every API request (header x-peak-token) and on the events socket
//    (?token=…); compared in constant time;
//  - Origin must be absent (curl, tests) or the twin's own origin, so another site cannot drive the API even if it
//    guessed the token; Host must be a loopback name, which defeats DNS rebinding;
//  - static files are path-contained (resolveContainedPath + realpath check) and served with a strict CSP.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { commandNames } from '../../core/api/names';
import type { ApiResult } from '../../core/api/contract';
import type { PeakErrorCode } from '../../core/errors';
import { refuseForTransport, TWIN_CAPABILITIES } from './page-policy';
import { buildCsp, contentTypeFor, hardeningHeaders, isInside, resolveContainedPath } from './static-files';
import { CONNECTION_HEADER, CONNECTION_PARAM, encodeWire, isConnectionId } from '../../core/api/wire';

/** What the twin needs from createServices (src/node/services.ts); structural so tests can pass a fake. */
export interface TwinServices {
  /**
   * Routes by string: parses the input with the contract, unknown names → NOT_FOUND; never throws. `call` names
   * the page's connection (job ownership).
   */
  invokeByName(name: string, rawInput: unknown, call?: { connectionId: string }): Promise<ApiResult<unknown>> | ApiResult<unknown>;
  /** Every push event with its audience (absent: everyone); returns an unsubscribe. */
  onAny(cb: (event: string, payload: unknown, audience?: ReadonlySet<string>) => void): () => void;
}

/**
 * A page's connection id as the services see it. The page names itself (CONNECTION_HEADER / CONNECTION_PARAM,
 * one random id per page load); the 'web-' prefix keeps a page from posing as the CLI or the desktop window.
 * Requests without one share the anonymous identity (curl, scripts).
 */
export function twinConnectionId(given: string | string[] | null | undefined): string {
  const v = Array.isArray(given) ? given[0] : given;
  return isConnectionId(v) ? `web-${v}` : 'web-anonymous';
}

export interface WebTwinOptions {
  services: TwinServices;
  /** Absolute path of the built renderer (out/renderer). */
  rendererDir: string;
  /** 0 = a random free port. */
  port?: number;
  host?: string;
  /** Fixed token (tests); otherwise 32 random bytes, hex. */
  token?: string;
  /** Largest accepted request body in bytes (a CSV import travels as text). */
  maxBodyBytes?: number;
  logger?: { info(msg: string): void; error(msg: string): void };
}

export interface WebTwin {
  /** Page URL including ?token=… — what the user opens. */
  url: string;
  /** http://host:port, no token. */
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const KNOWN_COMMANDS: ReadonlySet<string> = new Set<string>(commandNames);
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** HTTP status for an error envelope; the body always carries the envelope, so the client never needs this. */
export function statusForCode(code: PeakErrorCode | string): number {
  switch (code) {
    case 'BAD_INPUT':
    case 'BAD_FILE':
      return 400;
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
    case 'CANCELLED':
      return 409;
    case 'UNSAFE':
    case 'FORBIDDEN':
      return 403;
    default:
      return 500;
  }
}

function tokensEqual(given: string | undefined | null, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

function hostAllowed(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostHeader.toLowerCase());
  if (!m) return false;
  return LOOPBACK_HOSTS.has(m[1]) && (m[2] === undefined ? port === 80 : Number(m[2]) === port);
}

/** Origin absent, or http://<loopback host>:<our port>. */
function originAllowed(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  let u: URL;
  try {
    u = new URL(origin);
  } catch {
    return false;
  }
  return u.protocol === 'http:' && hostAllowed(u.host, port) && origin === u.origin;
}

function sendEnvelope(res: ServerResponse, status: number, body: ApiResult<unknown>): void {
  const text = encodeWire(body);
  res.writeHead(status, {
    ...hardeningHeaders,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

const fail = (res: ServerResponse, status: number, code: string, message: string): void =>
  sendEnvelope(res, status, { ok: false, error: { code, message } } as ApiResult<unknown>);

function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        return; // keep draining so the 413 can still be written
      }
      if (!over) chunks.push(c);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startWebTwin(opts: WebTwinOptions): Promise<WebTwin> {
  const host = opts.host ?? '127.0.0.1';
  const token = opts.token ?? randomBytes(32).toString('hex');
  const maxBody = opts.maxBodyBytes ?? 256 * 1024 * 1024;
  const rendererRoot = await realpath(opts.rendererDir);
  let port = 0;
  let csp = buildCsp();

  async function serveStatic(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...hardeningHeaders, allow: 'GET, HEAD' }).end();
      return;
    }
    const lexical = resolveContainedPath(rendererRoot, req.url ?? '/');
    if (lexical === null) {
      res.writeHead(403, { ...hardeningHeaders, 'content-type': 'text/plain' }).end('forbidden path');
      return;
    }
    let file = lexical;
    let real: string;
    try {
      real = await realpath(file);
    } catch {
      // Client-side routes (no extension) fall back to the app shell; missing assets are a real 404.
      if (/\.[a-z0-9]+$/i.test(file)) {
        res.writeHead(404, { ...hardeningHeaders, 'content-type': 'text/plain' }).end('not found');
        return;
      }
      file = `${rendererRoot}/index.html`;
      real = await realpath(file);
    }
    // A symlink inside out/renderer must not lead outside it.
    if (!isInside(rendererRoot, real) || !(await stat(real)).isFile()) {
      res.writeHead(403, { ...hardeningHeaders, 'content-type': 'text/plain' }).end('forbidden path');
      return;
    }
    const info = await stat(real);
    res.writeHead(200, {
      ...hardeningHeaders,
      'content-security-policy': csp,
      'content-type': contentTypeFor(real),
      'content-length': info.size,
      'cache-control': real.endsWith('.html') ? 'no-store' : 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(real).pipe(res);
  }

  async function serveApi(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (req.method !== 'POST') {
      fail(res, 405, 'BAD_INPUT', `${name}: use POST`);
      return;
    }
    if (!originAllowed(req.headers.origin, port)) {
      fail(res, 403, 'UNSAFE', `request from a foreign origin (${req.headers.origin}) refused`);
      return;
    }
    const given = req.headers['x-peak-token'];
    if (!tokensEqual(Array.isArray(given) ? given[0] : given, token)) {
      fail(res, 401, 'UNSAFE', 'missing or wrong x-peak-token (open the URL `peak web` printed)');
      return;
    }
    if (!KNOWN_COMMANDS.has(name)) {
      fail(res, 404, 'NOT_FOUND', `unknown command "${name}"`);
      return;
    }
    const body = await readBody(req, maxBody);
    if (body === null) {
      fail(res, 413, 'BAD_INPUT', `${name}: request body larger than ${maxBody} bytes`);
      return;
    }
    let input: unknown = undefined;
    if (body.trim() !== '') {
      const ct = req.headers['content-type'] ?? '';
      if (!/^application\/json\b/i.test(ct)) {
        fail(res, 415, 'BAD_INPUT', `${name}: body must be application/json`);
        return;
      }
      try {
        input = JSON.parse(body);
      } catch (e) {
        fail(res, 400, 'BAD_INPUT', `${name}: body is not valid JSON (${(e as Error).message})`);
        return;
      }
    }
    const refusal = refuseForTransport(name, input, TWIN_CAPABILITIES);
    if (refusal) {
      fail(res, statusForCode(refusal.code), refusal.code, refusal.message);
      return;
    }
    let result: ApiResult<unknown>;
    try {
      result = await opts.services.invokeByName(name, input, { connectionId: twinConnectionId(req.headers[CONNECTION_HEADER]) });
    } catch (e) {
      // services.invoke should never throw; if it does, answer like any other internal failure.
      result = { ok: false, error: { code: 'INTERNAL', message: `${name}: ${(e as Error).message}` } } as ApiResult<unknown>;
    }
    sendEnvelope(res, result.ok ? 200 : statusForCode(result.error.code), result);
  }

  const server = createServer((req, res) => {
    if (!hostAllowed(req.headers.host, port)) {
      // the typed error body, like every other refusal (the client parses one shape)
      fail(res, 421, 'UNSAFE', `unexpected Host header (${String(req.headers.host).slice(0, 100)}): use 127.0.0.1 or localhost`);
      return;
    }
    const path = (req.url ?? '/').split('?', 1)[0];
    const handle = path.startsWith('/api/')
      ? serveApi(req, res, safeDecode(path.slice('/api/'.length)))
      : serveStatic(req, res);
    handle.catch((e: unknown) => {
      opts.logger?.error(`peak web: ${req.method} ${path}: ${(e as Error).message}`);
      if (!res.headersSent) fail(res, 500, 'INTERNAL', 'internal error');
      else res.destroy();
    });
  });

  // Push events: one socket per page, each event as { event, payload } to the sockets in its audience (a job's
  // owner and followers; everyone for events without an audience).
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const clients = new Set<WebSocket>();
  const connectionOf = new WeakMap<WebSocket, string>();
  let anonymousSockets = 0;
  // Heartbeat: a page that vanished without a close frame (sleep, killed tab) is dropped after one missed pong.
  const alive = new Set<WebSocket>();
  const heartbeat = setInterval(() => {
    for (const ws of clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        clients.delete(ws);
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, 30_000);
  heartbeat.unref();
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refuse = (status: number, text: string): void => {
      // the same typed error body as every other refusal
      const body = encodeWire({ ok: false, error: { code: status === 404 ? 'NOT_FOUND' : 'UNSAFE', message: `events socket: ${text}` } });
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    };
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/events') return refuse(404, 'Not Found');
    if (!hostAllowed(req.headers.host, port)) return refuse(421, 'Misdirected Request');
    if (!originAllowed(req.headers.origin, port)) return refuse(403, 'Forbidden');
    if (!tokensEqual(url.searchParams.get('token'), token)) return refuse(401, 'Unauthorized');
    const named = url.searchParams.get(CONNECTION_PARAM);
    // A socket that names no connection gets one of its own: it sees broadcasts, never another page's jobs.
    const connectionId = named !== null && isConnectionId(named) ? twinConnectionId(named) : `web-socket-${++anonymousSockets}`;
    wss.handleUpgrade(req, socket, head, (ws) => {
      connectionOf.set(ws, connectionId);
      clients.add(ws);
      alive.add(ws);
      ws.on('pong', () => alive.add(ws));
      ws.on('close', () => clients.delete(ws));
      ws.on('error', () => clients.delete(ws));
      // The socket is push-only; anything a page sends is ignored.
    });
  });
  const unsubscribe = opts.services.onAny((event, payload, audience) => {
    if (clients.size === 0) return;
    let frame: string | null = null;
    for (const ws of clients) {
      if (ws.readyState !== ws.OPEN) continue;
      if (audience !== undefined && !audience.has(connectionOf.get(ws) ?? '')) continue;
      frame ??= encodeWire({ event, payload });
      ws.send(frame);
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const origin = `http://${urlHost}:${port}`;
  csp = buildCsp([`ws://${urlHost}:${port}`]);
  opts.logger?.info(`peak web: listening on ${origin}`);

  let closed = false;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    async close() {
      if (closed) return;
      closed = true;
      unsubscribe();
      clearInterval(heartbeat);
      for (const ws of clients) ws.terminate();
      clients.clear();
      wss.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
