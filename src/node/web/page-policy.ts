/**
 * What a transport may carry. The browser twin is reachable by every page the user's browser opens, so it is a
 * transport WITHOUT the server-path capability: a request naming a file on this machine is refused before it
 * reaches a handler (the page uploads the content the user picked instead). The CLI and Electron's native file
 * dialog call services directly and keep paths. The decision is the server's, never the page's.
 */
import type { PeakErrorCode } from '../../core/errors';

export interface TransportCapabilities {
  /** may a request name a file on the server's disk? */
  serverPaths: boolean;
}

export const TWIN_CAPABILITIES: TransportCapabilities = Object.freeze({ serverPaths: false });

/** Input fields that name a server-side file, per command (a real Map: no inherited names). */
const SERVER_PATH_FIELDS: ReadonlyMap<string, readonly string[]> = new Map([['data:import', ['path']]]);

/** The refusal for `input` of command `name` over a transport with `caps`, or null when it may proceed. */
export function refuseForTransport(
  name: string,
  input: unknown,
  caps: TransportCapabilities,
): { code: PeakErrorCode; message: string } | null {
  if (caps.serverPaths) return null;
  const fields = SERVER_PATH_FIELDS.get(name);
  if (!fields || typeof input !== 'object' || input === null) return null;
  for (const f of fields) {
    if (Object.hasOwn(input, f)) {
      return {
        code: 'UNSAFE',
        message: `${name}: "${f}" (a file on the server) is not accepted over the browser twin; send the file's content instead (csvText)`,
      };
    }
  }
  return null;
}
