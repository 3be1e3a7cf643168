/**
 * The sweep_leases table (migration 045, Trust #17): which process computes a sweep. The policy (when a lease is
 * live, heartbeats, CONFLICT messages) is node/sweeps/lease.ts; this module is only its SQL.
 */
import type Database from 'better-sqlite3';

export interface LeaseRow {
  sweep_id: number;
  owner: string;
  pid: number;
  host: string;
  acquired_at: number;
  heartbeat_at: number;
}

export interface LeaseClaim {
  sweepId: number;
  owner: string;
  pid: number;
  host: string;
  /** epoch ms: acquisition and first heartbeat */
  now: number;
}

export function createSweepLeaseQueries(db: Database.Database) {
  const get = db.prepare('SELECT * FROM sweep_leases WHERE sweep_id = ?');
  const upsert = db.prepare(`INSERT INTO sweep_leases (sweep_id, owner, pid, host, acquired_at, heartbeat_at) VALUES (@sweepId, @owner, @pid, @host, @now, @now)
    ON CONFLICT(sweep_id) DO UPDATE SET owner = excluded.owner, pid = excluded.pid, host = excluded.host, acquired_at = excluded.acquired_at, heartbeat_at = excluded.heartbeat_at`);
  const beat = db.prepare('UPDATE sweep_leases SET heartbeat_at = ? WHERE sweep_id = ? AND owner = ?');
  const del = db.prepare('DELETE FROM sweep_leases WHERE sweep_id = ? AND owner = ?');
  return {
    get(sweepId: number): LeaseRow | null {
      return (get.get(sweepId) as LeaseRow | undefined) ?? null;
    },
    /**
     * In ONE immediate transaction (no other process can claim in between): the current row if `blocks` says it
     * stands in the way (nothing written), else null after writing `c` as the holder.
     */
    claim(c: LeaseClaim, blocks: (current: LeaseRow) => boolean): LeaseRow | null {
      return db.transaction((): LeaseRow | null => {
        const r = get.get(c.sweepId) as LeaseRow | undefined;
        if (r && blocks(r)) return r;
        upsert.run(c);
        return null;
      }).immediate();
    },
    heartbeat(sweepId: number, owner: string, now: number): void {
      beat.run(now, sweepId, owner);
    },
    /** deletes the row only if `owner` still holds it */
    release(sweepId: number, owner: string): void {
      del.run(sweepId, owner);
    },
  };
}

export type SweepLeaseQueries = ReturnType<typeof createSweepLeaseQueries>;
