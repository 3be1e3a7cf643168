// The gated promotion review in Chromium against the browser twin (shadow environment, so overrides apply):
// Apply stays disabled with one box unticked and with a wrong typed id, a forged request without them is refused
// by the server (and audited), then the reviewed apply succeeds and the effective config shows the override;
// a second proposal is rejected with a reason; a rollback with its diff preview restores the base value.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { AppConfigSchema } from '../../src/core/api/config';
import { hasChromium, launchTwin, unwrap as ok, type LaunchedTwin } from '../support/e2e';
import { AppPage, shoot } from '../support/pages';

describe.skipIf(!hasChromium)('promotion review (twin + Chromium)', () => {
  let twin: LaunchedTwin;
  let page: Page;
  let first = '';
  let second = '';

  beforeAll(async () => {
    twin = await launchTwin({
      config: AppConfigSchema.parse({ environment: { mode: 'shadow' } }),
      prepare: async ({ services: s }) => {
        const ds = ok(await s.invoke('data:list', {})).datasets.find((d) => d.name.includes('1h') || d.bars >= 2000)!;
        // real evidence: a walk-forward whose OOS-best parameters differ from the configured 20 / 50
        const wf = ok(await s.invoke('walkforward:run', { datasetId: ds.id, strategyId: 'ma_crossover', grid: { fast_window: { kind: 'values', values: [10, 15] }, slow_window: { kind: 'values', values: [40] } },
          train: Math.floor(ds.bars * 0.3), test: Math.floor(ds.bars * 0.1), mode: 'rolling', report: false }));
        ok(await s.invoke('learn:from-walkforward', { runId: wf.runId }));
        ok(await s.invoke('learn:emit', { target: 'portfolio.leverage', value: 1.25, confidence: 0.9, reason: 'drawdown headroom in the last walk-forward', datasetId: ds.id }));
        ok(await s.invoke('learn:emit', { target: 'macro.regime_weight', value: 0.5, confidence: 0.85, reason: 'regime model wants more weight', datasetId: ds.id }));
        ok(await s.invoke('learn:emit', { target: 'risk.stop_loss', value: 0.01, confidence: 0.95, reason: 'tighter stop', datasetId: ds.id }));
        ok(await s.invoke('learn:validate', {}));
        first = ok(await s.invoke('promote:cycle', { mode: 'manual_only' })).proposalId!;
        ok(await s.invoke('learn:emit', { target: 'strategy.trigger_delay', value: 12, confidence: 0.9, reason: 'drill reaction times', datasetId: ds.id }));
        ok(await s.invoke('learn:validate', {}));
        second = ok(await s.invoke('promote:cycle', { mode: 'manual_only' })).proposalId!;
      },
    });
    ({ page } = twin);
  }, 120_000);
  afterAll(async () => {
    await twin?.close();
  });

  it('gate: one box unticked / wrong id keep Apply disabled, a forged request is refused, then the reviewed apply works', async () => {
    const app = new AppPage(page);
    await app.nav('Promotion');
    const main = page.getByRole('main', { name: 'Promotion' });
    await main.locator(`tr[data-proposal="${first}"]`).click();
    await main.getByRole('article', { name: 'Patch portfolio.leverage' }).waitFor();
    await expect.poll(() => main.getByRole('alert').filter({ hasText: 'P0 warning' }).count()).toBe(1);
    // the candidates whose re-validation said No-Go are named before the operator ticks the Go/No-Go item
    const notGo = (await main.getByTestId('review-not-go').textContent()) ?? '';
    expect(notGo).toMatch(/did not pass re-validation/);
    expect(notGo).toContain('portfolio.leverage (No-Go)');
    const apply = main.getByRole('button', { name: 'Apply to live overrides' });
    const boxes = main.getByRole('checkbox');
    expect(await boxes.count()).toBe(6);
    for (let i = 0; i < 5; i++) await boxes.nth(i).check();
    await main.getByRole('textbox', { name: 'Confirmation' }).fill(first);
    expect(await apply.isDisabled()).toBe(true); // one box unticked
    await shoot(page, 'promotion-review');
    await boxes.nth(5).check();
    await main.getByRole('textbox', { name: 'Confirmation' }).fill(`${first}x`);
    expect(await apply.isDisabled()).toBe(true); // wrong typed id

    // a forged request straight to the twin: refused by the server, audited, nothing written
    const forged = await page.evaluate(async ([token, id]) => {
      const r = await fetch(`/api/promote:apply`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-peak-token': token }, body: JSON.stringify({ proposalId: id, checklist: {}, confirmation: id }) });
      return (await r.json()) as { ok: boolean; error?: { code: string; message: string } };
    }, [twin.token, first] as const);
    expect(forged.ok).toBe(false);
    expect(forged.error?.code).toBe('UNSAFE');
    expect(twin.services.store.audit.list({ category: 'promotion', subject: first }).some((e) => e.action === 'apply-refused' && e.allowed === false)).toBe(true);
    expect(ok(await twin.services.invoke('overrides:history', {})).current).toBe(0);

    await main.getByRole('textbox', { name: 'Confirmation' }).fill(first);
    expect(await apply.isEnabled()).toBe(true);
    await apply.click();
    await main.getByText(/This proposal is applied/).waitFor();
    const row = main.getByRole('table', { name: 'Effective config' }).getByRole('row', { name: /portfolio\.leverage/ });
    await expect.poll(() => row.textContent()).toMatch(/1\s*1\.25\s*1\.25\s*override/);
    await shoot(page, 'promotion-applied');
  }, 60_000);

  it('reject with a reason', async () => {
    const main = page.getByRole('main', { name: 'Promotion' });
    await main.locator(`tr[data-proposal="${second}"]`).click();
    await main.getByRole('article', { name: 'Patch strategy.trigger_delay' }).waitFor();
    const reject = main.getByRole('button', { name: 'Reject' });
    expect(await reject.isDisabled()).toBe(true);
    await main.getByRole('textbox', { name: 'Reject reason' }).fill('wait for more drill data');
    await reject.click();
    await main.getByText(/This proposal is rejected/).waitFor();
    expect(ok(await twin.services.invoke('promote:list', {})).proposals.find((p) => p.id === second)?.status).toBe('rejected');
  });

  it('rollback with a diff preview restores the base value', async () => {
    const main = page.getByRole('main', { name: 'Promotion' });
    await main.getByRole('tab', { name: 'Versions & rollback' }).click();
    await main.locator('tr[data-version="0"]').click();
    const preview = main.getByRole('table', { name: 'Rollback diff' });
    await expect.poll(() => preview.textContent()).toMatch(/portfolio\.leverage\s*1\.25\s*—\s*removed/);
    await main.getByRole('textbox', { name: 'Rollback reason' }).fill('back to the reviewed baseline');
    await shoot(page, 'promotion-rollback');
    await main.getByRole('button', { name: 'Roll back to v0' }).click();
    await expect.poll(async () => ok(await twin.services.invoke('overrides:history', {})).current).toBe(2);
    await main.getByRole('tab', { name: 'Effective config' }).click();
    const row = main.getByRole('table', { name: 'Effective config' }).getByRole('row', { name: /portfolio\.leverage/ });
    await expect.poll(() => row.textContent()).toMatch(/1\s*—\s*1\s*base/);
  });

  it('re-validate a new patch and run a cycle from the screen', async () => {
    const main = page.getByRole('main', { name: 'Promotion' });
    const ds = ok(await twin.services.invoke('data:list', {})).datasets[0];
    ok(await twin.services.invoke('learn:emit', { target: 'macro.regime_weight', value: 0.05, confidence: 0.9, reason: 'regime drill', datasetId: ds.id }));
    const revalidate = main.getByRole('button', { name: 'Re-validate 1 patch(es)' });
    await revalidate.click(); // appears through the governance:did-change push
    await main.getByText(/Patches 0 proposed · 1 applied offline/).waitFor();
    await main.getByRole('button', { name: 'Run cycle (manual only)' }).click();
    await main.getByRole('article', { name: 'Patch macro.regime_weight' }).waitFor();
    expect(await main.getByRole('article', { name: 'Patch macro.regime_weight' }).textContent()).toContain('Accepted for proposal');
    expect(ok(await twin.services.invoke('promote:list', {})).proposals).toHaveLength(3);
  });
});
