import { describe, expect, it } from 'vitest';
import { AlertDeduper, errorSpikeRule, noEventsRule, pnlDropRule, riskBlockedLevel, statusTransitionLevel } from '../../../src/core/live/alerts';

describe('alert rules', () => {
  it('PNL_DROP fires above the threshold with the drop in percent', () => {
    expect(pnlDropRule(10_000, 9_000, 10)).toBeNull(); // exactly 10 % is not "more than"
    const r = pnlDropRule(10_000, 8_950, 10);
    expect(r?.level).toBe('CRITICAL');
    expect(r?.dropPct).toBeCloseTo(10.5, 12);
  });
  it('NO_EVENTS and ERROR_SPIKE: warning above, critical above twice', () => {
    expect(noEventsRule(60_000, 60_000)).toBeNull();
    expect(noEventsRule(60_001, 60_000)).toBe('WARNING');
    expect(noEventsRule(120_001, 60_000)).toBe('CRITICAL');
    expect(errorSpikeRule(5, 5)).toBeNull();
    expect(errorSpikeRule(6, 5)).toBe('WARNING');
    expect(errorSpikeRule(11, 5)).toBe('CRITICAL');
  });
  it('RISK_BLOCKED is CRITICAL only when blocking', () => {
    expect(riskBlockedLevel(true, true)).toBe('CRITICAL');
    expect(riskBlockedLevel(true, false)).toBe('WARNING');
  });
  it('status transitions', () => {
    expect(statusTransitionLevel('green', 'yellow')).toBe('WARNING');
    expect(statusTransitionLevel('yellow', 'red')).toBe('CRITICAL');
    expect(statusTransitionLevel('green', 'red')).toBe('CRITICAL');
    expect(statusTransitionLevel('red', 'yellow')).toBe('WARNING');
    expect(statusTransitionLevel('yellow', 'green')).toBe('INFO');
    expect(statusTransitionLevel('red', 'red')).toBeNull();
  });
  it('dedup: same code + source within the window is one alert with a count', () => {
    const d = new AlertDeduper(60_000);
    const a = { level: 'WARNING' as const, source: 's1', code: 'NO_EVENTS' as const, message: 'm', context: {} };
    expect(d.offer({ ...a, ts: 0 })?.count).toBe(1);
    expect(d.offer({ ...a, ts: 10_000 })).toBeNull();
    expect(d.offer({ ...a, ts: 20_000 })).toBeNull();
    expect(d.offer({ ...a, ts: 5_000, source: 's2' })?.count).toBe(1); // another source is another alert
    expect(d.offer({ ...a, ts: 30_000, level: 'CRITICAL' })?.count).toBe(3); // escalation is never held back
    expect(d.offer({ ...a, ts: 95_000 })?.count).toBe(1);
  });
});
