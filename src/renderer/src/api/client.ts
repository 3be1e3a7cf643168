// The renderer's ONLY door to the back end. It picks one transport at start-up:
//  - Electron: `window.peak`, the frozen bridge the sandboxed preload exposes (IPC to src/main/ipc.ts);
//  - browser twin: POST /api/<command> (JSON, header x-peak-token) + a WebSocket /events?token=… for push events.
// Both transports answer with the same ApiResult envelope; this module unwraps it so screens get the value or a
// rejected ApiError { code, message } — never a raw envelope, never a transport-specific shape.
import type {
  ApiResult,
  CommandInput,
  CommandName,
  CommandOutput,
  EventName,
  EventPayload,
} from '../../../core/api/contract';
import { parseErrorCode, type PeakErrorCode } from '../../../core/errors';
import { CONNECTION_HEADER, CONNECTION_PARAM, decodeWire, reviveWire } from '../../../core/api/wire';
import { reportConnection } from './connection';

/** PeakErrorCode from the back end, or TRANSPORT when the request never got a contract answer (twin down, 5xx, bad JSON). */
export type ApiErrorCode = PeakErrorCode | 'TRANSPORT';

/** What every rejected `api.call` carries. `message` is the back end's own (names the file/row/field). */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly command: string;
  constructor(code: ApiErrorCode, message: string, command: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.command = command;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/** A form's own validation failure, typed like the back end's (code BAD_INPUT, message naming the field). */
export const inputError = (command: string, message: string): ApiError => new ApiError('BAD_INPUT', message, command);

/** `input` may be omitted only where the command's schema accepts `undefined`. */
export type CallArgs<K extends CommandName> = undefined extends CommandInput<K>
  ? [input?: CommandInput<K>]
  : [input: CommandInput<K>];

export interface PeakClient {
  /** Resolves with the command's output; rejects with ApiError { code, message }. */
  call<K extends CommandName>(name: K, ...args: CallArgs<K>): Promise<CommandOutput<K>>;
  /** Subscribes to a push event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void;
  readonly transport: 'electron' | 'web';
}

/**
 * The shape the preload exposes as `window.peak` (src/preload/index.ts builds it; a unit test checks the two
 * agree). Values are whatever the IPC gate returned: an ApiResult envelope.
 */
export interface PeakBridge {
  call(name: string, input: unknown): Promise<unknown>;
  on(event: string, cb: (payload: unknown) => void): () => void;
}

// ---------------------------------------------------------------------------------------------------------------
// Envelope handling shared by both transports.

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Turns an ApiResult envelope (already decoded) into the value, or throws ApiError. Exported for tests. */
export function unwrapResult(command: string, raw: unknown): unknown {
  if (isRecord(raw) && raw.ok === true && 'value' in raw) return raw.value;
  if (isRecord(raw) && raw.ok === true) return undefined; // a command whose output is void
  if (isRecord(raw) && raw.ok === false && isRecord(raw.error)) {
    const known = parseErrorCode(raw.error.code);
    const message = typeof raw.error.message === 'string' ? raw.error.message : `${command} failed`;
    // A code this build does not know is shown as sent (never silently INTERNAL): the message says what happened.
    if (known === null) throw new ApiError('INTERNAL', `${String(raw.error.code)}: ${message}`, command);
    throw new ApiError(known, message, command);
  }
  throw new ApiError('TRANSPORT', `${command}: the back end answered without a result envelope`, command);
}

// The wire format (non-finite numbers as { $peakNum }) is core's, shared with every transport.
export { reviveWire };

type Listener = (payload: unknown) => void;

// ---------------------------------------------------------------------------------------------------------------
// Electron transport.

export function createElectronClient(bridge: PeakBridge): PeakClient {
  return {
    transport: 'electron',
    async call(name, ...args) {
      let raw: unknown;
      try {
        raw = await bridge.call(name, args[0]);
      } catch (e) {
        // ipcRenderer.invoke rejects only when the channel is missing or the main process threw outside the gate.
        throw new ApiError('TRANSPORT', `${name}: ${e instanceof Error ? e.message : String(e)}`, name);
      }
      return unwrapResult(name, raw) as never;
    },
    on(event, cb) {
      return bridge.on(event, cb as Listener);
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Browser-twin transport.

/** Minimal WebSocket surface used here, so tests can pass a fake (and Node's global WebSocket fits too). */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  close(code?: number, reason?: string): void;
}

export interface WebClientOptions {
  /** Origin of the twin, e.g. http://127.0.0.1:5173 (no trailing slash). */
  baseUrl: string;
  token: string;
  /** this page's connection id (jobs it starts are its own); default: a fresh random id per page load */
  connectionId?: string;
  fetch?: typeof fetch;
  /** Factory for the events socket; defaults to the global WebSocket. */
  openSocket?: (url: string) => WebSocketLike;
  /** Reconnect back-off bounds in ms (doubles per failed attempt). */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** One id per page load (a UUID fits CONNECTION_ID_PATTERN); reloading the page is a new connection. */
function newConnectionId(): string {
  const c = globalThis.crypto;
  return typeof c?.randomUUID === 'function' ? c.randomUUID() : `page-${Math.random().toString(36).slice(2, 14)}`;
}

export interface WebClient extends PeakClient {
  /** Closes the events socket and stops reconnecting (tests; page unload). */
  dispose(): void;
}

export function createWebClient(opts: WebClientOptions): WebClient {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const doFetch = opts.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  const openSocket =
    opts.openSocket ?? ((url: string) => new WebSocket(url) as unknown as WebSocketLike);
  const minMs = opts.reconnectMinMs ?? 250;
  const maxMs = opts.reconnectMaxMs ?? 5_000;
  const setTimer = opts.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = opts.clearTimer ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));

  const listeners = new Map<string, Set<Listener>>();
  let socket: WebSocketLike | null = null;
  let retryHandle: unknown = null;
  let delay = minMs;
  let disposed = false;

  const connectionId = opts.connectionId ?? newConnectionId();
  const wsUrl = `${base.replace(/^http/, 'ws')}/events?token=${encodeURIComponent(opts.token)}&${CONNECTION_PARAM}=${encodeURIComponent(connectionId)}`;

  function dispatch(data: unknown): void {
    if (typeof data !== 'string') return;
    let msg: unknown;
    try {
      msg = decodeWire(data);
    } catch {
      return; // a malformed frame is dropped; the next one is independent
    }
    if (!isRecord(msg) || typeof msg.event !== 'string') return;
    const set = listeners.get(msg.event);
    if (!set) return;
    for (const cb of [...set]) {
      try {
        cb(msg.payload);
      } catch (e) {
        // A failing screen handler must not starve the other subscribers.
        console.error(`peak: listener for ${msg.event} threw`, e);
      }
    }
  }

  function connect(): void {
    if (disposed || socket) return;
    let s: WebSocketLike;
    try {
      s = openSocket(wsUrl);
    } catch {
      scheduleReconnect();
      return;
    }
    socket = s;
    s.onopen = () => {
      delay = minMs;
      reportConnection(true);
    };
    s.onmessage = (ev) => dispatch(ev.data);
    s.onerror = () => {
      /* onclose follows and schedules the retry */
    };
    s.onclose = () => {
      if (socket === s) socket = null;
      if (!disposed) reportConnection(false, 'the events connection closed');
      scheduleReconnect();
    };
  }

  function scheduleReconnect(): void {
    if (disposed || retryHandle !== null || listenerCount() === 0) return;
    const wait = delay;
    delay = Math.min(maxMs, delay * 2);
    retryHandle = setTimer(() => {
      retryHandle = null;
      connect();
    }, wait);
  }

  function listenerCount(): number {
    let n = 0;
    for (const set of listeners.values()) n += set.size;
    return n;
  }

  return {
    transport: 'web',
    async call(name, ...args) {
      const input = args[0];
      let res: Response;
      try {
        res = await doFetch(`${base}/api/${name}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-peak-token': opts.token, [CONNECTION_HEADER]: connectionId },
          body: input === undefined ? '' : JSON.stringify(input),
        });
      } catch (e) {
        reportConnection(false, e instanceof Error ? e.message : String(e));
        throw new ApiError(
          'TRANSPORT',
          `${name}: the browser twin is unreachable (${e instanceof Error ? e.message : String(e)})`,
          name,
        );
      }
      // A gateway/5xx page means the twin is not answering commands; anything with an envelope means it is.
      const text = await res.text().catch(() => '');
      let body: unknown;
      try {
        body = text === '' ? undefined : decodeWire(text);
      } catch {
        throw new ApiError('TRANSPORT', `${name}: HTTP ${res.status} with a non-JSON body`, name);
      }
      if (isRecord(body) && (body.ok === true || body.ok === false)) {
        reportConnection(true);
        return unwrapResult(name, body) as never;
      }
      if (res.status >= 500) reportConnection(false, `HTTP ${res.status}`);
      throw new ApiError('TRANSPORT', `${name}: HTTP ${res.status} without a result envelope`, name);
    },
    on(event, cb) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      // Wrap so subscribing the same function twice yields two independent subscriptions.
      const entry: Listener = (p) => (cb as Listener)(p);
      set.add(entry);
      connect();
      return () => {
        set.delete(entry);
        if (set.size === 0) listeners.delete(event);
      };
    },
    dispose() {
      disposed = true;
      if (retryHandle !== null) clearTimer(retryHandle);
      retryHandle = null;
      const s = socket;
      socket = null;
      s?.close();
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Start-up choice.

const TOKEN_KEY = 'peak-token';

/**
 * The twin's per-launch token arrives as ?token=… on the first page load; keep it in sessionStorage (survives
 * reloads of this tab, not other tabs or restarts) and strip it from the address bar so it is not bookmarked or
 * screenshotted.
 */
export function readTwinToken(loc: { href: string }, storage: Pick<Storage, 'getItem' | 'setItem'> | null,
  replaceUrl?: (url: string) => void): string {
  const url = new URL(loc.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    try {
      storage?.setItem(TOKEN_KEY, fromUrl);
    } catch {
      /* storage disabled: the URL keeps working for this load */
    }
    if (replaceUrl && storage) {
      url.searchParams.delete('token');
      replaceUrl(url.pathname + url.search + url.hash);
    }
    return fromUrl;
  }
  try {
    return storage?.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

function isBridge(v: unknown): v is PeakBridge {
  return isRecord(v) && typeof v.call === 'function' && typeof v.on === 'function';
}

function pickClient(): PeakClient {
  const g = globalThis as { peak?: unknown; location?: Location; sessionStorage?: Storage; history?: History };
  if (isBridge(g.peak)) return createElectronClient(g.peak);
  const loc = g.location;
  if (!loc) {
    // Not in a page (e.g. a unit test importing a screen): every call fails clearly instead of at import time.
    return createWebClient({ baseUrl: 'http://127.0.0.1:0', token: '' });
  }
  let storage: Storage | null = null;
  try {
    storage = g.sessionStorage ?? null;
  } catch {
    storage = null;
  }
  const token = readTwinToken(loc, storage, (u) => g.history?.replaceState(g.history.state, '', u));
  return createWebClient({ baseUrl: loc.origin, token });
}

export const api: PeakClient = pickClient();

// Re-exported so screens need only this module for transport-level types.
export type { ApiResult, CommandInput, CommandName, CommandOutput, EventName, EventPayload };
