/** `peak live …` and `peak audit …` in-process: parity with `peak backtest`, drills, kill switch, export, verify, bad flags. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCliHarness } from '../support/cli';

const cli = createCliHarness();
afterAll(() => cli.remove());

describe('peak live', () => {
  for (const [strategy, extra] of [['ma_crossover', ['--param', 'fast_window=5', '--param', 'slow_window=20']], ['rsi_reversion', []], ['trend_following', []]] as const) {
    it(`session start --risk monitor reproduces peak backtest (${strategy})`, async () => {
      const common = ['--data', 'Test GARCH 1h', '--strategy', strategy, ...extra, '--fee-bps', '26', '--slippage-bps', '5'];
      const bt = await cli.json<{ trades: unknown[]; metrics: { equityFinal: number } }>('backtest', ...common, '--no-save', '--json');
      const s = await cli.json<{ status: string; trades: unknown[]; finalEquity: number }>('live', 'session', 'start', '--mode', 'paper', ...common, '--risk', 'monitor', '--speed', 'max', '--wait', '--json');
      expect(s.status).toBe('completed');
      expect(s.trades).toEqual(bt.trades);
      expect(s.finalEquity).toBe(bt.metrics.equityFinal);
    });
  }

  it('status, health, drills, kill switch and session list', async () => {
    const st = await cli.json<{ liveLocked: boolean; gates: unknown[]; tradingState: { state: string } }>('live', 'status', '--json');
    expect(st.liveLocked).toBe(true);
    expect(st.gates).toHaveLength(5);
    const h = await cli.run('live', 'health');
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('alert sinks configured');
    const d = await cli.run('live', 'drills');
    expect(d.code).toBe(0);
    expect(d.stdout.match(/PASS/g)).toHaveLength(7);
    const ks = await cli.json<{ state: string }>('live', 'kill-switch', '--engage', '--reason', 'cli test', '--json');
    expect(ks.state).toBe('HALTED');
    const bad = await cli.run('live', 'kill-switch', '--engage', '--reset', '--reason', 'x');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--engage, --reset, --reducing');
    expect((await cli.json<{ state: string }>('live', 'kill-switch', '--reset', '--reason', 'cli test over', '--json')).state).toBe('ACTIVE');
    const list = await cli.json<{ sessions: { id: number }[] }>('live', 'session', 'list', '--json');
    expect(list.sessions.length).toBeGreaterThanOrEqual(3);
    const show = await cli.run('live', 'session', 'show', String(list.sessions[0].id));
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('final equity');
  });

  it('bad input exits 2 naming the flag', async () => {
    const r = await cli.run('live', 'session', 'start', '--data', 'Test GARCH 1h', '--strategy', 'ma_crossover', '--limit', 'max_order_notional=1000000');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('would loosen');
    const g = await cli.run('live', 'session', 'start', '--strategy', 'ma_crossover');
    expect(g.code).toBe(2);
    expect(g.stderr).toContain('--data, --generator');
    const l = await cli.run('live', 'session', 'start', '--generator', '--strategy', 'ma_crossover', '--limit', 'nope=1');
    expect(l.code).toBe(2);
    expect(l.stderr).toContain('--limit nope');
  });
});

describe('peak live report', () => {
  it('writes the session report and the daily report', async () => {
    const list = await cli.json<{ sessions: { id: number }[] }>('live', 'session', 'list', '--json');
    const out = join(cli.dir, 'rep');
    const r = await cli.run('live', 'report', String(list.sessions[0].id), '--out', out);
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('LIVE LOCKED');
    const d = await cli.run('live', 'report', '--out', join(cli.dir, 'daily'));
    expect(d.code).toBe(0);
    expect(readFileSync(join(cli.dir, 'daily', 'report.md'), 'utf8')).toMatch(/^# Live status \d{4}-\d\d-\d\d/);
  });
});

describe('peak audit', () => {
  it('export writes JSON + Markdown + manifest; verify passes', async () => {
    const out = join(cli.dir, 'snap');
    const r = await cli.json<{ files: { name: string; sha256: string }[] }>('audit', 'export', '--out', out, '--json');
    expect(r.files.map((f) => f.name)).toEqual(['snapshot.json', 'snapshot.md', 'MANIFEST.sha256']);
    expect(existsSync(join(out, 'snapshot.md'))).toBe(true);
    expect(readFileSync(join(out, 'MANIFEST.sha256'), 'utf8')).toContain(`${r.files[0].sha256}  snapshot.json`);
    const v = await cli.run('audit', 'verify');
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/audit log ok: \d+ rows/);
  });
});
