/** In-process push-event bus, typed by the contract's events. Transports (IPC, WebSocket) subscribe with onAny. */
import type { EventName, EventPayload } from '../../core/api/contract';

export type Listener<E extends EventName> = (payload: EventPayload<E>) => void;
export type AnyListener = (name: EventName, payload: unknown) => void;

export interface EventBus {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  on<E extends EventName>(name: E, cb: Listener<E>): () => void;
  onAny(cb: AnyListener): () => void;
}

export function createEventBus(onListenerError?: (e: unknown) => void): EventBus {
  const byName = new Map<string, Set<(p: unknown) => void>>();
  const any = new Set<AnyListener>();
  const safe = (f: () => void) => {
    try { f(); } catch (e) { onListenerError?.(e); }
  };
  return {
    emit(name, payload) {
      for (const cb of byName.get(name) ?? []) safe(() => cb(payload));
      for (const cb of any) safe(() => cb(name, payload));
    },
    on(name, cb) {
      let set = byName.get(name);
      if (!set) byName.set(name, (set = new Set()));
      const f = cb as (p: unknown) => void;
      set.add(f);
      return () => { set.delete(f); };
    },
    onAny(cb) {
      any.add(cb);
      return () => { any.delete(cb); };
    },
  };
}
