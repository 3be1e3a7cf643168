-- Governance loop (issue 10, SPEC §10): learning signals, config patches, promotion proposals with their
-- decisions, the live overrides versions (every version kept for rollback) and the kill switch state.
-- JSON columns are zod-parsed on read (src/node/governance/repo.ts). Every change is also in audit_log.
CREATE TABLE learning_signals (
  id            TEXT PRIMARY KEY,
  source        TEXT NOT NULL,
  evidence_kind TEXT NOT NULL,
  evidence_id   TEXT NOT NULL,
  changes_json  TEXT NOT NULL,
  confidence    REAL NOT NULL,
  reason        TEXT NOT NULL,
  meta_json     TEXT NOT NULL DEFAULT '{}',
  snippet       TEXT,
  created_at    INTEGER NOT NULL
);
CREATE INDEX learning_signals_created ON learning_signals(created_at);
CREATE INDEX learning_signals_evidence ON learning_signals(evidence_kind, evidence_id);

CREATE TABLE config_patches (
  id                TEXT PRIMARY KEY,
  signal_id         TEXT REFERENCES learning_signals(id),
  target            TEXT NOT NULL,
  old_json          TEXT NOT NULL,
  new_json          TEXT NOT NULL,
  status            TEXT NOT NULL,
  reason            TEXT NOT NULL,
  source_experiment TEXT,
  confidence        REAL,
  generated_at      INTEGER NOT NULL,
  applied_at        INTEGER,
  promoted_at       INTEGER,
  promoted_by       TEXT,
  validation_json   TEXT,
  meta_json         TEXT NOT NULL DEFAULT '{}',
  updated_at        INTEGER NOT NULL
);
CREATE INDEX config_patches_status ON config_patches(status, generated_at);
CREATE INDEX config_patches_promoted ON config_patches(promoted_by, promoted_at);

CREATE TABLE promotion_proposals (
  id            TEXT PRIMARY KEY,
  created_at    INTEGER NOT NULL,
  mode          TEXT NOT NULL,
  status        TEXT NOT NULL,
  title         TEXT NOT NULL,
  description   TEXT NOT NULL,
  dir           TEXT NOT NULL,           -- relative to the data dir: live_promotion/<id>
  decided_at    INTEGER,
  decided_by    TEXT,
  decided_note  TEXT,
  overrides_version INTEGER
);
CREATE INDEX promotion_proposals_created ON promotion_proposals(created_at);

CREATE TABLE promotion_decisions (
  proposal_id   TEXT NOT NULL REFERENCES promotion_proposals(id),
  idx           INTEGER NOT NULL,
  patch_id      TEXT NOT NULL REFERENCES config_patches(id),
  status        TEXT NOT NULL,
  decision_json TEXT NOT NULL,
  PRIMARY KEY (proposal_id, idx)
) WITHOUT ROWID;

CREATE TABLE overrides_versions (
  version     INTEGER PRIMARY KEY,       -- 0 = the empty start; 1, 2, 3 … without gaps
  created_at  INTEGER NOT NULL,
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL,             -- init | apply | auto-apply | rollback
  reason      TEXT NOT NULL,
  proposal_id TEXT,
  values_json TEXT NOT NULL,
  content     TEXT NOT NULL,             -- the exact TOML bytes written
  sha256      TEXT NOT NULL
);

CREATE TABLE governance_state (
  key        TEXT PRIMARY KEY,
  value_json TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
