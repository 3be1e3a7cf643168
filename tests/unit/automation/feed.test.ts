import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../src/core/automation/schemas';
import { eventIcon, filterEvents, heartbeatAgeSec, mergeEvents, presetSince, uptimeSec } from '../../../src/renderer/src/features/automation/feed';

const NOW = Date.UTC(2026, 0, 2, 12, 0);
const ev = (seq: number, minutesAgo: number, type: RunEvent['type'], phase: string | null, level: RunEvent['level'] = 'info'): RunEvent => ({
  seq, timestamp: new Date(NOW - minutesAgo * 60_000).toISOString(), session_id: 'daily_20260102_100000_abcdef', type, phase, level, message: `${type}`,
});

describe('automation feed helpers', () => {
  const events = [ev(1, 300, 'runner_start', null), ev(2, 200, 'phase_start', 'a'), ev(3, 30, 'heartbeat', 'a', 'debug'), ev(4, 10, 'error', 'b', 'error'), ev(5, 5, 'phase_end', 'b')];
  it('time presets', () => {
    expect(presetSince('15m', NOW)).toBe(NOW - 900_000);
    expect(presetSince('today', NOW)).toBe(Date.UTC(2026, 0, 2));
    expect(presetSince('all', NOW)).toBeNull();
    expect(filterEvents(events, { preset: '15m', phase: '', types: [] }, NOW).map((e) => e.seq)).toEqual([4, 5]);
    expect(filterEvents(events, { preset: '4h', phase: '', types: [] }, NOW).map((e) => e.seq)).toEqual([2, 3, 4, 5]);
  });
  it('phase and type filters combine', () => {
    expect(filterEvents(events, { preset: 'all', phase: 'a', types: [] }, NOW).map((e) => e.seq)).toEqual([2, 3]);
    expect(filterEvents(events, { preset: 'all', phase: '', types: ['error', 'runner_start'] }, NOW).map((e) => e.seq)).toEqual([1, 4]);
    expect(filterEvents(events, { preset: 'all', phase: 'b', types: ['heartbeat'] }, NOW)).toEqual([]);
  });
  it('merge keeps newest first, unique by seq, bounded', () => {
    expect(mergeEvents([events[1] as RunEvent, events[0] as RunEvent], [events[1] as RunEvent, events[2] as RunEvent]).map((e) => e.seq)).toEqual([3, 2, 1]);
    expect(mergeEvents(events, [], 2).map((e) => e.seq)).toEqual([5, 4]);
  });
  it('heartbeat age, uptime, icons', () => {
    expect(heartbeatAgeSec({ last_heartbeat: new Date(NOW - 7000).toISOString(), updated_at: new Date(NOW).toISOString() }, NOW)).toBe(7);
    expect(heartbeatAgeSec({ last_heartbeat: null, updated_at: new Date(NOW - 2000).toISOString() }, NOW)).toBe(2);
    expect(heartbeatAgeSec(null, NOW)).toBeNull();
    const started = new Date(NOW - 90_000).toISOString();
    expect(uptimeSec({ started_at: started, updated_at: new Date(NOW - 30_000).toISOString(), status: 'running' }, NOW)).toBe(90);
    expect(uptimeSec({ started_at: started, updated_at: new Date(NOW - 30_000).toISOString(), status: 'completed' }, NOW)).toBe(60);
    expect(eventIcon({ type: 'heartbeat', level: 'debug' })).toBe('♥');
    expect(eventIcon({ type: 'phase_end', level: 'error' })).toBe('✖');
    expect(eventIcon({ type: 'retry', level: 'warning' })).toBe('⚠');
  });
});
