// THE IPC gate: the only place in the app that calls ipcMain.handle. One channel per contract command (the
// channel is the command name, e.g. 'data:list'); every call is checked, parsed and answered with an ApiResult.
//  1. sender check: the calling frame must be the top frame of a page served from app://peak/ (or the dev
//     server in `electron-vite dev`) — an iframe or a navigated-away page gets UNSAFE, without running anything;
//  2. parse + call: `invoke` is services.invoke (src/node/services.ts), which parses the raw input with the
//     contract's zod schema (bad input → BAD_INPUT naming the field), calls the handler and maps a PeakError to
//     its code (anything else → INTERNAL);
//  3. the result goes back as { ok: true, value } | { ok: false, error: { code, message } } — never a thrown
//     error, so the renderer sees the same envelope as over the browser twin.
//  4. the call carries the caller's connection (`wc-<webContents id>`), which owns the jobs it starts; push events
//     of a job go only to its owner's and followers' windows.
import { commandNames as contractCommandNames } from '../core/api/names';
import type { ApiResult } from '../core/api/contract';
import { EVENT_CHANNEL } from '../core/api/wire';
import { APP_ORIGIN } from './protocol';

/** The push-event channel (declared once in core/api/wire.ts): every event travels as { event, payload }. */
export { EVENT_CHANNEL };

/** The connection id of a window's webContents. */
export const webContentsConnectionId = (webContentsId: number): string => `wc-${webContentsId}`;

/** What the gate needs of Electron's ipcMain (tests pass a fake). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** The parts of IpcMainInvokeEvent the gate reads. senderFrame is null when the frame is already gone. */
export interface IpcInvokeEventLike {
  senderFrame: { url: string; parent: unknown } | null;
  /** the calling webContents (its id names the connection) */
  sender?: { id: number };
}

export interface IpcGateDeps {
  ipcMain: IpcMainLike;
  invoke(name: string, rawInput: unknown, call?: { connectionId: string }): Promise<ApiResult<unknown>> | ApiResult<unknown>;
  /** Origins allowed to call (default app://peak only; main adds the dev server origin in development). */
  trustedOrigins?: readonly string[];
  /** Defaults to the contract's list (names.ts). */
  commandNames?: readonly string[];
  logger?: { warn(msg: string): void };
}

export interface IpcGate {
  readonly channels: readonly string[];
  dispose(): void;
}

const refuse = (code: 'UNSAFE' | 'INTERNAL', message: string): ApiResult<unknown> =>
  ({ ok: false, error: { code, message } }) as ApiResult<unknown>;

/** Top frame of a trusted origin? (`parent` is null only for a page's main frame.) */
export function isTrustedSender(event: IpcInvokeEventLike, trustedOrigins: readonly string[] = [APP_ORIGIN]): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  let origin: string;
  try {
    const u = new URL(frame.url);
    // URL.origin is the string "null" for non-special schemes in some runtimes; rebuild it for app://.
    origin = u.protocol === 'app:' ? `app://${u.host}` : u.origin;
  } catch {
    return false;
  }
  return trustedOrigins.includes(origin) && frame.url.startsWith(`${origin}/`);
}

export function createIpcGate(deps: IpcGateDeps): IpcGate {
  const names = deps.commandNames ?? contractCommandNames;
  const trusted = deps.trustedOrigins ?? [APP_ORIGIN];
  for (const name of names) {
    deps.ipcMain.handle(name, async (event, ...args) => {
      if (!isTrustedSender(event, trusted)) {
        deps.logger?.warn(`peak ipc: refused ${name} from ${event.senderFrame?.url ?? 'a destroyed frame'}`);
        return refuse('UNSAFE', `${name}: refused — the caller is not the app's top-level page`);
      }
      try {
        const call = event.sender ? { connectionId: webContentsConnectionId(event.sender.id) } : undefined;
        return await (call ? deps.invoke(name, args[0], call) : deps.invoke(name, args[0]));
      } catch (e) {
        return refuse('INTERNAL', `${name}: ${e instanceof Error ? e.message : String(e)}`);
      }
    });
  }
  return {
    channels: names,
    dispose() {
      for (const name of names) deps.ipcMain.removeHandler(name);
    },
  };
}

/**
 * Forwards push events (services.onAny) to the renderer on EVENT_CHANNEL as { event, payload }. `send` is
 * typically `(msg) => win.webContents.send(EVENT_CHANNEL, msg)` for the live window; an event with an audience
 * (a job's owner and followers) is sent only if `connectionId()` (the window's connection) is in it. Returns the
 * unsubscribe.
 */
export function forwardEvents(deps: {
  onAny(cb: (event: string, payload: unknown, audience?: ReadonlySet<string>) => void): () => void;
  send(msg: { event: string; payload: unknown }): void;
  /** the receiving window's connection id (null: no window) */
  connectionId?: () => string | null;
}): () => void {
  return deps.onAny((event, payload, audience) => {
    if (audience !== undefined) {
      const id = deps.connectionId?.() ?? null;
      if (id === null || !audience.has(id)) return;
    }
    deps.send({ event, payload });
  });
}
