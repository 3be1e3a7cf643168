/**
 * live.replay_100k: a 100,000-bar paper session replayed at max speed through the WHOLE bridge — session
 * service (job, checkpoints to SQLite, push events, alerts, audit rows), incremental ma_crossover 10/30
 * long_short, risk evaluation (monitor), paper broker — on a real temp SQLite store. bars/s = 100,000 / wall
 * time of `live:session-start --wait`; best of 3 after 1 warm-up (--quick: best of 1 after 1). Target ≥ 200,000.
 * live.bridge_core_100k: the pure bar loop alone (SessionCore, no persistence), for comparison.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthGarchMarkov } from '../../src/core/data/synthetic';
import { defaultEngineConfig } from '../../src/core/engine/types';
import { SessionCore } from '../../src/core/live/session-core';
import { maCrossover } from '../../src/core/strategies/ma-crossover';
import { createServices } from '../../src/node/services';
import { perSecond, wanted, type BenchOptions, type BenchResult } from './harness';

export const names = ['live.replay_100k', 'live.bridge_core_100k'];
const N = 100_000;

export async function run(opts: BenchOptions): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const runs = opts.quick ? 1 : 3;
  const params = { fast_window: 10, slow_window: 30, side: 'long_short' };
  if (wanted('live.replay_100k', opts)) {
    const dir = mkdtempSync(join(tmpdir(), 'peak-bench-live-'));
    const s = createServices({ dataDir: dir, seed: false, workers: 1 });
    try {
      const ds = await s.invoke('data:synth', { kind: 'garch', bars: N, seed: 42 });
      if (!ds.ok) throw new Error(ds.error.message);
      let best = Infinity;
      for (let k = 0; k < runs + 1; k++) {
        const t0 = performance.now();
        const r = await s.invoke('live:session-start', { feed: { kind: 'replay', datasetId: ds.value.dataset.id, speed: 'max' }, strategyId: 'ma_crossover', params, riskMode: 'monitor', wait: true });
        const ms = performance.now() - t0;
        if (!r.ok || r.value.status !== 'completed' || r.value.barsDone !== N) throw new Error(`session did not complete: ${r.ok ? r.value.status : r.error.message}`);
        if (k > 0) best = Math.min(best, ms);
      }
      out.push({ name: 'live.replay_100k', value: perSecond(N, best), unit: 'bars/s' });
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (wanted('live.bridge_core_100k', opts)) {
    const { bars } = synthGarchMarkov({ n: N, seed: 42 });
    const p = maCrossover.params.parse(params);
    let best = Infinity;
    for (let k = 0; k < runs + 2; k++) {
      const t0 = performance.now();
      const core = new SessionCore({
        def: maCrossover as never, params: p, engine: { ...defaultEngineConfig }, symbol: 'X', riskMode: 'monitor', finalBar: N - 1, pnlDropPct: 100,
        risk: { enabled: true, base_currency: 'EUR', max_order_notional: 25, max_symbol_exposure_notional: 500, max_total_exposure_notional: 500, max_open_positions: 1, max_daily_loss_abs: 25, max_daily_loss_pct: 5, block_on_violation: true, warning_threshold_factor: 0.8 },
        tradingState: () => 'ACTIVE', clock: () => 0, emit: { order() {}, risk() {}, alert() {}, setTradingState() {} },
      });
      for (let i = 0; i < N; i++) core.push(bars.time[i], bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i]);
      core.finish();
      const ms = performance.now() - t0;
      if (k > 1) best = Math.min(best, ms);
    }
    out.push({ name: 'live.bridge_core_100k', value: perSecond(N, best), unit: 'bars/s' });
  }
  return out;
}
