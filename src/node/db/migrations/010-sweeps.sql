-- Sweeps. One row per sweep with its resolved, hashed configuration; finished chunks are recorded
-- in the same transaction as their results, which is what makes a killed sweep resumable with identical results.
CREATE TABLE sweeps (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  dataset_id   TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  strategy_id  TEXT NOT NULL,
  preset       TEXT,
  -- SweepConfig (core/research/sweep.ts) as canonical JSON; config_hash = sha256 of {dataset content hash, config}
  config_json  TEXT NOT NULL,
  config_hash  TEXT NOT NULL,
  seed         INTEGER NOT NULL,
  metric       TEXT NOT NULL,
  -- number of parameter combinations, chunk size and chunk count (chunk c = combinations [c·size, (c+1)·size))
  total        INTEGER NOT NULL,
  chunk_size   INTEGER NOT NULL,
  chunks       INTEGER NOT NULL,
  chunks_done  INTEGER NOT NULL DEFAULT 0,
  done         INTEGER NOT NULL DEFAULT 0,
  -- running | interrupted | cancelled | failed | done ('running' rows left by a dead process read as interrupted)
  status       TEXT NOT NULL,
  error        TEXT,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  finished_at  INTEGER,
  -- wall time spent computing, summed over sessions (ms)
  elapsed_ms   REAL NOT NULL DEFAULT 0
);
CREATE INDEX sweeps_created ON sweeps(created_at);
CREATE INDEX sweeps_dataset ON sweeps(dataset_id, created_at);

CREATE TABLE sweep_chunks (
  sweep_id    INTEGER NOT NULL REFERENCES sweeps(id) ON DELETE CASCADE,
  chunk       INTEGER NOT NULL,
  finished_at INTEGER NOT NULL,
  PRIMARY KEY (sweep_id, chunk)
) WITHOUT ROWID;

-- Per combination: params, computeMetrics fields (JSON) and PBO block statistics (Float64Array BLOB, packed
-- [n, Σr, Σr²] × S, see core/research/block-stats.ts). The most common ranking metrics also as real columns.
CREATE TABLE sweep_results (
  sweep_id          INTEGER NOT NULL REFERENCES sweeps(id) ON DELETE CASCADE,
  idx               INTEGER NOT NULL,
  params_json       TEXT NOT NULL,
  metrics_json      TEXT NOT NULL,
  blocks            BLOB NOT NULL,
  sharpe            REAL,
  total_return_pct  REAL,
  max_drawdown_pct  REAL,
  trades            REAL,
  PRIMARY KEY (sweep_id, idx)
) WITHOUT ROWID;
CREATE INDEX sweep_results_sharpe ON sweep_results(sweep_id, sharpe);
