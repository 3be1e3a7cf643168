import type { Locator, Page } from 'playwright';
import { AppPage } from './app-page';

export class SweepPage extends AppPage {
  constructor(page: Page) {
    super(page);
  }

  /** Opens the app at `url` (first time) and switches to this screen. */
  async go(url?: string): Promise<void> {
    if (url) await super.open(url);
    await this.nav('Sweep');
  }

  form(): Locator {
    return this.page.getByRole('form', { name: 'Sweep setup' });
  }

  async dataset(name: string): Promise<void> {
    const select = this.form().getByLabel('Data set');
    await select.locator('option', { hasText: name }).first().waitFor({ state: 'attached' });
    const value = await select.locator('option', { hasText: name }).first().getAttribute('value');
    if (!value) throw new Error(`no data set option containing "${name}"`);
    await select.selectOption(value);
  }

  async strategy(id: string): Promise<void> {
    await this.form().getByLabel('Strategy', { exact: true }).selectOption(id);
  }

  /** Sets a parameter's grid text ("2:60:1" or "a,b") and ticks it. */
  async range(param: string, spec: string): Promise<void> {
    await this.form().getByRole('checkbox', { name: `Sweep ${param}` }).check();
    await this.form().getByLabel(`Range ${param}`).fill(spec);
  }

  async launch(): Promise<void> {
    await this.form().getByRole('button', { name: 'Launch sweep' }).click();
    await this.progressBar().waitFor({ timeout: 60_000 });
  }

  progressBar(): Locator {
    return this.page.getByRole('progressbar', { name: 'Sweep progress' });
  }

  async done(): Promise<number> {
    return Number((await this.progressBar().getAttribute('aria-valuenow')) ?? 0);
  }

  async total(): Promise<number> {
    return Number((await this.progressBar().getAttribute('aria-valuemax')) ?? 0);
  }

  /** The status badge in the active sweep's header (running | cancelled | done | …). */
  async status(): Promise<string> {
    return ((await this.page.getByTestId('sweep-status').textContent()) ?? '').trim();
  }

  /** Clicks Cancel when the sweep is still running; false when it had already finished. */
  async cancelIfRunning(): Promise<boolean> {
    const btn = this.page.getByRole('button', { name: 'Cancel' });
    if ((await this.status()) !== 'running' || !(await btn.isVisible())) return false;
    try {
      // the sweep may finish between the check and the click (the button is then removed): not an error
      await btn.click({ timeout: 3_000 });
    } catch {
      return false;
    }
    return true;
  }

  async resume(): Promise<void> {
    await this.page.getByRole('button', { name: 'Resume' }).click();
  }

  resultsTable(): Locator {
    return this.page.getByRole('table', { name: 'Sweep results' });
  }

  heatmap(): Locator {
    return this.page.getByRole('img', { name: 'Sweep heatmap' });
  }

  /** Clicks the heatmap at a relative position of its plot area (0..1 in x and y). */
  async clickHeatmapCell(fx: number, fy: number): Promise<void> {
    const area = this.heatmap().locator('.nsewdrag').first();
    const box = await area.boundingBox();
    if (!box) throw new Error('heatmap plot area not found');
    await this.page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
  }
}
