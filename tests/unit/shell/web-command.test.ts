// `peak web` in-process: prints the URL with the token, serves the contract, stops on interrupt.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import { findRendererDir } from '../../../src/cli/commands/web';

const dir = mkdtempSync(join(tmpdir(), 'peak-web-cmd-'));
const rendererDir = join(dir, 'renderer');
mkdirSync(rendererDir);
writeFileSync(join(rendererDir, 'index.html'), '<title>Peak Trade</title>');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io(interrupted: Promise<void>, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => err.push(s) },
      env: { PEAK_RENDERER_DIR: rendererDir, HOME: dir, ...env },
      cwd: dir,
      clock: () => 1_700_000_000_000,
      interrupted,
      services: { seed: false, workers: 1 },
    },
  };
}

describe('peak web', () => {
  it('prints a tokenised 127.0.0.1 URL, answers the contract, and exits 0 on Ctrl-C', async () => {
    let interrupt!: () => void;
    const interrupted = new Promise<void>((r) => (interrupt = r));
    const t = io(interrupted);
    const done = runCli(['web', '--db', join(dir, 'peak.db'), '--data-dir', dir], t.io);
    let url = '';
    for (let i = 0; i < 200 && !url; i++) {
      await new Promise((r) => setTimeout(r, 25));
      url = /http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}/.exec(t.out.join(''))?.[0] ?? '';
    }
    expect(url, t.err.join('')).not.toBe('');
    const u = new URL(url);
    const res = await fetch(`${u.origin}/api/app:info`, {
      method: 'POST',
      headers: { 'x-peak-token': u.searchParams.get('token')!, 'content-type': 'application/json' },
      body: '{}',
    });
    const body = (await res.json()) as { ok: boolean; value: { dbPath: string } };
    expect(body.ok).toBe(true);
    expect(body.value.dbPath).toBe(join(dir, 'peak.db'));
    expect((await fetch(`${u.origin}/`)).status).toBe(200);
    interrupt();
    expect(await done).toBe(0);
    await expect(fetch(`${u.origin}/`)).rejects.toThrow();
  });

  it('bad --port → exit 2 with one line naming the flag', async () => {
    const t = io(Promise.resolve());
    expect(await runCli(['web', '--port', 'abc'], t.io)).toBe(2);
    expect(t.err.join('')).toMatch(/--port/);
    expect(t.err.join('').trim().split('\n')).toHaveLength(1);
  });

  it('finds the renderer: $PEAK_RENDERER_DIR, next to the built CLI, else none', () => {
    const fakeOut = join(dir, 'out');
    mkdirSync(join(fakeOut, 'main'), { recursive: true });
    mkdirSync(join(fakeOut, 'renderer'), { recursive: true });
    const here = join(fakeOut, 'main');
    expect(findRendererDir({}, dir, here)).toBeNull(); // no index.html yet
    writeFileSync(join(fakeOut, 'renderer', 'index.html'), '<title>x</title>');
    expect(findRendererDir({}, dir, here)).toBe(join(fakeOut, 'renderer'));
    expect(findRendererDir({ PEAK_RENDERER_DIR: 'renderer' }, dir, here)).toBe(rendererDir);
  });
});
