/**
 * Work a valid request may start on the event loop stays bounded (found by the twin fuzz review): a scripted drill
 * over the longest allowed scenario (20,000 bars, ~840 key presses) no longer re-reads the prices per key press
 * (was 17 s, now well under a second), and a generator feed is capped at 1,000,000 bars (its bars are generated
 * at once before the session starts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServices, type TestServices } from '../support/services';

describe('bounded work on the event loop (operating half)', () => {
  let s: TestServices;
  beforeAll(() => { s = createTestServices({ seed: false }); });
  afterAll(async () => { await s.dispose(); });

  it('drills:auto over 20,000 bars answers in under 3 s with every key press stored', async () => {
    const t0 = performance.now();
    const r = await s.invoke('drills:auto', { scenario: 'fomo', policy: 'impulsive', seed: 1, length: 20_000 });
    const ms = performance.now() - t0;
    if (!r.ok) throw new Error(r.error.message);
    expect(ms).toBeLessThan(3000);
    expect(r.value.total_signals).toBeGreaterThan(500);
    const d = await s.invoke('drills:get', { drillId: r.value.drillId });
    if (!d.ok) throw new Error(d.error.message);
    expect(d.value.drill.status).toBe('finished');
    // the impulsive trader presses a key on every signal: each press stored once, against the signal it answers
    const signalIds = new Set(d.value.signals.map((x) => x.signalId));
    expect(d.value.actions.length).toBeGreaterThan(0);
    expect(d.value.actions.every((a) => a.signalId === null || signalIds.has(a.signalId))).toBe(true);
  }, 30_000);

  it('a generator feed over 1,000,000 bars is BAD_INPUT naming feed.n', async () => {
    const r = await s.invoke('live:session-start', { feed: { kind: 'generator', n: 1_000_001 }, strategyId: 'ma_crossover' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('BAD_INPUT');
    expect(!r.ok && r.error.message).toMatch(/feed\.n/);
  });
});

describe('data:synth is bounded before it starts', () => {
  it('refuses more than 2,000,000 bars and more than 20,000,000 generated ticks, naming the field', async () => {
    const s = createTestServices();
    try {
      const tooMany = await s.invoke('data:synth', { kind: 'regime', bars: 2_000_001 });
      expect(!tooMany.ok && tooMany.error).toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/bars/) });
      const ticks = await s.invoke('data:synth', { kind: 'garch', bars: 10_000, ticksPerBar: 2_001 });
      expect(!ticks.ok && ticks.error).toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/ticksPerBar.*20,000,000/) });
    } finally {
      await s.dispose();
    }
  });
});
