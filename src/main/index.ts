// Electron main: glue only. It owns the window, the hardening hooks, the app:// protocol and the IPC gate;
// everything the app *does* lives in createServices (src/node/services.ts), shared with the CLI and the twin.
// This entry point is the one place that reads the environment and Electron paths, and injects them below.
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, screen, session, shell } from 'electron';
import { createServices } from '../node/services';
import { startAppScheduler } from '../node/automation/service';
import { createIpcGate, EVENT_CHANNEL, forwardEvents, webContentsConnectionId } from './ipc';
import { APP_INDEX_URL, appSchemePrivileges, registerAppProtocol } from './protocol';
import { decideDevRenderer } from './dev-renderer';
import { hardenApp, hardenSession } from './security';
import { buildWindowOptions } from './window-options';
import { clampToDisplays, loadWindowState, saveWindowState, type WindowBounds } from './window-state';

// electron-vite dev serves the renderer over http; in a build it is out/renderer behind app://. The dev URL
// is honoured only by the explicit dev command and only on loopback (see ./dev-renderer.ts).
const devDecision = decideDevRenderer({ isPackaged: app.isPackaged, env: process.env });
if (devDecision.url === null && devDecision.ignored) console.warn(`peak: ${devDecision.ignored}`);
const devRendererUrl = devDecision.url;
const devOrigin = devDecision.url !== null ? devDecision.origin : null;

// Privileged schemes must be declared before 'ready'.
protocol.registerSchemesAsPrivileged([...appSchemePrivileges]);

if (!app.requestSingleInstanceLock()) {
  // Another Peak Trade owns the database (one writer): hand over to it and leave.
  app.quit();
} else {
  main().catch((e: unknown) => {
    // A start-up failure (database locked or corrupt, renderer missing) must be visible, not a silent exit.
    const message = e instanceof Error ? e.message : String(e);
    console.error(`peak: cannot start: ${message}`);
    if (app.isReady()) dialog.showErrorBox('Peak Trade cannot start', message);
    app.exit(1);
  });
}

async function main(): Promise<void> {
  hardenApp({ app, shell, devOrigin });

  let win: BrowserWindow | null = null;
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  await app.whenReady();

  const userData = app.getPath('userData');
  const stateFile = join(userData, 'window-state.json');
  const services = createServices({
    dataDir: userData,
    dbPath: join(userData, 'peak.db'),
    // An Electron-ABI better-sqlite3 build (scripts/start-desktop.mjs prepares it); Node's build would not load.
    nativeBinding: process.env.PEAK_SQLITE_BINDING || undefined,
    logger: console,
  });
  // config/scheduler/jobs.toml runs while the app is open (stopped by services.close on quit)
  startAppScheduler(services.ctx);

  hardenSession(session.defaultSession, devOrigin);
  await registerAppProtocol(protocol, join(__dirname, '../renderer'));

  const gate = createIpcGate({
    ipcMain,
    invoke: (name, raw, call) => services.invokeByName(name, raw, call),
    trustedOrigins: devOrigin ? ['app://peak', devOrigin] : ['app://peak'],
    logger: console,
  });

  const stopEvents = forwardEvents({
    onAny: (cb) => services.onAny(cb),
    send: (msg) => {
      if (win && !win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, msg);
    },
    connectionId: () => (win && !win.isDestroyed() ? webContentsConnectionId(win.webContents.id) : null),
  });
  await services.start();

  // Clean shutdown: stop forwarding, close the IPC gate, stop the services in reverse order (drain jobs, stop the
  // pool, close the DB with a WAL checkpoint), then really quit. SIGTERM takes the same path. 'before-quit' fires again after app.quit(); `done` lets it through.
  let shuttingDown = false;
  let done = false;
  app.on('before-quit', (event) => {
    if (done) return;
    event.preventDefault();
    if (shuttingDown) return;
    shuttingDown = true;
    stopEvents();
    gate.dispose();
    Promise.resolve(services.close())
      .catch((e: unknown) => console.error('peak: shutdown error', e))
      .finally(() => {
        done = true;
        app.quit();
      });
  });
  app.on('window-all-closed', () => app.quit());
  process.once('SIGTERM', () => app.quit());

  const remembered = loadWindowState(stateFile);
  const bounds: WindowBounds | null = remembered
    ? clampToDisplays(remembered, screen.getAllDisplays().map((d) => d.workArea))
    : null;
  win = new BrowserWindow(
    buildWindowOptions({ preloadPath: join(__dirname, '../preload/index.cjs'), bounds }),
  );
  if (bounds?.maximized) win.maximize();
  win.once('ready-to-show', () => win?.show());
  win.on('close', () => {
    if (!win) return;
    const b = win.getNormalBounds();
    saveWindowState(stateFile, { ...b, maximized: win.isMaximized() });
  });
  win.on('closed', () => {
    win = null;
  });
  await win.loadURL(devRendererUrl ?? APP_INDEX_URL);
}
