// `peak learn | promote | overrides | governance` in-process: emit → validate → cycle → refused apply (exit 1 with
// the reason) → reviewed apply → effective config with source override → diff → rollback; bad flags exit 2.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliHarness, type CliHarness } from '../support/cli';

describe('peak governance CLI', () => {
  let cli: CliHarness;
  let cfg: string;
  beforeAll(() => {
    cli = createCliHarness();
    cfg = join(cli.dir, 'shadow.toml');
    writeFileSync(cfg, '[environment]\nmode = "shadow"\n');
  });
  afterAll(() => cli.remove());

  it('emit → validate → cycle → refused then reviewed apply → override → rollback', async () => {
    const data = await cli.json<{ datasets: { id: string; bars: number }[] }>('data', 'list', '--json');
    const ds = data.datasets.find((d) => d.bars === 2000)!.id;
    const e = await cli.json<{ patches: { id: string; oldValue: number; sourceExperiment: string }[] }>('--config', cfg, 'learn', 'emit', '--target', 'portfolio.leverage', '--value', '1.25', '--confidence', '0.9', '--reason', 'cli test', '--dataset', ds, '--evidence', 'drill:17', '--json');
    expect(e.patches[0].oldValue).toBe(1);
    expect(e.patches[0].sourceExperiment).toBe('drill:17');
    const v = await cli.json<{ patches: { status: string; validation: { runId: number } }[] }>('--config', cfg, 'learn', 'validate', '--json');
    expect(v.patches[0].status).toBe('APPLIED_OFFLINE');
    const dry = await cli.json<{ proposalId: string | null; dryRun: boolean; decisions: { status: string }[] }>('--config', cfg, 'promote', 'cycle', '--mode', 'bounded_auto', '--dry-run', '--json');
    expect(dry).toMatchObject({ proposalId: null, dryRun: true });
    expect(dry.decisions.map((d) => d.status)).toEqual(['ACCEPTED_FOR_PROPOSAL']);
    expect((await cli.run('--config', cfg, 'promote', 'list')).stdout).toContain('no proposals');
    expect((await cli.json<{ current: number }>('--config', cfg, 'overrides', 'history', '--json')).current).toBe(0); // dry run: no auto-apply written
    const c = await cli.json<{ proposalId: string; decisions: { status: string }[] }>('--config', cfg, 'promote', 'cycle', '--mode', 'manual_only', '--json');
    expect(c.decisions.map((d) => d.status)).toEqual(['ACCEPTED_FOR_PROPOSAL']);
    const shown = await cli.run('--config', cfg, 'promote', 'show', c.proposalId);
    expect(shown.stdout).toContain('# Operator checklist');

    const refused = await cli.run('--config', cfg, 'promote', 'apply', c.proposalId, '--check', 'no_p0', '--confirm', c.proposalId);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/5 of 6 item\(s\) not ticked/);
    const wrong = await cli.run('--config', cfg, 'promote', 'apply', c.proposalId, '--check-all', '--confirm', 'live_promotion_nope');
    expect(wrong.stderr).toMatch(/type the proposal id exactly/);

    const ok = await cli.run('--config', cfg, 'promote', 'apply', c.proposalId, '--check-all', '--confirm', c.proposalId);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('portfolio.leverage 1 → 1.25');
    const show = await cli.json<{ keys: { key: string; effective: number; source: string }[] }>('--config', cfg, 'overrides', 'show', '--json');
    expect(show.keys.find((k) => k.key === 'portfolio.leverage')).toMatchObject({ effective: 1.25, source: 'override' });
    const diff = await cli.run('--config', cfg, 'overrides', 'diff', '0');
    expect(diff.stdout).toMatch(/portfolio\.leverage\s+—\s+1\.25\s+added/);
    const rb = await cli.run('--config', cfg, 'overrides', 'rollback', '0', '--reason', 'cli rollback');
    expect(rb.stdout).toContain('rolled back to v0 as v2');
    const after = await cli.json<{ keys: { key: string; effective: number; source: string }[] }>('--config', cfg, 'overrides', 'show', '--json');
    expect(after.keys.find((k) => k.key === 'portfolio.leverage')).toMatchObject({ effective: 1, source: 'base' });
    const hist = await cli.run('--config', cfg, 'overrides', 'history');
    expect(hist.stdout).toMatch(/rollback/);
  }, 60_000);

  it('bad input exits 2 naming the flag', async () => {
    const r = await cli.run('learn', 'emit', '--target', 'Leverage', '--value', '1', '--confidence', '0.5', '--reason', 'x');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--target/);
    const c = await cli.run('learn', 'emit', '--target', 'portfolio.leverage', '--value', '1', '--confidence', '1.5', '--reason', 'x');
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/--confidence/);
    const ev = await cli.run('learn', 'emit', '--target', 'portfolio.leverage', '--value', '1', '--confidence', '0.5', '--reason', 'x', '--evidence', 'rumour:1');
    expect(ev.code).toBe(2);
    expect(ev.stderr).toMatch(/--evidence/);
    const m = await cli.run('promote', 'cycle', '--mode', 'yolo');
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/--mode/);
  });
});
