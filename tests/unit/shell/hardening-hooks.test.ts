// The Electron hooks wired by src/main/security.ts, driven with fake WebContents/Session objects (no binary).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';
import { hardenApp, hardenSession, hardenWebContents, isPermissionAllowed } from '../../../src/main/security';

type Handler = (...args: never[]) => unknown;

function fakeContents() {
  const on = new Map<string, Handler>();
  let openHandler: ((d: { url: string }) => { action: string }) | null = null;
  const wc = {
    setWindowOpenHandler: (h: (d: { url: string }) => { action: string }) => {
      openHandler = h;
    },
    on: (ev: string, h: Handler) => {
      on.set(ev, h);
      return wc;
    },
  };
  return { wc: wc as unknown as WebContents, on, open: (url: string) => openHandler!({ url }) };
}

const ev = () => ({ preventDefault: vi.fn() });

describe('webContents guards', () => {
  it('denies every window.open; allow-listed https links go to the OS browser instead', () => {
    const shell = { openExternal: vi.fn(async () => {}) };
    const f = fakeContents();
    hardenWebContents(f.wc, { app: { on: vi.fn() } as never, shell });
    expect(f.open('https://github.com/peak')).toEqual({ action: 'deny' });
    expect(f.open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(f.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(shell.openExternal.mock.calls).toEqual([['https://github.com/peak']]);
  });

  it('cancels navigation and redirects away from app://peak, lets in-app navigation through', () => {
    const shell = { openExternal: vi.fn(async () => {}) };
    const f = fakeContents();
    hardenWebContents(f.wc, { app: { on: vi.fn() } as never, shell });
    for (const name of ['will-navigate', 'will-redirect']) {
      const nav = f.on.get(name) as unknown as (e: { preventDefault(): void }, url: string) => void;
      const away = ev();
      nav(away, 'https://evil.example/phish');
      expect(away.preventDefault).toHaveBeenCalled();
      const home = ev();
      nav(home, 'app://peak/index.html');
      expect(home.preventDefault).not.toHaveBeenCalled();
    }
    const frame = f.on.get('will-frame-navigate') as unknown as (e: { url: string; preventDefault(): void }) => void;
    const sub = { url: 'https://evil.example/', preventDefault: vi.fn() };
    frame(sub);
    expect(sub.preventDefault).toHaveBeenCalled();
    const webview = ev();
    (f.on.get('will-attach-webview') as unknown as (e: { preventDefault(): void }) => void)(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('hardenApp applies the guards to every webContents ever created', () => {
    const appOn = vi.fn();
    hardenApp({ app: { on: appOn } as never, shell: { openExternal: vi.fn() } });
    expect(appOn).toHaveBeenCalledWith('web-contents-created', expect.any(Function));
    const f = fakeContents();
    (appOn.mock.calls[0][1] as (e: unknown, c: WebContents) => void)({}, f.wc);
    expect(f.open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(f.on.has('will-navigate')).toBe(true);
  });
});

describe('session guards', () => {
  it('isPermissionAllowed: only sanitized clipboard writes, only from the app', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://peak/index.html')).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(isPermissionAllowed('clipboard-read', 'app://peak/index.html')).toBe(false);
    expect(isPermissionAllowed('media', 'app://peak/index.html')).toBe(false);
    expect(isPermissionAllowed('notifications', 'app://peak/index.html')).toBe(false);
  });

  it('denies every permission request and check, device access and downloads', () => {
    let request: ((wc: unknown, p: string, cb: (ok: boolean) => void, d: { requestingUrl: string }) => void) | null = null;
    let check: ((wc: unknown, p: string, origin: string) => boolean) | null = null;
    let device: (() => boolean) | null = null;
    const on = new Map<string, Handler>();
    const s = {
      setPermissionRequestHandler: (h: typeof request) => (request = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h),
      setDevicePermissionHandler: (h: typeof device) => (device = h),
      on: (e: string, h: Handler) => on.set(e, h),
    };
    hardenSession(s as unknown as Session);
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const cb = vi.fn();
      request!({}, p, cb, { requestingUrl: 'app://peak/index.html' });
      expect(cb).toHaveBeenCalledWith(false);
    }
    expect(check!({}, 'media', 'app://peak')).toBe(false);
    expect(check!({}, 'clipboard-sanitized-write', 'app://peak')).toBe(true);
    expect(check!({}, 'clipboard-sanitized-write', 'https://evil.example')).toBe(false);
    expect(device!()).toBe(false);
    const dl = ev();
    (on.get('will-download') as unknown as (e: { preventDefault(): void }) => void)(dl);
    expect(dl.preventDefault).toHaveBeenCalled();
  });
});

const builtPreload = join(__dirname, '..', '..', '..', 'out', 'preload', 'index.cjs');
describe.skipIf(!existsSync(builtPreload))('built preload bundle', () => {
  it('is one CommonJS file that requires only electron (no zod, no Node built-ins) and exposes window.peak', () => {
    const src = readFileSync(builtPreload, 'utf8');
    const requires = [...src.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect([...new Set(requires)]).toEqual(['electron']);
    expect(src).not.toMatch(/^\s*import\s[^(]/m);
    expect(src).toContain('exposeInMainWorld("peak"');
    expect(src).not.toContain('zod');
  });
});
