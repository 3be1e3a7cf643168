/**
 * Pure helpers of the drill replay (no DOM): the bar clock, which signal a key answers, countdowns, key bindings,
 * the chart's visible window and the heatmap matrix. Unit-tested in tests/unit/renderer/drills-replay.test.ts.
 */
export type DrillKey = 'enter_long' | 'enter_short' | 'exit' | 'skip';
export type Bindings = Record<DrillKey, string>;

export const DEFAULT_BINDINGS: Bindings = { enter_long: 'l', enter_short: 's', exit: 'x', skip: 'n' };
export const KEY_LABELS: Record<DrillKey, string> = { enter_long: 'Enter long', enter_short: 'Enter short', exit: 'Exit', skip: 'Skip' };
export const RESERVED_KEYS = ['p', 'Escape'] as const; // pause/resume, abandon

/** Parses stored bindings; anything malformed falls back to the defaults (a key may be bound once only). */
export function parseBindings(raw: string | null): Bindings {
  if (!raw) return { ...DEFAULT_BINDINGS };
  try {
    const v = JSON.parse(raw) as Record<string, unknown>;
    const out = { ...DEFAULT_BINDINGS };
    for (const k of Object.keys(DEFAULT_BINDINGS) as DrillKey[]) if (typeof v[k] === 'string' && (v[k] as string).length > 0 && (v[k] as string).length <= 20) out[k] = v[k] as string;
    return new Set(Object.values(out)).size === 4 ? out : { ...DEFAULT_BINDINGS };
  } catch {
    return { ...DEFAULT_BINDINGS };
  }
}

/** Rebinding to a key another action holds swaps the two; reserved keys are refused (null). */
export function rebind(b: Bindings, action: DrillKey, key: string): Bindings | null {
  if ((RESERVED_KEYS as readonly string[]).includes(key)) return null;
  const other = (Object.keys(b) as DrillKey[]).find((k) => k !== action && b[k] === key);
  const next = { ...b, [action]: key };
  if (other) next[other] = b[action];
  return next;
}

export function actionForKey(b: Bindings, key: string): DrillKey | null {
  const k = key.length === 1 ? key.toLowerCase() : key;
  return (Object.keys(b) as DrillKey[]).find((a) => b[a] === k) ?? null;
}

/** Bar shown at replay time `elapsedMs` (pauses excluded): from + ⌊elapsed·speed/1000⌋, capped at the last bar. */
export function barAt(from: number, elapsedMs: number, speedBarsPerS: number, lastBar: number): number {
  return Math.min(lastBar, from + Math.floor((Math.max(0, elapsedMs) * speedBarsPerS) / 1000));
}

export interface SignalLite {
  signalId: string;
  bar: number;
}

/** Index of the latest signal at or before `bar` (−1 if none yet); signals are sorted by bar. */
export function latestSignalIndex(signals: readonly SignalLite[], bar: number): number {
  let lo = 0;
  let hi = signals.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (signals[mid].bar <= bar) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

/**
 * The signal a key press answers: the latest painted signal if it has not been answered yet (even after its
 * countdown ran out — a late press is still a reaction to it); otherwise null (an off-signal action).
 */
export function signalForPress(latestPainted: string | null, answered: ReadonlySet<string>): string | null {
  return latestPainted !== null && !answered.has(latestPainted) ? latestPainted : null;
}

/** The last signal (in paint order) whose paint stamp is at or before the keystroke's time, or null. */
export function paintedBefore(paintedAt: Readonly<Record<string, number>>, order: readonly string[], at: number): string | null {
  for (let i = order.length - 1; i >= 0; i--) if (paintedAt[order[i]] <= at) return order[i];
  return null;
}

export function countdownLeft(paintedAt: number, now: number, countdownMs: number): number {
  return Math.max(0, countdownMs - (now - paintedAt));
}

/** [start, end] of the bars drawn: the last `width` bars up to `bar` (at least from 0). */
export function visibleWindow(bar: number, width: number): [number, number] {
  return [Math.max(0, bar - width + 1), bar];
}

/** Heatmap matrix rows = clusters, columns = dimensions, from flat cells. */
export function heatMatrix<C extends string, D extends string>(cells: readonly { cluster: C; dimension: D; score: number; heat: number; signalIds: string[] }[], clusters: readonly C[], dims: readonly D[]) {
  const at = (c: C, d: D) => cells.find((x) => x.cluster === c && x.dimension === d);
  return {
    z: clusters.map((c) => dims.map((d) => at(c, d)?.heat ?? 0)),
    text: clusters.map((c) => dims.map((d) => { const x = at(c, d); return `score ${(x?.score ?? 0).toFixed(2)} · heat ${x?.heat ?? 0}<br>events: ${x && x.signalIds.length ? x.signalIds.join(', ') : '—'}`; })),
    scores: clusters.map((c) => dims.map((d) => at(c, d)?.score ?? 0)),
  };
}

/** Frames per second over a list of frame timestamps (ms): (frames − 1) / span. */
export function fpsOf(frameTimes: readonly number[]): number {
  if (frameTimes.length < 2) return 0;
  return ((frameTimes.length - 1) * 1000) / (frameTimes[frameTimes.length - 1] - frameTimes[0]);
}
