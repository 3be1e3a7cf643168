/**
 * Scripted "traders" for `peak drill run --auto <policy>`, the automation suites and tests. Each policy turns the
 * signals into key presses with latencies, deterministically from a seed (no Math.random in core).
 */
import { createRng } from '../rng';
import type { DrillSignal } from './types';
import type { DrillKey } from './replay';

export const POLICIES = ['disciplined', 'impulsive', 'hesitant', 'fomo', 'frozen', 'contrarian'] as const;
export type Policy = (typeof POLICIES)[number];

export interface ScriptedPress {
  signalId: string;
  key: DrillKey;
  latencyMs: number;
  note: string;
}

const followKey = (s: DrillSignal): DrillKey => (s.recommended === 'ENTER_LONG' ? 'enter_long' : s.recommended === 'ENTER_SHORT' ? 'enter_short' : 'exit');
const oppositeKey = (s: DrillSignal): DrillKey => (s.recommended === 'ENTER_LONG' ? 'enter_short' : s.recommended === 'ENTER_SHORT' ? 'enter_long' : 'enter_long');

/**
 * disciplined: follows every signal in 0.6–2.0 s. impulsive: 80–280 ms. hesitant: 3.5–9 s, skips every 3rd.
 * fomo: lets the countdown run out, then chases (countdown + 0.5–3 s). frozen: misses 2 of 3, else late.
 * contrarian: presses the opposite side in 0.5–1.5 s.
 */
export function scriptTrader(policy: Policy, signals: readonly DrillSignal[], seed: number | string, countdownMs: number): ScriptedPress[] {
  const rng = createRng(`${policy}:${seed}`);
  const between = (a: number, b: number) => Math.round(a + rng.uniform() * (b - a));
  const out: ScriptedPress[] = [];
  signals.forEach((s, i) => {
    switch (policy) {
      case 'disciplined': out.push({ signalId: s.signalId, key: followKey(s), latencyMs: between(600, 2000), note: '' }); break;
      case 'impulsive': out.push({ signalId: s.signalId, key: followKey(s), latencyMs: between(80, 280), note: '' }); break;
      case 'hesitant': out.push({ signalId: s.signalId, key: i % 3 === 2 ? 'skip' : followKey(s), latencyMs: between(3500, 9000), note: '' }); break;
      case 'fomo': out.push({ signalId: s.signalId, key: followKey(s), latencyMs: countdownMs + between(500, 3000), note: 'fomo' }); break;
      case 'frozen': if (i % 3 === 0) out.push({ signalId: s.signalId, key: followKey(s), latencyMs: between(4000, 12000), note: '' }); break;
      case 'contrarian': out.push({ signalId: s.signalId, key: oppositeKey(s), latencyMs: between(500, 1500), note: '' }); break;
    }
  });
  return out;
}
