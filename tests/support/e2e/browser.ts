// launchBrowser(): Debian's Chromium driven by the playwright library (never `npx playwright install`).
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';

export const CHROMIUM_PATH = process.env.PEAK_CHROMIUM ?? '/usr/bin/chromium';
/** For describe.skipIf(!hasChromium): e2e suites skip, with this reason, where Chromium is not installed. */
export const hasChromium = existsSync(CHROMIUM_PATH);
export const noChromiumReason = `e2e skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set PEAK_CHROMIUM)`;

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

export interface PageProblems {
  /** uncaught page errors and console.error lines (CSP violations land here) */
  errors: string[];
}

/**
 * A fresh context + page at a fixed viewport (screenshots stay comparable), collecting console errors and
 * uncaught exceptions so a test can assert the page ran clean.
 */
export async function newPage(
  browser: Browser,
  opts: { width?: number; height?: number; colorScheme?: 'dark' | 'light' } = {},
): Promise<{ context: BrowserContext; page: Page; problems: PageProblems }> {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1440, height: opts.height ?? 900 },
    colorScheme: opts.colorScheme ?? 'dark',
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  const problems: PageProblems = { errors: [] };
  page.on('pageerror', (e) => problems.errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.errors.push(`console: ${m.text()}`);
  });
  return { context, page, problems };
}
