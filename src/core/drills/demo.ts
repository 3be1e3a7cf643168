/**
 * The SPEC §7 offline demo session: 60 one-minute bars from 2025-01-01; five signals at bars 5/15/25/35/45 with
 * states 1, 1, −1, 1, −1; actions +2 s EXECUTED, +12 s EXECUTED, none, +3 s EXECUTED, +0 s SKIPPED.
 * SPEC fixes neither prices nor tags, so this demo uses a steady uptrend close[i] = 100 + i (open[i] = close[i−1],
 * high/low ± 0.5) — every lookahead P&L is ±20 and hand-checkable — and one tag set per cluster.
 */
import { makeBars, type Bars } from '../data/bars';
import type { DrillSignal } from './types';
import type { StoredAction } from './analyze';

export const DEMO_START_MS = Date.UTC(2025, 0, 1);

export function demoBars(): Bars {
  const b = makeBars(60);
  for (let i = 0; i < 60; i++) {
    b.time[i] = DEMO_START_MS + i * 60_000;
    b.close[i] = 100 + i;
    b.open[i] = i === 0 ? 100 : 99 + i;
    b.high[i] = 100 + i + 0.5;
    b.low[i] = Math.min(b.open[i], b.close[i]) - 0.5;
    b.volume[i] = 1;
  }
  return b;
}

const DEMO_TAGS: string[][] = [
  ['trend', 'discipline'],
  ['breakout', 'momentum'],
  ['counter_trend', 'reversal', 'fear'],
  ['reentry', 'scaling'],
  ['breakout', 'rule_break'],
];

export function demoSignals(): DrillSignal[] {
  const bars = [5, 15, 25, 35, 45];
  const states = [1, 1, -1, 1, -1];
  return bars.map((bar, i) => ({
    signalId: `demo${i + 1}`, bar, time: DEMO_START_MS + bar * 60_000, state: states[i],
    recommended: states[i] > 0 ? 'ENTER_LONG' : 'ENTER_SHORT', tags: DEMO_TAGS[i],
  }));
}

export function demoActions(): StoredAction[] {
  const sig = demoSignals();
  const mk = (i: number, delayS: number, userAction: 'EXECUTED' | 'SKIPPED'): StoredAction => ({
    signalId: sig[i].signalId, time: sig[i].time + delayS * 1000, userAction, latencyMs: delayS * 1000, note: '',
    key: userAction === 'SKIPPED' ? 'skip' : sig[i].state > 0 ? 'enter_long' : 'enter_short', bar: sig[i].bar,
  });
  return [mk(0, 2, 'EXECUTED'), mk(1, 12, 'EXECUTED'), mk(3, 3, 'EXECUTED'), mk(4, 0, 'SKIPPED')];
}
