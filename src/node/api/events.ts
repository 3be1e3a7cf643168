/**
 * In-process push-event bus, typed by the contract's events. Transports (IPC, WebSocket) subscribe with onAny and
 * deliver an event to a connection only if it is in the event's audience (a job's owner and followers); an event
 * without an audience (data:did-change …) goes to every connection. In-process listeners (CLI, tests) see all.
 */
import type { EventName, EventPayload } from '../../core/api/contract';

/** connection ids that receive an event; absent = everyone */
export type Audience = ReadonlySet<string>;

export type Listener<E extends EventName> = (payload: EventPayload<E>) => void;
export type AnyListener = (name: EventName, payload: unknown, audience?: Audience) => void;

export interface EventBus {
  emit<E extends EventName>(name: E, payload: EventPayload<E>, audience?: Audience): void;
  on<E extends EventName>(name: E, cb: Listener<E>): () => void;
  onAny(cb: AnyListener): () => void;
}

/** Should a transport deliver an event with this audience to `connectionId`? */
export const reaches = (audience: Audience | undefined, connectionId: string): boolean =>
  audience === undefined || audience.has(connectionId);

export function createEventBus(onListenerError?: (e: unknown) => void): EventBus {
  const byName = new Map<string, Set<(p: unknown) => void>>();
  const any = new Set<AnyListener>();
  const safe = (f: () => void) => {
    try { f(); } catch (e) { onListenerError?.(e); }
  };
  return {
    emit(name, payload, audience) {
      for (const cb of byName.get(name) ?? []) safe(() => cb(payload));
      for (const cb of any) safe(() => cb(name, payload, audience));
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
