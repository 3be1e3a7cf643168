-- Automation (issue 12): suite runs (the SPEC §8 JSON log, zod-parsed on read), the autonomous workflow's
-- decisions with the metric values they saw, and the scheduler's memory (last check per job, so runs missed
-- while the app was closed can be reported, never silently replayed).
CREATE TABLE automation_runs (
  id          TEXT PRIMARY KEY,          -- run_id "daily_<YYYYmmdd_HHMMSS>_<hex6>"
  suite       TEXT NOT NULL CHECK (suite IN ('daily', 'weekly')),
  status      TEXT NOT NULL,             -- running | completed | failed | interrupted
  started_at  INTEGER NOT NULL,          -- epoch ms
  finished_at INTEGER,
  dir         TEXT NOT NULL,             -- run directory (events.jsonl, summary.json, the JSON log, summary.md)
  trigger     TEXT NOT NULL,             -- cli | app | scheduler:<job>
  log         TEXT NOT NULL              -- JSON: the SPEC §8 log as last written
);
CREATE INDEX automation_runs_started ON automation_runs (started_at);

CREATE TABLE automation_decisions (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  created_at    INTEGER NOT NULL,
  workflow_type TEXT NOT NULL,
  action        TEXT NOT NULL,
  confidence    REAL NOT NULL,
  dry_run       INTEGER NOT NULL,
  outcome       TEXT NOT NULL,           -- JSON: the decision, monitors and what was executed
  trigger       TEXT NOT NULL
);
CREATE INDEX automation_decisions_created ON automation_decisions (created_at);

CREATE TABLE automation_schedule (
  job_name        TEXT PRIMARY KEY,
  last_checked_at INTEGER NOT NULL,      -- the scheduler was running up to here
  last_fired_at   INTEGER,
  last_status     TEXT
);
