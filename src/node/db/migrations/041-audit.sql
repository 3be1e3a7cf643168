-- Append-only audit log (safety gates, risk state, kill switch, live sessions, drills, governance, overrides).
-- Each row carries the sha256 of the previous row (prev_hash) and its own hash over its canonical content, so
-- `peak audit verify` detects a changed, inserted or deleted row. Triggers refuse UPDATE and DELETE outright.
CREATE TABLE audit_log (
  seq        INTEGER PRIMARY KEY,          -- 1, 2, 3 … without gaps
  ts         INTEGER NOT NULL,             -- epoch ms (injected clock)
  category   TEXT NOT NULL,                -- a fixed list (core AuditCategory)
  action     TEXT NOT NULL,
  actor      TEXT NOT NULL,                -- 'operator', 'system', 'cli', a connection id …
  subject    TEXT,                         -- the session / proposal / patch / drill id it concerns
  allowed    INTEGER,                      -- gate decisions: 1 allowed, 0 refused; NULL otherwise
  reason     TEXT,
  details    TEXT NOT NULL,                -- JSON, secrets redacted before hashing
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_log_category_ts ON audit_log (category, ts);
CREATE INDEX audit_log_subject ON audit_log (subject);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
