/**
 * Kill-and-resume: a sweep run by the BUILT CLI (out/main/cli.js) is SIGKILLed after some chunks are stored;
 * `peak sweep resume <id>` finishes it, and the results hash equals an uninterrupted run's.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/services';
import { ensureBuild } from '../../scripts/e2e-setup/ensure-build.mjs';

const root = resolve(__dirname, '../..');
const cliJs = join(root, 'out/main/cli.js');

function peak(env: { db: string; dir: string; config: string }, ...args: string[]) {
  const r = spawnSync(process.execPath, [cliJs, '--db', env.db, '--data-dir', env.dir, '--config', env.config, ...args], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`peak ${args.join(' ')} → ${r.status}: ${r.stderr}`);
  return r.stdout;
}

describe('sweep resume after SIGKILL (built CLI)', () => {
  const t = tempDir('peak-resume-');
  const env = { db: join(t.dir, 'peak.db'), dir: t.dir, config: join(t.dir, 'config.toml') };
  let datasetId = '';
  // big enough (≈ 3,000 combinations × 20,000 bars in ~8 chunks, a few seconds) that the child cannot finish
  // between two polls even on a loaded machine
  const grid = ['--grid', 'fast_window=2:60', '--grid', 'slow_window=10:200:2'];

  beforeAll(async () => {
    // the built CLI, rebuilt when any source is newer (one build at a time, shared with the e2e harness)
    await ensureBuild();
    // The bundled config with first-run seeding off (the test makes its own small data set).
    cpSync(join(root, 'config/config.toml'), env.config);
    writeFileSync(env.config, readFileSync(env.config, 'utf8').replace(/seed_on_first_run\s*=\s*true/, 'seed_on_first_run = false'));
    const out = JSON.parse(peak(env, 'data', 'synth', '--kind', 'garch', '--bars', '20000', '--seed', '11', '--interval', '3600000', '--json'));
    datasetId = out.dataset.id;
  }, 300_000);
  afterAll(() => t.remove());

  it('resumes where it stopped and ends with the uninterrupted results hash', async () => {
    const full = JSON.parse(peak(env, 'sweep', '--data', datasetId, '--strategy', 'ma_crossover', ...grid, '--workers', '1', '--json'));
    expect(full.status).toBe('done');

    const child = spawn(process.execPath, [cliJs, '--db', env.db, '--data-dir', env.dir, '--config', env.config,
      'sweep', '--data', datasetId, '--strategy', 'ma_crossover', ...grid, '--workers', '1', '--json'], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((res) => child.on('exit', (_c, sig) => res(sig)));
    const ro = () => new Database(env.db, { readonly: true, fileMustExist: true });
    let id = 0;
    let chunks = 0;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const db = ro();
      try {
        const row = db.prepare('SELECT id, chunks_done AS d, chunks AS c FROM sweeps WHERE id > ? ORDER BY id DESC LIMIT 1').get(full.sweepId) as { id: number; d: number; c: number } | undefined;
        if (row && row.d >= 2) { id = row.id; chunks = row.c; break; }
      } finally { db.close(); }
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(id, 'the child stored two chunks in time').toBeGreaterThan(0);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const db = ro();
    const mid = db.prepare('SELECT chunks_done AS d, status FROM sweeps WHERE id = ?').get(id) as { d: number; status: string };
    const rows = (db.prepare('SELECT COUNT(*) AS n FROM sweep_results WHERE sweep_id = ?').get(id) as { n: number }).n;
    db.close();
    expect(mid.d).toBeGreaterThanOrEqual(2);
    expect(mid.d, 'killed before the end').toBeLessThan(chunks);
    expect(mid.status).toBe('running'); // left by the dead process…
    const listed = JSON.parse(peak(env, 'sweep', 'list', '--json')) as { sweeps: { id: number; status: string }[] };
    expect(listed.sweeps.find((s) => s.id === id)?.status).toBe('interrupted'); // …and read as interrupted
    expect(rows).toBeGreaterThan(0);

    const resumed = JSON.parse(peak(env, 'sweep', 'resume', String(id), '--json'));
    expect(resumed).toMatchObject({ status: 'done', total: full.total, done: full.total, configHash: full.configHash });
    expect(resumed.resultsHash).toBe(full.resultsHash);
    expect(resumed.top).toEqual(full.top);
  });

  it('Ctrl-C (SIGINT) cancels cleanly: chunks kept, resume hint, exit 130; resume completes it', async () => {
    const child = spawn(process.execPath, [cliJs, '--db', env.db, '--data-dir', env.dir, '--config', env.config,
      'sweep', '--data', datasetId, '--strategy', 'ma_crossover', ...grid, '--seed', '5', '--workers', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
    let id = 0;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && id === 0) {
      const db = new Database(env.db, { readonly: true, fileMustExist: true });
      try {
        const row = db.prepare("SELECT id, chunks_done AS d FROM sweeps WHERE seed = 5 ORDER BY id DESC LIMIT 1").get() as { id: number; d: number } | undefined;
        if (row && row.d >= 1) id = row.id;
      } finally { db.close(); }
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(id).toBeGreaterThan(0);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(new RegExp(`sweep ${id} cancelled after \\d+/\\d+ combinations.*resume with: peak sweep resume ${id}`));
    const shown = JSON.parse(peak(env, 'sweep', 'show', String(id), '--json'));
    expect(shown.status).toBe('cancelled');
    const resumed = JSON.parse(peak(env, 'sweep', 'resume', String(id), '--json'));
    expect(resumed).toMatchObject({ status: 'done', done: resumed.total });
  });
});
