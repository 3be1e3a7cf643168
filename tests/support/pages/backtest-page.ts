import type { Locator, Page } from 'playwright';
import { AppPage } from './app-page';

export class BacktestPage extends AppPage {
  constructor(page: Page) {
    super(page);
  }

  /** Opens the app at `url` (first time) and switches to this screen. */
  async go(url?: string): Promise<void> {
    if (url) await super.open(url);
    await this.nav('Backtest');
  }

  form(): Locator {
    return this.page.getByRole('form', { name: 'Backtest settings' });
  }

  /** Picks a data set whose option text contains `name`. */
  async dataset(name: string): Promise<void> {
    const select = this.form().getByLabel('Data set');
    const value = await select.locator('option', { hasText: name }).first().getAttribute('value');
    if (!value) throw new Error(`no data set option containing "${name}"`);
    await select.selectOption(value);
  }

  async strategy(id: string): Promise<void> {
    await this.form().getByLabel('Strategy', { exact: true }).selectOption(id);
  }

  /** Sets a generated parameter input by its label (e.g. "Fast window"). */
  async param(label: string, value: string): Promise<void> {
    const input = this.form().getByLabel(label, { exact: false }).first();
    const tag = await input.evaluate((el) => el.tagName);
    if (tag === 'SELECT') await input.selectOption(value);
    else await input.fill(value);
  }

  async preset(p: 'default' | 'backtesting-py'): Promise<void> {
    await this.form().getByLabel('Preset').selectOption(p);
  }

  /** Sets an engine field by its visible label ("Cash", "Fraction of equity (×)", "Fee (bps)" …). */
  async engineField(label: string, value: string): Promise<void> {
    await this.form().getByLabel(label, { exact: true }).fill(value);
  }

  /** Clicks Run without waiting for a result (for refused forms). */
  async clickRun(): Promise<void> {
    await this.form().getByRole('button', { name: 'Run backtest' }).click();
  }

  async run(): Promise<void> {
    await this.form().getByRole('button', { name: 'Run backtest' }).click();
    await this.page.getByTestId('final-equity').waitFor({ timeout: 60_000 });
  }

  /** The raw number behind the "Final equity" figure. */
  async finalEquity(): Promise<number> {
    return Number(await this.page.getByTestId('final-equity').getAttribute('data-value'));
  }

  async finalEquityText(): Promise<string> {
    return (await this.page.getByTestId('final-equity').textContent()) ?? '';
  }

  /** Run id from the results line ("Run #12 · …"). */
  async runId(): Promise<number> {
    const text = (await this.page.getByText(/^Run #\d+/).first().textContent()) ?? '';
    return Number(/#(\d+)/.exec(text)?.[1]);
  }

  equityChart(): Locator {
    return this.page.getByRole('img', { name: 'Equity curve' });
  }
}
