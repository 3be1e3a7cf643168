/**
 * What a transport may carry. The browser twin is reachable by every page the user's browser opens, so it is a
 * transport WITHOUT the server-target capability: a request naming a file on this machine, or a network address
 * the server would connect to, is refused before it reaches a handler. The page uploads a file's content instead
 * (data:import csvText); a cluster's Redis URL is set from the `peak cluster` CLI or the desktop app, and the twin
 * may only test the STORED setting. The CLI and Electron's IPC call services directly and keep the capability.
 * The decision is the server's, never the page's.
 */
import type { PeakErrorCode } from '../../core/errors';

export interface TransportCapabilities {
  /** may a request name a server-side target: a file on the server's disk or an address it connects to? */
  serverTargets: boolean;
}

export const TWIN_CAPABILITIES: TransportCapabilities = Object.freeze({ serverTargets: false });

interface ServerTargetField {
  field: string;
  /** what the field names, in the user's words */
  what: string;
  /** where to give it instead */
  instead: string;
}

/**
 * Every input field of the contract that names a server-side target, per command (a real Map: no inherited
 * names). Audited over every command schema (fields named path, dir, url, file, out, webhook): these are the only ones.
 */
const SERVER_TARGET_FIELDS: ReadonlyMap<string, readonly ServerTargetField[]> = new Map([
  ['data:import', [{ field: 'path', what: 'a file on the server', instead: "send the file's content instead (csvText)" }]],
  ['cluster:set', [{
    field: 'url', what: 'an address the server would connect to',
    instead: 'set the Redis URL with `peak cluster set <redis-url>` or in the desktop app',
  }]],
  ['cluster:test', [{
    field: 'url', what: 'an address the server would connect to',
    instead: 'test the stored setting (no url), or a URL with `peak cluster test <redis-url>` or in the desktop app',
  }]],
]);

/** The refusal for `input` of command `name` over a transport with `caps`, or null when it may proceed. */
export function refuseForTransport(
  name: string,
  input: unknown,
  caps: TransportCapabilities,
): { code: PeakErrorCode; message: string } | null {
  if (caps.serverTargets) return null;
  const fields = SERVER_TARGET_FIELDS.get(name);
  if (!fields || typeof input !== 'object' || input === null) return null;
  for (const f of fields) {
    if (Object.hasOwn(input, f.field)) {
      return { code: 'UNSAFE', message: `${name}: "${f.field}" (${f.what}) is not accepted over the browser twin; ${f.instead}` };
    }
  }
  return null;
}

/** The commands and fields the twin refuses (for docs and tests). */
export function serverTargetFields(): { command: string; field: string }[] {
  return [...SERVER_TARGET_FIELDS].flatMap(([command, fs]) => fs.map((f) => ({ command, field: f.field })));
}
