// The `window.peak` object, built from injected IPC primitives so it is unit-tested without Electron.
import { commandNames, eventNames } from '../core/api/names';
import { EVENT_CHANNEL } from '../core/api/wire';

/** The push-event channel, declared once in core/api/wire.ts (zod-free, so the sandboxed preload can bundle it). */
export { EVENT_CHANNEL };

export interface BridgeIo {
  invoke(channel: string, input: unknown): Promise<unknown>;
  subscribe(channel: string, listener: (msg: unknown) => void): () => void;
}

type CommandFn = (input?: unknown) => Promise<unknown>;

export interface PeakBridgeObject {
  call(name: string, input?: unknown): Promise<unknown>;
  on(event: string, cb: (payload: unknown) => void): () => void;
  readonly commands: readonly string[];
  readonly events: readonly string[];
  readonly [command: string]: CommandFn | unknown;
}

const COMMANDS: ReadonlySet<string> = new Set<string>(commandNames);
const EVENTS: ReadonlySet<string> = new Set<string>(eventNames);

const notFound = (name: string): Promise<unknown> =>
  Promise.resolve({ ok: false, error: { code: 'NOT_FOUND', message: `unknown command "${String(name)}"` } });

export function buildBridge(io: BridgeIo): Readonly<PeakBridgeObject> {
  const call = (name: string, input?: unknown): Promise<unknown> =>
    typeof name === 'string' && COMMANDS.has(name) ? io.invoke(name, input) : notFound(name);

  const on = (event: string, cb: (payload: unknown) => void): (() => void) => {
    if (typeof event !== 'string' || !EVENTS.has(event)) throw new Error(`peak.on: unknown event "${String(event)}"`);
    if (typeof cb !== 'function') throw new Error('peak.on: callback must be a function');
    let active = true;
    const off = io.subscribe(EVENT_CHANNEL, (msg) => {
      if (!active || typeof msg !== 'object' || msg === null) return;
      const m = msg as { event?: unknown; payload?: unknown };
      if (m.event === event) cb(m.payload);
    });
    return () => {
      if (!active) return;
      active = false;
      off();
    };
  };

  const named: Record<string, CommandFn> = {};
  for (const name of commandNames) named[name] = (input?: unknown) => io.invoke(name, input);

  return Object.freeze({
    ...named,
    call,
    on,
    commands: Object.freeze([...commandNames]),
    events: Object.freeze([...eventNames]),
  });
}
