// The app:// protocol: serves out/renderer as app://peak/… with the same path containment and CSP as the twin.
// Using a privileged custom scheme (not file://) gives the renderer a real origin (app://peak) that the IPC gate
// can check, and keeps file:// — which would grant access to the whole disk — out of the picture.
import { realpath, readFile } from 'node:fs/promises';
import type { Protocol } from 'electron';
import { buildCsp, contentTypeFor, hardeningHeaders, isInside, resolveContainedPath } from '../node/web/static-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'peak';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** Must run before app 'ready' (Electron requirement for privileged schemes). */
export const appSchemePrivileges = [
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: true },
  },
] as const;

/**
 * Pure: maps an app:// request URL to a file under `rendererRoot`, or null (wrong scheme/host, traversal, bad
 * escapes). Chromium normalises `..` in standard-scheme URLs before they reach us, but the containment check
 * does not rely on that.
 */
export function resolveAppRequest(rendererRoot: string, requestUrl: string): string | null {
  const m = /^app:\/\/([^/?#]*)(.*)$/i.exec(requestUrl);
  if (!m || m[1].toLowerCase() !== APP_HOST) return null;
  const rest = m[2] === '' ? '/' : m[2];
  return resolveContainedPath(rendererRoot, rest);
}

export async function serveAppRequest(rendererRoot: string, requestUrl: string): Promise<Response> {
  const headers = { ...hardeningHeaders, 'content-security-policy': buildCsp() };
  const file = resolveAppRequest(rendererRoot, requestUrl);
  if (file === null) return new Response('forbidden path', { status: 403, headers });
  try {
    const real = await realpath(file);
    if (!isInside(rendererRoot, real)) return new Response('forbidden path', { status: 403, headers });
    const body = await readFile(real);
    return new Response(body, { status: 200, headers: { ...headers, 'content-type': contentTypeFor(real) } });
  } catch {
    return new Response('not found', { status: 404, headers });
  }
}

/** Registers the handler on the app session's protocol object (after 'ready'). `rendererDir` must exist. */
export async function registerAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): Promise<void> {
  const root = await realpath(rendererDir);
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(root, request.url));
}
