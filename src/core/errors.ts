/** A failure the user can act on. `code` is stable (tests, IPC, CLI exit codes); `message` names the file/row/field/flag. */
import { z } from 'zod';

/**
 * Every error code, declared once: the contract's error envelope, the transports (HTTP status, CLI exit code),
 * the worker pool and the renderer client all read this list, so a new code can never reach a caller as INTERNAL.
 */
export const PeakErrorCodeSchema = z.enum([
  'BAD_INPUT', // invalid parameters, flags, payloads
  'BAD_FILE', // CSV/TOML content rejected
  'NOT_FOUND',
  'CONFLICT',
  'CANCELLED',
  'UNSAFE', // a safety gate refused
  'FORBIDDEN', // the caller may not act on this (e.g. cancel another connection's job without force)
  'INTERNAL',
]);
export type PeakErrorCode = z.infer<typeof PeakErrorCodeSchema>;
export const PEAK_ERROR_CODES: readonly PeakErrorCode[] = PeakErrorCodeSchema.options;

/** A code from the wire, or null when it is not one of ours (the caller decides what an unknown code means). */
export function parseErrorCode(code: unknown): PeakErrorCode | null {
  const r = PeakErrorCodeSchema.safeParse(code);
  return r.success ? r.data : null;
}

export class PeakError extends Error {
  readonly code: PeakErrorCode;
  readonly details?: unknown;
  constructor(code: PeakErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'PeakError';
    this.code = code;
    this.details = details;
  }
}

export const isPeakError = (e: unknown): e is PeakError => e instanceof PeakError;
