import { z } from 'zod';

/**
 * What a data set's quality check found. Stored with every data set (SQLite metadata) and shown on import.
 * Times are epoch milliseconds UTC; `intervalMs` is the detected (median) bar spacing.
 */
export const GapInfo = z.object({
  /** time of the last bar before the hole (epoch ms UTC) */
  afterTime: z.number(),
  /** whole bars missing in the hole, at the detected interval */
  missingBars: z.number().int().nonnegative(),
});
export type GapInfo = z.infer<typeof GapInfo>;

/** At most this many gaps are listed in `gaps.first`; `gaps.count` counts all of them. */
export const MAX_LISTED_GAPS = 20;

export const QualityReport = z.object({
  bars: z.number().int().nonnegative(),
  firstTime: z.number(),
  lastTime: z.number(),
  intervalMs: z.number().nonnegative(),
  intervalLabel: z.string(),
  calendar: z.enum(['24/7', 'exchange']),
  gaps: z.object({
    count: z.number().int().nonnegative(),
    /** the longest hole: spacing between the two bars around it, in ms (0 when there is no gap) */
    largestMs: z.number().nonnegative(),
    first: z.array(GapInfo).max(MAX_LISTED_GAPS),
  }),
  /** always 0: duplicate timestamps are rejected, never silently dropped */
  duplicatesRemoved: z.number().int().nonnegative(),
  warnings: z.array(z.string()),
});
export type QualityReport = z.infer<typeof QualityReport>;
