// `npm start` where Electron cannot be obtained (this machine, CI): ONE clear line pointing to `npm run web`, exit 1.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..', '..');
const electronInstalled = existsSync(join(root, 'node_modules', 'electron', 'path.txt'));

describe.skipIf(electronInstalled)('npm start without the Electron binary and without network', () => {
  it('prints one line naming the problem and the alternative, exits 1, within seconds', () => {
    const t0 = Date.now();
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'start-desktop.mjs')], {
      encoding: 'utf8',
      // a probe URL that refuses at once stands in for "no network", whatever the machine has
      env: { ...process.env, PEAK_DOWNLOAD_PROBE_URL: 'http://127.0.0.1:9/', PEAK_DEBUG: '' },
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^peak: the Electron binary is not installed and cannot be downloaded here \(no network\)\./);
    expect(lines[0]).toContain('npm run web');
    expect(Date.now() - t0).toBeLessThan(15_000);
  });
});
