// Drill flow in Chromium against the browser twin, with REAL key presses (Playwright keyboard): a short fomo drill;
// the test answers signal 1 with the recommended key, skips signal 2, presses the wrong side on signal 3 and lets
// signal 4 pass. It then checks the stored latencies against an independent in-page measurement (its own
// MutationObserver + rAF paint stamp and its own keydown timestamp), the categories, and the heatmap cells.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { hasChromium, launchTwin, type LaunchedTwin, type PageProblems } from '../support/e2e';
import { shoot } from '../support/pages';

interface Probe { paint: Record<string, number>; keys: { key: string; at: number; handled: number }[] }
declare global {
  interface Window { __testProbe?: Probe }
}

describe.skipIf(!hasChromium)('drill flow (twin + Chromium, real keys)', () => {
  let twin: LaunchedTwin;
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    twin = await launchTwin({ seed: false });
    ({ page, problems } = twin);
  });
  afterAll(async () => {
    await twin?.close();
  });

  async function waitForSignal(index: number): Promise<{ id: string; text: string }> {
    await page.waitForFunction((n) => Object.keys(window.__testProbe?.paint ?? {}).length >= n, index, { timeout: 30_000, polling: 'raf' });
    const id = await page.evaluate((n) => Object.keys(window.__testProbe!.paint)[n - 1], index);
    const text = (await page.locator('.drill-banner .sig-action').textContent()) ?? '';
    return { id, text };
  }

  it('runs a short drill by keyboard; stored latencies, categories and heatmap match the presses', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Drills' }).click();
    await page.getByRole('main', { name: 'Drills' }).waitFor();
    await page.getByLabel('Scenario').selectOption('fomo');
    await page.getByLabel('Speed').fill('4');
    await page.getByLabel('Length').fill('60');
    // independent probe: paint stamp = first rAF after the banner's signal id changes; key stamp = performance.now()
    await page.evaluate(() => {
      const probe: Probe = { paint: {}, keys: [] };
      window.__testProbe = probe;
      new MutationObserver((ms) => {
        for (const m of ms) {
          const id = (m.target as HTMLElement).dataset.signalId;
          if (id && probe.paint[id] === undefined) requestAnimationFrame((t) => { probe.paint[id] = t; });
        }
      }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-signal-id'] });
      window.addEventListener('keydown', (e) => probe.keys.push({ key: e.key, at: e.timeStamp, handled: performance.now() }), true);
    });
    await page.getByRole('button', { name: 'Start drill' }).click();

    const s1 = await waitForSignal(1);
    await page.waitForTimeout(500);
    await page.keyboard.press(s1.text.startsWith('Enter long') ? 'l' : 's');
    const s2 = await waitForSignal(2);
    await shoot(page, 'drills-run');
    await page.waitForTimeout(150);
    await page.keyboard.press('n');
    const s3 = await waitForSignal(3);
    await page.waitForTimeout(700);
    await page.keyboard.press(s3.text.startsWith('Enter long') ? 's' : 'l'); // the wrong side: a rule break
    await waitForSignal(4); // no key: missed

    await page.getByTestId('drill-summary').waitFor({ timeout: 60_000 });
    const drillId = await page.evaluate(() => (window as unknown as { __peakDrill: { drillId: string } }).__peakDrill.drillId);
    const detail = await twin.services.invoke('drills:get', { drillId });
    if (!detail.ok) throw new Error(detail.error.message);
    const d = detail.value;
    const probe = await page.evaluate(() => window.__testProbe!);
    expect(d.signals).toHaveLength(4);
    expect(d.actions.map((a) => a.signalId)).toEqual([s1.id, s2.id, s3.id]);
    expect(d.actions.map((a) => a.userAction)).toEqual(['EXECUTED', 'SKIPPED', 'RULE_BREAK']);
    // keystroke-to-stored latency error: stored vs the test's own (keydown timeStamp − its own paint stamp) < 5 ms;
    // and the keys the test pressed are the keys stored
    const errors = d.actions.map((a, i) => Math.abs((a.latencyMs as number) - (probe.keys[i].at - probe.paint[a.signalId as string])));
    for (const e of errors) expect(e).toBeLessThan(5);
    expect(probe.keys.map((k) => k.key)).toEqual([s1.text.startsWith('Enter long') ? 'l' : 's', 'n', s3.text.startsWith('Enter long') ? 's' : 'l']);
    expect(d.actions.map((a) => a.key)).toEqual([s1.text.startsWith('Enter long') ? 'enter_long' : 'enter_short', 'skip', s3.text.startsWith('Enter long') ? 'enter_short' : 'enter_long']);
    // the waits the test made bound the latencies from below (plus Playwright's dispatch time)
    expect(d.actions[0].latencyMs).toBeGreaterThanOrEqual(480);
    expect(d.actions[2].latencyMs).toBeGreaterThanOrEqual(680);
    const a = d.analysis!;
    const cat = (ms: number) => (ms < 300 ? 'IMPULSIVE' : ms > 3000 ? 'LATE' : 'ON_TIME');
    expect(a.reactions.map((r) => r.category)).toEqual([cat(d.actions[0].latencyMs!), 'SKIPPED', cat(d.actions[2].latencyMs!), 'MISSED']);
    // heatmap (report method, intended): all four fomo signals carry breakout/breakdown tags → one cluster, n = 4
    const cell = (dim: string) => a.heatmapReport.cells.find((c) => c.cluster === 'breakout' && c.dimension === dim)!;
    expect(a.heatmapReport.counts.breakout).toBe(4);
    expect(cell('hesitation').score).toBe(0.63); // 1 missed · 1 / 4 · 2.5 = 0.625
    expect(cell('rule_break').score).toBe(0.75); // 1 rule break · 1.2 / 4 · 2.5
    const fast = d.actions.filter((x) => (x.latencyMs as number) < 1000).length;
    expect(cell('impulsivity').score).toBe(Math.round(((fast * 0.4) / 4) * 2.5 * 100) / 100);
    expect(cell('fomo').score).toBe(0);
    expect(cell('hesitation').signalIds).toEqual(d.signals.map((s) => s.signalId));

    // the heatmap is on screen with its German rows; screenshot it
    await page.locator('#drill-heatmap [data-painted="true"]').first().waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('#drill-heatmap').textContent()).toContain('Breakout / Breakdowns');
    // drawn as a heatmap: the finance plotly build lacks that trace type and would draw a scatter line instead
    const drawnTypes = await page.evaluate(() => ((document.querySelector('#drill-heatmap .js-plotly-plot') as unknown as { _fullData?: { type: string }[] } | null)?._fullData ?? []).map((t) => t.type));
    expect(drawnTypes).toEqual(['heatmap', 'scatter']);
    expect(await page.locator('#drill-heatmap g.hm image').count()).toBe(1);
    await shoot(page, 'drills-heatmap');
    // two more drills (the SPEC demo and a scripted one) so the history's trend lines have several points
    for (const r of [await twin.services.invoke('drills:demo', {}), await twin.services.invoke('drills:auto', { scenario: 'fomo', policy: 'hesitant', seed: 2 })]) if (!r.ok) throw new Error(r.error.message);
    await page.getByRole('tab', { name: 'History' }).click();
    await page.locator('table tbody tr').first().waitFor();
    await shoot(page, 'drills-history');
    expect(problems.errors).toEqual([]);
  }, 120_000);
});
