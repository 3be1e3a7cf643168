-- Research reports: the HTML/Markdown/JSON files written for a run (walk-forward, Monte-Carlo,
-- stress, portfolio), under <dataDir>/reports/<runId>/. Files stay files; this table references them.
CREATE TABLE run_reports (
  run_id     INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
  dir        TEXT NOT NULL,
  html_path  TEXT,
  md_path    TEXT,
  json_path  TEXT,
  created_at INTEGER NOT NULL
);
