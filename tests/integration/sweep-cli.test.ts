import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliHarness, type CliHarness } from '../support/cli';

describe('peak sweep (in-process CLI)', () => {
  let cli: CliHarness;
  let ds: string;
  beforeAll(async () => {
    cli = createCliHarness();
    const list = await cli.json<{ datasets: { id: string; bars: number }[] }>('data', 'list', '--json');
    ds = list.datasets.find((d) => d.bars === 2000)!.id;
  });
  afterAll(() => cli.remove());

  it('--grid sweep prints one JSON document with hashes and the ranked top rows', async () => {
    const r = await cli.run('sweep', '--data', ds, '--strategy', 'ma_crossover', '--grid', 'fast_window=5:20:5', '--grid', 'slow_window=30,60', '--top', '3', '--json');
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ status: 'done', total: 8, done: 8, strategy: 'ma_crossover', metric: 'sharpe', seed: 42 });
    expect(j.top).toHaveLength(3);
    expect(j.resultsHash).toMatch(/^[0-9a-f]{64}$/);
    // plain progress lines on a non-TTY stderr
    expect(r.stderr).toMatch(/sweep \d+: 8\/8 \(100%\)/);
  });

  it('preset, list, show, resume of a finished sweep, presets', async () => {
    const r = await cli.run('sweep', '--data', ds, '--preset', 'ma_crossover_basic', '--top', '5');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/preset ma_crossover_basic/);
    expect(r.stdout).toMatch(/top 5 of 9 by sharpe/);
    const list = await cli.run('sweep', 'list');
    expect(list.stdout).toMatch(/ma_crossover_basic/);
    const id = /Sweep (\d+)/.exec(r.stdout)![1];
    const show = await cli.json<{ sweepId: number; top: unknown[] }>('sweep', 'show', id, '--json', '--top', '2');
    expect(show.sweepId).toBe(Number(id));
    expect(show.top).toHaveLength(2);
    const again = await cli.json<{ status: string }>('sweep', 'resume', id, '--json');
    expect(again.status).toBe('done');
    const presets = await cli.run('sweep', 'presets');
    expect(presets.stdout).toMatch(/rsi_reversion_fine\s+rsi_reversion/);
  });

  it('bad flags exit 2 with one line naming the flag', async () => {
    const a = await cli.run('sweep', '--data', ds, '--strategy', 'ma_crossover', '--grid', 'fast_window=a:b');
    expect(a.code).toBe(2);
    expect(a.stderr.trim()).toMatch(/^peak: --grid fast_window=a:b: a range is min:max/);
    const b = await cli.run('sweep', '--data', ds, '--strategy', 'ma_crossover', '--grid', 'fast_window=0:1');
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/no parameter combination.*grid fast_window=0: /);
    const c = await cli.run('sweep', '--data', ds, '--strategy', 'ma_crossover', '--random', 'x');
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/--random: expected an integer, got "x"/);
    const d = await cli.run('sweep', 'show', '999');
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/sweep 999 not found/);
  });
});
