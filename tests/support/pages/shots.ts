import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright';

/**
 * Where e2e flows save screenshots: docs/screenshots/ (the README's) when PEAK_SCREENSHOTS=1, else the
 * gitignored screenshots-tmp/ so ordinary test runs leave the tree clean.
 */
export function shotDir(): string {
  const root = resolve(__dirname, '../../..');
  const dir = process.env.PEAK_SCREENSHOTS === '1' ? join(root, 'docs', 'screenshots') : join(root, 'screenshots-tmp');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Full-height screenshot of the app: the main column scrolls inside the shell, so grow the viewport to fit it. */
export async function shoot(page: Page, name: string): Promise<string> {
  const vp = page.viewportSize() ?? { width: 1440, height: 900 };
  const h = await page.evaluate(() => {
    const main = document.querySelector('main');
    return main ? main.scrollHeight + 44 : document.body.scrollHeight;
  });
  const height = Math.min(2400, Math.max(vp.height, h));
  await page.setViewportSize({ width: vp.width, height });
  await page.waitForTimeout(350); // plotly relayouts on resize
  const path = join(shotDir(), `${name}.png`);
  await page.screenshot({ path });
  await page.setViewportSize(vp);
  return path;
}
