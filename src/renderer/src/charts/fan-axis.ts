/**
 * Pure helpers of the Monte-Carlo fan chart. Bar-resampling methods produce paths over "bars from the start", so the
 * run's own equity can be laid over them bar for bar, and steps can be shown as dates (the run's first bar time +
 * step × bar length). Trade-order shuffles are over trades: neither applies.
 */
export interface EquityLod {
  equityLast: number[];
  barsPerPoint: number;
  totalPoints: number;
}

/** The run's equity at bucket ends, as (bars from start, equity): bucket j ends at bar (j + 1)·k − 1. */
export function actualOnSteps(eq: EquityLod): { step: number[]; equity: number[] } {
  const k = eq.barsPerPoint;
  const step = eq.equityLast.map((_, j) => Math.min(eq.totalPoints - 1, (j + 1) * k - 1));
  return { step, equity: eq.equityLast.slice() };
}

/** step → epoch ms for a run of `bars` bars from `fromTime` to `toTime` (regular bars assumed); null if unknown. */
export function stepToTime(fromTime: number | null, toTime: number | null, bars: number): ((step: number) => number) | null {
  if (fromTime === null || toTime === null || bars < 2 || toTime <= fromTime) return null;
  const barMs = (toTime - fromTime) / (bars - 1);
  return (step) => fromTime + step * barMs;
}

/**
 * The run bar a Monte-Carlo path starts from. Paths resample the run's bar returns from the strategy's first active
 * bar on (`returns` of them, after its warm-up), so path step k is run bar offset + k with offset = bars − 1 − returns.
 */
export function fanBarOffset(runBars: number, returns: number): number {
  return Math.max(0, runBars - 1 - returns);
}
