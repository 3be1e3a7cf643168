// A job belongs to the connection that started it (issue 7 item 1), seen from the page: a sweep started elsewhere
// (here: in-process, as the CLI would) shows live progress once the page follows it, and Cancel asks before it
// stops someone else's job (FORBIDDEN without force) — then cancels it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { hasChromium, launchTwin, type LaunchedTwin } from '../support/e2e';
import { SweepPage } from '../support/pages';

describe.skipIf(!hasChromium)('job ownership in the UI (twin + Chromium)', () => {
  let twin: LaunchedTwin;
  let page: Page;
  let sweepId = 0;

  beforeAll(async () => {
    twin = await launchTwin({
      seed: false,
      prepare: async ({ services }) => {
        const synth = await services.invoke('data:synth', { kind: 'garch', bars: 250_000, seed: 11, name: 'own-e2e', intervalMs: 3_600_000 });
        if (!synth.ok) throw new Error(synth.error.message);
        // started by another door: several seconds of work (4,851 combinations × 250,000 bars: long enough that the cancel always lands while it runs)
        const started = await services.invoke('sweeps:start', { datasetId: synth.value.dataset.id, strategyId: 'ma_crossover', grid: { fast_window: '2:100', slow_window: '3:100' } });
        if (!started.ok) throw new Error(started.error.message);
        sweepId = started.value.sweepId;
      },
    });
    ({ page } = twin);
  });
  afterAll(async () => {
    await twin?.close();
  });

  it('follows a sweep it did not start and cancels it only after asking', async () => {
    const sw = new SweepPage(page);
    await page.goto(`${twin.origin}/#/sweep?sweep=${sweepId}`);
    await sw.progressBar().waitFor({ timeout: 30_000 });
    await expect.poll(() => sw.status(), { timeout: 30_000 }).toBe('running');
    const first = await sw.done();
    await expect.poll(() => sw.done(), { timeout: 30_000 }).toBeGreaterThan(first); // followed: its events reach this page
    let asked = '';
    page.on('dialog', (d) => {
      asked = d.message();
      void d.accept();
    });
    // the progress panel re-renders with every progress event; on a loaded machine a pointer click can keep
    // landing between renders, so the test dispatches the click to whichever Cancel button is current
    await expect
      .poll(async () => {
        if (!asked) await page.getByRole('button', { name: 'Cancel' }).dispatchEvent('click', undefined, { timeout: 2_000 }).catch(() => undefined);
        return asked;
      }, { timeout: 20_000 })
      .toMatch(/was started elsewhere .* Cancel it anyway\?/);
    await expect.poll(() => sw.status(), { timeout: 30_000 }).toBe('cancelled');
    const stored = await twin.services.invoke('sweeps:get', { id: sweepId });
    if (!stored.ok) throw new Error(stored.error.message);
    expect(stored.value.status).toBe('cancelled');
    expect(stored.value.done).toBeLessThan(stored.value.total);
  });
});
