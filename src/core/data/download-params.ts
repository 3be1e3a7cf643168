import { z } from 'zod';
import { parseTimestamp } from './timestamp';

/**
 * A time given by a person or a payload: epoch ms (number), or text the CSV importer accepts
 * (ISO 8601 date/date-time, naive = UTC, or epoch s/ms digits). Parsed to epoch ms UTC.
 */
export const TimeInput = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const ms = typeof v === 'number' ? v : parseTimestamp(v);
  if (!Number.isFinite(ms)) {
    ctx.addIssue({ code: 'custom', message: `"${v}" is not a time (use 2024-01-01, 2024-01-01T12:00Z or epoch ms)` });
    return z.NEVER;
  }
  return ms;
});

/**
 * The serialisable part of a download request (contract `data:download`, CLI `peak data download`);
 * the node layer adds progress, cancellation and the replay URL. Times are candle open times, epoch ms UTC;
 * `until` is exclusive.
 */
export const DownloadParams = z.object({
  exchangeId: z.string().min(1).default('kraken'),
  symbol: z.string().min(3),
  timeframe: z.string().min(2).default('1h'),
  since: TimeInput,
  until: TimeInput.optional(),
  pageLimit: z.number().int().positive().max(10_000).optional(),
});
export type DownloadParams = z.output<typeof DownloadParams>;
export type DownloadParamsInput = z.input<typeof DownloadParams>;
