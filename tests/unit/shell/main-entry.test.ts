// The Electron entry point (src/main/index.ts) against a fake `electron` module and fake services: what it
// wires at start-up and what it tears down at quit — the parts no pure test covers, without the binary.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { commandNames } from '../../../src/core/api/names';

const h = vi.hoisted(() => {
  type Fn = (...a: unknown[]) => unknown;
  const appHandlers = new Map<string, Fn[]>();
  const winHandlers = new Map<string, Fn>();
  const ipcHandlers = new Map<string, Fn>();
  const state = {
    userData: '',
    windowOptions: null as unknown,
    loadedUrl: '',
    sent: [] as unknown[],
    quitCalls: 0,
    protocolSchemes: [] as string[],
    privileged: [] as unknown[],
    closeCalls: 0,
    anyListener: null as null | ((e: string, p: unknown) => void),
    createServicesArgs: null as unknown,
  };
  const app = {
    isPackaged: false,
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    isReady: () => true,
    getPath: (name: string) => (name === 'userData' ? state.userData : '/nope'),
    on: (ev: string, cb: Fn) => {
      appHandlers.set(ev, [...(appHandlers.get(ev) ?? []), cb]);
      return app;
    },
    quit: () => {
      state.quitCalls++;
    },
    exit: vi.fn(),
  };
  class BrowserWindow {
    webContents = { send: (_c: string, msg: unknown) => state.sent.push(msg) };
    constructor(opts: unknown) {
      state.windowOptions = opts;
    }
    maximize() {}
    show() {}
    once(ev: string, cb: Fn) {
      winHandlers.set(ev, cb);
    }
    on(ev: string, cb: Fn) {
      winHandlers.set(ev, cb);
    }
    isDestroyed() {
      return false;
    }
    isMaximized() {
      return false;
    }
    isMinimized() {
      return false;
    }
    getNormalBounds() {
      return { x: 11, y: 22, width: 1234, height: 777 };
    }
    async loadURL(url: string) {
      state.loadedUrl = url;
    }
  }
  const session = {
    defaultSession: {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
      on: vi.fn(),
    },
  };
  const electron = {
    app,
    BrowserWindow,
    dialog: { showErrorBox: vi.fn() },
    ipcMain: {
      handle: (c: string, f: Fn) => ipcHandlers.set(c, f),
      removeHandler: (c: string) => ipcHandlers.delete(c),
    },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => state.privileged.push(...s),
      handle: (scheme: string) => state.protocolSchemes.push(scheme),
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session,
    shell: { openExternal: vi.fn() },
  };
  const services = {
    invokeByName: vi.fn(async (name: string) => ({ ok: true, value: name })),
    onAny: (cb: (e: string, p: unknown) => void) => {
      state.anyListener = cb;
      return () => {
        state.anyListener = null;
      };
    },
    start: async () => {},
    close: async () => {
      state.closeCalls++;
    },
  };
  return { appHandlers, winHandlers, ipcHandlers, state, electron, services };
});

vi.mock('electron', () => ({ ...h.electron, default: h.electron }));
vi.mock('../../../src/node/services', () => ({
  createServices: (opts: unknown) => {
    h.state.createServicesArgs = opts;
    return h.services;
  },
}));

describe('Electron main entry (fake electron)', () => {
  h.state.userData = mkdtempSync(join(tmpdir(), 'peak-main-'));
  afterAll(() => rmSync(h.state.userData, { recursive: true, force: true }));

  it('starts: services on userData, app:// protocol, hardened window, one IPC channel per command', async () => {
    vi.stubEnv('PEAK_SQLITE_BINDING', '/cache/electron-sqlite/better_sqlite3.node');
    vi.stubEnv('ELECTRON_RENDERER_URL', '');
    await import('../../../src/main/index');
    await vi.waitFor(() => expect(h.state.loadedUrl).not.toBe(''));
    expect(h.state.createServicesArgs).toMatchObject({
      dataDir: h.state.userData,
      dbPath: join(h.state.userData, 'peak.db'),
      nativeBinding: '/cache/electron-sqlite/better_sqlite3.node',
    });
    expect(h.state.privileged).toMatchObject([{ scheme: 'app', privileges: { standard: true, secure: true } }]);
    expect(h.state.protocolSchemes).toEqual(['app']);
    expect(h.state.loadedUrl).toBe('app://peak/index.html');
    const wp = (h.state.windowOptions as { webPreferences: Record<string, unknown> }).webPreferences;
    expect(wp).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    expect(String(wp.preload)).toMatch(/preload[/\\]index\.cjs$/);
    expect([...h.ipcHandlers.keys()].sort()).toEqual([...commandNames].sort());
    expect(h.electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(h.appHandlers.has('web-contents-created')).toBe(true);
    expect(h.appHandlers.has('second-instance')).toBe(true);
  });

  it('answers IPC only from the app page and forwards push events to the window', async () => {
    const call = h.ipcHandlers.get('data:list')!;
    expect(await call({ senderFrame: { url: 'app://peak/index.html', parent: null } }, {})).toEqual({ ok: true, value: 'data:list' });
    expect(await call({ senderFrame: { url: 'https://evil.example/', parent: null } }, {})).toMatchObject({ ok: false, error: { code: 'UNSAFE' } });
    h.state.anyListener!('jobs:did-progress', { done: 1 });
    expect(h.state.sent).toEqual([{ event: 'jobs:did-progress', payload: { done: 1 } }]);
  });

  it('remembers the window bounds on close', () => {
    h.winHandlers.get('close')!();
    const f = join(h.state.userData, 'window-state.json');
    expect(existsSync(f)).toBe(true);
    expect(JSON.parse(readFileSync(f, 'utf8'))).toEqual({ x: 11, y: 22, width: 1234, height: 777, maximized: false });
  });

  it('shuts down cleanly: holds the quit, closes the gate and the services, then quits', async () => {
    const beforeQuit = h.appHandlers.get('before-quit')!.at(-1)!;
    const ev = { preventDefault: vi.fn() };
    beforeQuit(ev);
    expect(ev.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(h.state.quitCalls).toBe(1));
    expect(h.state.closeCalls).toBe(1);
    expect(h.ipcHandlers.size).toBe(0);
    expect(h.state.anyListener).toBeNull();
    // the second before-quit (from app.quit()) passes through
    const ev2 = { preventDefault: vi.fn() };
    beforeQuit(ev2);
    expect(ev2.preventDefault).not.toHaveBeenCalled();
    expect(h.state.closeCalls).toBe(1);
  });
});
