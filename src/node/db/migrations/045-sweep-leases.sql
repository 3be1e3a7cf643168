-- Trust #17: a sweep is computed by ONE process at a time. The process running it holds a lease (owner, pid,
-- host, heartbeat); another process that tries to resume it while the lease is live gets CONFLICT. A lease whose
-- heartbeat is older than its TTL, or whose pid is gone on this host (kill -9), is stale and may be taken over.
CREATE TABLE sweep_leases (
  sweep_id     INTEGER PRIMARY KEY REFERENCES sweeps(id) ON DELETE CASCADE,
  owner        TEXT NOT NULL,
  pid          INTEGER NOT NULL,
  host         TEXT NOT NULL,
  acquired_at  INTEGER NOT NULL,
  heartbeat_at INTEGER NOT NULL
);
