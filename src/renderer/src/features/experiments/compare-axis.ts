/**
 * The time axis of the compare chart. Runs on one data set share a calendar, so they keep their dates; runs on
 * different data sets (2004 stocks against 2024 crypto) would leave the years between them empty on one calendar
 * axis, so each curve is placed on "days since its own start" instead.
 */
export type CompareAxis = 'date' | 'days';

const DAY_MS = 86_400_000;

export function compareAxisKind(datasetIds: readonly (string | null | undefined)[]): CompareAxis {
  return new Set(datasetIds).size <= 1 ? 'date' : 'days';
}

/** x values of one curve: the epoch-ms times themselves, or days since the curve's first point. */
export function compareX(time: readonly number[], axis: CompareAxis): number[] {
  if (axis === 'date' || time.length === 0) return [...time];
  const t0 = time[0];
  return time.map((t) => (t - t0) / DAY_MS);
}
