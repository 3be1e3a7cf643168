// Smoke test of the e2e harness: the twin serves the built renderer, Chromium loads it under the CSP, the
// client picks the web transport (the token leaves the address bar) and the app title shows.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright';
import { hasChromium, launchTwin, newPage, type LaunchedTwin } from '../support/e2e';
import { projectRoot } from '../../scripts/e2e-setup/ensure-build.mjs';

// Test artefact, not a README screenshot (those live in docs/screenshots/); screenshots-tmp/ is gitignored.
const shotDir = join(projectRoot, 'screenshots-tmp');

describe.skipIf(!hasChromium)('e2e harness smoke (twin + Chromium)', () => {
  let twin: LaunchedTwin;
  let browser: Browser;
  beforeAll(async () => {
    // the test opens its own page: it checks the first load itself
    twin = await launchTwin({ open: false });
    ({ browser } = twin);
  });
  afterAll(async () => {
    await twin?.close();
  });

  it('loads the app, shows its title, keeps the CSP clean and strips the token from the URL', async () => {
    const { context, page, problems } = await newPage(browser);
    try {
      const response = await page.goto(twin.url, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
      await expect.poll(() => page.title()).toBe('Peak Trade');
      await page.getByText('Peak Trade').first().waitFor({ state: 'visible', timeout: 15_000 });
      expect(page.url()).not.toContain('token=');
      expect(await page.evaluate(() => sessionStorage.getItem('peak-token'))).toBe(twin.token);
      // The page reached the contract over HTTP with the token (the dashboard asks app:info / data:list).
      const info = await page.evaluate(async (token) => {
        const r = await fetch('/api/app:info', { method: 'POST', headers: { 'x-peak-token': token, 'content-type': 'application/json' }, body: '{}' });
        return r.json();
      }, twin.token);
      expect(info.ok).toBe(true);
      await page.waitForTimeout(500); // let the first screen's requests settle before the screenshot
      mkdirSync(shotDir, { recursive: true });
      await page.screenshot({ path: join(shotDir, 'e2e-smoke.png') });
      const csp = problems.errors.filter((e) => /Content Security Policy|Refused to/i.test(e));
      expect(csp, csp.join('\n')).toEqual([]);
      expect(problems.errors.filter((e) => e.startsWith('pageerror')), problems.errors.join('\n')).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
