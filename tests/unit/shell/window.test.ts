import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildWindowOptions, DEFAULT_SIZE } from '../../../src/main/window-options';
import { clampToDisplays, loadWindowState, parseWindowState, saveWindowState } from '../../../src/main/window-state';

describe('buildWindowOptions (hardening flags)', () => {
  const opts = buildWindowOptions({ preloadPath: '/app/out/preload/index.cjs', bounds: null });
  const wp = opts.webPreferences!;

  it('sandboxes the renderer and isolates its context', () => {
    expect(wp.sandbox).toBe(true);
    expect(wp.contextIsolation).toBe(true);
    expect(wp.nodeIntegration).toBe(false);
    expect(wp.nodeIntegrationInWorker).toBe(false);
    expect(wp.nodeIntegrationInSubFrames).toBe(false);
    expect(wp.webSecurity).toBe(true);
    expect(wp.allowRunningInsecureContent).toBe(false);
    expect(wp.webviewTag).toBe(false);
    expect(wp.preload).toBe('/app/out/preload/index.cjs');
  });

  it('uses defaults without remembered bounds and restores them when present', () => {
    expect(opts.width).toBe(DEFAULT_SIZE.width);
    expect(opts.center).toBe(true);
    expect(opts.show).toBe(false);
    const r = buildWindowOptions({ preloadPath: '/p', bounds: { x: 10, y: 20, width: 1000, height: 700, maximized: false } });
    expect([r.x, r.y, r.width, r.height]).toEqual([10, 20, 1000, 700]);
    expect(r.center).toBeUndefined();
  });
});

describe('window state (remembered size/position)', () => {
  const screenA = { x: 0, y: 0, width: 1920, height: 1040 };

  it('parses valid state and rejects garbage without throwing', () => {
    expect(parseWindowState({ x: 1, y: 2, width: 800, height: 600 })).toEqual({ x: 1, y: 2, width: 800, height: 600, maximized: false });
    expect(parseWindowState({ width: 'big' })).toBeNull();
    expect(parseWindowState(null)).toBeNull();
    expect(parseWindowState({ width: 10, height: 10 })).toBeNull();
  });

  it('keeps an on-screen position, drops an off-screen one, shrinks oversize windows', () => {
    expect(clampToDisplays({ x: 100, y: 100, width: 1200, height: 800, maximized: false }, [screenA])).toMatchObject({ x: 100, y: 100 });
    const off = clampToDisplays({ x: 5000, y: 100, width: 1200, height: 800, maximized: true }, [screenA]);
    expect(off.x).toBeUndefined();
    expect(off.maximized).toBe(true);
    const big = clampToDisplays({ width: 4000, height: 3000, maximized: false }, [screenA]);
    expect([big.width, big.height]).toEqual([1920, 1040]);
  });

  it('round-trips through the JSON file; a corrupt file yields null', () => {
    const dir = mkdtempSync(join(tmpdir(), 'peak-win-'));
    try {
      const f = join(dir, 'sub', 'window-state.json');
      expect(loadWindowState(f)).toBeNull();
      saveWindowState(f, { x: 3, y: 4, width: 900, height: 650, maximized: true });
      expect(loadWindowState(f)).toEqual({ x: 3, y: 4, width: 900, height: 650, maximized: true });
      expect(JSON.parse(readFileSync(f, 'utf8')).width).toBe(900);
      writeFileSync(f, '{not json');
      expect(loadWindowState(f)).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
