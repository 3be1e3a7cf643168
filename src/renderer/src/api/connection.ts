/**
 * Is the back end reachable? The client reports every transport outcome here (a request that got no contract
 * answer → down; any contract answer or an opened events socket → up), and the one connection banner
 * (components/ConnectionBanner.tsx) shows the state on every screen. Framework-free so the client stays testable.
 */
export type ConnectionState = { up: boolean; since: number; reason: string };

type Listener = (s: ConnectionState) => void;
const listeners = new Set<Listener>();
let state: ConnectionState = { up: true, since: 0, reason: '' };

export function connectionState(): ConnectionState {
  return state;
}

export function reportConnection(up: boolean, reason = '', now: number = Date.now()): void {
  if (up === state.up) return;
  state = { up, since: now, reason: up ? '' : reason };
  for (const l of [...listeners]) l(state);
}

export function onConnection(cb: Listener): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}
