// Trust #13: ELECTRON_RENDERER_URL only from the explicit dev command and only on loopback; the packaged
// binary's fuses are configured (RunAsNode off, inspect arguments off, asar only + integrity, cookie encryption).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideDevRenderer } from '../../../src/main/dev-renderer';

const ROOT = join(__dirname, '../../..');

describe('dev renderer URL', () => {
  const dev = { PEAK_DEV_RENDERER: '1' };
  it('is honoured only unpackaged, from the dev command, for a loopback http URL', () => {
    expect(decideDevRenderer({ isPackaged: false, env: { ...dev, ELECTRON_RENDERER_URL: 'http://localhost:5173' } }))
      .toEqual({ url: 'http://localhost:5173', origin: 'http://localhost:5173' });
    expect(decideDevRenderer({ isPackaged: false, env: { ...dev, ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173/' } }).url).toBe('http://127.0.0.1:5173/');
  });
  it('is ignored from `npm start` (no dev marker), in a packaged app, and for any other origin', () => {
    expect(decideDevRenderer({ isPackaged: false, env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' } }).url).toBeNull();
    expect(decideDevRenderer({ isPackaged: true, env: { ...dev, ELECTRON_RENDERER_URL: 'http://localhost:5173' } }).url).toBeNull();
    for (const u of ['http://evil.example', 'https://localhost:5173', 'http://localhost.evil.example:5173', 'http://user:pw@127.0.0.1:1', 'file:///tmp/x.html', 'nonsense']) {
      const d = decideDevRenderer({ isPackaged: false, env: { ...dev, ELECTRON_RENDERER_URL: u } });
      expect(d.url, u).toBeNull();
    }
    expect(decideDevRenderer({ isPackaged: false, env: {} })).toEqual({ url: null, ignored: null });
  });
  it('npm start strips the variables; npm run dev sets the marker', () => {
    const start = readFileSync(join(ROOT, 'scripts/start-desktop.mjs'), 'utf8');
    expect(start).toMatch(/k !== 'ELECTRON_RENDERER_URL' && k !== 'PEAK_DEV_RENDERER'/);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.dev).toBe('node scripts/dev-desktop.mjs');
    expect(readFileSync(join(ROOT, 'scripts/dev-desktop.mjs'), 'utf8')).toMatch(/PEAK_DEV_RENDERER: '1'/);
  });
});

describe('Electron fuses for packaging', () => {
  it('config/electron-fuses.json turns off RunAsNode, NODE_OPTIONS and inspect arguments and enforces asar integrity', () => {
    const cfg = JSON.parse(readFileSync(join(ROOT, 'config/electron-fuses.json'), 'utf8')) as { version: string; fuses: Record<string, boolean> };
    expect(cfg.version).toBe('1');
    expect(cfg.fuses).toEqual({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      GrantFileProtocolExtraPrivileges: false,
    });
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.fuses).toBe('node scripts/electron-fuses.mjs');
  });
});

describe('Electron fuses applied by the packaging step', () => {
  it('npm run fuses flips exactly the configured fuses in an Electron binary\'s fuse wire', async () => {
    const { FuseV1Options, FuseState, getCurrentFuseWire } = await import('@electron/fuses');
    // a stand-in binary: padding, the fuse sentinel, wire version 1, 9 fuses all ENABLED ('1'), padding
    const dir = mkdtempSync(join(tmpdir(), 'peak-fuses-'));
    const bin = join(dir, 'electron');
    writeFileSync(bin, Buffer.concat([Buffer.alloc(4096, 7), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, 9]), Buffer.from('111111111'), Buffer.alloc(4096, 7)]));
    try {
      const r = spawnSync(process.execPath, [join(ROOT, 'scripts/electron-fuses.mjs'), bin], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const wire = await getCurrentFuseWire(bin);
      const cfg = JSON.parse(readFileSync(join(ROOT, 'config/electron-fuses.json'), 'utf8')) as { fuses: Record<string, boolean> };
      for (const [name, on] of Object.entries(cfg.fuses)) {
        const idx = FuseV1Options[name as keyof typeof FuseV1Options];
        expect(idx, `unknown fuse ${name}`).toBeTypeOf('number');
        expect(wire[idx], name).toBe(on ? FuseState.ENABLE : FuseState.DISABLE);
      }
      // a fuse the config does not name keeps the binary's own setting
      expect(wire[FuseV1Options.WasmTrapHandlers]).toBe(FuseState.ENABLE);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
