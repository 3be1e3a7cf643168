// The e2e fixture itself (tests/support/e2e): the typed api reaches the real services over HTTP with the token,
// close() leaves nothing behind, extra pages get their own viewport, and a failing set-up step tears down what it
// had started instead of leaking a server, a browser and a temp dir.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasChromium, http, launchTwin, startTwin, unwrap, type TwinServer } from '../support/e2e';

describe('startTwin: the back end alone (stub renderer, no build)', () => {
  it('answers typed commands over HTTP with the token, like the page does', async () => {
    const twin = await startTwin({ renderer: 'stub', workers: 1, seed: false });
    try {
      expect(twin.url).toBe(`${twin.origin}/?token=${twin.token}`);
      const info = unwrap(await twin.api('app:info'));
      expect(info.environment.badge).toBe('LIVE LOCKED');
      const synth = unwrap(await twin.api('data:synth', { kind: 'garch', bars: 500, seed: 3, name: 'fixture-check', intervalMs: 60_000 }));
      // what the HTTP door stored is what the services see
      const listed = unwrap(await twin.services.invoke('data:list', {})).datasets;
      expect(listed.map((d) => d.id)).toEqual([synth.dataset.id]);
      expect(unwrap(await twin.api('data:list', {})).datasets.map((d) => d.bars)).toEqual([500]);
      const bad = await twin.api('runs:get', { id: 'not-a-number' as unknown as number });
      expect(bad.ok ? 'ok' : bad.error.code).toBe('BAD_INPUT');
      expect(() => unwrap(bad)).toThrow(/^BAD_INPUT: runs:get: id/);
      // the stub page is what the twin serves
      const page = await http(twin.port, 'GET', '/');
      expect(page.status).toBe(200);
      expect(page.body).toBe('<!doctype html><title>Peak Trade</title>');
    } finally {
      await twin.close();
    }
    expect(existsSync(twin.dataDir)).toBe(false);
    await expect(http(twin.port, 'GET', '/')).rejects.toThrow(/ECONNREFUSED|ECONNRESET|socket hang up/);
    await twin.close(); // a second close is harmless
  });
});

describe.skipIf(!hasChromium)('launchTwin: twin + Chromium + a page on the app', () => {
  it('opens the app at the asked viewport, adds pages, and close() ends browser, back end and temp dir', async () => {
    const twin = await launchTwin({ seed: false, viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    let closed = false;
    try {
      expect(twin.page.viewportSize()).toEqual({ width: 1280, height: 800 });
      expect(new URL(twin.page.url()).origin).toBe(twin.origin); // opened (the token leaves the address bar)
      await twin.page.getByRole('navigation', { name: 'Main' }).waitFor();
      expect(await twin.page.evaluate(() => matchMedia('(prefers-color-scheme: light)').matches)).toBe(true);
      const extra = await twin.newPage({ viewport: { width: 800, height: 600 } });
      expect(extra.page.viewportSize()).toEqual({ width: 800, height: 600 });
      expect(extra.page.url()).toBe('about:blank');
      expect(twin.server.url).toBe(twin.url);
      await twin.close();
      closed = true;
      expect(twin.browser.isConnected()).toBe(false);
      expect(existsSync(twin.dataDir)).toBe(false);
      await expect(http(twin.port, 'GET', '/')).rejects.toThrow(/ECONNREFUSED|ECONNRESET|socket hang up/);
    } finally {
      if (!closed) await twin.close();
    }
  });

  it('a failing prepare step closes the back end and deletes the temp dir', async () => {
    let seen: TwinServer | undefined;
    await expect(
      launchTwin({
        seed: false,
        prepare: async (server) => {
          seen = server;
          throw new Error('set-up failed on purpose');
        },
      }),
    ).rejects.toThrow('set-up failed on purpose');
    expect(seen).toBeDefined();
    expect(existsSync(seen!.dataDir)).toBe(false);
    await expect(http(seen!.port, 'GET', '/')).rejects.toThrow(/ECONNREFUSED|ECONNRESET|socket hang up/);
  });
});
