/**
 * The fast engine against a slow, obviously-correct reference written here: bars as objects, the position as
 * an object, every rule spelled out per bar, the trailing extreme recomputed from scratch each time.
 */
import { describe, expect, it } from 'vitest';
import { makeBars, type Bars } from '../../../src/core/data/bars';
import { runDefault } from '../../../src/core/engine/engine';
import type { EngineConfig, ExitReason, Sizing, Trade } from '../../../src/core/engine/types';
import { createRng, type Rng } from '../../../src/core/rng';

interface Bar { t: number; o: number; h: number; l: number; c: number }
interface Position { dir: 1 | -1; units: number; entry: number; entryBar: number; entryFee: number; atOpen: boolean }

function reference(barsIn: Bars, target: Float64Array, warmup: number, cfg: EngineConfig) {
  const bars: Bar[] = Array.from(barsIn.close, (_, i) => ({
    t: barsIn.time[i], o: barsIn.open[i], h: barsIn.high[i], l: barsIn.low[i], c: barsIn.close[i],
  }));
  let cash = cfg.cash;
  let pos: Position | null = null;
  let lastTarget = 0;
  let fees = 0;
  let exposure = 0;
  const trades: Trade[] = [];
  const equity: number[] = [];
  const buyPrice = (p: number) => p * (1 + cfg.slippage);
  const sellPrice = (p: number) => p * (1 - cfg.slippage);

  const close = (p: Position, rawPrice: number, bar: number, reason: ExitReason) => {
    const fill = p.dir === 1 ? sellPrice(rawPrice) : buyPrice(rawPrice);
    const fee = Math.abs(p.units * fill) * cfg.commission;
    if (p.dir === 1) cash += p.units * fill; else cash -= p.units * fill;
    cash -= fee;
    fees += fee;
    const gross = p.dir === 1 ? p.units * (fill - p.entry) : p.units * (p.entry - fill);
    const pnl = gross - p.entryFee - fee;
    trades.push({
      entryBar: p.entryBar, exitBar: bar, entryTime: bars[p.entryBar].t, exitTime: bars[bar].t,
      size: p.dir * p.units, entryPrice: p.entry, exitPrice: fill, pnl,
      returnPct: pnl / (p.units * p.entry), fees: p.entryFee + fee, exitReason: reason,
    });
    pos = null;
  };
  const open = (dir: 1 | -1, magnitude: number, rawPrice: number, bar: number, atOpen: boolean) => {
    const fill = dir === 1 ? buyPrice(rawPrice) : sellPrice(rawPrice);
    const s: Sizing = cfg.sizing;
    const units = s.mode === 'fraction' ? (cash * s.fraction * magnitude) / fill
      : s.mode === 'all_in_units' ? Math.floor(cash / (fill * (1 + cfg.commission)))
        : (s.notional * magnitude) / fill;
    if (units <= 0 || cash <= 0) return; // flat with cash ≤ 0: ruined at this bar's close, no entry
    const fee = units * fill * cfg.commission;
    if (dir === 1) cash -= units * fill; else cash += units * fill;
    cash -= fee;
    fees += fee;
    pos = { dir, units, entry: fill, entryBar: bar, entryFee: fee, atOpen };
  };
  const onTarget = (tgt: number, rawPrice: number, bar: number, atOpen: boolean) => {
    const finalEntry = cfg.finalize && !atOpen && bar === bars.length - 1;
    if (tgt === lastTarget) return;
    lastTarget = tgt;
    const wantDir = Math.sign(tgt);
    const haveDir = pos === null ? 0 : pos.dir;
    if (wantDir === haveDir) return;
    if (pos !== null) close(pos, rawPrice, bar, 'signal');
    if (wantDir !== 0 && !finalEntry) open(wantDir as 1 | -1, Math.abs(tgt), rawPrice, bar, atOpen);
  };
  const checkStops = (p: Position, i: number) => {
    const b = bars[i];
    // extreme of the bars after the entry moment, up to the previous bar
    const from = p.atOpen ? p.entryBar : p.entryBar + 1;
    const seen = bars.slice(from, i);
    const levels: { price: number; reason: ExitReason }[] = [];
    if (p.dir === 1) {
      if (cfg.stopLossPct !== null) levels.push({ price: p.entry * (1 - cfg.stopLossPct), reason: 'stop_loss' });
      if (cfg.trailingStopPct !== null) {
        const best = Math.max(p.entry, ...seen.map((x) => x.h));
        levels.push({ price: best * (1 - cfg.trailingStopPct), reason: 'trailing_stop' });
      }
      const stop = levels.reduce<{ price: number; reason: ExitReason } | null>((a, x) => (a === null || x.price > a.price ? x : a), null);
      const take = cfg.takeProfitPct !== null ? p.entry * (1 + cfg.takeProfitPct) : null;
      if (stop && b.o <= stop.price) return close(p, b.o, i, stop.reason);
      if (take !== null && b.o >= take) return close(p, b.o, i, 'take_profit');
      if (stop && b.l <= stop.price) return close(p, stop.price, i, stop.reason);
      if (take !== null && b.h >= take) return close(p, take, i, 'take_profit');
    } else {
      if (cfg.stopLossPct !== null) levels.push({ price: p.entry * (1 + cfg.stopLossPct), reason: 'stop_loss' });
      if (cfg.trailingStopPct !== null) {
        const best = Math.min(p.entry, ...seen.map((x) => x.l));
        levels.push({ price: best * (1 + cfg.trailingStopPct), reason: 'trailing_stop' });
      }
      const stop = levels.reduce<{ price: number; reason: ExitReason } | null>((a, x) => (a === null || x.price < a.price ? x : a), null);
      const take = cfg.takeProfitPct !== null ? p.entry * (1 - cfg.takeProfitPct) : null;
      if (stop && b.o >= stop.price) return close(p, b.o, i, stop.reason);
      if (take !== null && b.o <= take) return close(p, b.o, i, 'take_profit');
      if (stop && b.h >= stop.price) return close(p, stop.price, i, stop.reason);
      if (take !== null && b.l <= take) return close(p, take, i, 'take_profit');
    }
  };

  for (let i = 0; i < bars.length; i++) {
    if (i >= warmup) {
      if (cfg.fill === 'next_open' && i - 1 >= warmup) onTarget(target[i - 1], bars[i].o, i, true);
      const p = pos as Position | null;
      if (p !== null && p.entryBar < i) checkStops(p, i);
      if (cfg.fill === 'close') onTarget(target[i], bars[i].c, i, false);
    }
    const q = pos as Position | null;
    const e = cash + (q === null ? 0 : q.dir * q.units * bars[i].c);
    equity.push(e);
    if (q !== null) exposure++;
    if (e <= 0) {
      // ruin: close at this close, write the shortfall off, equity 0 to the end, no more trading
      if (q !== null) close(q, bars[i].c, i, 'ruin');
      cash = 0;
      equity[i] = 0;
      while (equity.length < bars.length) equity.push(0);
      break;
    }
  }
  const openTrades: Trade[] = [];
  const last = bars.length - 1;
  const q = pos as Position | null;
  if (q !== null) {
    if (cfg.finalize) {
      close(q, bars[last].c, last, 'end_of_data');
      equity[last] = Math.max(cash, 0);
    } else {
      const pnl = q.dir * q.units * (bars[last].c - q.entry) - q.entryFee;
      openTrades.push({
        entryBar: q.entryBar, exitBar: -1, entryTime: bars[q.entryBar].t, exitTime: bars[last].t,
        size: q.dir * q.units, entryPrice: q.entry, exitPrice: bars[last].c, pnl,
        returnPct: pnl / (q.units * q.entry), fees: q.entryFee, exitReason: 'open',
      });
    }
  }
  return { equity, trades, openTrades, exposure, fees, cash };
}

/** `wild`: occasional ×2.5 / ×0.3 closes, enough to wipe out a short or a leveraged long (ruin cases). */
function randomBars(rng: Rng, n: number, wild = false): Bars {
  const b = makeBars(n);
  let p = 100;
  for (let i = 0; i < n; i++) {
    const o = p * (1 + 0.01 * rng.normal());
    const u = wild ? rng.uniform() : 1;
    const c = o * (1 + 0.02 * rng.normal()) * (u < 0.06 ? 2.5 : u < 0.1 ? 0.3 : 1);
    b.time[i] = i * 60_000;
    b.open[i] = o;
    b.close[i] = c;
    b.high[i] = Math.max(o, c) * (1 + 0.01 * rng.uniform());
    b.low[i] = Math.min(o, c) * (1 - 0.01 * rng.uniform());
    p = c;
  }
  return b;
}

function randomTarget(rng: Rng, n: number): Float64Array {
  const states = [-1, 0, 1, 0.5, -0.5, 0, 1, -1];
  const t = new Float64Array(n);
  let s = 0;
  for (let i = 0; i < n; i++) {
    if (rng.uniform() < 0.2) s = states[rng.int(states.length)];
    t[i] = s;
  }
  return t;
}

function randomConfig(rng: Rng, wild = false): EngineConfig {
  const sizings: Sizing[] = [
    { mode: 'fraction', fraction: wild ? 0.5 + 2.5 * rng.uniform() : 0.25 + rng.uniform() },
    { mode: 'all_in_units' },
    { mode: 'fixed_notional', notional: 500 + 5000 * rng.uniform() },
  ];
  // a third of the paths without any stop: the engine runs a separate specialised loop for those
  const stopsOff = rng.uniform() < 0.35;
  const maybe = (lo: number, hi: number) => (stopsOff || rng.uniform() < 0.5 ? null : lo + (hi - lo) * rng.uniform());
  return {
    preset: 'default',
    cash: 10_000,
    commission: rng.uniform() < 0.2 ? 0 : 0.002 * rng.uniform(),
    slippage: rng.uniform() < 0.2 ? 0 : 0.001 * rng.uniform(),
    fill: rng.uniform() < 0.5 ? 'next_open' : 'close',
    sizing: sizings[rng.int(3)],
    stopLossPct: maybe(0.005, 0.05),
    takeProfitPct: maybe(0.005, 0.08),
    trailingStopPct: maybe(0.005, 0.05),
    finalize: rng.uniform() < 0.6,
  };
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

function expectTradesEqual(got: Trade[], want: Trade[], label: string) {
  expect(got.length, `${label}: trade count`).toBe(want.length);
  got.forEach((g, k) => {
    const w = want[k];
    expect([g.entryBar, g.exitBar, g.exitReason, g.entryTime, g.exitTime], `${label}: trade ${k}`).toEqual(
      [w.entryBar, w.exitBar, w.exitReason, w.entryTime, w.exitTime]);
    for (const f of ['size', 'entryPrice', 'exitPrice', 'pnl', 'returnPct', 'fees'] as const) {
      expect(close(g[f], w[f]), `${label}: trade ${k} ${f} ${g[f]} vs ${w[f]}`).toBe(true);
    }
  });
}

describe('fast engine = slow reference on 300 random target paths', () => {
  it('matches trades, open trades, equity, exposure and fees', () => {
    const rng = createRng('engine-reference');
    let totalTrades = 0;
    let stopExits = 0;
    let noStopPaths = 0;
    let ruinRuns = 0;
    let ruinExits = 0;
    for (let k = 0; k < 300; k++) {
      // paths 200+ are 'wild' (price spikes, leverage up to 3): they exercise the ruin rule
      const wild = k >= 200;
      const n = 20 + rng.int(60);
      const bars = randomBars(rng, n, wild);
      const target = randomTarget(rng, n);
      const warmup = rng.int(6);
      const cfg = randomConfig(rng, wild);
      const label = `path ${k} (${cfg.fill}, ${cfg.sizing.mode})`;
      const fast = runDefault(bars, target, warmup, cfg);
      const ref = reference(bars, target, warmup, cfg);
      expectTradesEqual(fast.trades, ref.trades, label);
      expectTradesEqual(fast.openTrades, ref.openTrades, `${label} open`);
      expect(fast.exposureBars, label).toBe(ref.exposure);
      expect(close(fast.feesPaid, ref.fees), `${label}: fees`).toBe(true);
      for (let i = 0; i < n; i++) expect(close(fast.equity[i], ref.equity[i]), `${label}: equity[${i}]`).toBe(true);
      // never negative: ruin books 0 (see the engine header)
      for (let i = 0; i < n; i++) expect(fast.equity[i] >= 0, `${label}: equity[${i}] ≥ 0`).toBe(true);
      const ruined = fast.equity[n - 1] === 0;
      if (ruined) ruinRuns++;
      ruinExits += fast.trades.filter((t) => t.exitReason === 'ruin').length;
      // conservation: finalized, the final equity is the starting cash plus every trade's net pnl
      // (a ruined account wrote its shortfall off)
      if (cfg.finalize && !ruined) {
        const sum = fast.trades.reduce((a, t) => a + t.pnl, 0);
        expect(close(fast.equity[n - 1], cfg.cash + sum), `${label}: conservation`).toBe(true);
      }
      totalTrades += fast.trades.length;
      if (cfg.stopLossPct === null && cfg.takeProfitPct === null && cfg.trailingStopPct === null) noStopPaths++;
      stopExits += fast.trades.filter((t) => t.exitReason !== 'signal' && t.exitReason !== 'end_of_data' && t.exitReason !== 'ruin').length;
    }
    // the random cases must actually exercise trades and stops
    expect(totalTrades).toBeGreaterThan(500);
    expect(stopExits).toBeGreaterThan(100);
    expect(noStopPaths).toBeGreaterThan(50);
    expect(ruinRuns).toBeGreaterThan(8);
    expect(ruinExits).toBeGreaterThan(8);
  });
});
