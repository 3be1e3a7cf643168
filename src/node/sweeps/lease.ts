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
import type Database from 'better-sqlite3';
import { PeakError } from '../../core/errors';

export interface LeaseRow {
  sweep_id: number;
  owner: string;
  pid: number;
  host: string;
  acquired_at: number;
  heartbeat_at: number;
}

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

export function createSweepLeases(db: Database.Database, opts: LeaseOptions): SweepLeases {
  const ttl = opts.ttlMs ?? 15_000;
  const pid = opts.pid ?? process.pid;
  const host = opts.host ?? hostname();
  const pidAlive = opts.pidAlive ?? defaultPidAlive;
  // one owner per services instance: two instances in one process (tests, app + embedded CLI) are distinct
  const owner = `${host}:${pid}:${randomBytes(6).toString('hex')}`;
  const get = db.prepare('SELECT * FROM sweep_leases WHERE sweep_id = ?');
  const upsert = db.prepare(`INSERT INTO sweep_leases (sweep_id, owner, pid, host, acquired_at, heartbeat_at) VALUES (@sweep_id, @owner, @pid, @host, @now, @now)
    ON CONFLICT(sweep_id) DO UPDATE SET owner = excluded.owner, pid = excluded.pid, host = excluded.host, acquired_at = excluded.acquired_at, heartbeat_at = excluded.heartbeat_at`);
  const beat = db.prepare('UPDATE sweep_leases SET heartbeat_at = ? WHERE sweep_id = ? AND owner = ?');
  const del = db.prepare('DELETE FROM sweep_leases WHERE sweep_id = ? AND owner = ?');

  const live = (r: LeaseRow, now: number): boolean =>
    now - r.heartbeat_at < ttl && (r.host !== host || pidAlive(r.pid));

  function heldElsewhere(sweepId: number): LeaseRow | null {
    const r = get.get(sweepId) as LeaseRow | undefined;
    return r && r.owner !== owner && live(r, opts.clock()) ? r : null;
  }

  function acquire(sweepId: number): SweepLease {
    db.transaction(() => {
      const r = get.get(sweepId) as LeaseRow | undefined;
      const now = opts.clock();
      if (r && r.owner !== owner && live(r, now)) {
        throw new PeakError('CONFLICT', `sweep ${sweepId} is running in another process (pid ${r.pid} on ${r.host}, last heartbeat ${Math.max(0, Math.round((now - r.heartbeat_at) / 1000))} s ago); wait for it or cancel it there`);
      }
      upsert.run({ sweep_id: sweepId, owner, pid, host, now });
    }).immediate();
    let released = false;
    const timer = setInterval(() => {
      try {
        beat.run(opts.clock(), sweepId, owner);
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
          del.run(sweepId, owner);
        } catch {
          /* store closed: the row goes stale by itself */
        }
      },
    };
  }

  return { acquire, heldElsewhere };
}
