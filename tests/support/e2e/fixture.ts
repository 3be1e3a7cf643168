// launchTwin(): the whole e2e fixture in one call — the twin on a temp store (./twin), Debian's Chromium
// (./browser) and a first page with the app open — and close() tears it all down in the order the suites used to
// (pages, browser, back end). Suites keep `describe.skipIf(!hasChromium)`, so without Chromium they skip, not fail.
import type { Browser, BrowserContext, Page } from 'playwright';
import { AppPage } from '../pages/app-page';
import { hasChromium, launchBrowser, newPage as newBrowserPage, noChromiumReason, type PageProblems } from './browser';
import { startTwin, type StartTwinOptions, type TwinServer } from './twin';

export interface PageOptions {
  /** default 1440×900 */
  viewport?: { width: number; height: number };
  /** default dark */
  colorScheme?: 'dark' | 'light';
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** console errors and uncaught exceptions seen on this page */
  problems: PageProblems;
}

export interface LaunchTwinOptions extends StartTwinOptions, PageOptions {
  /**
   * Runs after the back end is up and before Chromium starts: seed runs, sweeps, proposals… through
   * server.services, so the app opens on them.
   */
  prepare?: (server: TwinServer) => Promise<void>;
  /** open the app (token URL) in the first page and wait for the main navigation (default true) */
  open?: boolean;
}

/** The twin plus a browser on it; every field of the back end is here too (url, services, api, dataDir, …). */
export interface LaunchedTwin extends TwinServer, OpenedPage {
  /** the back end alone: server.close() stops it while the browser stays (the "back end went away" tests) */
  server: TwinServer;
  browser: Browser;
  /** another context + page at its own viewport, closed by close() */
  newPage(opts?: PageOptions): Promise<OpenedPage>;
  /** closes every page, the browser, then the back end (idempotent) */
  close(): Promise<void>;
}

export async function launchTwin(opts: LaunchTwinOptions = {}): Promise<LaunchedTwin> {
  if (!hasChromium) throw new Error(noChromiumReason);
  const { prepare, open = true, viewport, colorScheme, ...twinOpts } = opts;
  const server = await startTwin(twinOpts);
  const contexts: BrowserContext[] = [];
  let browser: Browser | undefined;
  let closed = false;
  async function close(): Promise<void> {
    if (closed) return;
    closed = true;
    try {
      for (const c of contexts) await c.close();
      await browser?.close();
    } finally {
      await server.close();
    }
  }
  try {
    await prepare?.(server);
    const b = await launchBrowser();
    browser = b;
    const openPage = async (p: PageOptions = {}): Promise<OpenedPage> => {
      const opened = await newBrowserPage(b, { ...p.viewport, ...(p.colorScheme && { colorScheme: p.colorScheme }) });
      contexts.push(opened.context);
      return opened;
    };
    const first = await openPage({ ...(viewport && { viewport }), ...(colorScheme && { colorScheme }) });
    if (open) await new AppPage(first.page).open(server.url);
    return { ...server, ...first, server, browser: b, newPage: openPage, close };
  } catch (e) {
    await close();
    throw e;
  }
}
