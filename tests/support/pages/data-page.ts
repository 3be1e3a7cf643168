import type { Locator, Page } from 'playwright';
import { AppPage } from './app-page';

export class DataPage extends AppPage {
  constructor(page: Page) {
    super(page);
  }

  /** Opens the app at `url` (first time) and switches to this screen. */
  async go(url?: string): Promise<void> {
    if (url) await super.open(url);
    await this.nav('Data');
  }

  /** Import through the file picker (the same path as drag-drop: the file's text goes to data:import). */
  async importCsv(path: string, name?: string): Promise<void> {
    await this.page.getByRole('tab', { name: 'Import CSV' }).click();
    if (name) await this.page.getByLabel('Name (optional)').fill(name);
    await this.page.getByLabel('CSV file').setInputFiles(path);
  }

  importResult(): Locator {
    return this.page.getByRole('status', { name: 'Import result' });
  }

  error(): Locator {
    return this.page.getByRole('alert');
  }

  datasetRow(name: string): Locator {
    return this.page.getByRole('table', { name: 'Data sets' }).getByRole('row').filter({ hasText: name });
  }

  async synth(opts: { bars: number; seed: number; name: string }): Promise<void> {
    await this.page.getByRole('tab', { name: 'Synthetic' }).click();
    const form = this.page.getByRole('form', { name: 'Synthetic generator' });
    await form.getByLabel('Bars').fill(String(opts.bars));
    await form.getByLabel('Seed').fill(String(opts.seed));
    await form.getByLabel('Name (optional)').fill(opts.name);
    await form.getByRole('button', { name: 'Generate' }).click();
    await form.getByRole('status').waitFor();
  }
}
