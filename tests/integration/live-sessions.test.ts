/**
 * Live sessions end to end through the handlers on a real temp SQLite store: parity with backtest:run, risk
 * enforcement (RISK_BLOCKED, HALTED + CRITICAL), kill switch + audited reset, pause/resume/stop, interrupted
 * recovery, gate drills, incident drills, reports, and an intact audit chain afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServices, type TestServices } from '../support/services';
import { rmSync } from 'node:fs';
import { createServices } from '../../src/node/services';

let s: TestServices;
let dsA: string, dsB: string;

async function call<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

beforeAll(async () => {
  s = createTestServices({ clock: () => Date.now() });
  const list = await call(s.invoke('data:list'));
  const sets = (list as unknown as { datasets?: { id: string; name: string }[] }).datasets ?? (list as unknown as { id: string; name: string }[]);
  dsA = sets.find((d) => d.name === 'Test GARCH 1h')!.id;
  dsB = sets.find((d) => d.name === 'Test session 1m')!.id;
});
afterAll(async () => { await s.dispose(); });

describe('paper session parity with backtest:run', () => {
  for (const strategyId of ['ma_crossover', 'rsi_reversion', 'bollinger_bands', 'macd']) {
    for (const which of ['A', 'B'] as const) {
      it(`${strategyId} on data set ${which}`, async () => {
        const datasetId = which === 'A' ? dsA : dsB;
        const params = strategyId === 'ma_crossover' ? { fast_window: 5, slow_window: 20 } : {};
        const engine = { commission: 0.0026, slippage: 0.0005 };
        const bt = await call(s.invoke('backtest:run', { datasetId, strategyId, params, engine, save: false }));
        const ses = await call(s.invoke('live:session-start', { feed: { kind: 'replay', datasetId, speed: 'max' }, strategyId, params, engine, riskMode: 'monitor', wait: true }));
        expect(ses.status).toBe('completed');
        expect(ses.trades).toEqual(bt.trades);
        expect(ses.equityLast).toBe(bt.metrics.equityFinal);
        // the stored copy (not the live one) agrees too
        const got = await call(s.invoke('live:session-get', { id: ses.id }));
        expect(got.trades).toEqual(bt.trades);
        expect(got.equity.length).toBe(got.barsTotal);
      });
    }
  }
});

describe('risk enforcement and trading state', () => {
  it('default limits (25 EUR per order) reject a 10,000 entry with a CRITICAL RISK_BLOCKED alert', async () => {
    const ses = await call(s.invoke('live:session-start', { feed: { kind: 'replay', datasetId: dsA, speed: 'max' }, strategyId: 'ma_crossover', params: { fast_window: 5, slow_window: 20 }, wait: true }));
    expect(ses.tradeCount).toBe(0);
    expect(ses.rejected).toBeGreaterThan(0);
    expect(ses.orders.every((o) => o.status === 'rejected')).toBe(true);
    expect(ses.orders[0].rejectReason).toContain('max_order_notional breach');
    const alerts = await call(s.invoke('live:alerts', { minLevel: 'CRITICAL' }));
    expect(alerts.some((a) => a.code === 'RISK_BLOCKED' && a.source === `session:${ses.id}`)).toBe(true);
  });

  it('a daily-loss breach halts trading (HALTED + CRITICAL), the kill switch needs confirm, reset is audited', async () => {
    const ses = await call(s.invoke('live:session-start', {
      feed: { kind: 'replay', datasetId: dsA, speed: 'max' }, strategyId: 'ma_crossover', params: { fast_window: 5, slow_window: 20 },
      engine: { sizing: { mode: 'fixed_notional', notional: 20 } }, riskLimits: { max_daily_loss_abs: 0.01 }, wait: true,
    }));
    expect(ses.status).toBe('halted');
    const st = await call(s.invoke('live:status'));
    expect(st.tradingState.state).toBe('HALTED');
    expect(st.liveLocked).toBe(true);
    const crit = await call(s.invoke('live:alerts', { minLevel: 'CRITICAL' }));
    expect(crit.some((a) => a.code === 'TRADING_STATE' && a.message.includes('HALTED'))).toBe(true);
    // nothing starts trading while HALTED: a new session's entries are refused
    const blocked = await call(s.invoke('live:session-start', { feed: { kind: 'replay', datasetId: dsB, speed: 'max' }, strategyId: 'ma_crossover', params: { fast_window: 5, slow_window: 20 }, riskMode: 'monitor', wait: true }));
    expect(blocked.tradeCount).toBe(0);
    expect(blocked.orders[0]?.rejectReason).toContain('HALTED');
    const bad = await s.invoke('live:kill-switch', { action: 'reset', reason: 'x', confirm: false });
    expect(bad.ok).toBe(false);
    const loosen = await s.invoke('live:session-start', { feed: { kind: 'replay', datasetId: dsA }, strategyId: 'ma_crossover', riskLimits: { max_order_notional: 1e6 } });
    expect(loosen.ok).toBe(false);
    if (!loosen.ok) expect(loosen.error.message).toMatch(/would loosen/);
    const reset = await call(s.invoke('live:kill-switch', { action: 'reset', reason: 'drill over, book checked', confirm: true }));
    expect(reset.state).toBe('ACTIVE');
    const audit = await call(s.invoke('audit:list', { category: 'trading-state' }));
    expect(audit.some((a) => a.action === 'HALTED->ACTIVE' && a.reason === 'drill over, book checked')).toBe(true);
    const ks = await call(s.invoke('live:kill-switch', { action: 'engage', reason: 'test', confirm: true }));
    expect(ks.state).toBe('HALTED');
    await call(s.invoke('live:kill-switch', { action: 'reset', reason: 'test over', confirm: true }));
  });

  it('pause, resume and stop a paced session; the stored session keeps every bar done', async () => {
    const ses = await call(s.invoke('live:session-start', { feed: { kind: 'generator', seed: 3, n: 5000, intervalMs: 1000, speed: '100x' }, strategyId: 'ma_crossover', riskMode: 'monitor', jobId: 'client-job-1' }));
    expect(ses.status).toBe('running');
    await new Promise((r) => setTimeout(r, 150));
    expect((await call(s.invoke('live:session-pause', { id: ses.id }))).status).toBe('paused');
    const a = (await call(s.invoke('live:session-get', { id: ses.id }))).barsDone;
    await new Promise((r) => setTimeout(r, 150));
    expect((await call(s.invoke('live:session-get', { id: ses.id }))).barsDone).toBe(a);
    await call(s.invoke('live:session-resume', { id: ses.id }));
    await new Promise((r) => setTimeout(r, 150));
    const stopped = await call(s.invoke('live:session-stop', { id: ses.id }));
    expect(stopped.status).toBe('stopped');
    expect(stopped.barsDone).toBeGreaterThan(a);
    expect(stopped.barsDone).toBeLessThan(5000);
    const d = await call(s.invoke('live:session-get', { id: ses.id }));
    expect(d.equity.length).toBe(stopped.barsDone);
    const again = await s.invoke('live:session-stop', { id: ses.id });
    expect(again.ok).toBe(false);
  });
});

describe('responsiveness and error spikes', () => {
  it('other commands answer while a 100,000-bar replay runs at max speed', async () => {
    const ds = await call(s.invoke('data:synth', { kind: 'garch', bars: 100_000, seed: 5 }));
    const run = s.invoke('live:session-start', { feed: { kind: 'replay', datasetId: ds.dataset.id, speed: 'max' }, strategyId: 'ma_crossover', riskMode: 'monitor', wait: true });
    await new Promise((r) => setTimeout(r, 5));
    const lat: number[] = [];
    for (let k = 0; k < 5; k++) {
      const t0 = performance.now();
      await call(s.invoke('live:status'));
      lat.push(performance.now() - t0);
    }
    const done = await call(run);
    expect(done.barsDone).toBe(100_000);
    // the loop yields every 4,096 bars (a few ms): a status call never waits for the whole replay
    expect(Math.max(...lat)).toBeLessThan(250);
  }, 30_000);

  it('ERROR_SPIKE fires when many orders are rejected', async () => {
    const ses = await call(s.invoke('live:session-start', { feed: { kind: 'replay', datasetId: dsA, speed: 'max' }, strategyId: 'ma_crossover', params: { fast_window: 2, slow_window: 3 }, wait: true }));
    expect(ses.rejected).toBeGreaterThan(10);
    const alerts = await call(s.invoke('live:alerts', { minLevel: 'WARNING', limit: 2000 }));
    expect(alerts.some((a) => a.code === 'ERROR_SPIKE' && a.source === `session:${ses.id}`)).toBe(true);
  });
});

describe('drills, reports, audit', () => {
  it('gate drills A–G pass and land in the drill log', async () => {
    const r = await call(s.invoke('live:drills-run'));
    expect(r.every((d) => d.passed)).toBe(true);
    const log = await call(s.invoke('live:drill-log'));
    expect(log.filter((d) => d.kind === 'gate').length).toBeGreaterThanOrEqual(7);
  });

  for (const drill of ['data_gap', 'pnl_divergence', 'risk_violation', 'sink_failure'] as const) {
    it(`incident drill ${drill} passes and does not touch the real trading state`, async () => {
      const r = await call(s.invoke('live:incident-drill', { drill, stepsTicked: ['step 1'], notes: 'drill note' }));
      expect(r.passed, r.observed).toBe(true);
      expect((await call(s.invoke('live:status'))).tradingState.state).toBe('ACTIVE');
    }, 20_000);
  }

  it('runbooks ship with steps', async () => {
    const rb = await call(s.invoke('live:runbooks'));
    expect(rb.map((x) => x.id)).toEqual(['data_gap', 'pnl_divergence', 'risk_violation', 'sink_failure']);
    expect(rb.every((x) => x.steps.length >= 4)).toBe(true);
  });

  it('session and daily reports are self-contained', async () => {
    const list = await call(s.invoke('live:session-list'));
    const rep = await call(s.invoke('live:session-report', { id: list.sessions[list.sessions.length - 1].id }));
    expect(rep.html).toContain('<svg');
    expect(rep.html).not.toMatch(/<script|https?:\/\//);
    expect(rep.markdown).toContain('| trades |');
    const daily = await call(s.invoke('live:session-report', {}));
    expect(daily.markdown).toContain('LIVE LOCKED');
  });

  it('the audit chain is intact after all of it', async () => {
    const v = await call(s.invoke('audit:verify'));
    expect(v.ok).toBe(true);
    expect(v.checked).toBeGreaterThan(20);
  });
});

describe('restart', () => {
  it('a session a dead process left running comes back as stopped (interrupted) with its bars', async () => {
    const dir = s.dir;
    // a session row marked running by a process that is gone (heartbeat long ago)
    const db = s.store.db;
    const id = Number(db.prepare(`INSERT INTO live_sessions (name, mode, strategy_id, dataset_id, feed, config, seed, config_hash, status, created_at, bars_done, equity_start, equity_last, symbol, heartbeat)
      VALUES ('ghost', 'paper', 'ma_crossover', NULL, '{"kind":"generator","seed":1,"n":10,"intervalMs":60000,"startPrice":100,"speed":"max"}', '{"params":{},"engine":{},"riskMode":"monitor","risk":{},"limitsSource":"config","maxDurationS":1,"note":null}', 1, 'h', 'running', 1, 7, 100, 101, 'X', 1)`).run().lastInsertRowid);
    await s.close();
    const again = createServices({ dataDir: dir, clock: () => Date.now(), seed: false, workers: 1 });
    try {
      const r = await again.invoke('live:session-get', { id });
      expect(r.ok && r.value.status).toBe('stopped');
      expect(r.ok && r.value.statusDetail).toBe('interrupted');
      expect(r.ok && r.value.barsDone).toBe(7);
    } finally {
      await again.close();
    }
    const fresh = createServices({ dataDir: dir, clock: () => Date.now(), seed: false, workers: 1 });
    s = Object.assign(fresh, { dir, dispose: async () => { await fresh.close(); rmSync(dir, { recursive: true, force: true }); } });
  });
});
