import type { Locator, Page } from 'playwright';
import { AppPage } from './app-page';

export class ExperimentsPage extends AppPage {
  constructor(page: Page) {
    super(page);
  }

  /** Opens the app at `url` (first time) and switches to this screen. */
  async go(url?: string): Promise<void> {
    if (url) await super.open(url);
    await this.nav('Experiments');
  }

  runsTable(): Locator {
    return this.page.getByRole('table', { name: 'Runs' });
  }

  row(runId: number): Locator {
    return this.runsTable().locator(`tr[data-run-id="${runId}"]`);
  }

  async search(text: string): Promise<void> {
    await this.page.getByLabel('Search runs').fill(text);
  }

  async tick(runId: number): Promise<void> {
    await this.page.getByRole('checkbox', { name: `Compare run ${runId}` }).check();
  }

  async compare(): Promise<void> {
    await this.page.getByRole('button', { name: /^Compare \d/ }).click();
    await this.compareChart().waitFor();
  }

  compareChart(): Locator {
    return this.page.getByRole('img', { name: 'Compared equity curves' });
  }

  comparedMetrics(): Locator {
    return this.page.getByRole('table', { name: 'Compared metrics' });
  }

  async openRun(runId: number): Promise<void> {
    await this.row(runId).click();
    await this.page.getByRole('definition').filter({ hasText: /^[0-9a-f]{64}$/ }).first().waitFor();
  }
}
