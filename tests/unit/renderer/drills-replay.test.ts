import { describe, expect, it } from 'vitest';
import {
  DEFAULT_BINDINGS, actionForKey, barAt, countdownLeft, fpsOf, heatMatrix, latestSignalIndex, paintedBefore, parseBindings, rebind, signalForPress, visibleWindow,
} from '../../../src/renderer/src/features/drills/replay-model';

describe('drill replay model', () => {
  it('bar clock: from + ⌊elapsed·speed/1000⌋, capped', () => {
    expect(barAt(30, 999, 4, 500)).toBe(33);
    expect(barAt(30, 1000, 4, 500)).toBe(34);
    expect(barAt(30, 1e9, 4, 500)).toBe(500);
    expect(barAt(30, -5, 4, 500)).toBe(30);
  });
  it('latest signal by binary search', () => {
    const s = [{ signalId: 'a', bar: 10 }, { signalId: 'b', bar: 20 }, { signalId: 'c', bar: 30 }];
    expect([5, 10, 19, 20, 31].map((b) => latestSignalIndex(s, b))).toEqual([-1, 0, 0, 1, 2]);
  });
  it('a press answers the latest unanswered signal, else it is off-signal', () => {
    expect(signalForPress('s3', new Set(['s1']))).toBe('s3');
    expect(signalForPress('s3', new Set(['s3']))).toBeNull();
    expect(signalForPress(null, new Set())).toBeNull();
  });
  it('bindings: defaults, lookup (case-insensitive letters), swap on conflict, reserved keys refused, bad storage ignored', () => {
    expect(actionForKey(DEFAULT_BINDINGS, 'L')).toBe('enter_long');
    expect(actionForKey(DEFAULT_BINDINGS, 'q')).toBeNull();
    const b = rebind(DEFAULT_BINDINGS, 'enter_long', 's')!;
    expect(b.enter_long).toBe('s');
    expect(b.enter_short).toBe('l');
    expect(rebind(DEFAULT_BINDINGS, 'exit', 'p')).toBeNull();
    expect(parseBindings('{"enter_long":"x"}')).toEqual(DEFAULT_BINDINGS); // duplicate with exit → defaults
    expect(parseBindings('{"enter_long":"ArrowUp"}').enter_long).toBe('ArrowUp');
    expect(parseBindings('nope')).toEqual(DEFAULT_BINDINGS);
  });
  it('a key answers the last signal painted before the keystroke', () => {
    const at = { s1: 100, s2: 200 };
    expect(paintedBefore(at, ['s1', 's2'], 199.9)).toBe('s1');
    expect(paintedBefore(at, ['s1', 's2'], 200)).toBe('s2');
    expect(paintedBefore(at, ['s1', 's2'], 50)).toBeNull();
  });
  it('countdown, window, fps, heat matrix', () => {
    expect(countdownLeft(1000, 3500, 4000)).toBe(1500);
    expect(countdownLeft(1000, 9000, 4000)).toBe(0);
    expect(visibleWindow(50, 120)).toEqual([0, 50]);
    expect(visibleWindow(500, 120)).toEqual([381, 500]);
    expect(fpsOf([0, 16, 32, 48])).toBeCloseTo(62.5, 9);
    const m = heatMatrix([{ cluster: 'a', dimension: 'x', score: 2.6, heat: 3, signalIds: ['s1'] }], ['a', 'b'], ['x']);
    expect(m.z).toEqual([[3], [0]]);
    expect(m.text[0][0]).toContain('score 2.60');
  });
});
