-- Jobs (issue 7): one row per long job — downloads, backtests, research runs, sweeps; later live sessions,
-- drills and automation runs. The row outlives the process: a job still 'running' when the store opens was left
-- by a process that died and becomes 'interrupted' (resumable kinds can then continue it under the same id).
CREATE TABLE jobs (
  id           TEXT PRIMARY KEY,
  kind         TEXT NOT NULL,
  -- running | done | failed | cancelled | interrupted
  status       TEXT NOT NULL,
  -- the connection that started it (a twin page, an Electron webContents, 'cli', 'test', 'local')
  owner        TEXT NOT NULL,
  config_hash  TEXT,
  done         REAL NOT NULL DEFAULT 0,
  total        REAL,
  message      TEXT,
  -- what the job produced, e.g. ('run', '12'), ('sweep', '3'), ('dataset', 'btc-1h')
  result_kind  TEXT,
  result_id    TEXT,
  error        TEXT,
  started_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  finished_at  INTEGER
);
CREATE INDEX jobs_started ON jobs(started_at);
CREATE INDEX jobs_result ON jobs(result_kind, result_id);

-- Sweeps that existed before this table get a job each, so jobs:resume reaches them too.
INSERT INTO jobs (id, kind, status, owner, config_hash, done, total, result_kind, result_id, error, started_at, updated_at, finished_at)
SELECT 'sweep-' || id, 'sweep', CASE status WHEN 'running' THEN 'interrupted' ELSE status END, 'local', config_hash, done, total,
       'sweep', CAST(id AS TEXT), error, created_at, updated_at, finished_at
FROM sweeps;
