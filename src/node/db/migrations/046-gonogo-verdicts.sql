-- Trust #6: a Go/No-Go verdict is a stored record of the subject run, the evidence it used (ids) and the inputs
-- those ids yielded, so it is shown identically after a restart and re-derivable from the store.
CREATE TABLE gonogo_verdicts (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id         INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  risk_profile   TEXT NOT NULL,
  tier           TEXT,
  verdict        TEXT NOT NULL,
  -- { walkforwardRunId, sweepId, stressRunId, montecarloRunId } (null = not given)
  evidence_json  TEXT NOT NULL,
  -- the GoNoGoInput built from the run and the evidence (core/research/gonogo.ts)
  inputs_json    TEXT NOT NULL,
  -- the GoNoGoResult (verdict, checks, reasons)
  result_json    TEXT NOT NULL,
  -- sha256 of config/gonogo.toml's parsed thresholds the verdict was judged against
  config_hash    TEXT NOT NULL,
  created_at     INTEGER NOT NULL
);
CREATE INDEX gonogo_verdicts_run ON gonogo_verdicts(run_id, created_at);
