/**
 * Client side of the job lifecycle contract (docs/architecture.md): the renderer chooses the job id
 * (crypto.randomUUID()) and passes it with the long command, so it knows the id before the first event; it reads
 * only the events carrying that id and cancels by that id. Pure helpers, unit-tested.
 */
import { fmtInt } from './format';

/** The parts of a `jobs:did-progress` payload this side reads. */
export interface JobProgressLike {
  jobId: string;
  kind: string;
  done: number;
  total: number | null;
  etaSec: number | null;
  message?: string;
}

/** A fresh id matching the contract's JobIdSchema (/^[A-Za-z0-9._-]{1,64}$/). */
export function newJobId(uuid: () => string = () => globalThis.crypto.randomUUID()): string {
  return uuid().replace(/[^A-Za-z0-9._-]/g, '').slice(0, 64) || `job-${Date.now()}`;
}

/** True only for events of `jobId` (null = this hook follows no job: nothing matches). */
export function isOwnJobEvent(p: { jobId: string }, jobId: string | null): boolean {
  return jobId !== null && p.jobId === jobId;
}

/** "walkforward: 3 / 12 · ETA 4 s · window 3" — what the Study panel shows under its button. */
export function progressText(p: JobProgressLike): string {
  const of = p.total ? ` / ${fmtInt(p.total)}` : '';
  const eta = p.etaSec !== null && p.etaSec > 0 ? ` · ETA ${p.etaSec.toFixed(0)} s` : '';
  const msg = p.message ? ` · ${p.message}` : '';
  return `${p.kind}: ${fmtInt(p.done)}${of}${eta}${msg}`;
}
