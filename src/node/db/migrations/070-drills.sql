-- Trigger-training drills (issue 11, SPEC §7). One row per drill; its signals, the trader's actions (with key,
-- measured latency and the bar on screen), and the paper trades. JSON columns are zod-parsed on read.
CREATE TABLE drills (
  id           TEXT PRIMARY KEY,
  created_at   INTEGER NOT NULL,            -- epoch ms
  finished_at  INTEGER,                     -- epoch ms; NULL while running
  status       TEXT NOT NULL CHECK (status IN ('running', 'finished', 'abandoned')),
  scenario_id  TEXT,                        -- NULL for a data-set drill or the demo
  config_json  TEXT NOT NULL,               -- DrillConfig (strategy, params, speed, length, countdown, seed, source)
  prices_json  TEXT NOT NULL,               -- replayed bars {time, open, high, low, close}
  analysis_json TEXT,                       -- DrillAnalysis after finish
  pnl          REAL,
  total_signals INTEGER NOT NULL DEFAULT 0,
  missed_signals INTEGER,
  avg_reaction_ms REAL
);
CREATE INDEX drills_created ON drills (created_at);

CREATE TABLE drill_signals (
  drill_id    TEXT NOT NULL REFERENCES drills(id) ON DELETE CASCADE,
  signal_id   TEXT NOT NULL,
  bar         INTEGER NOT NULL,
  time        INTEGER NOT NULL,
  state       INTEGER NOT NULL,
  recommended TEXT NOT NULL,
  tags_json   TEXT NOT NULL,
  PRIMARY KEY (drill_id, signal_id)
);

CREATE TABLE drill_actions (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  drill_id    TEXT NOT NULL REFERENCES drills(id) ON DELETE CASCADE,
  signal_id   TEXT,                         -- NULL: an off-signal action
  key         TEXT NOT NULL,                -- enter_long | enter_short | exit | skip
  user_action TEXT NOT NULL,                -- SPEC vocabulary: EXECUTED, SKIPPED, FOMO, RULE_BREAK
  latency_ms  REAL,                         -- performance.now() from the signal's paint to the key press
  bar         INTEGER NOT NULL,             -- last bar on screen when the key was pressed
  time        INTEGER NOT NULL,             -- signal time + latency (bar clock), epoch ms
  note        TEXT NOT NULL DEFAULT '',
  received_at INTEGER NOT NULL              -- server clock, epoch ms
);
CREATE INDEX drill_actions_drill ON drill_actions (drill_id);

CREATE TABLE drill_trades (
  drill_id    TEXT NOT NULL REFERENCES drills(id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  side        INTEGER NOT NULL,
  entry_bar   INTEGER NOT NULL,
  entry_price REAL NOT NULL,
  exit_bar    INTEGER NOT NULL,
  exit_price  REAL NOT NULL,
  qty         REAL NOT NULL,
  fees        REAL NOT NULL,
  pnl         REAL NOT NULL,
  reason      TEXT NOT NULL,
  PRIMARY KEY (drill_id, seq)
);
