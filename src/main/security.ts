// Electron hardening. The predicates are pure (unit-tested); `hardenApp` wires them into Electron's hooks.
import type { App, Session, Shell, WebContents } from 'electron';
import { APP_ORIGIN } from './protocol';

/**
 * Hosts whose https pages `shell.openExternal` may open (docs and project pages linked from the UI). Everything
 * else — other schemes (file:, javascript:, smb:, custom handlers), http, credentials in the URL, other hosts —
 * is refused, because openExternal hands the URL to the OS, which may launch arbitrary programs.
 */
export const EXTERNAL_HOST_ALLOWLIST: readonly string[] = [
  'github.com',
  'docs.github.com',
  'www.electronjs.org',
  'electronjs.org',
  'kernc.github.io', // backtesting.py docs (the reference engine)
];

export function isAllowedExternalUrl(raw: string, allow: readonly string[] = EXTERNAL_HOST_ALLOWLIST): boolean {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:') return false;
  if (u.username !== '' || u.password !== '') return false;
  if (u.port !== '' && u.port !== '443') return false;
  return allow.includes(u.hostname.toLowerCase());
}

/** True for URLs of the app itself (app://peak/…), optionally also a dev server origin (electron-vite dev). */
export function isAppUrl(raw: string, devOrigin?: string | null): boolean {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return false;
  }
  if (u.origin === APP_ORIGIN || (u.protocol === 'app:' && u.host === 'peak')) return true;
  return !!devOrigin && u.origin === devOrigin;
}

/**
 * Navigation policy: the renderer is a single page; any navigation away from it (a link, a dropped file, a
 * script setting location) is cancelled. Allow-listed https links are opened in the user's browser instead.
 */
export function navigationDecision(
  targetUrl: string,
  devOrigin?: string | null,
): { allow: boolean; openExternal: boolean } {
  if (isAppUrl(targetUrl, devOrigin)) return { allow: true, openExternal: false };
  return { allow: false, openExternal: isAllowedExternalUrl(targetUrl) };
}

export interface HardenDeps {
  app: Pick<App, 'on'>;
  shell: Pick<Shell, 'openExternal'>;
  devOrigin?: string | null;
}

/** Per-webContents guards: no window.open, no navigation, no webviews; allow-listed links open externally. */
export function hardenWebContents(contents: WebContents, deps: HardenDeps): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void deps.shell.openExternal(url);
    return { action: 'deny' };
  });
  const onNavigate = (event: { preventDefault(): void }, url: string): void => {
    const d = navigationDecision(url, deps.devOrigin);
    if (d.allow) return;
    event.preventDefault();
    if (d.openExternal) void deps.shell.openExternal(url);
  };
  contents.on('will-navigate', onNavigate);
  contents.on('will-redirect', onNavigate);
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url, deps.devOrigin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * Permission policy: everything (camera, microphone, notifications, geolocation, HID, serial, clipboard read,
 * fullscreen, …) is denied, except writing sanitized text to the clipboard from the app's own page — the
 * "copy config hash / run id" buttons need it, and it can neither read nor execute anything.
 */
export function isPermissionAllowed(permission: string, requestingUrl: string, devOrigin?: string | null): boolean {
  return permission === 'clipboard-sanitized-write' && isAppUrl(requestingUrl, devOrigin);
}

/** Session guards: permissions per isPermissionAllowed (so: denied, never asked), no device access, no downloads. */
export function hardenSession(session: Session, devOrigin?: string | null): void {
  session.setPermissionRequestHandler((wc, permission, callback, details) =>
    callback(isPermissionAllowed(permission, details?.requestingUrl ?? wc?.getURL() ?? '', devOrigin)),
  );
  session.setPermissionCheckHandler((_wc, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin ? `${requestingOrigin}/` : '', devOrigin),
  );
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event) => event.preventDefault());
}

/** App-wide: apply the webContents guards to every contents ever created (windows, devtools, workers). */
export function hardenApp(deps: HardenDeps): void {
  deps.app.on('web-contents-created', (_e, contents) => hardenWebContents(contents, deps));
}
