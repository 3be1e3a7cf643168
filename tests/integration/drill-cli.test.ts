import { afterAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { createCliHarness } from '../support/cli';

const h = createCliHarness({ seed: false });
afterAll(() => h.remove());

describe('peak drill', () => {
  it('demo prints the SPEC §7 numbers and writes the report', async () => {
    const r = await h.run('drill', 'demo');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('mean 4,250.0 · median 2,500.0 · std 4,603.0 · p90 9,300.0 · p95 10,650.0 · p99 11,730.0 · min 0 · max 12,000');
    expect(r.stdout).toMatch(/Counter-Trend Einstiege +0.00 +1.75 +0.00 +2.50 +0.00 +1/);
    expect(r.stdout).toContain('MISSED 1 · SKIPPED 1 · IMPULSIVE 0 · LATE 1 · ON_TIME 2');
    const j = await h.json<{ detail: { drill: { id: string } }; report: { html: string } }>('drill', 'demo', '--quirks', 'spec', '--json');
    expect(existsSync(j.report.html)).toBe(true);
    const shown = await h.run('drill', 'show', j.detail.drill.id);
    expect(shown.stdout).toContain('quirks spec');
  });
  it('run --scenario fomo --auto disciplined, then list / report', async () => {
    const r = await h.json<{ total_signals: number; missed_signals: number; avg_reaction_ms: number; drillId: string }>('drill', 'run', '--scenario', 'fomo', '--auto', 'disciplined', '--seed', '4', '--json');
    expect(r.missed_signals).toBe(0);
    expect(r.avg_reaction_ms).toBeGreaterThanOrEqual(600);
    expect(r.avg_reaction_ms).toBeLessThanOrEqual(2000);
    const list = await h.json<{ id: string }[]>('drill', 'list', '--json');
    expect(list.map((d) => d.id)).toContain(r.drillId);
    const rep = await h.json<{ html: string }>('drill', 'report', r.drillId, '--json');
    expect(existsSync(rep.html)).toBe(true);
  });
  it('bad input exits 2 naming the flag', async () => {
    const a = await h.run('drill', 'run', '--scenario', 'fomo', '--auto', 'lazy');
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('--auto');
    const b = await h.run('drill', 'run', '--scenario', 'nope', '--auto', 'fomo');
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('scenario "nope"');
  });
});
