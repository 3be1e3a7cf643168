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
    // the job state as stored ("done"); the badge shows it in words ("Done") with the code in data-code
    return (await this.page.getByTestId('sweep-status').getAttribute('data-code')) ?? '';
  }

  /**
   * Cancels the running sweep. Called right after launch (status "running"), while the sweep still has seconds of
   * work left, so the cancel always lands: no "if it happened to" branch.
   */
  async cancel(): Promise<void> {
    await this.page.getByRole('button', { name: 'Cancel' }).click({ timeout: 10_000 });
  }

  /** The inline list of grid problems under the ranges (why Launch would refuse). */
  gridProblems(): Locator {
    return this.form().getByRole('list', { name: 'Grid problems' });
  }

  /** Clicks Launch without waiting for a sweep to appear (for refusals and confirmations). */
  async clickLaunch(): Promise<void> {
    await this.form().getByRole('button', { name: 'Launch sweep' }).click();
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
