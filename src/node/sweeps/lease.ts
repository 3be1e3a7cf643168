/**
 * Sweep leases (Trust #17): pid + heartbeat in the sweep_leases table, so a second process (another `peak sweep
 * resume`, the app and the CLI on one database) cannot compute a sweep that is still running elsewhere.
 *
 * A lease is live while its heartbeat is younger than `ttlMs` AND, on this host, its pid still exists. A dead
 * holder (crash, SIGKILL) is detected at once through its pid, so kill-and-resume needs no waiting; a holder on
 * another host is trusted until its heartbeat goes stale. Acquisition is one IMMEDIATE transaction.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { PeakError } from '../../core/errors';
import type { LeaseRow, SweepLeaseQueries } from '../db/sweep-leases';

export type { LeaseRow } from '../db/sweep-leases';

export interface SweepLease {
  readonly sweepId: number;
  /** stop heartbeating and delete the row (only if still ours); idempotent */
  release(): void;
}

export interface SweepLeases {
  /** this process's lease on the sweep, or CONFLICT naming the live holder */
  acquire(sweepId: number): SweepLease;
  /** a live lease held by ANOTHER owner (then the sweep is running elsewhere) */
  heldElsewhere(sweepId: number): LeaseRow | null;
}

export interface LeaseOptions {
  /** epoch ms */
  clock: () => number;
  /** heartbeat older than this = stale (default 15 s); heartbeats are written every ttl/3 */
  ttlMs?: number;
  pid?: number;
  host?: string;
  /** does this pid exist on this host? (default: process.kill(pid, 0)) */
  pidAlive?: (pid: number) => boolean;
}

function defaultPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else
    return (e as { code?: string }).code === 'EPERM';
  }
}

/** `q`: the sweep_leases repository (store.sweepLeases). */
export function createSweepLeases(q: SweepLeaseQueries, opts: LeaseOptions): SweepLeases {
  const ttl = opts.ttlMs ?? 15_000;
  const pid = opts.pid ?? process.pid;
  const host = opts.host ?? hostname();
  const pidAlive = opts.pidAlive ?? defaultPidAlive;
  // one owner per services instance: two instances in one process (tests, app + embedded CLI) are distinct
  const owner = `${host}:${pid}:${randomBytes(6).toString('hex')}`;

  const live = (r: LeaseRow, now: number): boolean =>
    now - r.heartbeat_at < ttl && (r.host !== host || pidAlive(r.pid));

  function heldElsewhere(sweepId: number): LeaseRow | null {
    const r = q.get(sweepId);
    return r && r.owner !== owner && live(r, opts.clock()) ? r : null;
  }

  function acquire(sweepId: number): SweepLease {
    const now = opts.clock();
    const holder = q.claim({ sweepId, owner, pid, host, now }, (r) => r.owner !== owner && live(r, now));
    if (holder) {
      throw new PeakError('CONFLICT', `sweep ${sweepId} is running in another process (pid ${holder.pid} on ${holder.host}, last heartbeat ${Math.max(0, Math.round((now - holder.heartbeat_at) / 1000))} s ago); wait for it or cancel it there`);
    }
    let released = false;
    const timer = setInterval(() => {
      try {
        q.heartbeat(sweepId, owner, opts.clock());
      } catch {
        clearInterval(timer); // store closed
      }
    }, Math.max(50, Math.floor(ttl / 3)));
    timer.unref();
    return {
      sweepId,
      release() {
        if (released) return;
        released = true;
        clearInterval(timer);
        try {
          q.release(sweepId, owner);
        } catch {
          /* store closed: the row goes stale by itself */
        }
      },
    };
  }

  return { acquire, heldElsewhere };
}
