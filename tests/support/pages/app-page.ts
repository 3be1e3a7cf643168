import type { Locator, Page } from 'playwright';

export type ScreenName = 'Dashboard' | 'Data' | 'Backtest' | 'Sweep' | 'Research' | 'Experiments' | 'Live' | 'Settings';

/** The shell: nav, top bar badge, command palette. Screens' page models hang off this. */
export class AppPage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.getByRole('navigation', { name: 'Main' }).waitFor();
  }

  async nav(screen: ScreenName): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: screen }).click();
    await this.page.getByRole('main', { name: screen }).waitFor();
  }

  badge(): Locator {
    return this.page.getByRole('status', { name: /Environment/ });
  }

  async palette(command: string): Promise<void> {
    await this.page.keyboard.press('Control+k');
    const input = this.page.getByRole('dialog', { name: 'Command palette' }).getByRole('textbox', { name: 'Command' });
    await input.fill(command);
    await input.press('Enter');
  }

  /** Waits until every plotly chart on the screen has painted (Plot sets data-painted). */
  async chartsPainted(timeout = 15_000): Promise<void> {
    await this.page.waitForFunction(
      () => {
        const charts = [...document.querySelectorAll('.chart')];
        return charts.length > 0 && charts.every((c) => (c as HTMLElement).dataset.painted === 'true');
      },
      undefined,
      { timeout },
    );
  }
}
