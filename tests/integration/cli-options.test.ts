import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../src/cli/context';
import { runCli } from '../../src/cli/main';
import { num, sizing, time } from '../../src/cli/parse';
import { fakeClock, smallSeedSpecs, tempDir } from '../support/services';

const t = tempDir('peak-cli-opts-');
afterAll(() => t.remove());

async function run(argv: string[], env: Record<string, string>) {
  let out = '', err = '';
  const code = await runCli(argv, {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    env, cwd: t.dir, clock: fakeClock(), services: { seedSpecs: smallSeedSpecs, workers: 1 },
  });
  return { code, out, err };
}

describe('peak database selection and flag parsing', () => {
  it('default data dir follows the platform conventions', () => {
    expect(defaultDataDir({ HOME: '/home/u' }, 'linux')).toBe('/home/u/.config/peak-trade');
    expect(defaultDataDir({ HOME: '/home/u', XDG_CONFIG_HOME: '/x' }, 'linux')).toBe('/x/peak-trade');
    expect(defaultDataDir({ HOME: '/Users/u' }, 'darwin')).toBe('/Users/u/Library/Application Support/peak-trade');
    expect(defaultDataDir({ HOME: 'C:\\u', APPDATA: 'C:\\u\\AppData\\Roaming' }, 'win32')).toMatch(/Roaming.peak-trade$/);
  });

  it('--db beats PEAK_DB, which beats the user data dir (relative paths against cwd)', async () => {
    const home = join(t.dir, 'home');
    const a = await run(['info', '--json'], { HOME: home });
    expect(JSON.parse(a.out).dbPath).toBe(join(home, '.config/peak-trade/peak.db'));
    const b = await run(['info', '--json'], { HOME: home, PEAK_DB: 'env.db' });
    expect(JSON.parse(b.out).dbPath).toBe(join(t.dir, 'env.db'));
    const c = await run(['--db', 'flag.db', 'info', '--json'], { HOME: home, PEAK_DB: 'env.db' });
    expect(JSON.parse(c.out).dbPath).toBe(join(t.dir, 'flag.db'));
    const d = await run(['info', '--json', '--db', 'after.db'], { HOME: home });
    expect(JSON.parse(d.out).dbPath).toBe(join(t.dir, 'after.db'));
    expect(existsSync(join(t.dir, 'flag.db'))).toBe(true);
    expect(JSON.parse(c.out).environment.badge).toBe('LIVE LOCKED');
  });

  it('a bad --config names the file and key; no arguments prints help', async () => {
    const r = await run(['--config', '/nonexistent.toml', 'info'], { HOME: t.dir });
    expect(r).toMatchObject({ code: 2, err: 'peak: /nonexistent.toml: cannot read config (ENOENT)\n' });
    const h = await run([], { HOME: t.dir });
    expect(h.code).toBe(0);
    expect(h.out).toContain('Usage: peak');
  });

  it('parses flag values or names the flag', () => {
    expect(num('--cash', '1e4', { positive: true })).toBe(10_000);
    expect(() => num('--seed', '1.5', { integer: true })).toThrow('--seed: expected an integer, got "1.5"');
    expect(time('--since', '2024-01-01')).toBe(Date.UTC(2024, 0, 1));
    expect(time('--since', '1704067200')).toBe(Date.UTC(2024, 0, 1));
    expect(time('--since', '1704067200000')).toBe(Date.UTC(2024, 0, 1));
    expect(time('--since', '2024-01-01 12:00')).toBe(Date.UTC(2024, 0, 1, 12));
    expect(sizing('--sizing', 'fraction:0.5')).toEqual({ mode: 'fraction', fraction: 0.5 });
    expect(sizing('--sizing', 'all-in')).toEqual({ mode: 'all_in_units' });
    expect(sizing('--sizing', 'notional:1000')).toEqual({ mode: 'fixed_notional', notional: 1000 });
    expect(() => sizing('--sizing', 'kelly')).toThrow(/^--sizing: expected fraction\[:f\], all-in or notional:<q>, got "kelly"$/);
  });
});
