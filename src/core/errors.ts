/** A failure the user can act on. `code` is stable (tests, IPC, CLI exit codes); `message` names the file/row/field/flag. */
export type PeakErrorCode =
  | 'BAD_INPUT' // invalid parameters, flags, payloads
  | 'BAD_FILE' // CSV/TOML content rejected
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'CANCELLED'
  | 'UNSAFE' // a safety gate refused
  | 'INTERNAL';

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
